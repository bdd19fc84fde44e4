// What a service report is asked for: a period of local dates, a grouping of that period into weeks,
// months or quarters, a slice (one row per project, team, customer, engineer or priority within
// each period) and filters. Parsed at every edge with this one schema, so bad input is refused
// naming the field.
import { z } from 'zod';
import { isValidTimeZone } from '../schemas/calendar.js';

export const REPORT_GROUPINGS = ['week', 'month', 'quarter'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const REPORT_SLICES = ['none', 'project', 'team', 'customer', 'engineer', 'priority'] as const;
export type ReportSlice = (typeof REPORT_SLICES)[number];

/** The longest period one report covers: bounded work per request. */
export const MAX_REPORT_DAYS = 731;

const IsoDay = z
  .string({ error: 'give a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'give a date as YYYY-MM-DD' })
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      error: 'not a calendar date',
    },
  )
  .refine((d) => d >= '2000-01-01' && d < '2100-01-01', { error: 'dates run from 2000-01-01 to 2099-12-31' });

const Filter = z
  .string()
  .trim()
  .min(1, { error: 'cannot be empty' })
  .max(200, { error: 'at most 200 characters' });

export const ReportQuerySchema = z
  .strictObject({
    /** First local date of the period (inclusive). */
    from: IsoDay,
    /** Last local date of the period (inclusive). */
    to: IsoDay,
    grouping: z
      .enum(REPORT_GROUPINGS, { error: `grouping is one of: ${REPORT_GROUPINGS.join(', ')}` })
      .default('week'),
    slice: z.enum(REPORT_SLICES, { error: `slice is one of: ${REPORT_SLICES.join(', ')}` }).default('none'),
    /** Where the dates and the period boundaries are counted. */
    timeZone: z
      .string()
      .refine(isValidTimeZone, { error: 'unknown time zone; use an IANA name like Europe/Moscow' })
      .default('UTC'),
    project: Filter.optional(),
    team: Filter.optional(),
    customer: Filter.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period must end on or after it starts' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > MAX_REPORT_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      });
  });
export type ReportQuery = z.output<typeof ReportQuerySchema>;
export type ReportQueryInput = z.input<typeof ReportQuerySchema>;

/** Adds `days` to a local date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the week (Monday), month or quarter that holds a local date. */
export function periodStart(date: string, grouping: ReportGrouping): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (grouping === 'week') return addDays(date, -((d.getUTCDay() + 6) % 7));
  const month = grouping === 'month' ? d.getUTCMonth() : Math.floor(d.getUTCMonth() / 3) * 3;
  return `${d.getUTCFullYear()}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The first day of the period after the one starting on `start` (a period start itself). */
export function nextPeriodStart(start: string, grouping: ReportGrouping): string {
  if (grouping === 'week') return addDays(start, 7);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + (grouping === 'month' ? 1 : 3));
  return d.toISOString().slice(0, 10);
}

/** The starts of every week, month or quarter that holds a date of the query's period, in order. */
export function periodStarts(query: Pick<ReportQuery, 'from' | 'to' | 'grouping'>): string[] {
  const out: string[] = [];
  for (let d = periodStart(query.from, query.grouping); d <= query.to; d = nextPeriodStart(d, query.grouping))
    out.push(d);
  return out;
}
