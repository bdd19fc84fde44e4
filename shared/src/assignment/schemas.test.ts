import { AssignmentPolicySchema } from '../schemas/assignment.js';
import { DutyRotaSchema, EngineerSchema, EngineersSchema } from '../schemas/engineers.js';
import { parseWith } from '../schemas/errors.js';
import { SettingsDocumentSchema } from '../schemas/settings.js';
import { demoRoutingPresets } from '../routing/demo-presets.js';
import {
  DEMO_CALENDAR_ID,
  demoDutyRota,
  demoEngineers,
  demoMoscowCalendar,
  demoSupPolicy,
} from './demo-engineers.js';

const olga = demoEngineers[1]!;

describe('engineer, rota and policy schemas', () => {
  it('accept the demo settings and fill defaults', () => {
    expect(EngineersSchema.safeParse(demoEngineers).success).toBe(true);
    expect(DutyRotaSchema.safeParse(demoDutyRota).success).toBe(true);
    const policy = AssignmentPolicySchema.parse(demoSupPolicy);
    expect(policy.unassignedThresholdHours).toBe(24);
    expect(policy.loadWeights.highest).toBe(3);
    expect(EngineerSchema.parse({ ...olga, languages: undefined }).languages).toEqual(['ru']);
  });

  it('explain a bad engineer field by field', () => {
    const result = parseWith(EngineerSchema, {
      ...olga,
      timeZone: 'Moscow',
      email: 'olga-at-northwind',
      skills: [
        { skill: 'PostgreSQL', level: 6 },
        { skill: 'postgresql', level: 2 },
      ],
      absences: [{ kind: 'vacation', from: '2026-11-06', to: '2026-11-05' }],
      teams: ['db'],
    });
    expect(result).toEqual({
      ok: false,
      error: [
        { path: 'email', message: 'Not an e-mail address' },
        { path: 'timeZone', message: 'Unknown time zone; use an IANA name like Europe/Moscow' },
        { path: 'skills.0.level', message: 'Skill level is at most 5' },
        { path: 'absences.0.kind', message: 'Absence kind is one of: dayOff, trip, training, sick, other' },
        {
          path: 'teams.0',
          message: 'Project keys are 2–10 capital letters or digits, starting with a letter',
        },
      ],
    });
  });

  it('reject backwards absences, duplicate skills and duplicate accountIds', () => {
    const backwards = parseWith(EngineerSchema, {
      ...olga,
      skills: [
        { skill: 'PostgreSQL', level: 5 },
        { skill: 'postgresql', level: 2 },
      ],
      absences: [{ kind: 'trip', from: '2026-11-06', to: '2026-11-05' }],
    });
    expect(backwards).toEqual({
      ok: false,
      error: [
        { path: 'absences.0.to', message: '"from" (2026-11-06) is after "to" (2026-11-05)' },
        { path: 'skills.1.skill', message: 'Skill "postgresql" is listed twice' },
      ],
    });
    expect(parseWith(EngineersSchema, [olga, { ...olga, name: 'Olga K.' }])).toEqual({
      ok: false,
      error: [
        {
          path: '1.accountId',
          message: `accountId ${olga.accountId} is already used by entry 0 (Olga Kuznetsova)`,
        },
      ],
    });
  });

  it('check duty shifts and rota contents', () => {
    expect(
      parseWith(DutyRotaSchema, {
        timeZone: 'Europe/Moscow',
        shifts: [{ accountId: 'x', from: '2026-11-05T09:00:00+03:00', to: '2026-11-04T09:00:00+03:00' }],
      }),
    ).toEqual({ ok: false, error: [{ path: 'shifts.0.to', message: '"to" must be after "from"' }] });
    expect(parseWith(DutyRotaSchema, { timeZone: 'Europe/Moscow' })).toEqual({
      ok: false,
      error: [{ path: '', message: 'A duty rota needs a weekly pattern or at least one shift' }],
    });
  });

  it('keep auto rules and the mode consistent', () => {
    expect(parseWith(AssignmentPolicySchema, { ...demoSupPolicy, mode: 'suggest' })).toEqual({
      ok: false,
      error: [
        {
          path: 'autoRules',
          message: 'Auto rules only apply in "auto" mode; switch the mode or remove the rules',
        },
      ],
    });
    expect(
      parseWith(AssignmentPolicySchema, { ...demoSupPolicy, commentOnAutoAssign: { enabled: true } }),
    ).toEqual({
      ok: false,
      error: [
        {
          path: 'commentOnAutoAssign.templateKey',
          message: 'Choose the reply template for the auto-assign comment',
        },
      ],
    });
  });
});

describe('the demo settings', () => {
  it('form a valid settings document: calendars, reply templates and rota members all resolve', () => {
    const result = parseWith(SettingsDocumentSchema, {
      calendars: { [DEMO_CALENDAR_ID]: demoMoscowCalendar },
      engineers: demoEngineers,
      dutyRota: demoDutyRota,
      assignment: [demoSupPolicy],
      routingPresets: demoRoutingPresets,
      // The site's parts field the spare parts preset fills.
      jiraFields: { parts: 'customfield_10051' },
    });
    expect(result.ok ? 'valid' : result.error).toBe('valid');
  });
});
