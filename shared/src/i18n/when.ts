// When something happens, as a reader of a short note wants it: "18:00" later today, "Mon 09:00"
// within the week, "Mon 30 Nov 09:00" further away — local time in a zone the caller names. Pure:
// the zone, the instant and `now` are arguments. The local parts are worked out here; the words
// (weekday and month names, their order) are the catalogues' (`when.*`). Names are the catalogues'
// rather than Intl's locale data: the UI Kit worker may ship without full ICU, and the words must
// not change between runtimes.
import { localDateTime, weekdayIndex } from '../calendar/zone.js';
import { parseIsoDay } from '../schemas/calendar.js';
import type { Language } from '../schemas/replies.js';
import type { Message } from './messages.js';
import { translate } from './messages.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A weekday as the catalogues' `when.*` messages select it. */
export type WeekdayKey = (typeof WEEKDAYS)[number];

/**
 * The message for the instant `at` in `zone`, seen at `now`: `when.today` (time only), `when.week`
 * (weekday and time, within six days) or `when.later` (weekday, day, month and time). Parameters:
 * `time` ("09:00"), `weekday` (`mon`…`sun`), `day` and `month` (numbers), `dd` and `mm` (two digits).
 */
export function whenMessage(zone: string, at: Date, now: Date): Message {
  const when = localDateTime(zone, at);
  const today = localDateTime(zone, now);
  if (when.date === today.date) return { code: 'when.today', params: { time: when.time } };
  const day = parseIsoDay(when.date);
  const weekday = WEEKDAYS[weekdayIndex(day)]!;
  if (day - parseIsoDay(today.date) < 7) return { code: 'when.week', params: { weekday, time: when.time } };
  const [, mm, dd] = when.date.split('-') as [string, string, string];
  return {
    code: 'when.later',
    params: { weekday, day: Number(dd), month: Number(mm), dd, mm, time: when.time },
  };
}

/** `whenMessage` in `language`. */
export function whenText(language: Language, zone: string, at: Date, now: Date): string {
  return translate(language, whenMessage(zone, at, now));
}
