import { DEMO_SETTINGS } from '../demo/settings.js';
import { DEFAULT_REPLY_TEMPLATES } from '../replies/defaults.js';
import { parseWith } from './errors.js';
import {
  SETTINGS_SECTIONS,
  SettingsDocumentSchema,
  checkContractReferences,
  isSettingsSection,
} from './settings.js';
import { DEFAULT_GLOSSARY } from './glossary.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('settings document', () => {
  it('fills every section with a working default when the document is empty', () => {
    const parsed = parseWith(SettingsDocumentSchema, {});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.replyTemplates.map((t) => t.id)).toEqual(DEFAULT_REPLY_TEMPLATES.map((t) => t.id));
    expect(parsed.value.glossary).toEqual(DEFAULT_GLOSSARY);
    expect(parsed.value.calendars).toEqual({});
    expect(parsed.value.dutyRota).toBeUndefined();
  });

  it('accepts the demo world', () => {
    const parsed = parseWith(SettingsDocumentSchema, DEMO_SETTINGS);
    expect(parsed.ok ? [] : parsed.error).toEqual([]);
  });

  it('names each calendar reference that points nowhere, at its own path', () => {
    const doc = clone(DEMO_SETTINGS);
    delete (doc.calendars as Record<string, unknown>)['moscow-24x7'];
    expect(SettingsDocumentSchema.safeParse(doc).success).toBe(false);
    doc.engineers![0] = { ...doc.engineers![0]!, calendar: 'moscow-6x1' };
    const parsed = parseWith(SettingsDocumentSchema, doc);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((i) => i.path)).toEqual(['slaPolicies.2.calendarId', 'engineers.0.calendar']);
    expect(parsed.error[0]!.message).toBe(
      'Calendar "moscow-24x7" is not defined under calendars (known: moscow-5x2, moscow-month-end-close)',
    );
  });

  it('rejects duplicate ids and rota members who are not engineers', () => {
    const doc = clone(DEMO_SETTINGS);
    doc.slaPolicies!.push({ ...doc.slaPolicies![0]!, name: 'Copy' });
    doc.dutyRota!.shifts![0]!.accountId = 'nobody';
    const parsed = parseWith(SettingsDocumentSchema, doc);
    if (parsed.ok) throw new Error('expected a failure');
    expect(parsed.error).toEqual([
      { path: 'slaPolicies.3.id', message: 'SLA policy id "standard" is already used by entry 0' },
      { path: 'dutyRota.shifts.0.accountId', message: 'accountId nobody is not one of the engineers' },
    ]);
  });

  it('rejects an auto-assign comment template that is not in the library', () => {
    const doc = clone(DEMO_SETTINGS);
    doc.replyTemplates = [];
    const parsed = parseWith(SettingsDocumentSchema, doc);
    if (parsed.ok) throw new Error('expected a failure');
    expect(parsed.error.map((i) => i.path)).toEqual(['assignment.0.commentOnAutoAssign.templateKey']);
  });

  it('writes to teams in Russian unless the notifications section says otherwise', () => {
    const parsed = parseWith(SettingsDocumentSchema, {});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.notifications).toEqual({ teamLanguage: 'ru', teamLanguages: {} });
    const english = parseWith(SettingsDocumentSchema, {
      notifications: { teamLanguage: 'en', teamLanguages: { ' HW ': 'ru' } },
    });
    if (!english.ok) throw new Error(JSON.stringify(english.error));
    expect(english.value.notifications).toEqual({ teamLanguage: 'en', teamLanguages: { HW: 'ru' } });
  });

  it('names a team language that is not one Frontline writes in, at its own path', () => {
    const parsed = parseWith(SettingsDocumentSchema, {
      notifications: { teamLanguage: 'de', teamLanguages: { HW: 'fr', ' ': 'en' }, teamLanguge: 'en' },
    });
    if (parsed.ok) throw new Error('expected a failure');
    expect(parsed.error.map((i) => i.path).sort()).toEqual(
      [
        'notifications.teamLanguge',
        'notifications.teamLanguage',
        'notifications.teamLanguages.HW',
        'notifications.teamLanguages. ',
      ].sort(),
    );
    expect(parsed.error.find((i) => i.path === 'notifications.teamLanguage')?.message).toBe(
      'Language is one of: en, ru',
    );
  });

  it('lists its sections and recognises them by name', () => {
    expect(SETTINGS_SECTIONS).toContain('routingPresets');
    expect(isSettingsSection('glossary')).toBe(true);
    expect(isSettingsSection('toString')).toBe(false);
  });

  it('says in plain words what is missing, mistyped or unknown', () => {
    const doc = clone(DEMO_SETTINGS) as unknown as {
      calendars: Record<string, Record<string, unknown>>;
      engineers: Record<string, unknown>[];
    };
    delete doc.calendars['moscow-5x2']!.timeZone;
    doc.engineers[0]!.maxLoad = 'ten';
    doc.engineers[1]!.nickname = 'Vasya';
    const parsed = parseWith(SettingsDocumentSchema, doc);
    if (parsed.ok) throw new Error('expected a failure');
    expect(parsed.error).toEqual([
      { path: 'calendars.moscow-5x2.timeZone', message: 'timeZone is required' },
      { path: 'engineers.0.maxLoad', message: 'maxLoad must be a number, got "ten"' },
      { path: 'engineers.1.nickname', message: 'unknown field "nickname"' },
    ]);
  });

  it('reports a broken section and the cross-section problems of the others in one go', () => {
    const doc = clone(DEMO_SETTINGS);
    (doc.engineers![0] as { maxLoad: unknown }).maxLoad = 'ten';
    doc.slaPolicies![0]!.calendarId = 'moscow-6x1';
    doc.replyTemplates = [];
    const parsed = parseWith(SettingsDocumentSchema, doc);
    if (parsed.ok) throw new Error('expected a failure');
    expect(parsed.error.map((i) => i.path)).toEqual([
      'engineers.0.maxLoad',
      'slaPolicies.0.calendarId',
      'assignment.0.commentOnAutoAssign.templateKey',
    ]);
  });

  it('does not check references into or out of a section that failed', () => {
    const doc = clone(DEMO_SETTINGS);
    (doc.calendars as Record<string, unknown>)['moscow-5x2'] = { week: {} };
    doc.dutyRota!.shifts![0]!.accountId = 'nobody';
    (doc.engineers![0] as { maxLoad: unknown }).maxLoad = 'ten';
    const parsed = parseWith(SettingsDocumentSchema, doc);
    if (parsed.ok) throw new Error('expected a failure');
    const paths = parsed.error.map((i) => i.path);
    expect(paths.every((p) => p.startsWith('calendars.moscow-5x2.') || p === 'engineers.0.maxLoad')).toBe(
      true,
    );
    expect(paths).toContain('engineers.0.maxLoad');
  });
});

describe('checkContractReferences', () => {
  const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);

  it('accepts a contract whose SLA policy and calendar exist', () => {
    expect(checkContractReferences({ slaPolicyId: 'standard', calendarId: 'moscow-5x2' }, settings)).toEqual(
      [],
    );
  });

  it('names each unknown reference by its path in the contract', () => {
    expect(checkContractReferences({ slaPolicyId: 'gold', calendarId: 'moscow-6x1' }, settings)).toEqual([
      {
        path: 'slaPolicyId',
        message:
          'SLA policy "gold" is not defined under slaPolicies (known: standard, logistics-close, bank-24x7)',
      },
      {
        path: 'calendarId',
        message:
          'Calendar "moscow-6x1" is not defined under calendars (known: moscow-5x2, moscow-24x7, moscow-month-end-close)',
      },
    ]);
  });

  it('says when there is nothing to refer to yet', () => {
    const empty = SettingsDocumentSchema.parse({});
    expect(checkContractReferences({ slaPolicyId: 'standard', calendarId: 'moscow-5x2' }, empty)).toEqual([
      {
        path: 'slaPolicyId',
        message: 'SLA policy "standard" is not defined under slaPolicies (no SLA policies are defined yet)',
      },
      {
        path: 'calendarId',
        message: 'Calendar "moscow-5x2" is not defined under calendars (no calendars are defined yet)',
      },
    ]);
  });
});
