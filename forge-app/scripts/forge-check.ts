// `npm run forge:check`: the checks `forge deploy` would make, run offline.
//   1. manifest.yml (environment variables interpolated) against @forge/manifest's JSON schema;
//   2. the layout rule: each function handler resolves to src/<file>.ts exporting that name, and
//      each UI Kit resource path exists;
//   3. @forge/lint's client-side linters with the Jira OpenAPI spec from ../shared/jira (a Jira
//      call whose scope manifest.yml lacks fails here); skipped with a message when the spec is absent;
//   4. bundling: the functions with esbuild into app.package.path (what `forge deploy` uploads with
//      the manual bundler), and the UI Kit resources with @forge/bundler's own webpack config.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  lintForgeApp,
  projectRoot,
  readManifest,
  validateManifest,
  checkLayout,
  JIRA_SPEC,
} from './forge-checks.js';
import { bundleFunctions, bundleUiResources } from './forge-bundle.js';

async function main(): Promise<number> {
  const root = projectRoot();
  process.chdir(root);
  const manifest = await readManifest(root);
  let failed = false;
  const started = Date.now();
  const report = (title: string, problems: string[]) => {
    console.log(
      `${problems.length ? '✗' : '✓'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s in)`,
    );
    for (const p of problems) console.log(`    ${p}`);
    if (problems.length) failed = true;
  };

  report('manifest.yml matches the Forge manifest schema', validateManifest(manifest));
  report('handlers and resources follow the Forge layout rule', await checkLayout(root, manifest));

  // The manual bundler's handlers live in app.package.path, so the bundle is built before the lint.
  const bundled = await bundleFunctions(root, manifest);
  report('functions bundle (esbuild → app.package.path)', bundled);

  // The lint and webpack each keep one core busy for a minute or more: run them side by side.
  const lint = async () => {
    if (!existsSync(JIRA_SPEC(root)))
      return console.log(
        `- forge lint skipped: ${JIRA_SPEC(root)} is absent on this machine (the scope check needs it)`,
      );
    if (bundled.length === 0)
      report('forge lint (client-side, Jira spec from ../shared/jira)', await lintForgeApp(root, manifest));
  };
  const ui = async () => {
    const uiOut = await mkdtemp(join(tmpdir(), 'frontline-ui-'));
    try {
      report('UI Kit resources bundle (@forge/bundler)', await bundleUiResources(root, manifest, uiOut));
    } finally {
      await rm(uiOut, { recursive: true, force: true });
    }
  };
  await Promise.all([lint(), ui()]);
  return failed ? 1 : 0;
}

const self = resolve(process.argv[1] ?? '');
if (self.endsWith('forge-check.ts')) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
