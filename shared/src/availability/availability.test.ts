import { DEMO_SETTINGS } from '../demo/settings.js';
import { SettingsDocumentSchema } from '../schemas/settings.js';
import { rankEngineers } from '../assignment/rank.js';
import { compileCalendars } from '../assignment/rank.js';
import type { Absence } from '../schemas/engineers.js';
import { checkAbsenceEntry } from './entry.js';
import type { KeptEntry } from './entry.js';
import { engineerTicketsJql, mondayOf, teamWeek, weekDays } from './week.js';

const MSK = 'Europe/Moscow';
const dayOff = (date: string): KeptEntry => ({ id: 'e1', absence: { kind: 'dayOff', from: date, to: date } });

describe('checkAbsenceEntry', () => {
  it('keeps whole days as dates and turns hours in the engineer’s zone into instants', () => {
    expect(checkAbsenceEntry({ kind: 'dayOff', from: '2026-12-10', to: '2026-12-10' }, MSK, [])).toEqual({
      ok: true,
      value: { kind: 'dayOff', from: '2026-12-10', to: '2026-12-10' },
    });
    const hours = checkAbsenceEntry(
      { kind: 'training', from: '2026-12-10T14:00', to: '2026-12-10T17:30', note: 'Oracle 23ai' },
      MSK,
      [],
    );
    expect(hours).toEqual({
      ok: true,
      value: {
        kind: 'training',
        from: '2026-12-10T11:00:00.000Z',
        to: '2026-12-10T14:30:00.000Z',
        note: 'Oracle 23ai',
      },
    });
  });

  it.each([
    [{ kind: 'holiday', from: '2026-12-10', to: '2026-12-10' }, 'kind'],
    [{ kind: 'dayOff', from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ kind: 'dayOff', from: '2026-12-10', to: '2026-12-09' }, 'to'],
    [{ kind: 'dayOff', from: '2026-12-10', to: '2026-12-10T12:00' }, 'to'],
    [{ kind: 'sick', from: '2026-12-10T12:00', to: '2026-12-10T12:00' }, 'to'],
    [{ kind: 'trip', from: '2026-01-01', to: '2027-06-01' }, 'to'],
    [{ kind: 'other', from: '2026-12-10', to: '2026-12-10', note: 'x'.repeat(201) }, 'note'],
    [{ kind: 'other', from: '2026-12-10', to: '2026-12-10', extra: 1 }, 'extra'],
  ])('refuses %j naming the field %s', (input, field) => {
    const checked = checkAbsenceEntry(input, MSK, []);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.map((i) => i.path)).toContain(field);
  });

  it('refuses an entry overlapping another one, but not one that only touches it', () => {
    const others = [dayOff('2026-12-10')];
    const clash = checkAbsenceEntry(
      { kind: 'training', from: '2026-12-10T09:00', to: '2026-12-10T10:00' },
      MSK,
      others,
    );
    expect(clash.ok).toBe(false);
    if (!clash.ok)
      expect(clash.error[0]).toMatchObject({ path: 'from', message: expect.stringContaining('Overlaps') });
    expect(checkAbsenceEntry({ kind: 'trip', from: '2026-12-11', to: '2026-12-12' }, MSK, others).ok).toBe(
      true,
    );
    expect(
      checkAbsenceEntry({ kind: 'sick', from: '2026-12-09T20:00', to: '2026-12-10T00:00' }, MSK, others).ok,
    ).toBe(true);
  });
});

describe('teamWeek', () => {
  const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
  const team = settings.engineers[0]!.teams[0]!;
  const someone = settings.engineers.find((e) => e.teams.includes(team))!;

  it('shows an entered Thursday off in that engineer’s row, and who is away today and tomorrow', () => {
    const thursday: Absence = {
      kind: 'dayOff',
      from: '2026-12-10',
      to: '2026-12-10',
      enteredBy: someone.name,
    };
    const week = teamWeek({
      team,
      weekStart: mondayOf('2026-12-09'),
      engineers: settings.engineers,
      absences: new Map([[someone.accountId, [{ absence: thursday, source: 'entered' as const }]]]),
      dutyRota: settings.dutyRota ?? null,
      loads: { [someone.accountId]: 2.5 },
      confirmed: new Set([someone.accountId]),
      now: new Date('2026-12-09T07:00:00Z'),
    });
    expect(week.days).toEqual(weekDays('2026-12-07'));
    const row = week.rows.find((r) => r.accountId === someone.accountId)!;
    expect(row.days[3]).toMatchObject({
      date: '2026-12-10',
      availability: 'away',
      absences: [{ kind: 'dayOff', wholeDay: true, enteredBy: someone.name, source: 'entered' }],
    });
    expect(row.days[2]!.availability).toBe('available');
    expect([row.today, row.tomorrow]).toEqual(['available', 'away']);
    expect(row).toMatchObject({ load: 2.5, confirmed: true });
    expect(
      week.rows.every((r) =>
        settings.engineers.find((e) => e.accountId === r.accountId)!.teams.includes(team),
      ),
    ).toBe(true);
    // The rota puts someone on duty on some day of the week.
    if (settings.dutyRota) expect(week.rows.some((r) => r.days.some((d) => d.dutyHours > 0))).toBe(true);
  });

  it('links to the engineer’s open tickets with a JQL query that cannot be broken out of', () => {
    expect(engineerTicketsJql('acc"-1')).toBe(
      'assignee = "acc-1" AND statusCategory != Done ORDER BY updated DESC',
    );
  });
});

describe('ranking with an entered absence', () => {
  it('says "day off (entered by …)" with the kind and the name as params', () => {
    const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
    const policy = settings.assignment[0]!;
    const target = settings.engineers.find((e) => e.teams.includes(policy.project))!;
    const engineers = settings.engineers.map((e) =>
      e.accountId === target.accountId
        ? {
            ...e,
            absences: [
              { kind: 'dayOff' as const, from: '2026-12-10', to: '2026-12-10', enteredBy: target.name },
            ],
          }
        : e,
    );
    const ranking = rankEngineers({
      engineers,
      ticket: { requiredSkills: [], project: policy.project, priority: 'medium' },
      loads: {},
      dutyRota: null,
      now: new Date('2026-12-10T08:00:00Z'),
      policy,
      calendars: compileCalendars(settings.calendars),
    });
    const reason = ranking.excluded.find((e) => e.accountId === target.accountId)!.reasons[0]!;
    expect(reason.code).toBe('absent');
    expect(reason.en).toContain(`day off (entered by ${target.name})`);
    expect(reason.ru).toContain(`выходной (внесено: ${target.name})`);
    expect(reason.params).toMatchObject({ kind: 'dayOff', enteredBy: target.name });
  });
});
