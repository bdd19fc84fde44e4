// The offline Forge checks catch what `forge deploy` would refuse: a manifest outside the schema,
// a handler that does not resolve, and a Jira call whose scope the manifest lacks.
import { existsSync } from 'node:fs';
import {
  checkLayout,
  JIRA_SPEC,
  lintForgeApp,
  projectRoot,
  readManifest,
  validateManifest,
} from './forge-checks.js';
import type { Manifest } from './forge-checks.js';

const root = projectRoot();
const clone = (m: Manifest): Manifest => JSON.parse(JSON.stringify(m)) as Manifest;

describe('manifest.yml', () => {
  it('matches the Forge manifest schema and runs on Node 24', async () => {
    const manifest = await readManifest(root);
    expect(validateManifest(manifest)).toEqual([]);
    expect((manifest.app as { runtime?: { name?: string } }).runtime?.name).toBe('nodejs24.x');
  });

  it('fails the schema for a runtime Forge does not offer or an unknown module property', async () => {
    const manifest = clone(await readManifest(root));
    (manifest.app as { runtime: { name: string } }).runtime.name = 'nodejs18.x';
    expect(validateManifest(manifest).join('\n')).toContain('/app/runtime/name');
    const other = clone(await readManifest(root));
    (other.remotes as Record<string, unknown>[])[0]!.colour = 'blue';
    expect(validateManifest(other)).not.toEqual([]);
  });

  it('takes the sidecar URL from the environment, else the declared default', async () => {
    const fromEnv = await readManifest(root, { FRONTLINE_SIDECAR_URL: 'https://sidecar.northwind.example' });
    expect((fromEnv.remotes as { baseUrl: string }[])[0]!.baseUrl).toBe('https://sidecar.northwind.example');
    const byDefault = await readManifest(root, {});
    expect((byDefault.remotes as { baseUrl: string }[])[0]!.baseUrl).toMatch(/^https:\/\//);
  });

  it('names a handler that does not resolve under src/', async () => {
    const manifest = clone(await readManifest(root));
    expect(await checkLayout(root, manifest)).toEqual([]);
    manifest.modules!.function![0]!.handler = 'index.noSuchHandler';
    expect((await checkLayout(root, manifest)).join('\n')).toContain('does not export "noSuchHandler"');
  });
});

// The scope check needs Atlassian's Jira OpenAPI spec, which lives outside the project.
const withSpec = existsSync(JIRA_SPEC(root)) ? it : it.skip;

describe('forge lint (offline)', () => {
  withSpec(
    'fails when manifest.yml lacks a scope the Jira calls need',
    async () => {
      const files = ['forge-app/jira/jira-client.ts'];
      const manifest = await readManifest(root);
      const baseline = await lintForgeApp(root, manifest, files);
      expect(baseline.filter((e) => e.includes('jira-client'))).toEqual([]);
      const narrowed = clone(manifest);
      narrowed.permissions!.scopes = narrowed.permissions!.scopes!.filter((s) => s !== 'write:jira-work');
      const problems = (await lintForgeApp(root, narrowed, files)).filter((e) => !baseline.includes(e));
      expect(problems.join('\n')).toContain('write:jira-work');
    },
    120_000,
  );
});
