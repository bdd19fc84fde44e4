// The offline checks behind `npm run forge:check`, as functions the tests can call with a changed
// manifest (for example one that lacks a scope).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import type * as ForgeLint from '@forge/lint';

const require = createRequire(import.meta.url);

/** The repository root (where manifest.yml lives). */
export const projectRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Jira platform OpenAPI spec, kept outside the project (absent on other machines). */
export const JIRA_SPEC = (root: string): string =>
  resolve(root, '..', 'shared', 'jira', 'swagger-v3.v3.json');

export type Manifest = Record<string, unknown> & {
  app?: { package?: { path?: string } };
  modules?: Record<string, { key: string; handler?: string }[]>;
  resources?: { key: string; path: string }[];
  permissions?: { scopes?: string[] };
};

/** manifest.yml with `${VAR}` replaced from the environment or the declared defaults, as the Forge CLI does. */
export async function readManifest(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Manifest> {
  const raw = parse(await readFile(join(root, 'manifest.yml'), 'utf8')) as Manifest;
  const declared = new Map<string, string | undefined>(
    ((raw.environment as { variables?: unknown[] } | undefined)?.variables ?? []).map((v) =>
      typeof v === 'string'
        ? [v, undefined]
        : [(v as { key: string }).key, (v as { default?: string }).default],
    ),
  );
  return JSON.parse(JSON.stringify(raw), (_key, value: unknown) =>
    typeof value === 'string'
      ? value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
          declared.has(name) ? (env[name] ?? declared.get(name) ?? whole) : whole,
        )
      : value,
  ) as Manifest;
}

/** Schema problems, one line each (empty when the manifest is valid). */
export function validateManifest(manifest: Manifest): string[] {
  const schema = require('@forge/manifest/schema.json') as object;
  const ajv = new Ajv({
    allErrors: true,
    logger: false,
    jsonPointers: true,
    unknownFormats: 'ignore',
    schemaId: 'auto',
  });
  const valid = ajv.validate(schema, manifest);
  if (valid) return [];
  // oneOf branches report every failed alternative; the deepest paths say what is actually wrong.
  return [...new Set((ajv.errors ?? []).map((e) => `${e.dataPath || '/'}: ${e.message ?? 'invalid'}`))];
}

/** Layout rule: `handler: a.b` → src/a.ts exporting `b`; every resource path exists. */
export async function checkLayout(root: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  for (const fn of manifest.modules?.function ?? []) {
    const [file, exported] = (fn.handler ?? '').split('.');
    const source = ['ts', 'tsx', 'js']
      .map((ext) => join(root, 'src', `${file}.${ext}`))
      .find((p) => existsSync(p));
    if (!source || !exported) {
      problems.push(
        `function ${fn.key}: handler "${fn.handler}" does not resolve to src/${file}.(ts|tsx|js)`,
      );
      continue;
    }
    const text = await readFile(source, 'utf8');
    if (!new RegExp(`\\b${exported}\\b`).test(text))
      problems.push(`function ${fn.key}: ${relative(root, source)} does not export "${exported}"`);
  }
  for (const res of manifest.resources ?? []) {
    if (!existsSync(join(root, res.path))) problems.push(`resource ${res.key}: ${res.path} does not exist`);
  }
  return problems;
}

/** Files the Forge CLI would lint: src/ and forge-app/ without tests and tooling, and the functions bundle. */
export async function appSourceFiles(root: string, manifest: Manifest): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'test', 'scripts', 'dist'].includes(entry.name)) await walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
    }
  };
  await walk('src');
  await walk('forge-app');
  // With the manual bundler the Forge CLI looks for handlers in the bundle, not in src/.
  const bundle = join(manifest.app?.package?.path ?? 'dist/forge', 'index.cjs');
  if (existsSync(join(root, bundle))) out.push(bundle);
  return out.sort();
}

/**
 * Runs @forge/lint's client-side linters offline. The linter reads product specs from files named in
 * LOCAL_*_SWAGGER when USE_LOCAL_SWAGGER is set; products Frontline does not call get an empty spec.
 * Must run with the project root as the working directory (the linter reads ./tsconfig.json).
 */
export async function lintForgeApp(root: string, manifest: Manifest, files?: string[]): Promise<string[]> {
  const empty = await mkdtemp(join(tmpdir(), 'frontline-lint-'));
  const emptySpec = join(empty, 'empty.json');
  await writeFile(emptySpec, JSON.stringify({ paths: {} }));
  const saved = { ...process.env };
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: JIRA_SPEC(root),
    LOCAL_JSM_SWAGGER: emptySpec,
    LOCAL_JSW_SWAGGER: emptySpec,
    LOCAL_CONF_SWAGGER: emptySpec,
    LOCAL_CONF_V2_SWAGGER: emptySpec,
    LOCAL_BB_SWAGGER: emptySpec,
  });
  try {
    const { lint, parseSourceFile, tsParser } = require('@forge/lint') as typeof ForgeLint;
    // The linter would type-check each file against ./tsconfig.json, a solution file that includes
    // nothing (and a type-aware parse takes minutes). Its rules read the syntax tree only, and
    // `npm run typecheck` owns type errors, so files are parsed without a project.
    const parseFunction: typeof parseSourceFile = (filepath, _parser, readFilePromise) =>
      parseSourceFile(
        filepath,
        ((code: string, path: string) => tsParser(code, path, { project: undefined })) as typeof tsParser,
        readFilePromise,
      );
    const logger = { info: () => undefined };
    // Feature gates and remote configs decide optional, server-driven checks; offline every gate is
    // off, every list (deprecated runtimes, …) is empty and every other config is absent.
    const statsig = new Proxy(
      {},
      {
        get: (_target, name) => async () =>
          typeof name === 'string' && /^get\w+s$/.test(name)
            ? []
            : name === 'getDynamicConfig'
              ? null
              : false,
      },
    );
    const results = await lint(
      files ?? (await appSourceFiles(root, manifest)),
      manifest as never,
      'development',
      logger,
      statsig as never,
      { linter: { mode: 'client-side' }, parseFunction },
    );
    return results.flatMap((r) =>
      r.errors.map((e) => `${relative(root, resolve(root, r.file))}:${e.line}:${e.column} ${e.message}`),
    );
  } finally {
    process.env = saved;
    await rm(empty, { recursive: true, force: true });
  }
}
