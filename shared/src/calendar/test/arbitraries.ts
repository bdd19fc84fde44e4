// fast-check generators of business calendars for property tests: random weeks (night shifts and
// 24:00 ends included), holidays, transferred working days and special periods (dated or month-end,
// with or without hours), dated near whatever days a test cares about. Drafts go through
// `BusinessCalendarSchema` before use, so only valid calendars reach the code under test.
import fc from 'fast-check';
import type { BusinessCalendar, BusinessCalendarInput } from '../../schemas/calendar.js';
import { BusinessCalendarSchema, WEEK_DAYS } from '../../schemas/calendar.js';
import { shiftDate } from './oracle.js';

type Interval = [string, string];

/** `HH:MM` of a minute of the day (1440 → `24:00`). */
export const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–3 non-overlapping intervals of one day; the last may be a night shift or end at 24:00. */
export const dayHours: fc.Arbitrary<Interval[]> = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 1439 }),
  )
  .map(([cuts, night, nightEnd]) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const intervals: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
    const last = intervals[intervals.length - 1];
    if (night && last && last[0] !== '00:00') {
      // Turn the last interval into a night shift ending the next morning.
      const start = Number(last[0].slice(0, 2)) * 60 + Number(last[0].slice(3));
      last[1] = hhmm(nightEnd % start);
    }
    return intervals;
  });

/** A generated calendar before validation; a period's dates sit in `range` until `parsedCalendar` flattens them. */
export interface CalendarDraft {
  timeZone: string;
  week: Record<(typeof WEEK_DAYS)[number], Interval[]>;
  holidays: (string | { from: string; to: string })[];
  workingDays: { date: string; hours: Interval[] }[];
  periods: {
    name: string;
    range: { from: string; to: string } | { lastBusinessDaysOfMonth: number };
    hours?: Interval[];
    priority?: 'highest' | 'high';
  }[];
}

/**
 * Calendar drafts in one of `zones` whose holidays, transfers and dated periods fall on days drawn
 * from `date`. Holidays run up to 3 days, now and then up to 40 (a whole block off); periods up to
 * 5 days, or the last 1–3 business days of every month.
 */
export function calendarDraft(
  zones: readonly string[],
  date: fc.Arbitrary<string>,
): fc.Arbitrary<CalendarDraft> {
  const range = (maxDays: number) =>
    fc
      .tuple(date, fc.integer({ min: 0, max: maxDays }))
      .map(([from, n]) => ({ from, to: shiftDate(from, n) }));
  const workingHours = dayHours.filter((h) => h.length > 0);
  return fc.record({
    timeZone: fc.constantFrom(...zones),
    week: fc.record(
      Object.fromEntries(WEEK_DAYS.map((d) => [d, dayHours])) as Record<
        (typeof WEEK_DAYS)[number],
        typeof dayHours
      >,
    ),
    holidays: fc.array(
      fc.oneof({ arbitrary: date, weight: 3 }, { arbitrary: range(3), weight: 3 }, range(40)),
      {
        maxLength: 3,
      },
    ),
    workingDays: fc.uniqueArray(fc.record({ date, hours: workingHours }), {
      maxLength: 2,
      selector: (w) => w.date,
    }),
    periods: fc.array(
      fc.record(
        {
          name: fc.constantFrom('month-end close', 'freeze', 'launch'),
          range: fc.oneof(
            range(4),
            fc.integer({ min: 1, max: 3 }).map((n) => ({ lastBusinessDaysOfMonth: n })),
          ),
          hours: workingHours,
          priority: fc.constantFrom('highest' as const, 'high' as const),
        },
        { requiredKeys: ['name', 'range'] },
      ),
      { maxLength: 3 },
    ),
  });
}

/** Validates a draft with `BusinessCalendarSchema`; drafts it rejects (a holiday that is also a transfer) are skipped. */
export function parsedCalendar(draft: CalendarDraft): BusinessCalendar {
  const input: BusinessCalendarInput = {
    ...draft,
    periods: draft.periods.map(({ range, ...period }) => ({ ...period, ...range })),
  };
  const result = BusinessCalendarSchema.safeParse(input);
  fc.pre(result.success);
  return result.data!;
}
