// Absences from iCalendar text: whole days (DTEND exclusive), timed events in their own zone,
// the kind read from the title in English or Russian, and the feeds setting.
import { absenceAt } from '@frontline/shared';
import { absenceKind, absencesFromIcs, parseCalendarFeeds, recurrenceWindow } from './ical.js';

const ICS = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Northwind//Absences//EN
BEGIN:VEVENT
UID:olga-dayoff@northwind
DTSTART;VALUE=DATE:20261124
DTEND;VALUE=DATE:20261126
SUMMARY:Day off
END:VEVENT
BEGIN:VEVENT
UID:pavel-training@northwind
DTSTART;TZID=Europe/Moscow:20261127T100000
DTEND;TZID=Europe/Moscow:20261127T140000
SUMMARY:Обучение: Oracle 23ai
END:VEVENT
BEGIN:VEVENT
UID:alexei-trip@northwind
DTSTART;VALUE=DATE:20261201
DTEND;VALUE=DATE:20261202
SUMMARY:Командировка в Казань
END:VEVENT
END:VCALENDAR`;

/** Fridays off (one skipped), and a weekly training with one session moved. */
const RECURRING_ICS = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Northwind//Absences//EN
BEGIN:VEVENT
UID:olga-fridays@northwind
DTSTART;VALUE=DATE:20261127
DTEND;VALUE=DATE:20261128
RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=6
EXDATE;VALUE=DATE:20261204
SUMMARY:Day off (Fridays)
END:VEVENT
BEGIN:VEVENT
UID:pavel-course@northwind
DTSTART;TZID=Europe/Moscow:20261123T100000
DTEND;TZID=Europe/Moscow:20261123T120000
RRULE:FREQ=WEEKLY;BYDAY=MO
SUMMARY:Training: PostgreSQL 17
END:VEVENT
BEGIN:VEVENT
UID:pavel-course@northwind
RECURRENCE-ID;TZID=Europe/Moscow:20261130T100000
DTSTART;TZID=Europe/Moscow:20261130T130000
DTEND;TZID=Europe/Moscow:20261130T150000
SUMMARY:Training: PostgreSQL 17 (moved)
END:VEVENT
END:VCALENDAR`;

describe('absences from iCalendar', () => {
  it('reads whole days inclusively, timed events as instants, and the kind from the title', () => {
    const absences = absencesFromIcs(ICS);
    expect(absences.map((a) => a.absence)).toEqual([
      { kind: 'dayOff', from: '2026-11-24', to: '2026-11-25', note: 'Day off' },
      {
        kind: 'training',
        from: '2026-11-27T07:00:00.000Z',
        to: '2026-11-27T11:00:00.000Z',
        note: 'Обучение: Oracle 23ai',
      },
      { kind: 'trip', from: '2026-12-01', to: '2026-12-01', note: 'Командировка в Казань' },
    ]);
    expect(absences.map((a) => a.uid)).toEqual([
      'olga-dayoff@northwind',
      'pavel-training@northwind',
      'alexei-trip@northwind',
    ]);
  });

  it('gives absences the ranking honours: away on the last day off, back the morning after', () => {
    const [dayOff] = absencesFromIcs(ICS);
    const absences = [dayOff!.absence];
    const away = absenceAt(absences, 'Europe/Moscow', new Date('2026-11-25T20:00:00+03:00'));
    expect(away?.end).toEqual(new Date('2026-11-26T00:00:00+03:00'));
    expect(absenceAt(absences, 'Europe/Moscow', new Date('2026-11-26T09:00:00+03:00'))).toBeNull();
  });

  it('spells a recurring event out over the window: skipped dates left out, a moved session where it went', () => {
    const window = { from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-12-15T00:00:00Z') };
    const absences = absencesFromIcs(RECURRING_ICS, window).map((a) => [a.uid, a.absence.from, a.absence.to]);
    expect(absences).toEqual([
      ['pavel-course@northwind', '2026-11-23T07:00:00.000Z', '2026-11-23T09:00:00.000Z'],
      ['olga-fridays@northwind', '2026-11-27', '2026-11-27'],
      ['pavel-course@northwind', '2026-11-30T10:00:00.000Z', '2026-11-30T12:00:00.000Z'],
      ['pavel-course@northwind', '2026-12-07T07:00:00.000Z', '2026-12-07T09:00:00.000Z'],
      ['olga-fridays@northwind', '2026-12-11', '2026-12-11'],
      ['pavel-course@northwind', '2026-12-14T07:00:00.000Z', '2026-12-14T09:00:00.000Z'],
    ]);
    const moved = absencesFromIcs(RECURRING_ICS, window).find((a) => a.absence.from.startsWith('2026-11-30'));
    expect(moved?.absence).toMatchObject({ kind: 'training', note: 'Training: PostgreSQL 17 (moved)' });
    // With no window a recurring event counts by its first occurrence only.
    expect(absencesFromIcs(RECURRING_ICS).map((a) => a.absence.from)).toEqual([
      '2026-11-23T07:00:00.000Z',
      '2026-11-27',
    ]);
  });

  it('a refresh spells recurrences out from a day back to 120 days ahead', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(recurrenceWindow(now)).toEqual({
      from: new Date('2026-11-21T12:00:00Z'),
      to: new Date('2027-03-22T12:00:00Z'),
    });
  });

  it('names kinds in both languages and defaults to a day off', () => {
    expect(absenceKind('Business trip to the bank')).toBe('trip');
    expect(absenceKind('Больничный')).toBe('sick');
    expect(absenceKind('Conference')).toBe('training');
    expect(absenceKind('Отгул')).toBe('dayOff');
  });

  it('parses the feeds setting and names a broken entry', () => {
    expect(parseCalendarFeeds('a-1=https://cal.example/a.ics, b-2=/srv/feeds/b.ics')).toEqual({
      ok: true,
      value: [
        { accountId: 'a-1', source: 'https://cal.example/a.ics' },
        { accountId: 'b-2', source: '/srv/feeds/b.ics' },
      ],
    });
    expect(parseCalendarFeeds(undefined)).toEqual({ ok: true, value: [] });
    const broken = parseCalendarFeeds('a-1=https://x, just-a-url');
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.error).toContain('"just-a-url"');
  });
});
