// Business calendar queries.
//
// Semantics (the settings format is `BusinessCalendarSchema`):
// - An instant is working time when the calendar's local wall clock shows a time inside one of
//   the working intervals of the day that owns it. Interval ends are exclusive.
// - A night shift (end before start, e.g. thu 22:00–06:00) belongs to the day it starts on: a
//   holiday on Thursday cancels the whole shift, Friday morning included; a holiday on Friday
//   cancels Friday's own hours but not the tail of Thursday's shift.
// - `workingDays` give a day (a transferred Saturday) its own hours instead of the week's; a date
//   may not be both a holiday and a working day.
// - A period with `hours` replaces the hours of each of its days — holidays included, since a
//   period is an explicit promise for those dates; several such periods on one day add up. A
//   period's day is a local date: it is active from local midnight to local midnight.
// - `lastBusinessDaysOfMonth: N` picks the last N days of each month that have hours in the base
//   calendar (week, holidays, transfers; no periods).
// - Where intervals of neighbouring days overlap (a night shift's tail and the next day's hours)
//   the time counts once.
// - DST: because working time is defined by the wall clock, an interval that touches a
//   spring-forward gap simply loses the skipped wall times (an 8-hour day is 7 hours long), and
//   one that spans a fall-back repeat gains the repeated hour. Converting a single local time to
//   an instant (`zonedInstant`) picks the first instant at or after that wall time: a skipped time
//   maps to the moment the clock jumps, a repeated one to its first occurrence.
// - Minutes may be fractional; results are exact to the millisecond.
//
// Horizon: instants from 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z (see `horizon.ts`). Given an
// instant outside it, or asked for an answer that lies outside it, these functions throw a
// `BeyondHorizonError` rather than compute; `checkedCalendar(() => …)` turns that into
// `{ ok: false, error: { code: 'beyond_horizon', … } }` for callers whose instants come from outside.
//
// Calendars must be validated with `BusinessCalendarSchema` first; compiling one whose week has no
// hours at all throws, since every search for working time would be endless.
//
// Every function accepts a raw calendar or a compiled one. A raw calendar passed to a query is
// compiled on first use and the compiled form is remembered for that object, so raw objects must
// not be mutated after their first use. `compileCalendar` hands out that remembered form when there
// is one, and otherwise a new compiled calendar that it does not remember: its caller keeps it, and
// a thousand calendars compiled once each then cost no weak-map bookkeeping. Hot paths (sweeps,
// rota builders) should call `compileCalendar` once and pass the result: all memo tables live in it.
import type { BusinessCalendar } from '../schemas/calendar.js';
import { parseIsoDay } from '../schemas/calendar.js';
import type { ActivePeriod } from './compiled.js';
import { BLOCK_DAYS, CompiledCalendar, compiledOf, rememberedCompiled } from './compiled.js';
import { beyondHorizon, BeyondHorizonError, HORIZON_END_MS, withinHorizon } from './horizon.js';
import { nextPeriodChangeMs, workBackward, workBetween, workForward } from './work.js';
import { DAY_MS, MINUTE_MS } from './zone.js';

export type { ActivePeriod, CompiledCalendar } from './compiled.js';
export type { BeyondHorizon } from './horizon.js';
export { BeyondHorizonError, checkedCalendar, HORIZON, withinHorizon } from './horizon.js';
export { localDateTime, zonedInstant } from './zone.js';

/** A raw settings calendar or its compiled form. */
export type CalendarLike = BusinessCalendar | CompiledCalendar;

/** A half-open stretch of working time [start, end). */
export interface WorkingInterval {
  start: Date;
  end: Date;
}

/** How far `nextWorkingInstant` looks before answering null: 10 years (3,653 days), rounded up to whole blocks. */
const NEXT_WORKING_SEARCH_DAYS = Math.ceil(3653 / BLOCK_DAYS) * BLOCK_DAYS;

/**
 * The epoch milliseconds of `date`. An invalid Date (NaN) is a caller's bug and throws a RangeError;
 * an instant outside the horizon throws a BeyondHorizonError (see the file comment).
 */
function instantOf(date: Date, argument: string, fn: string): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${fn}: ${argument} is an invalid Date`);
  if (!withinHorizon(t)) throw new BeyondHorizonError(beyondHorizon(`${fn}: ${argument}`, t));
  return t;
}

/** The day number of a local date, refused outside the horizon like an instant. */
function dayOf(date: string, fn: string): number {
  const day = parseIsoDay(date);
  if (!withinHorizon(day * DAY_MS))
    throw new BeyondHorizonError(beyondHorizon(`${fn}: ${date}`, day * DAY_MS));
  return day;
}

/** Precomputes a calendar for fast queries; pass the result to every other calendar function. */
export function compileCalendar(calendar: CalendarLike): CompiledCalendar {
  if (calendar instanceof CompiledCalendar) return calendar;
  return rememberedCompiled(calendar) ?? new CompiledCalendar(calendar);
}

/**
 * The instant when `minutes` business minutes (may be fractional) have passed since `start`: the
 * earliest instant `t` with `businessMinutesBetween(calendar, start, t) === minutes`, so a due time
 * that falls on the end of a working day is that end, not the next morning. Negative minutes count
 * back: the latest `t` with `businessMinutesBetween(calendar, t, start) === -minutes`. Zero returns
 * `start` itself. A due time past the horizon (or a calendar whose working time runs out before it)
 * throws a BeyondHorizonError.
 */
export function addBusinessMinutes(calendar: CalendarLike, start: Date, minutes: number): Date {
  const from = instantOf(start, 'start', 'addBusinessMinutes');
  if (!Number.isFinite(minutes)) throw new RangeError(`minutes must be finite, got ${minutes}`);
  const compiled = compiledOf(calendar);
  const amount = Math.round(Math.abs(minutes) * MINUTE_MS);
  if (amount === 0) return new Date(from);
  return new Date(minutes > 0 ? workForward(compiled, from, amount) : workBackward(compiled, from, amount));
}

/**
 * Business minutes in [from, to). When `to` is before `from` the result is negative: minus the
 * business minutes in [to, from), so `between(a, b) === -between(b, a)`.
 */
export function businessMinutesBetween(calendar: CalendarLike, from: Date, to: Date): number {
  const a = instantOf(from, 'from', 'businessMinutesBetween');
  const b = instantOf(to, 'to', 'businessMinutesBetween');
  const compiled = compiledOf(calendar);
  if (a === b) return 0;
  return a < b ? workBetween(compiled, a, b) / MINUTE_MS : 0 - workBetween(compiled, b, a) / MINUTE_MS;
}

/** True when `at` lies inside working time. */
export function isWorkingTime(calendar: CalendarLike, at: Date): boolean {
  const t = instantOf(at, 'at', 'isWorkingTime');
  const ranges = compiledOf(calendar).workOfUtcDay(Math.floor(t / DAY_MS)).ranges;
  for (let i = 0; i < ranges.length; i += 2) if (ranges[i]! <= t && t < ranges[i + 1]!) return true;
  return false;
}

/**
 * `at` itself when it is working time, else the start of the next working interval; null if none
 * within about 10 years. A search that reaches the end of the horizon first throws a BeyondHorizonError.
 */
export function nextWorkingInstant(calendar: CalendarLike, at: Date): Date | null {
  const t = instantOf(at, 'at', 'nextWorkingInstant');
  const compiled = compiledOf(calendar);
  const firstDay = Math.floor(t / DAY_MS);
  for (let day = firstDay; day < firstDay + NEXT_WORKING_SEARCH_DAYS; day++) {
    if (day * DAY_MS >= HORIZON_END_MS)
      throw new BeyondHorizonError(beyondHorizon('nextWorkingInstant: the next working time', day * DAY_MS));
    const blockIndex = Math.floor(day / BLOCK_DAYS);
    // Skip a whole empty block (a long holiday) in one step.
    if (day === blockIndex * BLOCK_DAYS && compiled.blockTotal(blockIndex) === 0) {
      day += BLOCK_DAYS - 1;
      continue;
    }
    const ranges = compiled.workOfUtcDay(day).ranges;
    for (let i = 0; i < ranges.length; i += 2)
      if (ranges[i + 1]! > t) return new Date(Math.max(ranges[i]!, t));
  }
  return null;
}

/** The working intervals that overlap [from, to), clipped to it, in order. */
export function workingIntervals(calendar: CalendarLike, from: Date, to: Date): WorkingInterval[] {
  const a = instantOf(from, 'from', 'workingIntervals');
  const b = instantOf(to, 'to', 'workingIntervals');
  const compiled = compiledOf(calendar);
  const out: WorkingInterval[] = [];
  for (let day = Math.floor(a / DAY_MS); day * DAY_MS < b; day++) {
    const ranges = compiled.workOfUtcDay(day).ranges;
    for (let i = 0; i < ranges.length; i += 2) {
      const start = Math.max(ranges[i]!, a);
      const end = Math.min(ranges[i + 1]!, b);
      if (start >= end) continue;
      const last = out[out.length - 1];
      // Ranges split at UTC midnight are one interval to the reader.
      if (last && last.end.getTime() === start) last.end = new Date(end);
      else out.push({ start: new Date(start), end: new Date(end) });
    }
  }
  return out;
}

/** The working intervals owned by a local date (`YYYY-MM-DD`), including the morning tail of its night shift. */
export function workingIntervalsOfDate(calendar: CalendarLike, date: string): WorkingInterval[] {
  const own = compiledOf(calendar).ownWorkOf(dayOf(date, 'workingIntervalsOfDate'));
  const out: WorkingInterval[] = [];
  for (let i = 0; i < own.length; i += 2) out.push({ start: new Date(own[i]!), end: new Date(own[i + 1]!) });
  return out;
}

/** True when a local date (`YYYY-MM-DD`) has working hours of its own (periods included). */
export function isBusinessDay(calendar: CalendarLike, date: string): boolean {
  return compiledOf(calendar).hoursOn(dayOf(date, 'isBusinessDay')).length > 0;
}

/** The periods in force at `at` (those whose local dates include the local date of `at`). */
export function activePeriodsAt(calendar: CalendarLike, at: Date): ActivePeriod[] {
  const t = instantOf(at, 'at', 'activePeriodsAt');
  const compiled = compiledOf(calendar);
  return compiled.activePeriodsOn(compiled.localDay(t));
}

/** The next local midnight after `at` at which the set of active periods changes; null if none within `horizonDays`. */
export function nextPeriodChange(calendar: CalendarLike, at: Date, horizonDays = 400): Date | null {
  const t = instantOf(at, 'at', 'nextPeriodChange');
  const change = nextPeriodChangeMs(compiledOf(calendar), t, horizonDays);
  return Number.isNaN(change) ? null : new Date(change);
}
