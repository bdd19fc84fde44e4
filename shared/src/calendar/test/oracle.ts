// A deliberately naive model of a business calendar for tests: it asks Intl for the local date and
// time of one instant and reads the settings as written. No UTC ranges, no week cycle, nothing
// shared with the implementation — so the fast implementation can be checked against it minute by
// minute. The only economies: each date's schedule is read once, and `oracleWorkingMinutes` asks
// Intl once per steady UTC hour (its own test checks it against asking minute by minute).
import type { BusinessCalendar, Holiday, TimeInterval } from '../../schemas/calendar.js';

const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Adds `days` to a `YYYY-MM-DD` date. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): (typeof WEEK)[number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEK[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

function isHoliday(calendar: BusinessCalendar, date: string): boolean {
  return calendar.holidays.some((h: Holiday) =>
    typeof h === 'string' ? h === date : h.from <= date && date <= h.to,
  );
}

/** Hours of a date by week, holidays and transfers only. */
function baseHours(calendar: BusinessCalendar, date: string): TimeInterval[] {
  const transfer = calendar.workingDays.find((w) => w.date === date);
  if (transfer) return transfer.hours;
  if (isHoliday(calendar, date)) return [];
  return calendar.week[weekdayOf(date)];
}

function isLastBusinessDay(calendar: BusinessCalendar, date: string, count: number): boolean {
  if (baseHours(calendar, date).length === 0) return false;
  let later = 0;
  for (let next = shiftDate(date, 1); next.slice(0, 7) === date.slice(0, 7); next = shiftDate(next, 1)) {
    if (baseHours(calendar, next).length > 0) later++;
  }
  return later < count;
}

/** Names of the periods in force on a local date. */
export function oraclePeriods(calendar: BusinessCalendar, date: string) {
  return calendar.periods.filter((p) =>
    p.lastBusinessDaysOfMonth !== undefined
      ? isLastBusinessDay(calendar, date, p.lastBusinessDaysOfMonth)
      : p.from! <= date && date <= p.to!,
  );
}

/** A date's intervals as minutes of the day: [start, end, night] with `night` true for a shift that ends next morning. */
type Schedule = [start: number, end: number, night: boolean][];

// Remembering each date's schedule only saves re-reading the settings for every minute of the date.
const schedules = new WeakMap<BusinessCalendar, Map<string, Schedule>>();

function scheduleOf(calendar: BusinessCalendar, date: string): Schedule {
  let byDate = schedules.get(calendar);
  if (!byDate) schedules.set(calendar, (byDate = new Map()));
  let schedule = byDate.get(date);
  if (!schedule) byDate.set(date, (schedule = readSchedule(calendar, date)));
  return schedule;
}

function readSchedule(calendar: BusinessCalendar, date: string): Schedule {
  const overriding = oraclePeriods(calendar, date).filter((p) => p.hours);
  const hours = overriding.length > 0 ? overriding.flatMap((p) => p.hours!) : baseHours(calendar, date);
  return hours.map(([s, e]) => [toMinutes(s), toMinutes(e), toMinutes(e) <= toMinutes(s)]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Local date and minute of the day of an instant, straight from Intl (sv-SE prints `YYYY-MM-DD HH:MM`). */
export function localOf(zone: string, t: number): { date: string; minute: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  const text = f.format(t);
  return { date: text.slice(0, 10), minute: Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16)) };
}

/** Is the minute starting at instant `t` working time? */
export function oracleIsWorking(calendar: BusinessCalendar, t: number): boolean {
  const { date, minute } = localOf(calendar.timeZone, t);
  return isWorkingLocal(calendar, date, shiftDate(date, -1), minute);
}

/** Is the local minute `minute` of `date` (whose previous date is `yesterday`) working time? */
function isWorkingLocal(
  calendar: BusinessCalendar,
  date: string,
  yesterday: string,
  minute: number,
): boolean {
  for (const [start, end, night] of scheduleOf(calendar, date)) {
    if (minute >= start && minute < (night ? 1440 : end)) return true;
  }
  for (const [, end, night] of scheduleOf(calendar, yesterday)) {
    if (night && minute < end) return true; // yesterday's night shift
  }
  return false;
}

const HOUR = 3_600_000;

/**
 * Working minutes in [from, to) (minute-aligned instants), each minute judged by `oracleIsWorking`'s
 * rule. Intl is asked for the local time at both ends of each UTC hour; where the two readings are
 * exactly the hour's length apart the offset held throughout it (no zone changes its clocks twice
 * within an hour), so its minutes follow on from the first reading. Any other hour (a clock change inside it) asks Intl minute by minute.
 */
export function oracleWorkingMinutes(calendar: BusinessCalendar, from: number, to: number): number {
  if (from % 60_000 !== 0 || to % 60_000 !== 0)
    throw new RangeError('oracleWorkingMinutes: whole minutes only');
  const zone = calendar.timeZone;
  let count = 0;
  let end = localOf(zone, from);
  for (let hour = from; hour < to; hour += HOUR) {
    const next = Math.min(hour + HOUR, to);
    const minutes = (next - hour) / 60_000;
    const start = end;
    end = localOf(zone, next);
    const wallStart = Date.parse(`${start.date}T00:00:00Z`) / 60_000 + start.minute;
    const wallEnd = Date.parse(`${end.date}T00:00:00Z`) / 60_000 + end.minute;
    if (wallEnd - wallStart === minutes) {
      let date = start.date;
      let yesterday = shiftDate(date, -1);
      for (let k = 0; k < minutes; k++) {
        let minute = start.minute + k;
        if (minute >= 1440) {
          if (date === start.date) {
            yesterday = date;
            date = shiftDate(date, 1);
          }
          minute -= 1440;
        }
        if (isWorkingLocal(calendar, date, yesterday, minute)) count++;
      }
    } else {
      for (let t = hour; t < next; t += 60_000) if (oracleIsWorking(calendar, t)) count++;
    }
  }
  return count;
}
