// Bundling for `forge:check` and `forge:build`.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DICTIONARIES } from '../spelling.js';
import { build } from 'esbuild';
import type * as ForgeBundler from '@forge/bundler';
import type * as Webpack from 'webpack';
import type { Manifest } from './forge-checks.js';

const require = createRequire(import.meta.url);

/**
 * Bundles src/index.ts into `<app.package.path>/index.cjs` (CommonJS, Node 24), the code the Forge
 * CLI's manual bundler uploads. Returns problems, one line each.
 */
export async function bundleFunctions(root: string, manifest: Manifest): Promise<string[]> {
  const outDir = manifest.app?.package?.path;
  if (!outDir) return ['app.package.path is not set in manifest.yml'];
  const target = join(root, outDir);
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['src/index.ts'],
      outfile: join(target, 'index.cjs'),
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      sourcemap: true,
      logLevel: 'silent',
      tsconfig: 'forge-app/tsconfig.json',
    });
    // The Reply check's spellers read these at run time (forge-app/spelling.ts).
    await mkdir(join(target, 'dictionaries'));
    for (const [language, pkg] of Object.entries(DICTIONARIES)) {
      const from = dirname(require.resolve(pkg));
      await copyFile(join(from, 'index.aff'), join(target, 'dictionaries', `${language}.aff`));
      await copyFile(join(from, 'index.dic'), join(target, 'dictionaries', `${language}.dic`));
    }
    if (result.errors.length) return result.errors.map((e) => e.text);
    return missingHandlers(join(target, 'index.cjs'), manifest);
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } }[] })
      .errors;
    return (
      errors?.map((e) => `${e.location ? `${e.location.file}:${e.location.line} ` : ''}${e.text}`) ?? [
        String(error),
      ]
    );
  }
}

/** Handlers named in manifest.yml that the bundle does not export as functions (the bundle is loaded). */
function missingHandlers(bundle: string, manifest: Manifest): string[] {
  const exported = require(bundle) as Record<string, unknown>;
  return (manifest.modules?.function ?? [])
    .map((fn) => (fn.handler ?? '').split('.')[1] ?? '')
    .filter((name) => typeof exported[name] !== 'function')
    .map((name) => `the bundle does not export the handler "${name}"`);
}

/** Bundles each UI Kit resource with @forge/bundler's stock webpack config, as `forge deploy` does. */
export async function bundleUiResources(root: string, manifest: Manifest, outDir: string): Promise<string[]> {
  const bundler = require('@forge/bundler') as typeof ForgeBundler;
  const webpack = require('webpack') as typeof Webpack.default;
  const problems: string[] = [];
  for (const resource of manifest.resources ?? []) {
    const entryPoints = bundler.createEntryPointsForResource(resource.key, resource.path, undefined);
    const config = bundler.getNativeUiBuildConfig(entryPoints);
    config.output = { ...config.output, path: join(outDir, resource.key) };
    config.context = root;
    const stats = await new Promise<Webpack.Stats | undefined>((done, fail) =>
      webpack(config).run((error: Error | null, result: Webpack.Stats | undefined) =>
        error ? fail(error) : done(result),
      ),
    );
    const info = stats?.toJson({ all: false, errors: true });
    for (const e of info?.errors ?? [])
      problems.push(`${resource.key}: ${e.message.split('\n').slice(0, 3).join(' ')}`);
    if (!existsSync(join(outDir, resource.key, 'index.html')))
      problems.push(`${resource.key}: the bundler produced no index.html`);
  }
  return problems;
}
