import { zonedInstant } from '../calendar/index.js';
import { parseIsoDay } from '../schemas/calendar.js';
import type { Absence } from '../schemas/engineers.js';
import { isDateOnly } from '../schemas/engineers.js';

const DAY_MS = 86_400_000;

/** The instants [start, end) an absence covers; date-only bounds are whole local days in `zone`. */
export function absenceSpan(absence: Absence, zone: string): [number, number] {
  const start = isDateOnly(absence.from)
    ? zonedInstant(zone, absence.from).getTime()
    : Date.parse(absence.from);
  const end = isDateOnly(absence.to)
    ? zonedInstant(
        zone,
        new Date((parseIsoDay(absence.to) + 1) * DAY_MS).toISOString().slice(0, 10),
      ).getTime()
    : Date.parse(absence.to);
  return [start, end];
}

/** The absence covering `at` that ends last (so "back on" is the real return), or null. */
export function absenceAt(
  absences: readonly Absence[],
  zone: string,
  at: Date,
): { absence: Absence; end: Date } | null {
  const t = at.getTime();
  let found: { absence: Absence; end: Date } | null = null;
  for (const absence of absences) {
    const [start, end] = absenceSpan(absence, zone);
    if (start <= t && t < end && (!found || end > found.end.getTime()))
      found = { absence, end: new Date(end) };
  }
  return found;
}
