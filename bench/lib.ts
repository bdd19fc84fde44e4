// Small helpers every benchmark suite shares: timing loops, percentiles, and the result record
// that `npm run bench` prints and writes to .bench/results.json.

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same measurement for the reference implementation, taken in the same run. */
  baseline?: number;
  /** How many times better than the baseline (higher is better, whatever the unit). */
  ratio?: number;
  /** The target the figure is held to, in words (e.g. "≤ 20 µs"). */
  target?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchResult[]>;
}

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Times `fn` per call in microseconds: `samples` timed batches of `batch` calls each, after a
 * warm-up, so the JIT has settled and the clock's resolution does not dominate.
 */
export function timePerCallMicros(
  fn: (i: number) => unknown,
  opts: { samples?: number; batch?: number } = {},
): number[] {
  const samples = opts.samples ?? 200;
  const batch = opts.batch ?? 20;
  let sink: unknown;
  for (let i = 0; i < samples * batch; i++) sink = fn(i);
  const out: number[] = [];
  let k = 0;
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    for (let b = 0; b < batch; b++) sink = fn(k++);
    const t1 = process.hrtime.bigint();
    out.push(Number(t1 - t0) / 1000 / batch);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return out;
}

/** Wall time of one async or sync run, in milliseconds. */
export async function timeMillis(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** ratio = baseline / value for "lower is better" units (time), value / baseline otherwise. */
export function withRatio(result: BenchResult, lowerIsBetter = true): BenchResult {
  if (result.baseline === undefined || result.baseline === 0 || result.value === 0) return result;
  const ratio = lowerIsBetter ? result.baseline / result.value : result.value / result.baseline;
  return { ...result, ratio: Math.round(ratio * 100) / 100 };
}

/** `previous` with each entry that `fresh` measured again replaced in place (by name), and new ones appended. */
export function mergeResults(previous: readonly BenchResult[], fresh: readonly BenchResult[]): BenchResult[] {
  const byName = new Map(fresh.map((r) => [r.name, r]));
  const kept = previous.map((r) => byName.get(r.name) ?? r);
  const known = new Set(previous.map((r) => r.name));
  return [...kept, ...fresh.filter((r) => !known.has(r.name))];
}
