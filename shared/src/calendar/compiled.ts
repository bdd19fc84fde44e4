// The compiled form of a business calendar: the raw settings turned into day numbers and sorted
// minute ranges once, plus memo tables filled on demand:
//   period page → for 64 local days, which set of periods is in force (an interned id per day),
//   block       → 32 UTC days of working time: the merged ranges first (enough for their total),
//                 the per-day split and running totals only when a search has to look inside.
// A block is built in one pass over the local days that can reach into it (its own, two before and
// one after: offsets stay within ±16 h and a night shift reaches one day further), so a due date a
// year out costs a dozen cheap blocks, not hundreds of separately merged days. Nothing is ever
// recomputed; a calendar seen for the first time answers at once.
import type { BusinessCalendar, Period, Priority } from '../schemas/calendar.js';
import { holidayDays, intervalMinutes, parseIsoDay, WEEK_DAYS } from '../schemas/calendar.js';
import { beyondHorizon, BeyondHorizonError, HORIZON_END_MS, HORIZON_START_MS } from './horizon.js';
import type { ZoneOffsets } from './zone.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, weekdayIndex, zoneOffsets } from './zone.js';

/** Minute ranges of one day's schedule, sorted by start; an end above 1440 runs into the next day. */
type DayMinutes = ReadonlyArray<readonly [number, number]>;

/** A period that applies on a given local day. */
export interface ActivePeriod {
  name: string;
  priority?: Priority;
  temperatureBoost?: number;
}

interface CompiledPeriod {
  active: ActivePeriod;
  hours: DayMinutes | null;
  firstDay: number | null;
  lastDay: number | null;
  lastBusinessDaysOfMonth: number | null;
}

/** One distinct set of periods that is in force on some day, with the hours it sets (if any). */
interface PeriodSet {
  periods: readonly CompiledPeriod[];
  hours: DayMinutes | null;
}

/** Working time inside one UTC day: sorted, disjoint flat pairs [start, end, start, end…] and their total. */
export interface DayWork {
  readonly ranges: readonly number[];
  readonly total: number;
}

/** 32 consecutive UTC days with their running totals (`before[i]` = work in days 0…i−1 of the block). */
export interface Block {
  readonly days: readonly DayWork[];
  readonly before: Float64Array;
  readonly total: number;
}

export const BLOCK_DAYS = 32;
const PAGE_DAYS = 64;
const NO_WORK: DayWork = Object.freeze({ ranges: Object.freeze([]) as readonly number[], total: 0 });
const NO_PERIOD_SET: PeriodSet = { periods: [], hours: null };

/** Calendar days the tables serve: the horizon with a margin for blocks and pages that straddle its ends. */
const FIRST_TABLE_DAY = Math.floor(HORIZON_START_MS / DAY_MS) - 2 * PAGE_DAYS;
const LAST_TABLE_DAY = Math.floor(HORIZON_END_MS / DAY_MS) + 2 * PAGE_DAYS;

/** Refuses a day outside the tables: the caller asked about a time the calendar does not answer for. */
function guardDay(day: number): void {
  if (!(day >= FIRST_TABLE_DAY && day <= LAST_TABLE_DAY))
    throw new BeyondHorizonError(beyondHorizon('a calendar day', day * DAY_MS));
}

/** Day number of the first day of the month that contains `day`, and of the next month. */
function monthBounds(day: number): [number, number] {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return [Date.UTC(year, month, 1) / DAY_MS, Date.UTC(year, month + 1, 1) / DAY_MS];
}

/** Converts settings intervals to minute ranges, sorted by start. */
function toDayMinutes(hours: BusinessCalendar['week']['mon']): DayMinutes {
  return hours.map(intervalMinutes).sort((a, b) => a[0] - b[0]);
}

/** The merged working time of one block, split into days on first need. */
interface BlockWork {
  /** Merged ranges clipped to the block, flat pairs. */
  readonly ranges: number[];
  readonly total: number;
  split: Block | null;
}

/** A business calendar prepared for fast queries; build it with `compileCalendar`. */
export class CompiledCalendar {
  readonly timeZone: string;
  private readonly zone: ZoneOffsets;
  private readonly week: DayMinutes[];
  private readonly holidays: ReadonlySet<number>;
  private readonly workingDays: ReadonlyMap<number, DayMinutes>;
  private readonly periods: readonly CompiledPeriod[];
  private readonly hasMonthlyPeriods: boolean;

  private readonly pages = new Map<number, number[]>();
  private readonly periodSets: PeriodSet[] = [NO_PERIOD_SET];
  private readonly periodSetIds = new Map<string, number>();
  private readonly lastBusinessDays = new Map<number, number[]>();
  private readonly blocks = new Map<number, BlockWork>();
  #recentPageIndex = Number.NaN;
  #recentPage: readonly number[] | null = null;
  #recentMonth: { first: number; next: number; days: readonly number[] } | null = null;

  constructor(readonly source: BusinessCalendar) {
    this.timeZone = source.timeZone;
    this.zone = zoneOffsets(source.timeZone);
    this.week = WEEK_DAYS.map((day) => toDayMinutes(source.week[day]));
    if (this.week.every((hours) => hours.length === 0)) {
      throw new RangeError('calendar week has no working hours; validate it with BusinessCalendarSchema');
    }
    this.holidays = new Set((source.holidays ?? []).flatMap(holidayDays));
    this.workingDays = new Map(
      (source.workingDays ?? []).map((w) => [parseIsoDay(w.date), toDayMinutes(w.hours)]),
    );
    this.periods = (source.periods ?? []).map(compilePeriod);
    this.hasMonthlyPeriods = this.periods.some((p) => p.lastBusinessDaysOfMonth !== null);
  }

  /** True when the settings define any special period. */
  get hasPeriods(): boolean {
    return this.periods.length > 0;
  }

  /** The local day number (days since 1970-01-01 in the calendar's zone) of an instant. */
  localDay(utcMs: number): number {
    return Math.floor((utcMs + this.zone.offsetAt(utcMs)) / DAY_MS);
  }

  /** The first instant of a local day (see `fromWallTime` for days that start in a DST gap). */
  localDayStart(day: number): number {
    const pieces: number[] = [];
    this.zone.wallRangeToUtc(day * DAY_MS, (day + 2) * DAY_MS, pieces);
    return pieces[0]!;
  }

  /** The day's hours by the base calendar (week, holidays, transfers), ignoring periods. */
  baseHours(day: number): DayMinutes {
    if (this.workingDays.size > 0) {
      const transferred = this.workingDays.get(day);
      if (transferred) return transferred;
    }
    return this.holidays.size > 0 && this.holidays.has(day) ? [] : this.week[weekdayIndex(day)]!;
  }

  /** An id for the set of periods in force on a local day; equal ids mean equal sets (0 = none). */
  periodSetIdOn(day: number): number {
    if (this.periods.length === 0) return 0;
    const pageIndex = Math.floor(day / PAGE_DAYS);
    if (pageIndex === this.#recentPageIndex) return this.#recentPage![day - pageIndex * PAGE_DAYS]!;
    let page = this.pages.get(pageIndex);
    if (!page) {
      guardDay(day);
      page = new Array<number>(PAGE_DAYS).fill(0);
      for (let i = 0; i < PAGE_DAYS; i++) page[i] = this.periodSetIdOf(pageIndex * PAGE_DAYS + i);
      this.pages.set(pageIndex, page);
    }
    this.#recentPageIndex = pageIndex;
    this.#recentPage = page;
    return page[day - pageIndex * PAGE_DAYS]!;
  }

  /** Periods in force on a local day, in the order the settings list them. */
  periodsOn(day: number): readonly CompiledPeriod[] {
    return this.periodSets[this.periodSetIdOn(day)]!.periods;
  }

  /** The active periods of a local day as plain records. */
  activePeriodsOn(day: number): ActivePeriod[] {
    return this.periodsOn(day).map((period) => ({ ...period.active }));
  }

  /** The day's own hours: the union of its periods' hours when any period sets hours, else the base hours. */
  hoursOn(day: number): DayMinutes {
    if (this.periods.length === 0) return this.baseHours(day);
    return this.periodSets[this.periodSetIdOn(day)]!.hours ?? this.baseHours(day);
  }

  /** The UTC ranges (flat pairs) worked under a local day's own schedule, night-shift mornings included. */
  ownWorkOf(day: number): readonly number[] {
    guardDay(day);
    const work: number[] = [];
    this.appendOwnWork(day, work);
    return work;
  }

  /**
   * Appends a local day's own working time in UTC (flat pairs) to `out`. `steady` is an offset the
   * caller knows to hold throughout the day and the 16 hours around it, or NaN to have it looked up.
   */
  private appendOwnWork(day: number, out: number[], steady = Number.NaN): void {
    const hours = this.hoursOn(day);
    const count = hours.length;
    if (count === 0) return;
    const midnight = day * DAY_MS;
    // Far from a clock change (nearly always) the day's wall times shift by one offset.
    const offset = Number.isNaN(steady)
      ? this.zone.steadyOffset(
          midnight + hours[0]![0] * MINUTE_MS - 16 * HOUR_MS,
          midnight + hours[count - 1]![1] * MINUTE_MS + 16 * HOUR_MS,
        )
      : steady;
    for (let i = 0; i < count; i++) {
      const range = hours[i]!;
      if (Number.isNaN(offset))
        this.zone.wallRangeToUtc(midnight + range[0] * MINUTE_MS, midnight + range[1] * MINUTE_MS, out);
      else {
        const start = midnight + range[0] * MINUTE_MS - offset;
        const end = midnight + range[1] * MINUTE_MS - offset;
        if (out.length > 0 && out[out.length - 1] === start) out[out.length - 1] = end;
        else out.push(start, end);
      }
    }
  }

  /** Working time inside the UTC day `utcDay` (instants [utcDay·24h, (utcDay+1)·24h)). */
  workOfUtcDay(utcDay: number): DayWork {
    const index = Math.floor(utcDay / BLOCK_DAYS);
    return this.block(index).days[utcDay - index * BLOCK_DAYS]!;
  }

  /** Total working time (ms) of a block, without splitting it into days. */
  blockTotal(index: number): number {
    return this.blockWork(index).total;
  }

  /** A block of BLOCK_DAYS UTC days with running totals. */
  block(index: number): Block {
    const work = this.blockWork(index);
    if (work.split === null) work.split = splitIntoDays(work.ranges, index * BLOCK_DAYS);
    return work.split;
  }

  private blockWork(index: number): BlockWork {
    let work = this.blocks.get(index);
    if (!work) {
      const firstDay = index * BLOCK_DAYS;
      guardDay(firstDay);
      guardDay(firstDay + BLOCK_DAYS);
      const pieces: number[] = [];
      // One offset check for the whole block (its local days reach from two days before it to one
      // day after, night shifts and 16-hour offsets included) instead of one per day.
      const steady = this.zone.steadyOffset((firstDay - 3) * DAY_MS, (firstDay + BLOCK_DAYS + 3) * DAY_MS);
      for (let local = firstDay - 2; local <= firstDay + BLOCK_DAYS; local++)
        this.appendOwnWork(local, pieces, steady);
      work = mergeClipped(pieces, firstDay * DAY_MS, (firstDay + BLOCK_DAYS) * DAY_MS);
      this.blocks.set(index, work);
    }
    return work;
  }

  /** Interns the set of periods covering `day`. */
  private periodSetIdOf(day: number): number {
    let key = '';
    let any = false;
    for (let i = 0; i < this.periods.length; i++)
      if (this.periodCovers(this.periods[i]!, day)) {
        key += `${i},`;
        any = true;
      }
    if (!any) return 0;
    let id = this.periodSetIds.get(key);
    if (id === undefined) {
      const periods = this.periods.filter((period) => this.periodCovers(period, day));
      const overriding = periods.filter((period) => period.hours !== null);
      id = this.periodSets.length;
      this.periodSets.push({
        periods,
        hours:
          overriding.length === 0
            ? null
            : overriding.flatMap((period) => period.hours!).sort((a, b) => a[0] - b[0]),
      });
      this.periodSetIds.set(key, id);
    }
    return id;
  }

  private periodCovers(period: CompiledPeriod, day: number): boolean {
    if (period.firstDay !== null) return day >= period.firstDay && day <= period.lastDay!;
    const lastDays = this.lastBusinessDaysOfMonth(day);
    const rank = lastDays.indexOf(day);
    return rank >= 0 && rank < period.lastBusinessDaysOfMonth!;
  }

  /** The business days of the month containing `day`, last first (base calendar only). */
  private lastBusinessDaysOfMonth(day: number): readonly number[] {
    if (!this.hasMonthlyPeriods) return [];
    // Days are asked in runs, so the month asked last nearly always answers.
    const recent = this.#recentMonth;
    if (recent !== null && day >= recent.first && day < recent.next) return recent.days;
    const [first, next] = monthBounds(day);
    let days = this.lastBusinessDays.get(first);
    if (!days) {
      days = [];
      for (let d = next - 1; d >= first; d--) if (this.baseHours(d).length > 0) days.push(d);
      this.lastBusinessDays.set(first, days);
    }
    this.#recentMonth = { first, next, days };
    return days;
  }
}

/** Prepares one period of the settings. */
function compilePeriod(period: Period): CompiledPeriod {
  const active: ActivePeriod = { name: period.name };
  if (period.priority !== undefined) active.priority = period.priority;
  if (period.temperatureBoost !== undefined) active.temperatureBoost = period.temperatureBoost;
  return {
    active,
    hours: period.hours ? toDayMinutes(period.hours) : null,
    firstDay: period.from !== undefined ? parseIsoDay(period.from) : null,
    lastDay: period.to !== undefined ? parseIsoDay(period.to) : null,
    lastBusinessDaysOfMonth: period.lastBusinessDaysOfMonth ?? null,
  };
}

/** Sorts flat pairs by start (they nearly always arrive sorted), joins overlapping or touching ones and clips them to [from, to). */
function mergeClipped(pieces: number[], from: number, to: number): BlockWork {
  let sorted = true;
  for (let i = 2; i < pieces.length; i += 2)
    if (pieces[i]! < pieces[i - 2]!) {
      sorted = false;
      break;
    }
  if (!sorted) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < pieces.length; i += 2) pairs.push([pieces[i]!, pieces[i + 1]!]);
    pairs.sort((a, b) => a[0] - b[0]);
    for (let i = 0; i < pairs.length; i++) {
      pieces[2 * i] = pairs[i]![0];
      pieces[2 * i + 1] = pairs[i]![1];
    }
  }
  const ranges: number[] = [];
  let total = 0;
  for (let i = 0; i < pieces.length; i += 2) {
    const start = Math.max(pieces[i]!, from);
    const end = Math.min(pieces[i + 1]!, to);
    if (start >= end) continue;
    const last = ranges.length - 1;
    if (last > 0 && start <= ranges[last]!) {
      if (end > ranges[last]!) {
        total += end - ranges[last]!;
        ranges[last] = end;
      }
    } else {
      ranges.push(start, end);
      total += end - start;
    }
  }
  return { ranges, total, split: null };
}

/** Cuts a block's merged ranges at UTC midnights into its days, with running totals. */
function splitIntoDays(ranges: readonly number[], firstDay: number): Block {
  const days: DayWork[] = [];
  const before = new Float64Array(BLOCK_DAYS + 1);
  let r = 0;
  let carry = Number.NaN; // the start of a range that runs on from the previous day
  for (let i = 0; i < BLOCK_DAYS; i++) {
    const dayStart = (firstDay + i) * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    let own: number[] | null = null;
    let total = 0;
    while (r < ranges.length) {
      const start = Number.isNaN(carry) ? ranges[r]! : carry;
      if (start >= dayEnd) break;
      const end = ranges[r + 1]!;
      (own ??= []).push(start, Math.min(end, dayEnd));
      total += Math.min(end, dayEnd) - start;
      if (end > dayEnd) {
        carry = dayEnd;
        break;
      }
      carry = Number.NaN;
      r += 2;
    }
    days.push(own === null ? NO_WORK : { ranges: own, total });
    before[i + 1] = before[i]! + total;
  }
  return { days, before, total: before[BLOCK_DAYS]! };
}
