// The report's figures from its finest cells. The store answers one row per period × slice × team ×
// customer with plain counts and the cell's measured durations (nulls left out); everything the
// report shows — per period and slice, per period, in total, SLA by team and by customer — is the
// sum of counts and the order statistics of the union of samples over the cells it covers. The
// order statistics are `percentile_cont`'s (interpolation between the two nearest ranks), found by
// selection rather than a full sort, so a figure here equals the one PostgreSQL would compute.
import type { SlaTargetName } from '../schemas/sla.js';
import { SLA_TARGETS } from '../schemas/sla.js';
import type { ReportFigures, ReportGroup, ServiceReport, SlaRow } from './report.js';
import type { ReportSlice } from './query.js';
import type { DurationStats } from './stats.js';

export const REPORT_MEASURES = ['firstResponse', 'assign', 'workStart', 'resolution'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

export interface ReportCell {
  /** First local date of the cell's week, month or quarter. */
  period: string;
  /** The slice's value; null when the report is not sliced (or the ticket has none). */
  slice: string | null;
  team: string;
  customerId: string | null;
  customerName: string | null;
  tickets: number;
  resolved: number;
  reopened: number;
  /** Tickets started within the work-start target. */
  withinTarget: number;
  sla: Record<SlaTargetName, { met: number; breached: number }>;
  /** The cell's measured durations in business minutes, in any order. */
  samples: Record<ReportMeasure, Float64Array>;
}

/** Swaps a[i] and a[j]. */
function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Rearranges `a[lo..hi]` so that a[k] holds the value a sorted copy would hold there, with smaller
 * or equal values before it and greater or equal ones after (Hoare's selection, median-of-three).
 */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** The smallest value of a[from..to) (after a selection, the next rank is the least of the rest). */
function minOf(a: Float64Array, from: number, to: number): number {
  let m = a[from]!;
  for (let i = from + 1; i < to; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/**
 * Count, median and 90th percentile of finite samples, equal to `percentile_cont(0.5)` and
 * `percentile_cont(0.9)` over them. Reorders `values` in place.
 */
export function sampleStats(values: Float64Array): DurationStats {
  const n = values.length;
  if (n === 0) return { count: 0, median: null, p90: null };
  const rank50 = 0.5 * (n - 1);
  const rank90 = 0.9 * (n - 1);
  const lo50 = Math.floor(rank50);
  const lo90 = Math.floor(rank90);
  // The median's selection leaves every greater rank after it, so the 90th percentile's selection
  // needs only that upper part, and then the median's next rank is the least of what lies between.
  selectInPlace(values, lo50, 0, n - 1);
  if (lo90 > lo50) selectInPlace(values, lo90, lo50 + 1, n - 1);
  const interpolate = (rank: number, lo: number, nextEnd: number) => {
    const a = values[lo]!;
    return rank === lo ? a : a + (minOf(values, lo + 1, nextEnd) - a) * (rank - lo);
  };
  return {
    count: n,
    median: interpolate(rank50, lo50, lo90 > lo50 ? lo90 + 1 : n),
    p90: interpolate(rank90, lo90, n),
  };
}

/** One array holding every array's values. */
function concat(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 1) return parts[0]!.slice();
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Float64Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

interface Bucket {
  cells: ReportCell[];
}

function figuresOfCells(cells: readonly ReportCell[], withDurations: boolean): ReportFigures {
  const sum = (f: (c: ReportCell) => number) => cells.reduce((s, c) => s + f(c), 0);
  const stats = (m: ReportMeasure): DurationStats =>
    withDurations
      ? sampleStats(concat(cells.map((c) => c.samples[m])))
      : { count: sum((c) => c.samples[m].length), median: null, p90: null };
  return {
    tickets: sum((c) => c.tickets),
    resolved: sum((c) => c.resolved),
    reopened: sum((c) => c.reopened),
    firstResponse: stats('firstResponse'),
    assign: stats('assign'),
    workStart: { ...stats('workStart'), withinTarget: sum((c) => c.withinTarget) },
    resolution: stats('resolution'),
    sla: Object.fromEntries(
      SLA_TARGETS.map((t) => [t, { met: sum((c) => c.sla[t].met), breached: sum((c) => c.sla[t].breached) }]),
    ) as ReportFigures['sla'],
  };
}

function bucketed<K>(cells: readonly ReportCell[], key: (c: ReportCell) => K): Map<K, Bucket> {
  const out = new Map<K, Bucket>();
  for (const c of cells) {
    const k = key(c);
    const b = out.get(k) ?? { cells: [] };
    b.cells.push(c);
    out.set(k, b);
  }
  return out;
}

/** The greatest customer name of the cells (as SQL's max), or null. */
function nameOf(cells: readonly ReportCell[]): string | null {
  let name: string | null = null;
  for (const c of cells)
    if (c.customerName !== null && (name === null || c.customerName > name)) name = c.customerName;
  return name;
}

/** Every ticket figure of the report from its cells (see the file comment). */
export function figuresFromCells(
  cells: readonly ReportCell[],
  slice: ReportSlice,
): Pick<ServiceReport, 'totals' | 'groups' | 'periods' | 'slaByTeam' | 'slaByCustomer'> {
  const byPeriod = (a: ReportGroup, b: ReportGroup) =>
    (a.period ?? '').localeCompare(b.period ?? '') || (a.slice ?? '').localeCompare(b.slice ?? '');
  const periods: ReportGroup[] = [...bucketed(cells, (c) => c.period)].map(([period, b]) => ({
    period,
    slice: null,
    sliceLabel: null,
    ...figuresOfCells(b.cells, true),
  }));
  periods.sort(byPeriod);
  let groups = periods;
  if (slice !== 'none') {
    groups = [...bucketed(cells, (c) => `${c.period}\u0000${c.slice ?? '\u0001'}`).values()].map((b) => {
      const first = b.cells[0]!;
      return {
        period: first.period,
        slice: first.slice,
        sliceLabel: slice === 'customer' ? (nameOf(b.cells) ?? first.slice) : first.slice,
        ...figuresOfCells(b.cells, true),
      };
    });
    groups.sort(byPeriod);
  }
  const tally = (b: Bucket) => ({
    met: b.cells.reduce((s, c) => s + SLA_TARGETS.reduce((n, t) => n + c.sla[t].met, 0), 0),
    breached: b.cells.reduce((s, c) => s + SLA_TARGETS.reduce((n, t) => n + c.sla[t].breached, 0), 0),
  });
  const slaByTeam: SlaRow[] = [...bucketed(cells, (c) => c.team)]
    .map(([team, b]) => ({ key: team, label: team, ...tally(b) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  // Tickets with no customer matched stay out of the by-customer bars.
  const slaByCustomer: SlaRow[] = [...bucketed(cells, (c) => c.customerId ?? '')]
    .filter(([key]) => key !== '')
    .map(([key, b]) => ({ key, label: nameOf(b.cells) ?? key, ...tally(b) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    totals: figuresOfCells(cells, true),
    groups,
    periods,
    slaByTeam,
    slaByCustomer,
  };
}
