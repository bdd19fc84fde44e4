// The container definition (Dockerfile, .dockerignore, compose.yaml at the repository root) read as
// text: no image can be built here, so this holds it to what the rest of the repository says — the
// Node version, the production dependencies, the README's configuration table and the variables
// config.ts reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');

// --- Dockerfile ----------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions in order, with continuation lines joined and comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) && pending === '') continue;
    if (/^\s*$/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += (pending ? ' ' : '') + line.replace(/\\\s*$/, '').trim();
    if (!continued) {
      logical.push(pending);
      pending = '';
    }
  }
  if (pending) logical.push(pending);
  return logical.map((line) => {
    const match = /^(\S+)\s*(.*)$/.exec(line)!;
    return { keyword: match[1]!.toUpperCase(), args: match[2]! };
  });
}

/** The stages: each FROM with the instructions up to the next. */
function dockerStages(instructions: Instruction[]): { from: string; name?: string; body: Instruction[] }[] {
  const stages: { from: string; name?: string; body: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [, image, name] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(instruction.args)!;
      stages.push({ from: image!, ...(name ? { name } : {}), body: [] });
    } else stages.at(-1)?.body.push(instruction);
  }
  return stages;
}

/** Sources of a COPY instruction (flags and the destination left out). */
function copySources(args: string): { from?: string; sources: string[] } {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { ...(from ? { from } : {}), sources: paths.slice(0, -1) };
}

// --- compose.yaml (the subset it uses: block mappings, `- item` lists) -----------------------------

/** The lines of `key:`'s block under the lines given, by indentation; empty when absent. */
function block(lines: string[], key: string): string[] {
  const start = lines.findIndex((l) => new RegExp(`^(\\s*)${key}:\\s*$`).test(l));
  if (start < 0) return [];
  const indent = /^(\s*)/.exec(lines[start]!)![1]!.length;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^(\s*)/.exec(line)![1]!.length <= indent) break;
    body.push(line);
  }
  return body;
}

/** `KEY: value` (or `- KEY=value`) entries directly under an `environment:` block. */
function environmentOf(service: string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of block(service, 'environment')) {
    const entry =
      /^\s*-\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line) ??
      /^\s*([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/.exec(line);
    if (entry) env.set(entry[1]!, entry[2]!.replace(/^'(.*)'$|^"(.*)"$/, '$1$2'));
  }
  return env;
}

// --- README and config.ts --------------------------------------------------------------------------

/** The README section under `## title` (up to the next heading of the same level). */
function readmeSection(readme: string, heading: RegExp): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return '';
  const level = /^(#+)/.exec(lines[start]!)![1]!.length;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}}\\s`).test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Backticked variable names: `NAME`, or `NAME=value` as the README's steps write them. */
const envNamesIn = (text: string): string[] =>
  [...text.matchAll(/`([A-Z][A-Z0-9_]*)(?:=[^`]*)?`/g)].map((m) => m[1]!);

/** Variables in the configuration table: every backticked name in each row's first cell. */
function readmeTableVariables(readme: string): Set<string> {
  const section = readmeSection(readme, /^## Configuration \(environment\)/);
  const names = new Set<string>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    for (const name of envNamesIn(row.split('|')[1] ?? '')) names.add(name);
  }
  return names;
}

/** What the README's production steps ask to set ("Pointing the sidecar at a real Jira site"). */
function readmeProductionVariables(readme: string): Set<string> {
  return new Set(envNamesIn(readmeSection(readme, /^### Pointing the sidecar at a real Jira site/)));
}

/** Every variable config.ts reads: the keys of its environment schema and each `env.NAME`. */
function configVariables(source: string): Set<string> {
  const schema = /const EnvSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
  const keys = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  const reads = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1]!);
  return new Set([...keys, ...reads]);
}

// -------------------------------------------------------------------------------------------------

describe('the sidecar image (Dockerfile)', () => {
  const instructions = dockerInstructions(read('Dockerfile'));
  const stages = dockerStages(instructions);
  const final = stages.at(-1)!;
  const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

  it('is multi-stage, and the runtime stage takes its dependencies from an earlier stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const copiedFrom = final.body
      .filter((i) => i.keyword === 'COPY')
      .map((i) => copySources(i.args))
      .filter((c) => c.from !== undefined);
    expect(copiedFrom).toEqual(
      expect.arrayContaining([
        { from: expect.any(String), sources: [expect.stringMatching(/node_modules/)] },
      ]),
    );
    const earlier = stages.slice(0, -1).map((s) => s.name);
    for (const { from } of copiedFrom) expect(earlier).toContain(from);
  });

  it('builds every stage on a slim Node 24 image, the version package.json requires', () => {
    expect(JSON.parse(read('package.json')).engines.node).toMatch(/>=24 <25/);
    for (const stage of stages) expect(stage.from).toMatch(/^node:24(?:\.[\d.]+)?-(?:bookworm-)?slim$/);
  });

  it('installs production dependencies only, with npm ci from the lockfile', () => {
    const installs = runs.filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      expect(install).toMatch(/\bnpm ci\b/);
      expect(install).toMatch(/--omit=dev\b/);
    }
  });

  it('runs the sidecar with what its production dependencies provide', () => {
    const cmd = final.body.filter((i) => i.keyword === 'CMD').at(-1)!;
    const argv = JSON.parse(cmd.args) as string[];
    expect(argv).toEqual(['node', '--import', 'tsx', 'sidecar/start.ts']);
    expect(JSON.parse(read('sidecar/package.json')).dependencies).toHaveProperty('tsx');
    expect(existsSync(join(REPO, 'sidecar/start.ts'))).toBe(true);
  });

  it('copies only paths that exist, and the manifest of every workspace the lockfile names', () => {
    for (const copy of instructions.filter((i) => i.keyword === 'COPY')) {
      const { from, sources } = copySources(copy.args);
      if (from === undefined) for (const source of sources) expect(existsSync(join(REPO, source))).toBe(true);
    }
    const copied = instructions
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => copySources(i.args).sources);
    for (const workspace of JSON.parse(read('package.json')).workspaces as string[])
      expect(copied).toContain(`${workspace}/package.json`);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });

  it('runs as the unprivileged node user', () => {
    const users = final.body.filter((i) => i.keyword === 'USER').map((i) => i.args.trim());
    expect(users.at(-1)).toBe('node');
    const lastUser = final.body.findLastIndex((i) => i.keyword === 'USER');
    const lastRun = final.body.findLastIndex((i) => i.keyword === 'RUN');
    expect(lastRun).toBeLessThan(lastUser);
  });

  it('checks its health on /readyz at the port it listens on, without curl', () => {
    const health = final.body.filter((i) => i.keyword === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toContain('/readyz');
    expect(health[0]!.args).toContain('process.env.PORT||8080');
    expect(health[0]!.args).not.toMatch(/\bcurl\b|\bwget\b/);
    expect(final.body.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args.trim())).toEqual(['8080']);
  });

  it('keeps dependencies, build output and local state out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['**/node_modules', '**/dist', '.git', '.frontline', '.env'])
      expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const lines = read('compose.yaml').split('\n');
  const services = block(lines, 'services');
  const sidecar = block(services, 'sidecar');
  const postgres = block(services, 'postgres');
  const env = environmentOf(sidecar);
  const readme = read('README.md');
  const tableVariables = readmeTableVariables(readme);

  it('runs the sidecar from this Dockerfile next to PostgreSQL 15 with a pg_isready health check', () => {
    expect(block(sidecar, 'build').join('\n')).toMatch(/dockerfile:\s*Dockerfile/);
    expect(postgres.join('\n')).toMatch(/^\s*image:\s*['"]?postgres:15['"]?\s*$/m);
    expect(block(postgres, 'healthcheck').join('\n')).toMatch(/pg_isready/);
    expect(block(block(sidecar, 'depends_on'), 'postgres').join('\n')).toMatch(
      /condition:\s*service_healthy/,
    );
  });

  it('points DATABASE_URL at the postgres service', () => {
    expect(env.get('DATABASE_URL')).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//);
  });

  it('sets only variables the README documents', () => {
    expect(tableVariables.size).toBeGreaterThan(10);
    expect(env.size).toBeGreaterThan(0);
    for (const name of env.keys()) expect([name, tableVariables.has(name)]).toEqual([name, true]);
  });

  it('sets every variable the README asks for in production', () => {
    const production = readmeProductionVariables(readme);
    // The README's production steps, and what the sidecar cannot run in production without.
    for (const name of [
      'DATABASE_URL',
      'FRONTLINE_ADMIN_TOKEN',
      'FRONTLINE_SECRET_KEY',
      'JIRA_BASE_URL',
      'JIRA_EMAIL',
      'JIRA_API_TOKEN',
      'JIRA_WEBHOOK_SECRETS',
    ])
      expect(production).toContain(name);
    for (const name of production) {
      expect(tableVariables).toContain(name);
      expect([...env.keys()]).toContain(name);
    }
  });

  it('takes secrets from the environment instead of writing them down', () => {
    for (const name of [
      'FRONTLINE_ADMIN_TOKEN',
      'FRONTLINE_SECRET_KEY',
      'JIRA_API_TOKEN',
      'JIRA_WEBHOOK_SECRETS',
    ])
      expect(env.get(name)).toMatch(new RegExp(`^\\$\\{${name}(:?[-?][^}]*)?\\}$`));
    expect(env.get('DATABASE_URL')).toMatch(/\$\{POSTGRES_PASSWORD:\?[^}]*\}@/);
  });
});

describe('the README configuration table', () => {
  it('documents every variable config.ts reads', () => {
    const readVariables = configVariables(read('sidecar/src/config.ts'));
    expect(readVariables.size).toBeGreaterThan(10);
    const table = readmeTableVariables(read('README.md'));
    for (const name of readVariables) expect([name, table.has(name)]).toEqual([name, true]);
  });
});
