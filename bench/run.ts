// `npm run bench`: runs every suite (or those named on the command line, e.g.
// `npm run bench -- calendar temperature`), prints one table and writes the same figures to
// .bench/results.json. A run of some suites updates their entries there and keeps the others.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './lib.js';
import { mergeResults } from './lib.js';
import { loadSuites } from './suites.js';

const RESULTS_FILE = '.bench/results.json';

const wanted = process.argv.slice(2);
const selection = await loadSuites(wanted);
if (!selection.ok) {
  console.error(`unknown suite: ${selection.unknown.join(', ')}; known: ${selection.known.join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const suite of selection.suites) {
  console.error(`running ${suite.name}…`);
  results.push(...(await suite.run()));
}

const fmt = (n: number | undefined) =>
  n === undefined
    ? ''
    : Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 1
        ? n.toFixed(2)
        : n.toPrecision(3);
const rows = results.map((r) => [
  r.name,
  fmt(r.value),
  r.unit,
  fmt(r.baseline),
  r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
  r.target ?? '',
]);
const head = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'target'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => (i === 0 || i === 2 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

/** The figures already on disk, or none when the file is missing or unreadable. */
function previousResults(): BenchResult[] {
  if (!existsSync(RESULTS_FILE)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
    return Array.isArray(parsed) ? (parsed as BenchResult[]) : [];
  } catch {
    return [];
  }
}

mkdirSync('.bench', { recursive: true });
const written = wanted.length ? mergeResults(previousResults(), results) : results;
writeFileSync(RESULTS_FILE, JSON.stringify(written, null, 2) + '\n');
