import { zonedInstant } from '../calendar/index.js';
import { DAY_MS } from '../calendar/zone.js';
import { parseIsoDay } from '../schemas/calendar.js';
import type { Absence } from '../schemas/engineers.js';
import { isDateOnly } from '../schemas/engineers.js';

// Spans are remembered per absence object and zone: the same settings are ranked against many
// tickets, and turning local dates into instants is the costly part. Like compiled calendars, this
// relies on settings objects never being mutated.
const spans = new WeakMap<Absence, Map<string, readonly [number, number]>>();

/** The instants [start, end) an absence covers; date-only bounds are whole local days in `zone`. */
export function absenceSpan(absence: Absence, zone: string): readonly [number, number] {
  let byZone = spans.get(absence);
  if (!byZone) {
    byZone = new Map();
    spans.set(absence, byZone);
  }
  let span = byZone.get(zone);
  if (!span) {
    const start = isDateOnly(absence.from)
      ? zonedInstant(zone, absence.from).getTime()
      : Date.parse(absence.from);
    const dayAfter = () => new Date((parseIsoDay(absence.to) + 1) * DAY_MS).toISOString().slice(0, 10);
    const end = isDateOnly(absence.to) ? zonedInstant(zone, dayAfter()).getTime() : Date.parse(absence.to);
    span = [start, end];
    byZone.set(zone, span);
  }
  return span;
}

/** The absence covering `at` that ends last (so "back on" is the real return), or null. */
export function absenceAt(
  absences: readonly Absence[],
  zone: string,
  at: Date,
): { absence: Absence; end: Date } | null {
  const t = at.getTime();
  let found: { absence: Absence; end: number } | null = null;
  for (const absence of absences) {
    const [start, end] = absenceSpan(absence, zone);
    if (start <= t && t < end && (!found || end > found.end)) found = { absence, end };
  }
  return found && { absence: found.absence, end: new Date(found.end) };
}
