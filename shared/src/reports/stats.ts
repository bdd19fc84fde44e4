// Order statistics the report shows, computed the way PostgreSQL's `percentile_cont` does (linear
// interpolation between the two nearest ranks), so a figure computed here and one computed in SQL agree.

/** The `fraction` percentile of `values` (nulls ignored), or null when there are none. */
export function percentileCont(
  values: readonly (number | null | undefined)[],
  fraction: number,
): number | null {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (sorted.length === 0) return null;
  sorted.sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

/** Count, median and 90th percentile of durations (business minutes). */
export interface DurationStats {
  count: number;
  median: number | null;
  p90: number | null;
}

/** The duration figures of a list of measurements (nulls are tickets not measured yet). */
export function durationStats(values: readonly (number | null | undefined)[]): DurationStats {
  const measured = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return {
    count: measured.length,
    median: percentileCont(measured, 0.5),
    p90: percentileCont(measured, 0.9),
  };
}

/** met / (met + breached), or null when no clock finished either way. */
export function hitRate(met: number, breached: number): number | null {
  return met + breached === 0 ? null : met / (met + breached);
}
