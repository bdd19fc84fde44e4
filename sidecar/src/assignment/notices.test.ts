// The language of a notice: a person's own, a team's from the settings.
import { SettingsDocumentSchema } from '@frontline/shared';
import type { Reader } from './notices.js';
import { addresseeLanguage, teamLanguage } from './notices.js';

const settings = (notifications?: unknown) =>
  SettingsDocumentSchema.parse(notifications === undefined ? {} : { notifications });

const reader: Reader = { accountId: 'a', name: 'Irina', language: 'en', timeZone: 'Europe/Moscow' };

describe('team language', () => {
  it('is Russian when the settings do not say', () => {
    expect(teamLanguage(settings(), 'HW')).toBe('ru');
  });

  it('is the settings’ language for every team, or the team’s own where it is listed', () => {
    const doc = settings({ teamLanguage: 'en', teamLanguages: { DB: 'ru' } });
    expect(teamLanguage(doc, 'HW')).toBe('en');
    expect(teamLanguage(doc, 'DB')).toBe('ru');
    // A team named like an Object member is still just a team.
    expect(teamLanguage(doc, 'constructor')).toBe('en');
  });

  it('decides a notice’s language by whom it is for', () => {
    const doc = settings({ teamLanguage: 'en' });
    expect(addresseeLanguage(doc, { kind: 'team', team: 'HW' })).toBe('en');
    expect(addresseeLanguage(settings(), { kind: 'assignee', reader })).toBe('en');
    expect(addresseeLanguage(doc, { kind: 'serviceManager', reader: { ...reader, language: 'ru' } })).toBe(
      'ru',
    );
  });
});
