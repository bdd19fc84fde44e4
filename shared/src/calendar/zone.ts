// Time-zone arithmetic on top of Intl.DateTimeFormat, the only zone database every runtime we
// target (Node, Forge functions, the UI Kit web worker) carries. Intl is slow (microseconds per
// call), so each zone's UTC-offset transitions are found once per UTC year and kept; after that an
// offset lookup is a short scan of a small array.
//
// Outside the years 1000–9999 (what a four-digit ISO year can name) the tables refuse with a
// BeyondHorizonError: a year Intl cannot format would otherwise make the yearly scan endless.
//
// "Wall time" below is a local date-time encoded as if it were UTC milliseconds
// (wall = utc + offset), which makes local calendar arithmetic plain integer arithmetic.

import { beyondHorizon, BeyondHorizonError } from './horizon.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Weekday index (0 = Monday, as in WEEK_DAYS) of a day number since 1970-01-01, which was a Thursday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
/** Real offsets stay within −12:00…+14:00; 16 hours leaves room for historical local mean times. */
const MAX_OFFSET_MS = 16 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter that prints every field of an instant in `zone` as numbers (24-hour clock). */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's UTC offset in ms at `utcMs`, asked of Intl directly (slow; whole seconds). */
export function offsetFromIntl(zone: string, utcMs: number): number {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(utcMs)) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  const wall = Date.UTC(
    year,
    Number(fields.month) - 1,
    Number(fields.day),
    Number(fields.hour),
    Number(fields.minute),
    Number(fields.second),
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Offsets in force during one UTC year: `offsets[i]` applies from `starts[i]` (starts[0] = year start). */
interface YearOffsets {
  start: number;
  end: number;
  starts: number[];
  offsets: number[];
}

/** The UTC years the offset tables cover. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

/** One zone's offset history, filled in lazily a UTC year at a time. */
export class ZoneOffsets {
  private readonly years = new Map<number, YearOffsets>();
  /**
   * The year asked for last: nearly every lookup falls in it, so it is checked before the map. A
   * private field, so the memo stays out of JSON like the maps do.
   */
  #recent: YearOffsets | undefined;

  constructor(readonly zone: string) {}

  /** Offset (ms) in force at the instant `utcMs`. */
  offsetAt(utcMs: number): number {
    const year = this.yearOf(utcMs);
    const starts = year.starts;
    let offset = year.offsets[0]!;
    for (let i = 1; i < starts.length && starts[i]! <= utcMs; i++) offset = year.offsets[i]!;
    return offset;
  }

  /**
   * The offset in force throughout [fromMs, toMs] when no transition falls inside it, else NaN:
   * the common case (a day far from any clock change) then needs no stretch walk at all.
   */
  steadyOffset(fromMs: number, toMs: number): number {
    const year = this.yearOf(fromMs);
    const starts = year.starts;
    let offset = year.offsets[0]!;
    for (let i = 1; i < starts.length; i++) {
      const start = starts[i]!;
      if (start <= fromMs) offset = year.offsets[i]!;
      else if (start <= toMs) return Number.NaN;
      else break;
    }
    if (toMs < year.end) return offset;
    // A span across New Year (shorter than a year) is steady when the next year starts with the
    // same offset and keeps it up to `toMs`. The next year's table is looked up without becoming
    // the recent one, so lookups in this year stay on the fast path.
    const next = this.yearTable(new Date(year.end).getUTCFullYear(), year.end);
    if (next.offsets[0] !== offset || toMs >= next.end) return Number.NaN;
    return next.starts.length < 2 || next.starts[1]! > toMs ? offset : Number.NaN;
  }

  /** Calls `visit(from, to, offset)` for each stretch of constant offset covering [fromMs, toMs), in order. */
  forEachStretch(
    fromMs: number,
    toMs: number,
    visit: (from: number, to: number, offset: number) => void,
  ): void {
    let cursor = fromMs;
    let offset = this.offsetAt(fromMs);
    while (cursor < toMs) {
      const next = Math.min(this.nextTransitionAfter(cursor), toMs);
      visit(cursor, next, offset);
      cursor = next;
      offset = this.offsetAt(cursor);
    }
  }

  /** Every stretch of UTC time whose wall time lies in [wallFrom, wallTo), appended to `out` as flat pairs. */
  wallRangeToUtc(wallFrom: number, wallTo: number, out: number[]): void {
    const steady = this.steadyOffset(wallFrom - MAX_OFFSET_MS, wallTo + MAX_OFFSET_MS);
    if (!Number.isNaN(steady)) {
      const start = wallFrom - steady;
      if (out.length > 0 && out[out.length - 1] === start) out[out.length - 1] = wallTo - steady;
      else out.push(start, wallTo - steady);
      return;
    }
    this.forEachStretch(wallFrom - MAX_OFFSET_MS, wallTo + MAX_OFFSET_MS, (from, to, offset) => {
      const start = Math.max(from, wallFrom - offset);
      const end = Math.min(to, wallTo - offset);
      if (start >= end) return;
      // Pieces on both sides of a transition touch when the wall range spans it: join them.
      if (out.length > 0 && out[out.length - 1] === start) out[out.length - 1] = end;
      else out.push(start, end);
    });
  }

  /** The first transition strictly after `utcMs` (or the start of the next UTC year when none is left). */
  private nextTransitionAfter(utcMs: number): number {
    const year = this.yearOf(utcMs);
    for (const start of year.starts) if (start > utcMs) return start;
    return year.end;
  }

  private yearOf(utcMs: number): YearOffsets {
    const recent = this.#recent;
    if (recent !== undefined && utcMs >= recent.start && utcMs < recent.end) return recent;
    const year = this.yearTable(new Date(utcMs).getUTCFullYear(), utcMs);
    this.#recent = year;
    return year;
  }

  /** The table of one UTC year, scanned on first need; `utcMs` names the instant in an error. */
  private yearTable(yearNumber: number, utcMs: number): YearOffsets {
    if (!(yearNumber >= FIRST_YEAR && yearNumber <= LAST_YEAR))
      throw new BeyondHorizonError(beyondHorizon(`an instant in zone ${this.zone}`, utcMs));
    let year = this.years.get(yearNumber);
    if (!year) {
      year = this.scanYear(yearNumber);
      this.years.set(yearNumber, year);
    }
    return year;
  }

  /**
   * Samples the offset once a day and bisects each change down to the second. Two transitions
   * less than a day apart would be missed; no zone in use has those.
   */
  private scanYear(yearNumber: number): YearOffsets {
    const yearStart = Date.UTC(yearNumber, 0, 1);
    const yearEnd = Date.UTC(yearNumber + 1, 0, 1);
    const starts = [yearStart];
    const offsets = [offsetFromIntl(this.zone, yearStart)];
    let previousSample = yearStart;
    let previousOffset = offsets[0]!;
    for (let sample = yearStart + DAY_MS; ; sample += DAY_MS) {
      const at = Math.min(sample, yearEnd - 1000);
      const offset = offsetFromIntl(this.zone, at);
      if (offset !== previousOffset) {
        let low = previousSample; // still the old offset
        let high = at; // already the new one
        while (high - low > 1000) {
          const middle = low + Math.floor((high - low) / 2000) * 1000;
          if (offsetFromIntl(this.zone, middle) === previousOffset) low = middle;
          else high = middle;
        }
        starts.push(high);
        offsets.push(offset);
        previousOffset = offset;
      }
      previousSample = at;
      if (at >= yearEnd - 1000) break;
    }
    return { start: yearStart, end: yearEnd, starts, offsets };
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offset history of `zone` (one per zone name, filled lazily). */
export function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = zones.get(zone);
  if (!offsets) {
    offsets = new ZoneOffsets(zone);
    zones.set(zone, offsets);
  }
  return offsets;
}

/** Wall time (local date-time as UTC ms) of the instant `utcMs` in `zone`. */
export function toWallTime(zone: string, utcMs: number): number {
  return utcMs + zoneOffsets(zone).offsetAt(utcMs);
}

/**
 * The first instant whose local wall time in `zone` is at or after `wall`. A wall time that does
 * not exist (skipped by a spring-forward change) therefore maps to the instant the clock jumps;
 * one that occurs twice (fall back) maps to its first occurrence.
 */
export function fromWallTime(zone: string, wall: number): number {
  const pieces: number[] = [];
  zoneOffsets(zone).wallRangeToUtc(wall, wall + 2 * DAY_MS, pieces);
  return pieces[0]!;
}

/** The local date (`YYYY-MM-DD`) and time (`HH:MM`) of an instant in `zone`. */
export function localDateTime(zone: string, at: Date): { date: string; time: string } {
  const iso = new Date(toWallTime(zone, at.getTime())).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The instant of a local date and time in `zone`, with the gap/overlap rule of `fromWallTime`. */
export function zonedInstant(zone: string, date: string, time = '00:00'): Date {
  const wall =
    Date.parse(`${date}T${time === '24:00' ? '00:00' : time}:00Z`) + (time === '24:00' ? DAY_MS : 0);
  return new Date(fromWallTime(zone, wall));
}
