// `npm run bench`: runs every suite (or those named on the command line), prints one table and
// writes the same figures to .bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchResult, BenchSuite } from './lib.js';
import { suites } from './suites.js';

const wanted = process.argv.slice(2);
const chosen: BenchSuite[] = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(`unknown suite; known: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const suite of chosen) {
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

mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/results.json', JSON.stringify(results, null, 2) + '\n');
