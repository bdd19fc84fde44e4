import fc from 'fast-check';
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
import { calendarDraft, parsedCalendar } from './test/arbitraries.js';
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

const dateNear = (anchor: string) => fc.integer({ min: -6, max: 6 }).map((d) => shiftDate(anchor, d));

/** A calendar whose holidays, transfers and periods fall within a few days of one of the anchors. */
const calendarArb = fc
  .constantFrom(...ANCHORS)
  .chain((anchor) =>
    fc.record({ anchor: fc.constant(anchor), calendar: calendarDraft(ZONES, dateNear(anchor)) }),
  );

const parsed = parsedCalendar;

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
