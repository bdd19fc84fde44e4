// The compiled form of a business calendar: the raw settings turned into day numbers and sorted
// minute ranges once, plus memo tables filled on demand:
//   week cycle  → the regular week as one repeating pattern of wall time with running totals, so
//                 the work of any stretch the exceptions leave alone is two lookups and a subtraction;
//   exceptions  → the days whose hours differ from the week (holidays, transferred working days,
//                 periods with hours), as sorted day ranges; month-end periods month by month;
//   block total → 32 UTC days of working time: the week cycle's total, corrected only around the
//                 exceptional days inside (a clock change in the block falls back to the walk below);
//   block       → the same 32 days split into days with running totals, built by walking the local
//                 days that can reach into it (its own, two before and one after: offsets stay within
//                 ±16 h and a night shift reaches one day further) — only where a search has to look
//                 inside, so a due date a year out totals a dozen blocks and splits one;
//   period page → for 64 local days, which set of periods is in force (an interned id per day).
// Nothing is ever recomputed, and compiling does no more than parse the week: a calendar seen for
// the first time answers at once.
import type { BusinessCalendar, Period, Priority } from '../schemas/calendar.js';
import { intervalMinutes, parseIsoDay, WEEK_DAYS } from '../schemas/calendar.js';
import { beyondHorizon, BeyondHorizonError, HORIZON_END_MS, HORIZON_START_MS } from './horizon.js';
import type { ZoneOffsets } from './zone.js';
import { zoneOffsets } from './zone.js';

// Local copies of zone.ts's units and weekday rule: under loaders that wrap modules (tsx, bundlers)
// an imported binding becomes a getter call on every use, and these loops use them constantly.
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Weekday index (0 = Monday, as in WEEK_DAYS) of a day number since 1970-01-01, which was a Thursday. */
const weekdayIndex = (day: number) => (((day + 3) % 7) + 7) % 7;

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
const WEEK_MS = 7 * DAY_MS;
/** The week cycle starts on a Monday midnight (wall time): day −3, 1969-12-29. */
const CYCLE_ORIGIN_MS = -3 * DAY_MS;
/** More periods than fit in a bit mask are told apart by a string key. */
const MASK_PERIODS = 30;

/** Calendar days the tables serve: the horizon with a margin for blocks and pages that straddle its ends. */
const FIRST_TABLE_DAY = Math.floor(HORIZON_START_MS / DAY_MS) - 2 * PAGE_DAYS;
const LAST_TABLE_DAY = Math.floor(HORIZON_END_MS / DAY_MS) + 2 * PAGE_DAYS;

/** Refuses a day outside the tables: the caller asked about a time the calendar does not answer for. */
function guardDay(day: number): void {
  if (!(day >= FIRST_TABLE_DAY && day <= LAST_TABLE_DAY))
    throw new BeyondHorizonError(beyondHorizon('a calendar day', day * DAY_MS));
}

/**
 * Day number of the first day of the month that contains `day`, and of the next month, by integer
 * arithmetic on the proleptic Gregorian calendar (no Date object): days are counted in 400-year
 * eras of 146,097 days from 0000-03-01, in years that start on March 1st so that the leap day
 * comes last.
 */
function monthBounds(day: number): [number, number] {
  const shifted = day + 719_468; // days from 0000-03-01 to 1970-01-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March … 11 = February
  const first = day - (dayOfYear - Math.floor((153 * monthIndex + 2) / 5));
  // Month lengths from March: 31 30 31 30 31 31 30 31 30 31 31, then February.
  const length =
    monthIndex === 11
      ? dayOfYear === 365 || isMarchYearLeap(era * 400 + yearOfEra)
        ? 29
        : 28
      : Math.floor((153 * (monthIndex + 1) + 2) / 5) - Math.floor((153 * monthIndex + 2) / 5);
  return [first, first + length];
}

/** Whether the March-based year `year` (March of `year` to February of `year + 1`) ends with a leap day. */
function isMarchYearLeap(year: number): boolean {
  const next = year + 1;
  return (next % 4 === 0 && next % 100 !== 0) || next % 400 === 0;
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

/**
 * The regular week as a repeating pattern of wall time: merged ranges in ms from Monday 00:00
 * (a Sunday night shift wraps round to Monday morning), and the work of the cycle before each.
 */
interface WeekCycle {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly before: readonly number[];
  readonly total: number;
}

/** A business calendar prepared for fast queries; build it with `compileCalendar`. */
export class CompiledCalendar {
  readonly timeZone: string;
  private readonly zone: ZoneOffsets;
  private readonly week: DayMinutes[];
  private readonly periods: readonly CompiledPeriod[];
  /** How many last business days of a month any monthly period looks at (0: none). */
  private readonly monthlyDepth: number;
  /** The same for monthly periods that set hours: they alone make those days exceptional. */
  private readonly monthlyHoursDepth: number;
  // Parsed on first need: a query may never look at them.
  /** Holidays as sorted, disjoint, inclusive [first, last] day pairs. */
  #holidays: readonly number[] | null = null;
  #workingDays: ReadonlyMap<number, DayMinutes> | null = null;
  /** Days whose hours may differ from the week's, as sorted, disjoint, inclusive [first, last] pairs. */
  #exceptions: readonly number[] | null = null;
  #cycle: WeekCycle | null = null;

  private readonly pages = new Map<number, number[]>();
  private readonly periodSets: PeriodSet[] = [NO_PERIOD_SET];
  private readonly periodSetIds = new Map<string | number, number>();
  /** The union of the hours of several periods on one day, by the set of periods. */
  private readonly unitedHours = new Map<string | number, DayMinutes>();
  private readonly lastBusinessDays = new Map<number, number[]>();
  private readonly blocks = new Map<number, BlockWork>();
  private readonly totals = new Map<number, number>();
  #recentPageIndex = Number.NaN;
  #recentPage: readonly number[] | null = null;
  #recentMonth: { first: number; next: number; days: readonly number[] } | null = null;
  /** The last stretch of local days [from, to) found to share one set of periods, `to` being where it changes. */
  #sameSetFrom = Number.NaN;
  #sameSetTo = Number.NaN;
  /** The last local day whose first instant was asked, and that instant. */
  #startedDay = Number.NaN;
  #dayStart = Number.NaN;
  /** Scratch for the exceptional runs of one stretch: [first, last] pairs. */
  readonly #runs: number[] = [];

  constructor(readonly source: BusinessCalendar) {
    this.timeZone = source.timeZone;
    this.zone = zoneOffsets(source.timeZone);
    const week: DayMinutes[] = [];
    for (const day of WEEK_DAYS) week.push(toDayMinutes(source.week[day]));
    this.week = week;
    if (week.every((hours) => hours.length === 0)) {
      throw new RangeError('calendar week has no working hours; validate it with BusinessCalendarSchema');
    }
    const periods: CompiledPeriod[] = [];
    let monthlyDepth = 0;
    let monthlyHoursDepth = 0;
    for (const period of source.periods ?? []) {
      const compiled = compilePeriod(period);
      periods.push(compiled);
      const depth = compiled.lastBusinessDaysOfMonth ?? 0;
      monthlyDepth = Math.max(monthlyDepth, depth);
      if (compiled.hours !== null) monthlyHoursDepth = Math.max(monthlyHoursDepth, depth);
    }
    this.periods = periods;
    this.monthlyDepth = monthlyDepth;
    this.monthlyHoursDepth = monthlyHoursDepth;
  }

  private get holidays(): readonly number[] {
    return (this.#holidays ??= holidayRanges(this.source));
  }

  private get workingDays(): ReadonlyMap<number, DayMinutes> {
    return (this.#workingDays ??= new Map(
      (this.source.workingDays ?? []).map((w) => [parseIsoDay(w.date), toDayMinutes(w.hours)]),
    ));
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
    if (day === this.#startedDay) return this.#dayStart;
    const pieces: number[] = [];
    this.zone.wallRangeToUtc(day * DAY_MS, (day + 2) * DAY_MS, pieces);
    this.#startedDay = day;
    this.#dayStart = pieces[0]!;
    return this.#dayStart;
  }

  /**
   * The first local day after `day`, up to `lastDay`, whose set of periods differs from the day
   * before it; NaN if none. Replays ask this for every stretch of a ticket's history, mostly inside
   * the stretch they asked about last, so that stretch is remembered.
   */
  periodChangeAfter(day: number, lastDay: number): number {
    if (day >= this.#sameSetFrom && day < this.#sameSetTo && this.#sameSetTo <= lastDay)
      return this.#sameSetTo;
    let previous = this.periodSetIdOn(day);
    for (let next = day + 1; next <= lastDay; next++) {
      const current = this.periodSetIdOn(next);
      if (current !== previous) {
        this.#sameSetFrom = day;
        this.#sameSetTo = next;
        return next;
      }
      previous = current;
    }
    return Number.NaN;
  }

  /** The day's hours by the base calendar (week, holidays, transfers), ignoring periods. */
  baseHours(day: number): DayMinutes {
    if (this.workingDays.size > 0) {
      const transferred = this.workingDays.get(day);
      if (transferred) return transferred;
    }
    const holidays = this.holidays;
    return holidays.length > 0 && inRanges(holidays, day) ? [] : this.week[weekdayIndex(day)]!;
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
    const periods = this.periods;
    if (periods.length === 0) return this.baseHours(day);
    // Asked of the periods directly rather than through the period pages: work is built a few
    // days at a time, and a page would settle 64 days to answer for one.
    let hours: DayMinutes | null = null;
    let several = false;
    for (let i = 0; i < periods.length; i++) {
      const period = periods[i]!;
      if (period.hours === null || !this.periodCovers(period, day)) continue;
      if (hours === null) hours = period.hours;
      else several = true;
    }
    if (hours === null) return this.baseHours(day);
    return several ? this.unitedHoursOn(day) : hours;
  }

  /** The union of the hours of every period with hours on `day` (two or more), interned by their set. */
  private unitedHoursOn(day: number): DayMinutes {
    const key = this.coveringKey(day, true);
    let hours = this.unitedHours.get(key);
    if (!hours) {
      const united: (readonly [number, number])[] = [];
      for (const period of this.periods)
        if (period.hours !== null && this.periodCovers(period, day)) united.push(...period.hours);
      hours = united.sort((a, b) => a[0] - b[0]);
      this.unitedHours.set(key, hours);
    }
    return hours;
  }

  /** A key naming which periods (only those with hours, when asked) cover `day`: a bit mask, or a list for many periods. */
  private coveringKey(day: number, withHoursOnly: boolean): string | number {
    const periods = this.periods;
    if (periods.length <= MASK_PERIODS) {
      let mask = 0;
      for (let i = 0; i < periods.length; i++) {
        const period = periods[i]!;
        if ((!withHoursOnly || period.hours !== null) && this.periodCovers(period, day)) mask |= 1 << i;
      }
      return mask;
    }
    let key = '';
    for (let i = 0; i < periods.length; i++) {
      const period = periods[i]!;
      if ((!withHoursOnly || period.hours !== null) && this.periodCovers(period, day)) key += `${i},`;
    }
    return key;
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
    const known = this.blocks.get(index);
    if (known) return known.total;
    let total = this.totals.get(index);
    if (total === undefined) {
      const firstDay = index * BLOCK_DAYS;
      guardDay(firstDay);
      guardDay(firstDay + BLOCK_DAYS);
      const steady = this.blockOffset(index);
      total = Number.isNaN(steady)
        ? this.blockWork(index).total
        : this.regularWork(firstDay * DAY_MS + steady, (firstDay + BLOCK_DAYS) * DAY_MS + steady);
      this.totals.set(index, total);
    }
    return total;
  }

  /**
   * Work (ms) in [from, to), both inside block `index` (`to` may be its end). A block already split
   * answers from its days; otherwise the week cycle answers, so a search can learn that the rest of
   * a block is not enough without splitting it.
   */
  workInBlock(index: number, from: number, to: number): number {
    const known = this.blocks.get(index);
    if (known === undefined || known.split === null) {
      const steady = this.blockOffset(index);
      if (!Number.isNaN(steady)) {
        guardDay(index * BLOCK_DAYS);
        guardDay((index + 1) * BLOCK_DAYS);
        return this.regularWork(from + steady, to + steady);
      }
    }
    const split = this.block(index);
    const firstDay = index * BLOCK_DAYS;
    const first = Math.floor(from / DAY_MS) - firstDay;
    const last = Math.min(Math.floor(to / DAY_MS) - firstDay, BLOCK_DAYS);
    if (first === last) return workWithin(split.days[first]!, from, to);
    let sum = workWithin(split.days[first]!, from, Infinity) + split.before[last]! - split.before[first + 1]!;
    if (last < BLOCK_DAYS) sum += workWithin(split.days[last]!, -Infinity, to);
    return sum;
  }

  /** The offset that holds for every local day that reaches into block `index`, or NaN across a clock change. */
  private blockOffset(index: number): number {
    const firstDay = index * BLOCK_DAYS;
    return this.zone.steadyOffset((firstDay - 3) * DAY_MS, (firstDay + BLOCK_DAYS + 3) * DAY_MS);
  }

  /**
   * Work (ms) between two wall times under one offset: the week cycle's work, corrected over each
   * run of exceptional days by the difference between their own hours and the week's.
   */
  private regularWork(wallFrom: number, wallTo: number): number {
    const cycle = (this.#cycle ??= weekCycle(this.week));
    let total = cycleWorkBefore(cycle, wallTo) - cycleWorkBefore(cycle, wallFrom);
    // A day's own hours lie in [its midnight, two midnights later): these days can reach the stretch.
    const runs = this.exceptionalRuns(Math.floor(wallFrom / DAY_MS) - 1, Math.floor((wallTo - 1) / DAY_MS));
    for (let i = 0; i < runs.length; i += 2) {
      const first = runs[i]!;
      const last = runs[i + 1]!;
      // Outside [first, last + 2) every day that works is a regular one, so the week is right there.
      const from = Math.max(first * DAY_MS, wallFrom);
      const to = Math.min((last + 2) * DAY_MS, wallTo);
      if (from >= to) continue;
      total += this.unitedWork(first, last, from, to, true) - this.unitedWork(first, last, from, to, false);
    }
    return total;
  }

  /**
   * Work (ms) in the wall stretch [from, to) of days first−1…last+1, overlaps counted once: with
   * the own hours of days first…last (`actual`) or with the week's hours throughout.
   */
  private unitedWork(first: number, last: number, from: number, to: number, actual: boolean): number {
    let total = 0;
    let runStart = 0;
    let runEnd = -Infinity;
    for (let day = first - 1; day <= last + 1; day++) {
      const hours = actual && day >= first && day <= last ? this.hoursOn(day) : this.week[weekdayIndex(day)]!;
      const midnight = day * DAY_MS;
      // Ranges come sorted by start: a day's own, then the next day's, which start after its midnight.
      for (let i = 0; i < hours.length; i++) {
        const range = hours[i]!;
        const start = Math.max(midnight + range[0] * MINUTE_MS, from);
        const end = Math.min(midnight + range[1] * MINUTE_MS, to);
        if (start >= end) continue;
        if (start > runEnd) {
          if (runEnd > runStart) total += runEnd - runStart;
          runStart = start;
          runEnd = end;
        } else if (end > runEnd) runEnd = end;
      }
    }
    if (runEnd > runStart) total += runEnd - runStart;
    return total;
  }

  /** The runs of exceptional days within local days [firstDay, lastDay], as [first, last] pairs in order. */
  private exceptionalRuns(firstDay: number, lastDay: number): readonly number[] {
    const runs = this.#runs;
    runs.length = 0;
    const explicit = (this.#exceptions ??= explicitExceptions(this.source, this.holidays, this.periods));
    for (
      let i = 2 * firstRangeFrom(explicit, firstDay);
      i < explicit.length && explicit[i]! <= lastDay;
      i += 2
    )
      addRun(runs, Math.max(explicit[i]!, firstDay), Math.min(explicit[i + 1]!, lastDay));
    if (this.monthlyHoursDepth > 0) {
      const explicitCount = runs.length;
      // Each month's tail from its deepest business day asked for: a few days that are not business
      // days may ride along, which costs a little and changes nothing.
      for (let day = firstDay; day <= lastDay;) {
        const [, next] = monthBounds(day);
        const lastDays = this.lastBusinessDaysOfMonth(day);
        if (lastDays.length > 0) {
          const deepest = lastDays[Math.min(this.monthlyHoursDepth, lastDays.length) - 1]!;
          const first = Math.max(deepest, firstDay);
          const last = Math.min(lastDays[0]!, lastDay);
          if (first <= last) runs.push(first, last);
        }
        day = next;
      }
      if (runs.length > explicitCount && runs.length > 2) sortAndJoinRuns(runs);
    }
    return runs;
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
    const key = this.coveringKey(day, false);
    if (key === 0 || key === '') return 0;
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
    const depth = Math.min(period.lastBusinessDaysOfMonth!, lastDays.length);
    for (let rank = 0; rank < depth; rank++) if (lastDays[rank] === day) return true;
    return false;
  }

  /** The last business days of the month containing `day` (as many as any period asks for), last first (base calendar only). */
  private lastBusinessDaysOfMonth(day: number): readonly number[] {
    if (this.monthlyDepth === 0) return [];
    // Days are asked in runs, so the month asked last nearly always answers.
    const recent = this.#recentMonth;
    if (recent !== null && day >= recent.first && day < recent.next) return recent.days;
    const [first, next] = monthBounds(day);
    let days = this.lastBusinessDays.get(first);
    if (!days) {
      days = [];
      for (let d = next - 1; d >= first && days.length < this.monthlyDepth; d--)
        if (this.baseHours(d).length > 0) days.push(d);
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

/** Work (ms) of one day's ranges that lies in [from, to). */
export function workWithin(work: DayWork, from: number, to: number): number {
  const ranges = work.ranges;
  let sum = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const start = Math.max(ranges[i]!, from);
    const end = Math.min(ranges[i + 1]!, to);
    if (start < end) sum += end - start;
  }
  return sum;
}

/** The regular week as one repeating pattern (see `WeekCycle`). */
function weekCycle(week: readonly DayMinutes[]): WeekCycle {
  const pieces: [number, number][] = [];
  for (let weekday = 0; weekday < 7; weekday++)
    for (const [from, to] of week[weekday]!) {
      const start = weekday * DAY_MS + from * MINUTE_MS;
      const end = weekday * DAY_MS + to * MINUTE_MS;
      if (end <= WEEK_MS) pieces.push([start, end]);
      else pieces.push([start, WEEK_MS], [0, end - WEEK_MS]);
    }
  pieces.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [start, end] of pieces) {
    const last = ends.length - 1;
    if (last >= 0 && start <= ends[last]!) ends[last] = Math.max(ends[last]!, end);
    else {
      starts.push(start);
      ends.push(end);
    }
  }
  const before: number[] = [];
  let total = 0;
  for (let i = 0; i < starts.length; i++) {
    before.push(total);
    total += ends[i]! - starts[i]!;
  }
  return { starts, ends, before, total };
}

/** Work of the regular week from the cycle's origin up to the wall time `wall` (negative before it). */
function cycleWorkBefore(cycle: WeekCycle, wall: number): number {
  const sinceOrigin = wall - CYCLE_ORIGIN_MS;
  const weeks = Math.floor(sinceOrigin / WEEK_MS);
  const into = sinceOrigin - weeks * WEEK_MS;
  let sum = weeks * cycle.total;
  const starts = cycle.starts;
  let i = 0;
  while (i < starts.length && starts[i]! < into) i++;
  if (i > 0) sum += cycle.before[i - 1]! + Math.min(cycle.ends[i - 1]!, into) - starts[i - 1]!;
  return sum;
}

/**
 * Days whose hours may differ from the week's, from the settings alone: holidays, transferred
 * working days and dated periods with hours, as sorted, disjoint, inclusive [first, last] pairs
 * (touching ranges joined). Month-end periods are added month by month where asked.
 */
function explicitExceptions(
  source: BusinessCalendar,
  holidays: readonly number[],
  periods: readonly CompiledPeriod[],
): number[] {
  const ranges = [...holidays];
  for (const workingDay of source.workingDays ?? []) {
    const day = parseIsoDay(workingDay.date);
    ranges.push(day, day);
  }
  for (const period of periods)
    if (period.hours !== null && period.firstDay !== null) ranges.push(period.firstDay, period.lastDay!);
  sortAndJoinRuns(ranges);
  return ranges;
}

/** Appends the run [first, last] to runs that arrive in order, joining it to the last one when they touch. */
function addRun(runs: number[], first: number, last: number): void {
  const end = runs.length - 1;
  if (end > 0 && first <= runs[end]! + 1) runs[end] = Math.max(runs[end]!, last);
  else runs.push(first, last);
}

/** Sorts [first, last] pairs by their first day in place and joins the ones that overlap or touch. */
function sortAndJoinRuns(runs: number[]): void {
  const pairs: [number, number][] = [];
  for (let i = 0; i < runs.length; i += 2) pairs.push([runs[i]!, runs[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  runs.length = 0;
  for (const [first, last] of pairs) addRun(runs, first, last);
}

const compiledByCalendar = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** The compiled form of a calendar, remembered for a raw one (see `calendar/index.ts`). */
export function compiledOf(calendar: BusinessCalendar | CompiledCalendar): CompiledCalendar {
  if (calendar instanceof CompiledCalendar) return calendar;
  let compiled = compiledByCalendar.get(calendar);
  if (!compiled) {
    compiled = new CompiledCalendar(calendar);
    compiledByCalendar.set(calendar, compiled);
  }
  return compiled;
}

/** The compiled form remembered for a raw calendar, if a query has compiled it before. */
export function rememberedCompiled(calendar: BusinessCalendar): CompiledCalendar | undefined {
  return compiledByCalendar.get(calendar);
}

/** The calendar's holidays as sorted, disjoint, inclusive [first, last] day pairs. */
function holidayRanges(source: BusinessCalendar): number[] {
  const ranges: number[] = [];
  for (const holiday of source.holidays ?? []) {
    if (typeof holiday === 'string') {
      const day = parseIsoDay(holiday);
      ranges.push(day, day);
    } else ranges.push(parseIsoDay(holiday.from), parseIsoDay(holiday.to));
  }
  sortAndJoinRuns(ranges);
  return ranges;
}

/** The index of the first [first, last] pair (in sorted, disjoint pairs) that ends on or after `day`. */
function firstRangeFrom(ranges: readonly number[], day: number): number {
  let low = 0;
  let high = ranges.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ranges[2 * middle + 1]! < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether `day` lies in one of the sorted, disjoint, inclusive [first, last] pairs. */
function inRanges(ranges: readonly number[], day: number): boolean {
  const index = 2 * firstRangeFrom(ranges, day);
  return index < ranges.length && ranges[index]! <= day;
}
