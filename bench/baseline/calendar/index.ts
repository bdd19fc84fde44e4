// Baseline for bench/evaluation.bench.ts: this module as it was before the one-evaluation rework
// (commit c2fabf4), kept only so the bench measures the old path in the same run. Not product code.
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
// Calendars must be validated with `BusinessCalendarSchema` first; compiling one whose week has no
// hours at all throws, since every search for working time would be endless.
//
// Every function accepts a raw calendar or a compiled one. A raw calendar is compiled on first use
// and the compiled form is remembered for that object, so raw objects must not be mutated after
// their first use. Hot paths (sweeps, rota builders) should call `compileCalendar` once and pass
// the result: all memo tables live in it.
import type { BusinessCalendar } from '@frontline/shared';
import { parseIsoDay } from '@frontline/shared';
import type { ActivePeriod, DayWork } from './compiled.js';
import { BLOCK_DAYS, CompiledCalendar } from './compiled.js';
import { DAY_MS, MINUTE_MS } from './zone.js';

export type { ActivePeriod, CompiledCalendar } from './compiled.js';
export { localDateTime, zonedInstant } from './zone.js';

/** A raw settings calendar or its compiled form. */
export type CalendarLike = BusinessCalendar | CompiledCalendar;

/** A half-open stretch of working time [start, end). */
export interface WorkingInterval {
  start: Date;
  end: Date;
}

/** How far `nextWorkingInstant` looks before answering null: 10 years (3,653 days), rounded up to whole blocks. */
const NEXT_WORKING_SEARCH_BLOCKS = Math.ceil(3653 / BLOCK_DAYS);
/**
 * How far a due-date search goes before giving up: about 1,000 years, far past the last date the
 * calendar schema accepts, so only a calendar whose working time has run out (every later day a
 * holiday) ever reaches it.
 */
const DUE_SEARCH_BLOCKS = Math.ceil(365_250 / BLOCK_DAYS);

/** The epoch milliseconds of `date`; an invalid Date (NaN) is a caller's bug and throws rather than answering nonsense. */
function instantOf(date: Date, argument: string, fn: string): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${fn}: ${argument} is an invalid Date`);
  return t;
}

const compiledByCalendar = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Precomputes a calendar for fast queries; pass the result to every other calendar function. */
export function compileCalendar(calendar: CalendarLike): CompiledCalendar {
  if (calendar instanceof CompiledCalendar) return calendar;
  let compiled = compiledByCalendar.get(calendar);
  if (!compiled) {
    compiled = new CompiledCalendar(calendar);
    compiledByCalendar.set(calendar, compiled);
  }
  return compiled;
}

/** Work (ms) of one UTC day that lies in [from, to). */
function workInside(work: DayWork, from: number, to: number): number {
  const ranges = work.ranges;
  let sum = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const start = Math.max(ranges[i]!, from);
    const end = Math.min(ranges[i + 1]!, to);
    if (start < end) sum += end - start;
  }
  return sum;
}

/** The instant at which `amount` ms of the day's work after `from` have passed (amount ≤ work available). */
function instantAfterWork(work: DayWork, from: number, amount: number): number {
  const ranges = work.ranges;
  let left = amount;
  for (let i = 0; i < ranges.length; i += 2) {
    const end = ranges[i + 1]!;
    if (end <= from) continue;
    const start = Math.max(ranges[i]!, from);
    if (left <= end - start) return start + left;
    left -= end - start;
  }
  throw new RangeError('instantAfterWork: not enough work in the day');
}

/** The instant `amount` ms of the day's work before `to` (amount ≤ work available): the latest such instant. */
function instantBeforeWork(work: DayWork, to: number, amount: number): number {
  const ranges = work.ranges;
  let left = amount;
  for (let i = ranges.length - 2; i >= 0; i -= 2) {
    const start = ranges[i]!;
    if (start >= to) continue;
    const end = Math.min(ranges[i + 1]!, to);
    if (left <= end - start) return end - left;
    left -= end - start;
  }
  throw new RangeError('instantBeforeWork: not enough work in the day');
}

/** Work (ms) in whole UTC days [firstDay, endDay), summed block by block. */
function workOfDays(calendar: CompiledCalendar, firstDay: number, endDay: number): number {
  let sum = 0;
  for (let day = firstDay; day < endDay;) {
    const blockIndex = Math.floor(day / BLOCK_DAYS);
    const blockStart = blockIndex * BLOCK_DAYS;
    const stop = Math.min(endDay, blockStart + BLOCK_DAYS);
    const before = calendar.block(blockIndex).before;
    sum += before[stop - blockStart]! - before[day - blockStart]!;
    day = stop;
  }
  return sum;
}

/** Working milliseconds in [from, to) for from ≤ to. */
function workBetween(calendar: CompiledCalendar, from: number, to: number): number {
  const firstDay = Math.floor(from / DAY_MS);
  const lastDay = Math.floor(to / DAY_MS);
  if (firstDay === lastDay) return workInside(calendar.workOfUtcDay(firstDay), from, to);
  return (
    workInside(calendar.workOfUtcDay(firstDay), from, Infinity) +
    workOfDays(calendar, firstDay + 1, lastDay) +
    workInside(calendar.workOfUtcDay(lastDay), -Infinity, to)
  );
}

/**
 * The instant when `minutes` business minutes (may be fractional) have passed since `start`: the
 * earliest instant `t` with `businessMinutesBetween(calendar, start, t) === minutes`, so a due time
 * that falls on the end of a working day is that end, not the next morning. Negative minutes count
 * back: the latest `t` with `businessMinutesBetween(calendar, t, start) === -minutes`. Zero returns
 * `start` itself.
 */
export function addBusinessMinutes(calendar: CalendarLike, start: Date, minutes: number): Date {
  const from = instantOf(start, 'start', 'addBusinessMinutes');
  if (!Number.isFinite(minutes)) throw new RangeError(`minutes must be finite, got ${minutes}`);
  const compiled = compileCalendar(calendar);
  const amount = Math.round(Math.abs(minutes) * MINUTE_MS);
  if (amount === 0) return new Date(from);
  return new Date(minutes > 0 ? workForward(compiled, from, amount) : workBackward(compiled, from, amount));
}

/** The earliest instant after `from` by which `amount` ms of work have passed. */
function workForward(compiled: CompiledCalendar, from: number, amount: number): number {
  let remaining = amount;
  const startDay = Math.floor(from / DAY_MS);
  let blockIndex = Math.floor(startDay / BLOCK_DAYS);
  let block = compiled.block(blockIndex);
  // The rest of the start day, then the rest of its block day by day…
  for (let i = startDay - blockIndex * BLOCK_DAYS; i < BLOCK_DAYS; i++) {
    const work = block.days[i]!;
    const available =
      i === startDay - blockIndex * BLOCK_DAYS ? workInside(work, from, Infinity) : work.total;
    if (remaining <= available) return instantAfterWork(work, from, remaining);
    remaining -= available;
  }
  // …then whole blocks by their totals, and the right day inside the last one.
  for (let searched = 0; searched < DUE_SEARCH_BLOCKS; searched++) {
    block = compiled.block(++blockIndex);
    if (remaining > block.total) {
      remaining -= block.total;
      continue;
    }
    let i = 0;
    while (block.before[i + 1]! < remaining) i++;
    return instantAfterWork(block.days[i]!, -Infinity, remaining - block.before[i]!);
  }
  throw new RangeError('addBusinessMinutes: the calendar has no working time left for about 1,000 years');
}

/** The latest instant before `from` from which `amount` ms of work lead up to `from`. */
function workBackward(compiled: CompiledCalendar, from: number, amount: number): number {
  let remaining = amount;
  const startDay = Math.floor(from / DAY_MS);
  let blockIndex = Math.floor(startDay / BLOCK_DAYS);
  let block = compiled.block(blockIndex);
  const startIndex = startDay - blockIndex * BLOCK_DAYS;
  for (let i = startIndex; i >= 0; i--) {
    const work = block.days[i]!;
    const available = i === startIndex ? workInside(work, -Infinity, from) : work.total;
    if (remaining <= available) return instantBeforeWork(work, from, remaining);
    remaining -= available;
  }
  for (let searched = 0; searched < DUE_SEARCH_BLOCKS; searched++) {
    block = compiled.block(--blockIndex);
    if (remaining > block.total) {
      remaining -= block.total;
      continue;
    }
    let i = BLOCK_DAYS - 1;
    while (block.total - block.before[i]! < remaining) i--;
    return instantBeforeWork(block.days[i]!, Infinity, remaining - (block.total - block.before[i + 1]!));
  }
  throw new RangeError('addBusinessMinutes: the calendar has no working time left for about 1,000 years');
}

/**
 * Business minutes in [from, to). When `to` is before `from` the result is negative: minus the
 * business minutes in [to, from), so `between(a, b) === -between(b, a)`.
 */
export function businessMinutesBetween(calendar: CalendarLike, from: Date, to: Date): number {
  const a = instantOf(from, 'from', 'businessMinutesBetween');
  const b = instantOf(to, 'to', 'businessMinutesBetween');
  const compiled = compileCalendar(calendar);
  if (a === b) return 0;
  return a < b ? workBetween(compiled, a, b) / MINUTE_MS : 0 - workBetween(compiled, b, a) / MINUTE_MS;
}

/** True when `at` lies inside working time. */
export function isWorkingTime(calendar: CalendarLike, at: Date): boolean {
  const t = instantOf(at, 'at', 'isWorkingTime');
  const ranges = compileCalendar(calendar).workOfUtcDay(Math.floor(t / DAY_MS)).ranges;
  for (let i = 0; i < ranges.length; i += 2) if (ranges[i]! <= t && t < ranges[i + 1]!) return true;
  return false;
}

/** `at` itself when it is working time, else the start of the next working interval; null if none within about 10 years. */
export function nextWorkingInstant(calendar: CalendarLike, at: Date): Date | null {
  const t = instantOf(at, 'at', 'nextWorkingInstant');
  const compiled = compileCalendar(calendar);
  const firstDay = Math.floor(t / DAY_MS);
  for (let day = firstDay; day < firstDay + NEXT_WORKING_SEARCH_BLOCKS * BLOCK_DAYS; day++) {
    const dayIndex = day - Math.floor(day / BLOCK_DAYS) * BLOCK_DAYS;
    // Skip a whole empty block (a long holiday) in one step.
    if (dayIndex === 0 && compiled.block(day / BLOCK_DAYS).total === 0) {
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
  const compiled = compileCalendar(calendar);
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
  const own = compileCalendar(calendar).ownWorkOf(parseIsoDay(date));
  const out: WorkingInterval[] = [];
  for (let i = 0; i < own.length; i += 2) out.push({ start: new Date(own[i]!), end: new Date(own[i + 1]!) });
  return out;
}

/** True when a local date (`YYYY-MM-DD`) has working hours of its own (periods included). */
export function isBusinessDay(calendar: CalendarLike, date: string): boolean {
  return compileCalendar(calendar).hoursOn(parseIsoDay(date)).length > 0;
}

/** The periods in force at `at` (those whose local dates include the local date of `at`). */
export function activePeriodsAt(calendar: CalendarLike, at: Date): ActivePeriod[] {
  const t = instantOf(at, 'at', 'activePeriodsAt');
  const compiled = compileCalendar(calendar);
  return compiled.activePeriodsOn(compiled.localDay(t));
}

/** The next local midnight after `at` at which the set of active periods changes; null if none within `horizonDays`. */
export function nextPeriodChange(calendar: CalendarLike, at: Date, horizonDays = 400): Date | null {
  const t = instantOf(at, 'at', 'nextPeriodChange');
  const compiled = compileCalendar(calendar);
  if (!compiled.hasPeriods) return null;
  const firstDay = compiled.localDay(t);
  for (let day = firstDay + 1; day <= firstDay + horizonDays; day++) {
    const before = compiled.periodsOn(day - 1);
    const after = compiled.periodsOn(day);
    if (before.length !== after.length || before.some((period, i) => period !== after[i])) {
      const start = compiled.localDayStart(day);
      if (start > t) return new Date(start);
    }
  }
  return null;
}
