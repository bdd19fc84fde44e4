// Discovers every `*.bench.ts` file beside this one; each default-exports a BenchSuite (or a list of them).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from './lib.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

export const suites: BenchSuite[] = [];
for (const file of files) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { default: BenchSuite | BenchSuite[] };
  suites.push(...(Array.isArray(mod.default) ? mod.default : [mod.default]));
}
