// Absences from iCalendar text: whole days (DTEND exclusive), timed events in their own zone,
// the kind read from the title in English or Russian, and the feeds setting.
import { absenceAt } from '@frontline/shared';
import { absenceKind, absencesFromIcs, parseCalendarFeeds } from './ical.js';

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
