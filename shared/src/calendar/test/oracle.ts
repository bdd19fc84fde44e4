// A deliberately naive model of a business calendar for tests: it asks Intl for the local date and
// time of one instant and reads the settings as written. No caching, no UTC ranges, no cleverness —
// so the fast implementation can be checked against it minute by minute.
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

// Remembering each date's schedule only saves re-reading the settings for every minute of the date.
const schedules = new WeakMap<BusinessCalendar, Map<string, TimeInterval[]>>();

function scheduleOf(calendar: BusinessCalendar, date: string): TimeInterval[] {
  let byDate = schedules.get(calendar);
  if (!byDate) schedules.set(calendar, (byDate = new Map()));
  let schedule = byDate.get(date);
  if (!schedule) byDate.set(date, (schedule = readSchedule(calendar, date)));
  return schedule;
}

function readSchedule(calendar: BusinessCalendar, date: string): TimeInterval[] {
  const overriding = oraclePeriods(calendar, date).filter((p) => p.hours);
  return overriding.length > 0 ? overriding.flatMap((p) => p.hours!) : baseHours(calendar, date);
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
  for (const [s, e] of scheduleOf(calendar, date)) {
    const start = toMinutes(s);
    const end = toMinutes(e) <= start ? 1440 : toMinutes(e);
    if (minute >= start && minute < end) return true;
  }
  for (const [s, e] of scheduleOf(calendar, shiftDate(date, -1))) {
    if (toMinutes(e) <= toMinutes(s) && minute < toMinutes(e)) return true; // yesterday's night shift
  }
  return false;
}
