// Baseline for bench/evaluation.bench.ts: this module as it was before the one-evaluation rework
// (commit c2fabf4), kept only so the bench measures the old path in the same run. Not product code.
// The compiled form of a business calendar: the raw settings turned into day numbers and minute
// ranges once, plus memo tables filled on demand:
//   local day  → that day's own working time as UTC ranges (night shifts included),
//   UTC day    → the working time inside it, merged from every local day that reaches into it,
//   block      → 32 UTC days with a running total, so long spans are skipped in a few steps.
// Each table entry is computed once per compiled calendar; nothing is ever recomputed.
import type { BusinessCalendar, Period, Priority } from '@frontline/shared';
import { holidayDays, intervalMinutes, parseIsoDay, WEEK_DAYS } from '@frontline/shared';
import type { ZoneOffsets } from './zone.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, weekdayIndex, zoneOffsets } from './zone.js';

/** Minute ranges of one day's schedule; an end above 1440 runs into the next day. */
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

/** Working time inside one UTC day: sorted, disjoint flat pairs [start, end, start, end…] and their total. */
export interface DayWork {
  readonly ranges: readonly number[];
  readonly total: number;
}

/** 32 consecutive UTC days with their running totals (`before[i]` = work in days 0…i−1 of the block). */
interface Block {
  readonly days: readonly DayWork[];
  readonly before: Float64Array;
  readonly total: number;
}

export const BLOCK_DAYS = 32;
const NO_PERIODS: readonly CompiledPeriod[] = [];

/** Day number of the first day of the month that contains `day`, and of the next month. */
function monthBounds(day: number): [number, number] {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return [Date.UTC(year, month, 1) / DAY_MS, Date.UTC(year, month + 1, 1) / DAY_MS];
}

/** Converts settings intervals to minute ranges. */
function toDayMinutes(hours: BusinessCalendar['week']['mon']): DayMinutes {
  return hours.map(intervalMinutes);
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

  private readonly ownWork = new Map<number, number[]>();
  private readonly periodsByDay = new Map<number, readonly CompiledPeriod[]>();
  private readonly lastBusinessDays = new Map<number, number[]>();
  private readonly dayWork = new Map<number, DayWork>();
  private readonly blocks = new Map<number, Block>();

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
    return this.workingDays.get(day) ?? (this.holidays.has(day) ? [] : this.week[weekdayIndex(day)]!);
  }

  /** Periods in force on a local day, in the order the settings list them. */
  periodsOn(day: number): readonly CompiledPeriod[] {
    if (this.periods.length === 0) return NO_PERIODS;
    let found = this.periodsByDay.get(day);
    if (!found) {
      found = this.periods.filter((period) => this.periodCovers(period, day));
      if (found.length === 0) found = NO_PERIODS;
      this.periodsByDay.set(day, found);
    }
    return found;
  }

  /** The active periods of a local day as plain records. */
  activePeriodsOn(day: number): ActivePeriod[] {
    return this.periodsOn(day).map((period) => ({ ...period.active }));
  }

  /** The day's own hours: the union of its periods' hours when any period sets hours, else the base hours. */
  hoursOn(day: number): DayMinutes {
    const overriding = this.periodsOn(day).filter((period) => period.hours !== null);
    if (overriding.length === 0) return this.baseHours(day);
    return overriding.flatMap((period) => period.hours!);
  }

  /** The UTC ranges (flat pairs) worked under a local day's own schedule, night-shift mornings included. */
  ownWorkOf(day: number): readonly number[] {
    let work = this.ownWork.get(day);
    if (!work) {
      work = [];
      const midnight = day * DAY_MS;
      const hours = [...this.hoursOn(day)].sort((a, b) => a[0] - b[0]);
      for (const [from, to] of hours)
        this.zone.wallRangeToUtc(midnight + from * MINUTE_MS, midnight + to * MINUTE_MS, work);
      this.ownWork.set(day, work);
    }
    return work;
  }

  /** Working time inside the UTC day `utcDay` (instants [utcDay·24h, (utcDay+1)·24h)). */
  workOfUtcDay(utcDay: number): DayWork {
    let work = this.dayWork.get(utcDay);
    if (!work) {
      const dayStart = utcDay * DAY_MS;
      const dayEnd = dayStart + DAY_MS;
      const pieces: Array<[number, number]> = [];
      // Local days whose schedule can reach this UTC day: offsets are within ±16 h and a night
      // shift reaches one day further.
      const firstLocal = Math.floor((dayStart - 16 * HOUR_MS) / DAY_MS) - 1;
      const lastLocal = Math.floor((dayEnd + 16 * HOUR_MS) / DAY_MS);
      for (let local = firstLocal; local <= lastLocal; local++) {
        const own = this.ownWorkOf(local);
        for (let i = 0; i < own.length; i += 2) {
          const start = Math.max(own[i]!, dayStart);
          const end = Math.min(own[i + 1]!, dayEnd);
          if (start < end) pieces.push([start, end]);
        }
      }
      work = mergeRanges(pieces);
      this.dayWork.set(utcDay, work);
    }
    return work;
  }

  /** A block of BLOCK_DAYS UTC days with running totals. */
  block(index: number): Block {
    let block = this.blocks.get(index);
    if (!block) {
      const days: DayWork[] = [];
      const before = new Float64Array(BLOCK_DAYS + 1);
      for (let i = 0; i < BLOCK_DAYS; i++) {
        const work = this.workOfUtcDay(index * BLOCK_DAYS + i);
        days.push(work);
        before[i + 1] = before[i]! + work.total;
      }
      block = { days, before, total: before[BLOCK_DAYS]! };
      this.blocks.set(index, block);
    }
    return block;
  }

  private periodCovers(period: CompiledPeriod, day: number): boolean {
    if (period.firstDay !== null) return day >= period.firstDay && day <= period.lastDay!;
    const lastDays = this.lastBusinessDaysOfMonth(day);
    const rank = lastDays.indexOf(day);
    return rank >= 0 && rank < period.lastBusinessDaysOfMonth!;
  }

  /** The business days of the month containing `day`, last first (base calendar only). */
  private lastBusinessDaysOfMonth(day: number): number[] {
    if (!this.hasMonthlyPeriods) return [];
    const [first, next] = monthBounds(day);
    let days = this.lastBusinessDays.get(first);
    if (!days) {
      days = [];
      for (let d = next - 1; d >= first; d--) if (this.baseHours(d).length > 0) days.push(d);
      this.lastBusinessDays.set(first, days);
    }
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

/** Sorts ranges and joins overlapping or touching ones. */
function mergeRanges(pieces: Array<[number, number]>): DayWork {
  pieces.sort((a, b) => a[0] - b[0]);
  const ranges: number[] = [];
  let total = 0;
  for (const [start, end] of pieces) {
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
  return { ranges, total };
}
