// Engineers' absences from their iCalendar feeds or files, read with node-ical: days off, trips,
// training and sick leave become the shared `Absence` values the ranking already honours. The
// feeds are configured as `FRONTLINE_CALENDAR_FEEDS=accountId=https://…/basic.ics,accountId=/path/x.ics`.
import ical from 'node-ical';
import type { VEvent } from 'node-ical';
import { z } from 'zod';
import { AbsenceSchema, err, ok } from '@frontline/shared';
import type { Absence, AbsenceKind, Result } from '@frontline/shared';
import type { Db } from '../store/db.js';

/** One engineer's feed: an http(s) URL or a file path. */
export interface CalendarFeed {
  accountId: string;
  source: string;
}

const FeedEntrySchema = z.string().regex(/^[^=\s]+=\S+$/, 'Write each feed as accountId=url-or-path');

/** Parses `FRONTLINE_CALENDAR_FEEDS`; the error names the entry that is wrong. */
export function parseCalendarFeeds(value: string | undefined): Result<CalendarFeed[], string> {
  if (!value?.trim()) return ok([]);
  const feeds: CalendarFeed[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (!FeedEntrySchema.safeParse(entry).success)
      return err(`FRONTLINE_CALENDAR_FEEDS: "${entry}" is not accountId=url-or-path`);
    const at = entry.indexOf('=');
    feeds.push({ accountId: entry.slice(0, at), source: entry.slice(at + 1) });
  }
  return ok(feeds);
}

const KIND_WORDS: readonly [AbsenceKind, RegExp][] = [
  ['trip', /trip|travel|командиров|выезд/iu],
  ['training', /training|course|conference|обучени|курс|тренинг|конференц/iu],
  ['sick', /sick|ill|больнич|болезн/iu],
];

/** What kind of absence an event's title (and categories) say it is; a day off when nothing matches. */
export function absenceKind(text: string): AbsenceKind {
  return KIND_WORDS.find(([, words]) => words.test(text))?.[0] ?? 'dayOff';
}

/**
 * A whole-day date as the feed wrote it. node-ical puts a date-only value at local midnight of the
 * *host's* zone, so the host's calendar fields give back the written date whatever the host zone.
 */
function writtenDate(d: Date, shiftDays = 0): string {
  const shifted = new Date(d.getFullYear(), d.getMonth(), d.getDate() + shiftDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${shifted.getFullYear()}-${pad(shifted.getMonth() + 1)}-${pad(shifted.getDate())}`;
}

/** An absence with the event's uid, for replacing a feed's rows as a whole. */
export interface FeedAbsence {
  uid: string;
  absence: Absence;
}

/** The span a recurring event is spelled out over: its occurrences that overlap it become absences. */
export interface RecurrenceWindow {
  from: Date;
  to: Date;
}

/** Behind and ahead of now, the span feeds spell recurring absences out over at each refresh. */
export const RECURRENCE_DAYS_BACK = 1;
export const RECURRENCE_DAYS_AHEAD = 120;

/** The window a refresh at `now` spells recurring absences out over. */
export function recurrenceWindow(now: Date): RecurrenceWindow {
  const day = 86_400_000;
  return {
    from: new Date(now.getTime() - RECURRENCE_DAYS_BACK * day),
    to: new Date(now.getTime() + RECURRENCE_DAYS_AHEAD * day),
  };
}

type DateValue = Date & { dateOnly?: boolean };

/** One occurrence as an absence; undefined when it is not one the shared schema accepts. */
function occurrenceAbsence(
  event: VEvent,
  start: DateValue,
  end: DateValue,
  dateOnly: boolean,
): FeedAbsence | undefined {
  const summary = typeof event.summary === 'string' ? event.summary : '';
  const categories = Array.isArray(event.categories) ? event.categories.join(' ') : '';
  const candidate = {
    kind: absenceKind(`${summary} ${categories}`),
    // DTEND of a whole-day event is exclusive; absences are inclusive.
    from: dateOnly ? writtenDate(start) : start.toISOString(),
    to: dateOnly ? writtenDate(end, end.getTime() > start.getTime() ? -1 : 0) : end.toISOString(),
    ...(summary ? { note: summary.slice(0, 200) } : {}),
  };
  const absence = AbsenceSchema.safeParse(candidate);
  return absence.success
    ? { uid: String(event.uid ?? `${candidate.from}/${candidate.to}`), absence: absence.data }
    : undefined;
}

/**
 * The absences in an iCalendar text. A recurring event (RRULE) becomes one absence per occurrence
 * that overlaps `window`, with EXDATEs left out and moved occurrences (RECURRENCE-ID) where they
 * were moved to; without a window it counts by its first occurrence.
 */
export function absencesFromIcs(text: string, window?: RecurrenceWindow): FeedAbsence[] {
  const parsed = ical.sync.parseICS(text);
  const out: FeedAbsence[] = [];
  for (const component of Object.values(parsed)) {
    if (!component || component.type !== 'VEVENT' || !component.start) continue;
    const event = component;
    const occurrences =
      event.rrule && window
        ? ical
            .expandRecurringEvent(event, { from: window.from, to: window.to, expandOngoing: true })
            .map((o) => occurrenceAbsence(o.event, o.start, o.end, o.isFullDay))
        : [
            occurrenceAbsence(
              event,
              event.start as DateValue,
              (event.end ?? event.start) as DateValue,
              (event.start as DateValue).dateOnly === true,
            ),
          ];
    for (const occurrence of occurrences) if (occurrence) out.push(occurrence);
  }
  return out.sort((a, b) => a.absence.from.localeCompare(b.absence.from) || a.uid.localeCompare(b.uid));
}

/** Replaces one engineer's feed absences with `absences`, in one transaction. */
export async function storeFeedAbsences(
  db: Db,
  accountId: string,
  absences: readonly FeedAbsence[],
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM engineer_absences WHERE account_id = $1', [accountId]);
    for (const { uid, absence } of absences)
      await tx.query(
        `INSERT INTO engineer_absences (account_id, uid, kind, starts, ends, note, refreshed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [accountId, uid, absence.kind, absence.from, absence.to, absence.note ?? null, now],
      );
  });
}
