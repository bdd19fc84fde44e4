// What each chart of the service report draws, computed from the sidecar's report: the same rows feed
// the chart and the table beside it, so a reader of either sees the same numbers. Durations are
// business hours with one decimal.
import type { RatingRow, ReportGroup, ServiceReport, SlaRow } from '@frontline/shared';

export const hours = (minutes: number | null | undefined): number | null =>
  minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 10) / 10;

export const percent = (met: number, breached: number): number | null =>
  met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 10;

/** Line chart rows: [period, business hours, series] for the median first response, assignment and resolution. */
export function medianRows(
  periods: readonly ReportGroup[],
  names: { firstResponse: string; assign: string; resolution: string },
) {
  return periods.flatMap((p) =>
    (['firstResponse', 'assign', 'resolution'] as const).flatMap((m) => {
      const value = hours(p[m].median);
      return value === null ? [] : [[p.period ?? '', value, names[m]] as [string, number, string]];
    }),
  );
}

/** Bar chart rows: [label, hit rate %] for every team or customer with a finished clock. */
export function hitRows(rows: readonly SlaRow[]): [string, number][] {
  return rows.flatMap((r) => {
    const rate = percent(r.met, r.breached);
    return rate === null ? [] : [[r.label, rate] as [string, number]];
  });
}

/** Donut rows: [label, count] of met and breached clocks over the whole period. */
export function outcomeRows(
  report: Pick<ServiceReport, 'totals'>,
  names: { met: string; breached: string },
): [string, number][] {
  const sla = Object.values(report.totals.sla);
  return [
    [names.met, sla.reduce((n, c) => n + c.met, 0)],
    [names.breached, sla.reduce((n, c) => n + c.breached, 0)],
  ];
}

/** Stacked bar rows: [customer, quantity, part]. */
export function partsRows(report: Pick<ServiceReport, 'parts'>): [string, number, string][] {
  return report.parts.byCustomer.flatMap((c) =>
    c.parts.map((p) => [c.customerName, p.quantity, p.part] as [string, number, string]),
  );
}

/** Local date (YYYY-MM-DD) `days` before `today`. */
export function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Bar chart rows: [label, average rating] for every customer or engineer rated in the period. */
export function ratingRows(rows: readonly RatingRow[]): [string, number][] {
  return rows.flatMap((r) => (r.average === null ? [] : [[r.label, r.average] as [string, number]]));
}

/** A share (0–1) as per cent with one decimal. */
export const share = (fraction: number | null): number | null =>
  fraction === null ? null : Math.round(fraction * 1000) / 10;
