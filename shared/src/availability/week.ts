// The team's week as coordinators read it: engineers × seven local days, each day with the
// engineer's absences, whether they are on duty by the rota, their current weighted load, and at a
// glance whether they are here today and tomorrow. Pure: the absences, rota, loads and `now` are
// arguments; days are the engineer's own local days.
import { localDateTime, zonedInstant } from '../calendar/index.js';
import { DAY_MS, weekdayIndex } from '../calendar/zone.js';
import { parseIsoDay } from '../schemas/calendar.js';
import type { Absence, AbsenceKind, DutyRota, Engineer } from '../schemas/engineers.js';
import { absenceSpan } from '../assignment/absence.js';
import { onDutyAt } from '../assignment/duty.js';

/** An absence with where it came from: entered on the page, read from a feed, or in the settings. */
export interface SourcedAbsence {
  absence: Absence;
  source: 'entered' | 'feed' | 'settings';
  /** The kept entry's id (entered ones only). */
  id?: string;
}

export type DayAvailability = 'available' | 'partly' | 'away';

export interface WeekCellAbsence {
  kind: AbsenceKind;
  /** Covers the whole local day. */
  wholeDay: boolean;
  /** Local HH:MM bounds within the day, for part-day absences. */
  from?: string;
  to?: string;
  note?: string;
  enteredBy?: string;
  source: SourcedAbsence['source'];
}

export interface WeekCell {
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  availability: DayAvailability;
  absences: WeekCellAbsence[];
  /** Hours of the local day (sampled on the hour) the rota has the engineer on duty; 0 when none. */
  dutyHours: number;
}

export interface WeekRow {
  accountId: string;
  name: string;
  timeZone: string;
  load: number;
  maxLoad: number;
  today: DayAvailability;
  tomorrow: DayAvailability;
  /** Whether the engineer confirmed this week on "My availability". */
  confirmed: boolean;
  days: WeekCell[];
}

export interface TeamWeek {
  team: string;
  weekStart: string;
  days: string[];
  rows: WeekRow[];
}

/** `YYYY-MM-DD` of a day number since 1970-01-01. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  const day = parseIsoDay(date);
  return isoDay(day - weekdayIndex(day));
}

/** The Monday of the week `at` falls in, as a local date in `zone`. */
export function weekStartAt(zone: string, at: Date): string {
  return mondayOf(localDateTime(zone, at).date);
}

/** The seven dates of the week starting `weekStart`. */
export function weekDays(weekStart: string): string[] {
  const first = parseIsoDay(weekStart);
  return Array.from({ length: 7 }, (_, i) => isoDay(first + i));
}

function dayStart(zone: string, date: string): number {
  return zonedInstant(zone, date).getTime();
}

/** One local day of one engineer: the absences that touch it and what they leave of the day. */
function cellAbsences(
  absences: readonly SourcedAbsence[],
  zone: string,
  date: string,
): { availability: DayAvailability; absences: WeekCellAbsence[] } {
  const start = dayStart(zone, date);
  const end = dayStart(zone, isoDay(parseIsoDay(date) + 1));
  const cells: WeekCellAbsence[] = [];
  let away = false;
  for (const { absence, source } of absences) {
    const [s, e] = absenceSpan(absence, zone);
    if (!(s < end && start < e)) continue;
    const wholeDay = s <= start && e >= end;
    away ||= wholeDay;
    cells.push({
      kind: absence.kind,
      wholeDay,
      ...(wholeDay
        ? {}
        : {
            from: s <= start ? '00:00' : localDateTime(zone, new Date(s)).time,
            to: e >= end ? '24:00' : localDateTime(zone, new Date(e)).time,
          }),
      ...(absence.note ? { note: absence.note } : {}),
      ...(absence.enteredBy ? { enteredBy: absence.enteredBy } : {}),
      source,
    });
  }
  return { availability: away ? 'away' : cells.length ? 'partly' : 'available', absences: cells };
}

/** Engineers of `team` × the week starting `weekStart` (a Monday), in name order. */
export function teamWeek(input: {
  team: string;
  weekStart: string;
  engineers: readonly Engineer[];
  absences: ReadonlyMap<string, readonly SourcedAbsence[]>;
  dutyRota: DutyRota | null;
  loads: Readonly<Record<string, number>>;
  confirmed: ReadonlySet<string>;
  now: Date;
}): TeamWeek {
  const days = weekDays(input.weekStart);
  const members = input.engineers
    .filter((e) => e.teams.includes(input.team))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.accountId < b.accountId ? -1 : 1));
  const rows = members.map((engineer): WeekRow => {
    const zone = engineer.timeZone;
    const own = input.absences.get(engineer.accountId) ?? [];
    const today = localDateTime(zone, input.now).date;
    const tomorrow = isoDay(parseIsoDay(today) + 1);
    const load = Object.hasOwn(input.loads, engineer.accountId) ? input.loads[engineer.accountId]! : 0;
    return {
      accountId: engineer.accountId,
      name: engineer.name,
      timeZone: zone,
      load,
      maxLoad: engineer.maxLoad,
      today: cellAbsences(own, zone, today).availability,
      tomorrow: cellAbsences(own, zone, tomorrow).availability,
      confirmed: input.confirmed.has(engineer.accountId),
      days: days.map((date, weekday) => ({
        date,
        weekday,
        ...cellAbsences(own, zone, date),
        dutyHours: input.dutyRota ? dutyHours(input.dutyRota, engineer.accountId, zone, date) : 0,
      })),
    };
  });
  return { team: input.team, weekStart: input.weekStart, days, rows };
}

/** Hours of a local day whose start the rota has `accountId` on duty. */
function dutyHours(rota: DutyRota, accountId: string, zone: string, date: string): number {
  const start = dayStart(zone, date);
  const end = dayStart(zone, isoDay(parseIsoDay(date) + 1));
  let hours = 0;
  for (let t = start; t < end; t += 3_600_000) if (onDutyAt(rota, new Date(t)).has(accountId)) hours += 1;
  return hours;
}

/** A JQL query for an engineer's open tickets, newest change first. */
export function engineerTicketsJql(accountId: string): string {
  return `assignee = "${accountId.replace(/["\\]/g, '')}" AND statusCategory != Done ORDER BY updated DESC`;
}
