import { localDateTime } from '../calendar/index.js';
import { weekdayIndex } from '../calendar/zone.js';
import { parseIsoDay } from '../schemas/calendar.js';
import type { Reason } from '../schemas/contract.js';
import type { AbsenceKind } from '../schemas/engineers.js';

// Reasons are read by coordinators in English or Russian. Dates are written by hand rather than
// with Intl's locale data: the UI Kit worker may ship without full ICU, and the words must not
// change between runtimes.

const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAYS_RU = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'] as const;
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * When something happens, as the reader of a reason wants it: "18:00" later today, "Mon 09:00"
 * within the week, "Mon 30 Nov 09:00" further away; local time in `zone`.
 */
export function formatWhen(zone: string, at: Date, now: Date): Reason {
  const when = localDateTime(zone, at);
  const today = localDateTime(zone, now);
  if (when.date === today.date) return { en: when.time, ru: when.time };
  const day = parseIsoDay(when.date);
  const wd = weekdayIndex(day);
  if (day - parseIsoDay(today.date) < 7)
    return { en: `${WEEKDAYS_EN[wd]} ${when.time}`, ru: `${WEEKDAYS_RU[wd]} ${when.time}` };
  const [, month, dom] = when.date.split('-').map(Number) as [number, number, number];
  return {
    en: `${WEEKDAYS_EN[wd]} ${dom} ${MONTHS_EN[month - 1]} ${when.time}`,
    ru: `${WEEKDAYS_RU[wd]} ${String(dom).padStart(2, '0')}.${String(month).padStart(2, '0')} ${when.time}`,
  };
}

export const ABSENCE_WORDS: Readonly<Record<AbsenceKind, Reason>> = {
  dayOff: { en: 'day off', ru: 'выходной' },
  trip: { en: 'business trip', ru: 'командировка' },
  training: { en: 'training', ru: 'обучение' },
  sick: { en: 'sick leave', ru: 'больничный' },
  other: { en: 'away', ru: 'отсутствие' },
};

/** Formats a load figure without trailing zeros (3, 2.5). */
export function formatLoad(load: number): string {
  return String(Math.round(load * 100) / 100);
}
