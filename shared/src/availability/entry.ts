// An absence as an engineer enters it on "My availability": whole days (`2026-12-10`) or hours in
// their own time zone (`2026-12-10T14:00`), a kind and a note. Checked here, purely: the shape,
// the order of the bounds, and that it does not overlap another of the engineer's entries. Every
// refusal names its field, so the page can put the message next to it, and carries a code and
// parameters (`availability.entry.*`) with its words in English and Russian from the catalogues.
import { z } from 'zod';
import { zonedInstant } from '../calendar/index.js';
import { isValidTimeZone, parseIsoDay } from '../schemas/calendar.js';
import { ABSENCE_KINDS, AbsenceSchema } from '../schemas/engineers.js';
import type { Absence, AbsenceKind } from '../schemas/engineers.js';
import type { FieldIssue } from '../schemas/errors.js';
import { bilingual } from '../i18n/messages.js';
import type { Message, WordedMessage } from '../i18n/messages.js';
import { absenceSpan } from '../assignment/absence.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

/** The longest absence one entry may hold (a long leave is entered in pieces, each reviewable). */
export const MAX_ENTRY_DAYS = 366;

/** The longest note, in characters. */
const NOTE_MAX = 200;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** A whole day or a local date and time, within the years the calendars work in (2000–2099). */
const boundSchema = z
  .string({ error: 'Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)' })
  .refine(
    (text) => {
      const day = DAY.test(text) ? text : LOCAL_TIME.exec(text)?.[1];
      if (!day || !DAY.test(day)) return false;
      const year = Number(day.slice(0, 4));
      if (year < 2000 || year > 2099) return false;
      const n = parseIsoDay(day);
      return Number.isFinite(n) && new Date(n * 86_400_000).toISOString().slice(0, 10) === day;
    },
    { error: 'Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM) between 2000 and 2099' },
  );

/** What the page sends for one absence. */
export const AbsenceEntryInputSchema = z.strictObject({
  kind: z.enum(ABSENCE_KINDS, { error: `Kind is one of: ${ABSENCE_KINDS.join(', ')}` }),
  from: boundSchema,
  to: boundSchema,
  note: z.string().trim().max(NOTE_MAX, 'Keep the note under 200 characters').optional(),
});
export type AbsenceEntryInput = z.infer<typeof AbsenceEntryInputSchema>;

/** A field at fault: its path, its English words (`message`) and the reason as code, parameters and words. */
export type EntryIssue = FieldIssue & { reason: WordedMessage };

const issue = (path: string, problem: Message): EntryIssue => {
  const reason = bilingual(problem);
  return { path, message: reason.en, reason };
};

/** The reason for one zod issue on the entry, by the field it names. */
function problemOf(zodIssue: z.core.$ZodIssue): Message {
  const field = zodIssue.path.map(String).join('.');
  if (field === '') return { code: 'availability.entry.notAnObject' };
  if (field === 'kind')
    return { code: 'availability.entry.kind', params: { kinds: ABSENCE_KINDS.join(', ') } };
  if (field === 'from' || field === 'to')
    return {
      code: zodIssue.code === 'custom' ? 'availability.entry.boundRange' : 'availability.entry.bound',
    };
  if (field === 'note')
    return zodIssue.code === 'too_big'
      ? { code: 'availability.entry.noteTooLong', params: { max: NOTE_MAX } }
      : { code: 'availability.entry.note' };
  return { code: 'availability.entry.invalidField', params: { field } };
}

/** One issue per failing field, in document order; each unknown key is its own issue. */
function entryIssues(error: z.ZodError): EntryIssue[] {
  return error.issues.flatMap((zodIssue) => {
    const path = zodIssue.path.map(String);
    if (zodIssue.code === 'unrecognized_keys')
      return zodIssue.keys.map((field) =>
        issue([...path, field].join('.'), { code: 'availability.entry.unknownField', params: { field } }),
      );
    return [issue(path.join('.'), problemOf(zodIssue))];
  });
}

/** An entry already kept, as the overlap check needs it. */
export interface KeptEntry {
  id: string;
  absence: Absence;
}

/** Whether an entry is whole days (else hours). */
export const isWholeDays = (input: Pick<AbsenceEntryInput, 'from'>): boolean => DAY.test(input.from);

/** The local date (YYYY-MM-DD) an entry bound falls on. */
const dayOf = (bound: string) => bound.slice(0, 10);

/**
 * Checks one entry for an engineer in `timeZone` against their other entries (`others`, without the
 * one being edited) and turns it into the shared `Absence` the ranking reads: whole days stay dates,
 * hours become instants. Refusals name the field: `from`/`to` for bad or overlapping bounds.
 */
export function checkAbsenceEntry(
  input: unknown,
  timeZone: string,
  others: readonly KeptEntry[],
): Result<Absence, EntryIssue[]> {
  if (!isValidTimeZone(timeZone))
    return err([issue('timeZone', { code: 'availability.entry.unknownTimeZone', params: { timeZone } })]);
  const parsed = AbsenceEntryInputSchema.safeParse(input);
  if (!parsed.success) return err(entryIssues(parsed.error));
  const entry = parsed.data;
  const whole = isWholeDays(entry);
  if (whole !== DAY.test(entry.to))
    return err([
      issue('to', {
        code: whole ? 'availability.entry.wholeDaysEndOnDate' : 'availability.entry.hoursEndOnTime',
      }),
    ]);
  const from = whole
    ? entry.from
    : zonedInstant(timeZone, dayOf(entry.from), entry.from.slice(11)).toISOString();
  const to = whole ? entry.to : zonedInstant(timeZone, dayOf(entry.to), entry.to.slice(11)).toISOString();
  if (whole ? entry.from > entry.to : Date.parse(from) >= Date.parse(to))
    return err([
      issue('to', {
        code: whole ? 'availability.entry.lastDayBeforeFirst' : 'availability.entry.endNotAfterStart',
        params: { from: entry.from, to: entry.to },
      }),
    ]);
  if (parseIsoDay(dayOf(entry.to)) - parseIsoDay(dayOf(entry.from)) >= MAX_ENTRY_DAYS)
    return err([issue('to', { code: 'availability.entry.tooLong', params: { max: MAX_ENTRY_DAYS } })]);
  const absence = AbsenceSchema.safeParse({
    kind: entry.kind,
    from,
    to,
    ...(entry.note ? { note: entry.note } : {}),
  });
  if (!absence.success) return err(entryIssues(absence.error));
  const clash = overlapping(absence.data, timeZone, others);
  if (clash)
    return err([
      issue('from', {
        code: 'availability.entry.overlaps',
        params: { kind: clash.absence.kind, bounds: describeBounds(clash.absence) },
      }),
    ]);
  return ok(absence.data);
}

/** The first of `others` whose span meets `absence`'s (touching ends do not overlap). */
export function overlapping(
  absence: Absence,
  timeZone: string,
  others: readonly KeptEntry[],
): KeptEntry | undefined {
  const [start, end] = absenceSpan(absence, timeZone);
  return others.find((other) => {
    const [s, e] = absenceSpan(other.absence, timeZone);
    return s < end && start < e;
  });
}

/** "2026-12-10" or "2026-12-10 – 2026-12-11", or the instants as written. */
function describeBounds(absence: Absence): string {
  return absence.from === absence.to ? absence.from : `${absence.from} – ${absence.to}`;
}

/** The kinds in the order the page offers them. */
export const ENTRY_KINDS: readonly AbsenceKind[] = ABSENCE_KINDS;
