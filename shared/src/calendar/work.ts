// Working-time arithmetic on epoch milliseconds over a compiled calendar: the engine under the
// public calendar functions and the SLA replay, which call it in loops and so skip the Date
// objects and argument checks of the public surface. Every search stays inside the horizon: a day
// beyond it ends the search with a BeyondHorizonError instead of walking on.
import type { CompiledCalendar, DayWork } from './compiled.js';
import { BLOCK_DAYS as COMPILED_BLOCK_DAYS, workWithin } from './compiled.js';
import * as horizon from './horizon.js';
import { beyondHorizon, BeyondHorizonError } from './horizon.js';

// Local copies of the day length and the horizon's ends: under loaders that wrap modules (tsx,
// bundlers) an imported binding becomes a getter call on every use, and these loops are hot.
const DAY_MS = 86_400_000;
const HORIZON_START_MS = horizon.HORIZON_START_MS;
const HORIZON_END_MS = horizon.HORIZON_END_MS;
const BLOCK_DAYS = COMPILED_BLOCK_DAYS;

const FIRST_BLOCK = Math.floor(HORIZON_START_MS / DAY_MS / BLOCK_DAYS);
const LAST_BLOCK = Math.floor(HORIZON_END_MS / DAY_MS / BLOCK_DAYS);

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

const BLOCK_MS = BLOCK_DAYS * DAY_MS;

/** Working milliseconds in [from, to) for from ≤ to: whole blocks by their totals, the ends by `workInBlock`. */
export function workBetween(calendar: CompiledCalendar, from: number, to: number): number {
  const firstBlock = Math.floor(from / BLOCK_MS);
  const lastBlock = Math.floor(to / BLOCK_MS);
  if (firstBlock === lastBlock) return calendar.workInBlock(firstBlock, from, to);
  let sum = calendar.workInBlock(firstBlock, from, (firstBlock + 1) * BLOCK_MS);
  for (let index = firstBlock + 1; index < lastBlock; index++) sum += calendar.blockTotal(index);
  if (to > lastBlock * BLOCK_MS) sum += calendar.workInBlock(lastBlock, lastBlock * BLOCK_MS, to);
  return sum;
}

/** Ends a search that would have to look past the horizon. */
function pastHorizon(direction: 1 | -1): never {
  throw new BeyondHorizonError(
    beyondHorizon('the due date', direction > 0 ? HORIZON_END_MS : HORIZON_START_MS - 1),
  );
}

/** The earliest instant after `from` by which `amount` (> 0) ms of work have passed. */
export function workForward(calendar: CompiledCalendar, from: number, amount: number): number {
  let remaining = amount;
  const startDay = Math.floor(from / DAY_MS);
  let blockIndex = Math.floor(startDay / BLOCK_DAYS);
  const first = startDay - blockIndex * BLOCK_DAYS;
  // The rest of the start block day by day, unless the whole rest is not enough (which the block
  // can tell without being split into days)…
  const restOfBlock = calendar.workInBlock(blockIndex, from, (blockIndex + 1) * BLOCK_MS);
  if (remaining <= restOfBlock) {
    const block = calendar.block(blockIndex);
    for (let i = first; i < BLOCK_DAYS; i++) {
      const work = block.days[i]!;
      const available = i === first ? workWithin(work, from, Infinity) : work.total;
      if (remaining <= available) return checkedResult(instantAfterWork(work, from, remaining));
      remaining -= available;
    }
  }
  remaining -= restOfBlock;
  // …then whole blocks by their totals, and the right day inside the last one.
  for (;;) {
    if (++blockIndex > LAST_BLOCK) pastHorizon(1);
    const total = calendar.blockTotal(blockIndex);
    if (remaining > total) {
      remaining -= total;
      continue;
    }
    const found = calendar.block(blockIndex);
    let i = 0;
    while (found.before[i + 1]! < remaining) i++;
    return checkedResult(instantAfterWork(found.days[i]!, -Infinity, remaining - found.before[i]!));
  }
}

/** The latest instant before `from` from which `amount` (> 0) ms of work lead up to `from`. */
export function workBackward(calendar: CompiledCalendar, from: number, amount: number): number {
  let remaining = amount;
  const startDay = Math.floor(from / DAY_MS);
  let blockIndex = Math.floor(startDay / BLOCK_DAYS);
  const startIndex = startDay - blockIndex * BLOCK_DAYS;
  const restOfBlock = calendar.workInBlock(blockIndex, blockIndex * BLOCK_MS, from);
  if (remaining <= restOfBlock) {
    const block = calendar.block(blockIndex);
    for (let i = startIndex; i >= 0; i--) {
      const work = block.days[i]!;
      const available = i === startIndex ? workWithin(work, -Infinity, from) : work.total;
      if (remaining <= available) return checkedResult(instantBeforeWork(work, from, remaining));
      remaining -= available;
    }
  }
  remaining -= restOfBlock;
  for (;;) {
    if (--blockIndex < FIRST_BLOCK) pastHorizon(-1);
    const total = calendar.blockTotal(blockIndex);
    if (remaining > total) {
      remaining -= total;
      continue;
    }
    const found = calendar.block(blockIndex);
    let i = BLOCK_DAYS - 1;
    while (found.total - found.before[i]! < remaining) i--;
    return checkedResult(
      instantBeforeWork(found.days[i]!, Infinity, remaining - (found.total - found.before[i + 1]!)),
    );
  }
}

/** A found instant, unless it lies past the horizon (a block straddling an end can reach past it). */
function checkedResult(at: number): number {
  if (at > HORIZON_END_MS) pastHorizon(1);
  if (at < HORIZON_START_MS) pastHorizon(-1);
  return at;
}

/** The next local midnight after `t` at which the set of active periods changes, within `horizonDays`; NaN if none. */
export function nextPeriodChangeMs(calendar: CompiledCalendar, t: number, horizonDays: number): number {
  if (!calendar.hasPeriods) return Number.NaN;
  const firstDay = calendar.localDay(t);
  // Past the horizon's last day nothing is answered, so nothing is looked for there either.
  const lastDay = Math.min(firstDay + horizonDays, Math.floor(HORIZON_END_MS / DAY_MS) + 1);
  for (let day = calendar.periodChangeAfter(firstDay, lastDay); !Number.isNaN(day);) {
    const start = calendar.localDayStart(day);
    if (start > t) return start;
    day = calendar.periodChangeAfter(day, lastDay);
  }
  return Number.NaN;
}
