// Due-date computation (addBusinessMinutes) on a Moscow calendar with Russian holidays, a working
// Saturday and special periods, against a simple day-by-day reference kept in this file: it walks
// the local days, derives each day's intervals from the raw settings with Intl and no caching.
import {
  addBusinessMinutes,
  BusinessCalendarSchema,
  businessMinutesBetween,
  compileCalendar,
  type BusinessCalendar,
  type BusinessCalendarInput,
} from '@frontline/shared';
import type { BenchResult, BenchSuite } from './lib.js';
import { percentile, timePerCallMicros, withRatio } from './lib.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

const office: [string, string][] = [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
];
const SETTINGS: BusinessCalendarInput = {
  timeZone: 'Europe/Moscow',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [
    { from: '2027-01-01', to: '2027-01-08' },
    '2027-02-23',
    '2027-03-08',
    '2027-05-03',
    '2027-05-10',
    '2027-06-14',
    '2027-11-04',
    '2027-12-31',
    { from: '2028-01-01', to: '2028-01-08' },
  ],
  workingDays: [{ date: '2027-02-20', hours: [['09:00', '18:00']] }],
  periods: [
    { name: 'month-end close', lastBusinessDaysOfMonth: 2, hours: [['09:00', '24:00']], priority: 'highest' },
    { name: 'year-end freeze', from: '2027-12-24', to: '2027-12-30', hours: [['10:00', '16:00']] },
  ],
};

// ---- the reference: day by day, straight from the settings, Intl on every conversion ----------

const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const dateOf = (wallMs: number) => new Date(wallMs).toISOString().slice(0, 10);

// The reference keeps its formatters (building one costs far more than using it), so the
// comparison measures the day-by-day walk, not Intl's constructor.
const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetAt(zone: string, utcMs: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(utcMs).map((x) => [x.type, x.value]));
  return (
    Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!) - Math.floor(utcMs / MINUTE) * MINUTE
  );
}

/** Local wall time (as UTC ms) → instant, by guessing with the offset and correcting once. */
function wallToUtc(zone: string, wall: number): number {
  const guess = wall - offsetAt(zone, wall);
  return wall - offsetAt(zone, guess);
}

function baseHours(cal: BusinessCalendar, date: string): [string, string][] {
  const transfer = cal.workingDays.find((w) => w.date === date);
  if (transfer) return transfer.hours;
  const holiday = cal.holidays.some((h) =>
    typeof h === 'string' ? h === date : h.from <= date && date <= h.to,
  );
  return holiday ? [] : cal.week[WEEK[new Date(`${date}T00:00:00Z`).getUTCDay()]!];
}

/** The last `n` business days of the month of `date`, by the base calendar. */
function lastBusinessDays(cal: BusinessCalendar, date: string, n: number): string[] {
  const found: string[] = [];
  const month = date.slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  for (let d = Date.UTC(y, m, 0); dateOf(d).slice(0, 7) === month && found.length < n; d -= DAY) {
    if (baseHours(cal, dateOf(d)).length > 0) found.push(dateOf(d));
  }
  return found;
}

function hoursOf(cal: BusinessCalendar, date: string): [string, string][] {
  const overriding = cal.periods.filter(
    (p) =>
      p.hours &&
      (p.lastBusinessDaysOfMonth !== undefined
        ? lastBusinessDays(cal, date, p.lastBusinessDaysOfMonth).includes(date)
        : p.from! <= date && date <= p.to!),
  );
  return overriding.length > 0 ? overriding.flatMap((p) => p.hours!) : baseHours(cal, date);
}

/** A day's intervals as sorted minute ranges, overlapping ones (two periods on one day) joined. */
function dayRanges(hours: [string, string][]): [number, number][] {
  const ranges = hours
    .map(([a, b]): [number, number] => [minutesOf(a), minutesOf(b)])
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of ranges) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** addBusinessMinutes the simple way (this calendar has no night shifts). */
function referenceAddBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  const zone = cal.timeZone;
  const t = start.getTime();
  let left = minutes * MINUTE;
  let wallDay = Math.floor((t + offsetAt(zone, t)) / DAY) * DAY;
  for (;;) {
    for (const [from, to] of dayRanges(hoursOf(cal, dateOf(wallDay)))) {
      const s = Math.max(t, wallToUtc(zone, wallDay + from * MINUTE));
      const e = wallToUtc(zone, wallDay + to * MINUTE);
      if (e <= s) continue;
      if (left <= e - s) return new Date(s + left);
      left -= e - s;
    }
    wallDay += DAY;
  }
}

// ---- the suite ------------------------------------------------------------------------------------

const START = Date.parse('2027-01-11T06:30:00Z');
/** Start instants spread over two weeks, at odd minutes, so no two calls are the same question. */
const startOf = (i: number) => new Date(START + (i % 997) * 17 * MINUTE);

function dueDateRows(
  calendar: BusinessCalendar,
  label: string,
  spanDays: number,
  target: string,
): BenchResult[] {
  const compiled = compileCalendar(calendar);
  const minutes = businessMinutesBetween(compiled, new Date(START), new Date(START + spanDays * DAY));
  // The two implementations must agree before their speed means anything.
  for (let i = 0; i < 25; i++) {
    const fast = addBusinessMinutes(compiled, startOf(i * 41), minutes).toISOString();
    const slow = referenceAddBusinessMinutes(calendar, startOf(i * 41), minutes).toISOString();
    if (fast !== slow) throw new Error(`mismatch from ${startOf(i * 41).toISOString()}: ${fast} vs ${slow}`);
  }
  const fast = percentile(
    timePerCallMicros((i) => addBusinessMinutes(compiled, startOf(i), minutes)),
    50,
  );
  const slowSamples = spanDays > 100 ? 12 : 40;
  const slow = percentile(
    timePerCallMicros((i) => referenceAddBusinessMinutes(calendar, startOf(i), minutes), {
      samples: slowSamples,
      batch: 1,
    }),
    50,
  );
  // A fresh compile per call: what the first due date of a new calendar costs (zone data stays cached).
  const cold = percentile(
    timePerCallMicros((i) => addBusinessMinutes(compileCalendar({ ...calendar }), startOf(i), minutes), {
      samples: 20,
      batch: 1,
    }),
    50,
  );
  return [
    withRatio({
      name: `calendar: due date ${label} (p50)`,
      value: fast,
      unit: 'µs/op',
      baseline: slow,
      target,
    }),
    withRatio({
      name: `calendar: due date ${label}, cold calendar (p50)`,
      value: cold,
      unit: 'µs/op',
      baseline: slow,
    }),
  ];
}

const suite: BenchSuite = {
  name: 'calendar',
  async run() {
    const calendar = BusinessCalendarSchema.parse(SETTINGS);
    return [
      ...dueDateRows(calendar, '30 days out', 30, '≥ 20× the day-by-day reference'),
      ...dueDateRows(calendar, '365 days out', 365, '≤ 20 µs and ≥ 20× the day-by-day reference'),
    ];
  },
};

export default suite;
