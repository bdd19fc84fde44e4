import fc from 'fast-check';
import type { BusinessCalendarInput } from '../schemas/calendar.js';
import { BusinessCalendarSchema, WEEK_DAYS } from '../schemas/calendar.js';
import {
  activePeriodsAt,
  addBusinessMinutes,
  businessMinutesBetween,
  compileCalendar,
  isWorkingTime,
  nextWorkingInstant,
  workingIntervals,
  workingIntervalsOfDate,
} from './index.js';
import { localOf, oracleIsWorking, oraclePeriods, shiftDate } from './test/oracle.js';

const MINUTE = 60_000;

// Zones with and without DST, half-hour DST (Lord Howe), a +05:45 offset (Kathmandu) and a zone
// whose clocks change at midnight so the local date itself repeats (Santiago).
const ZONES = [
  'Europe/Moscow',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
  'UTC',
];
// Days near DST changes in those zones and near month ends, so random spans hit both.
const ANCHORS = [
  '2027-03-28',
  '2027-10-31',
  '2027-03-14',
  '2027-11-07',
  '2027-04-04',
  '2027-10-03',
  '2027-09-05',
  '2027-01-31',
];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–3 non-overlapping intervals of one day; the last may be a night shift or end at 24:00. */
const dayHours = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 1439 }),
  )
  .map(([cuts, night, nightEnd]) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const intervals: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
    const last = intervals[intervals.length - 1];
    if (night && last && last[0] !== '00:00') {
      // Turn the last interval into a night shift ending the next morning.
      const start = Number(last[0].slice(0, 2)) * 60 + Number(last[0].slice(3));
      last[1] = hhmm(nightEnd % start);
    }
    return intervals;
  });

const dateNear = (anchor: string) => fc.integer({ min: -6, max: 6 }).map((d) => shiftDate(anchor, d));

const calendarArb = fc.constantFrom(...ANCHORS).chain((anchor) =>
  fc.record({
    anchor: fc.constant(anchor),
    calendar: fc.record({
      timeZone: fc.constantFrom(...ZONES),
      week: fc.record(
        Object.fromEntries(WEEK_DAYS.map((d) => [d, dayHours])) as Record<
          (typeof WEEK_DAYS)[number],
          typeof dayHours
        >,
      ),
      holidays: fc.array(
        fc.oneof(
          dateNear(anchor),
          fc
            .tuple(dateNear(anchor), fc.integer({ min: 0, max: 3 }))
            .map(([from, n]) => ({ from, to: shiftDate(from, n) })),
        ),
        { maxLength: 3 },
      ),
      workingDays: fc.uniqueArray(
        fc.record({ date: dateNear(anchor), hours: dayHours.filter((h) => h.length > 0) }),
        { maxLength: 2, selector: (w) => w.date },
      ),
      periods: fc.array(
        fc.record(
          {
            name: fc.constantFrom('month-end close', 'freeze', 'launch'),
            range: fc.oneof(
              fc
                .tuple(dateNear(anchor), fc.integer({ min: 0, max: 4 }))
                .map(([from, n]) => ({ from, to: shiftDate(from, n) })),
              fc.integer({ min: 1, max: 3 }).map((n) => ({ lastBusinessDaysOfMonth: n })),
            ),
            hours: dayHours.filter((h) => h.length > 0),
            priority: fc.constantFrom('highest', 'high'),
          },
          { requiredKeys: ['name', 'range'] },
        ),
        { maxLength: 2 },
      ),
    }),
  }),
);

/** Parses a generated calendar; generated ones that the schema rejects (e.g. a holiday that is also a transfer) are skipped. */
function parsed(input: unknown) {
  const calendar = input as Omit<BusinessCalendarInput, 'periods'> & {
    periods: Array<Record<string, unknown> & { range: object }>;
  };
  const flattened = {
    ...calendar,
    periods: calendar.periods.map(({ range: r, ...period }) => ({ ...period, ...r })),
  };
  const result = BusinessCalendarSchema.safeParse(flattened);
  fc.pre(result.success);
  return result.data!;
}

/** A minute-aligned instant within a few days of the anchor. */
const instantNear = (anchor: string, minuteOffset: number) =>
  Date.parse(`${anchor}T00:00:00Z`) - 3 * 1440 * MINUTE + minuteOffset * MINUTE;

const runs = { numRuns: 200 };

describe('calendar against a minute-by-minute oracle on random calendars', () => {
  const SCAN_MINUTES = 2 * 1440;

  it('isWorkingTime, businessMinutesBetween, addBusinessMinutes (both ways) and nextWorkingInstant agree with the oracle', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 0, max: 3 * 1440 }),
        fc.array(fc.tuple(fc.nat(SCAN_MINUTES), fc.nat(SCAN_MINUTES)), { minLength: 1, maxLength: 8 }),
        ({ anchor, calendar }, offset, pairs) => {
          const cal = parsed(calendar);
          const compiled = compileCalendar(cal);
          const origin = instantNear(anchor, offset);
          const at = (minute: number) => new Date(origin + minute * MINUTE);
          // One oracle scan: working[m] says whether minute m after `origin` is working time.
          const working: boolean[] = [];
          for (let m = 0; m < SCAN_MINUTES; m++) working.push(oracleIsWorking(cal, origin + m * MINUTE));
          const before = [0]; // before[m] = working minutes in [0, m)
          for (const w of working) before.push(before[before.length - 1]! + (w ? 1 : 0));

          working.forEach((w, m) => {
            if (isWorkingTime(compiled, at(m)) !== w)
              throw new Error(`isWorkingTime(${at(m).toISOString()}) should be ${w}`);
          });
          for (const [a, b] of pairs) {
            const [lo, hi] = a <= b ? [a, b] : [b, a];
            const expected = before[hi]! - before[lo]!;
            expect(businessMinutesBetween(compiled, at(lo), at(hi))).toBe(expected);
            expect(businessMinutesBetween(compiled, at(hi), at(lo))).toBe(0 - expected);
            // The instant after the `expected`-th working minute counted from `lo`.
            if (expected > 0) {
              let end = lo;
              while (before[end]! - before[lo]! < expected) end++;
              expect(addBusinessMinutes(compiled, at(lo), expected).toISOString()).toBe(
                at(end).toISOString(),
              );
              // And back from `hi`: the start of the `expected`-th working minute before it.
              let begin = hi;
              while (before[hi]! - before[begin]! < expected) begin--;
              expect(addBusinessMinutes(compiled, at(hi), -expected).toISOString()).toBe(
                at(begin).toISOString(),
              );
            }
            const firstWorking = working.indexOf(true, lo);
            if (firstWorking >= 0)
              expect(nextWorkingInstant(compiled, at(lo))?.toISOString()).toBe(
                at(firstWorking).toISOString(),
              );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('activePeriodsAt lists the periods of the local date', () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 6 * 1440 }), ({ anchor, calendar }, offset) => {
        const cal = parsed(calendar);
        const t = instantNear(anchor, offset);
        const expected = oraclePeriods(cal, localOf(cal.timeZone, t).date).map((p) => p.name);
        expect(activePeriodsAt(cal, new Date(t)).map((p) => p.name)).toEqual(expected);
      }),
      runs,
    );
  });

  it('workingIntervals are ordered, disjoint and add up to businessMinutesBetween', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 0, max: 4 * 1440 }),
        fc.integer({ min: 1, max: 3 * 1440 }),
        ({ anchor, calendar }, offset, span) => {
          const cal = parsed(calendar);
          const from = new Date(instantNear(anchor, offset));
          const to = new Date(from.getTime() + span * MINUTE);
          const intervals = workingIntervals(cal, from, to);
          let total = 0;
          let previousEnd = -Infinity;
          for (const { start, end } of intervals) {
            expect(start.getTime()).toBeGreaterThan(previousEnd);
            expect(end.getTime()).toBeGreaterThan(start.getTime());
            total += end.getTime() - start.getTime();
            previousEnd = end.getTime();
          }
          expect(total / MINUTE).toBe(businessMinutesBetween(cal, from, to));
        },
      ),
      runs,
    );
  });
});

describe("long spans against a day-by-day sum of each local date's intervals", () => {
  /** Working time in [from, to) built from each local date's own intervals, merged where neighbours overlap. */
  function mergedWorkByDates(cal: ReturnType<typeof parsed>, from: number, to: number): [number, number][] {
    const pieces: [number, number][] = [];
    // From the day before: its night shift may reach into `from`'s date.
    const first = shiftDate(localOf(cal.timeZone, from).date, -1);
    const last = localOf(cal.timeZone, to).date;
    for (let date = first; date <= last; date = shiftDate(date, 1))
      for (const { start, end } of workingIntervalsOfDate(cal, date)) {
        const a = Math.max(start.getTime(), from);
        const b = Math.min(end.getTime(), to);
        if (a < b) pieces.push([a, b]);
      }
    pieces.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of pieces) {
      const previous = merged[merged.length - 1];
      if (previous && a <= previous[1]) previous[1] = Math.max(previous[1], b);
      else merged.push([a, b]);
    }
    return merged;
  }

  it('businessMinutesBetween and addBusinessMinutes agree with it over 30–400 days', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: -40 * 1440, max: 4 * 1440 }),
        fc.integer({ min: 30 * 1440, max: 400 * 1440 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ anchor, calendar }, offset, span, share) => {
          const cal = parsed(calendar);
          const from = instantNear(anchor, offset);
          const to = from + span * MINUTE;
          const merged = mergedWorkByDates(cal, from, to);
          const total = merged.reduce((sum, [a, b]) => sum + (b - a), 0);
          expect(businessMinutesBetween(cal, new Date(from), new Date(to))).toBe(total / MINUTE);
          expect(businessMinutesBetween(cal, new Date(to), new Date(from))).toBe(0 - total / MINUTE);

          // A due date inside the span: walk the merged intervals until that much work has passed.
          const amount = Math.round((share * total) / MINUTE) * MINUTE;
          fc.pre(amount > 0);
          let left = amount;
          let due = NaN;
          for (const [a, b] of merged) {
            if (left <= b - a) {
              due = a + left;
              break;
            }
            left -= b - a;
          }
          expect(addBusinessMinutes(cal, new Date(from), amount / MINUTE).toISOString()).toBe(
            new Date(due).toISOString(),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
