// The report's figures from its cells: selection gives percentile_cont's values, and sums and order
// statistics over cells equal the figures computed from the tickets directly.
import fc from 'fast-check';
import { SLA_TARGETS } from '../schemas/sla.js';
import type { ReportCell } from './cells.js';
import { figuresFromCells, REPORT_MEASURES, sampleStats } from './cells.js';
import { periodStarts } from './query.js';
import { durationStats, percentileCont } from './stats.js';

/** A small deterministic generator (the test must not depend on Math.random). */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describe('order statistics by selection', () => {
  it.each([1, 2, 3, 10, 11, 101, 1000])('equal percentile_cont over %i values, ties included', (size) => {
    const next = generator(size);
    const values = Array.from({ length: size }, () => (next() < 0.3 ? 60 : Math.round(next() * 6000) / 7));
    const stats = sampleStats(Float64Array.from(values));
    expect(stats).toEqual({
      count: size,
      median: percentileCont(values, 0.5),
      p90: percentileCont(values, 0.9),
    });
  });

  it('equal percentile_cont over any values, in any order, with any ties', () => {
    const minutes = fc.oneof(
      fc.integer({ min: 0, max: 20 }),
      fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(minutes, { minLength: 1, maxLength: 300 }), (values) => {
        expect(sampleStats(Float64Array.from(values))).toEqual({
          count: values.length,
          median: percentileCont(values, 0.5),
          p90: percentileCont(values, 0.9),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('has no figures without samples', () => {
    expect(sampleStats(new Float64Array(0))).toEqual({ count: 0, median: null, p90: null });
  });
});

interface Ticket {
  period: string;
  team: string;
  customer: string | null;
  engineer: string;
  fr: number | null;
  res: number | null;
  met: boolean;
}

function cellsOf(tickets: readonly Ticket[], slice: (t: Ticket) => string | null): ReportCell[] {
  const cells = new Map<string, ReportCell & { values: Record<string, number[]> }>();
  for (const t of tickets) {
    const key = [t.period, slice(t), t.team, t.customer].join('|');
    const cell =
      cells.get(key) ??
      ({
        period: t.period,
        slice: slice(t),
        team: t.team,
        customerId: t.customer,
        customerName: t.customer?.toUpperCase() ?? null,
        tickets: 0,
        resolved: 0,
        reopened: 0,
        withinTarget: 0,
        sla: Object.fromEntries(SLA_TARGETS.map((s) => [s, { met: 0, breached: 0 }])),
        samples: {},
        values: { firstResponse: [], assign: [], workStart: [], resolution: [] },
      } as unknown as ReportCell & { values: Record<string, number[]> });
    cell.tickets++;
    if (t.res !== null) cell.resolved++;
    cell.sla.firstResponse[t.met ? 'met' : 'breached']++;
    if (t.fr !== null) cell.values.firstResponse!.push(t.fr);
    if (t.res !== null) cell.values.resolution!.push(t.res);
    cells.set(key, cell);
  }
  return [...cells.values()].map((c) => ({
    ...c,
    samples: Object.fromEntries(REPORT_MEASURES.map((m) => [m, Float64Array.from(c.values[m]!)])),
  })) as unknown as ReportCell[];
}

describe('figures from cells', () => {
  const next = generator(7);
  const weeks = periodStarts({ from: '2026-11-02', to: '2026-11-29', grouping: 'week' });
  const tickets: Ticket[] = Array.from({ length: 400 }, (_, i) => ({
    period: weeks[i % weeks.length]!,
    team: ['SUP', 'HW'][i % 2]!,
    customer: i % 5 === 0 ? null : ['translogistic', 'severny-bank'][i % 3 === 0 ? 0 : 1]!,
    engineer: `acc-${i % 3}`,
    fr: next() < 0.1 ? null : next() * 600,
    res: next() < 0.2 ? null : 60 + next() * 6000,
    met: next() < 0.7,
  }));

  it('per period, per period and engineer, in total, and SLA by team and customer', () => {
    const report = figuresFromCells(
      cellsOf(tickets, (t) => t.engineer),
      'engineer',
    );
    expect(report.totals.tickets).toBe(400);
    expect(report.totals.firstResponse).toEqual(durationStats(tickets.map((t) => t.fr)));
    expect(report.totals.resolution).toEqual(durationStats(tickets.map((t) => t.res)));
    expect(report.periods.map((p) => p.period)).toEqual(weeks);
    for (const p of report.periods) {
      const mine = tickets.filter((t) => t.period === p.period);
      expect(p.tickets).toBe(mine.length);
      expect(p.resolution).toEqual(durationStats(mine.map((t) => t.res)));
    }
    expect(report.groups).toHaveLength(weeks.length * 3);
    for (const g of report.groups) {
      const mine = tickets.filter((t) => t.period === g.period && t.engineer === g.slice);
      expect(g.firstResponse).toEqual(durationStats(mine.map((t) => t.fr)));
    }
    for (const row of report.slaByTeam) {
      const mine = tickets.filter((t) => t.team === row.key);
      expect(row).toMatchObject({
        met: mine.filter((t) => t.met).length,
        breached: mine.filter((t) => !t.met).length,
      });
    }
    // Tickets with no customer stay out of the by-customer rows; the label is the customer's name.
    expect(report.slaByCustomer.map((r) => [r.key, r.label])).toEqual([
      ['severny-bank', 'SEVERNY-BANK'],
      ['translogistic', 'TRANSLOGISTIC'],
    ]);
  });
});
