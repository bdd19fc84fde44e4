import { localDateTime, zonedInstant } from '../calendar/index.js';
import { DAY_MS, weekdayIndex } from '../calendar/zone.js';
import { parseClockTime, parseIsoDay, WEEK_DAYS } from '../schemas/calendar.js';
import type { DutyRota, WeeklyDuty } from '../schemas/engineers.js';

/** `YYYY-MM-DD` of a day number since 1970-01-01. */
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The slot's [start, end) on the local day `day`, as instants (an end at or before the start is next day). */
function slotOn(rota: DutyRota, slot: WeeklyDuty, day: number): [number, number] {
  const crosses = parseClockTime(slot.to) <= parseClockTime(slot.from);
  const start = zonedInstant(rota.timeZone, isoDay(day), slot.from).getTime();
  const end = zonedInstant(rota.timeZone, isoDay(crosses ? day + 1 : day), slot.to).getTime();
  return [start, end];
}

/** Who is on duty at one instant, with the end of the shift or slot that covers it. */
function coveringAt(rota: DutyRota, t: number): Map<string, number> {
  const onDuty = new Map<string, number>();
  const extend = (accountId: string, end: number) => {
    if ((onDuty.get(accountId) ?? -Infinity) < end) onDuty.set(accountId, end);
  };
  for (const shift of rota.shifts) {
    const from = Date.parse(shift.from);
    const to = Date.parse(shift.to);
    if (from <= t && t < to) extend(shift.accountId, to);
  }
  if (onDuty.size > 0) return onDuty;

  const today = parseIsoDay(localDateTime(rota.timeZone, new Date(t)).date);
  for (const day of [today - 1, today]) {
    const dayName = WEEK_DAYS[weekdayIndex(day)];
    for (const slot of rota.weekly) {
      if (slot.day !== dayName) continue;
      const [start, end] = slotOn(rota, slot, day);
      if (start <= t && t < end) extend(slot.accountId, end);
    }
  }
  return onDuty;
}

/** Back-to-back slots of one person (Sunday, then Monday until 09:00) read as one stretch of duty. */
const MAX_JOINED_SLOTS = 14;

/**
 * Who is on duty at `at`, with the end of each one's duty. Explicit shifts covering an instant
 * replace the weekly pattern for it (swaps, holiday nights); otherwise weekly slots that started
 * that day or the day before (a night slot) count. Consecutive slots of the same person are joined.
 */
export function onDutyAt(rota: DutyRota, at: Date): Map<string, Date> {
  const result = new Map<string, Date>();
  for (const [accountId, firstEnd] of coveringAt(rota, at.getTime())) {
    let end = firstEnd;
    for (let i = 0; i < MAX_JOINED_SLOTS; i++) {
      const next = coveringAt(rota, end).get(accountId);
      if (next === undefined || next <= end) break;
      end = next;
    }
    result.set(accountId, new Date(end));
  }
  return result;
}
