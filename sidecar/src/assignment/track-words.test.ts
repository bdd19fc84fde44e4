import { DEMO_SETTINGS, SettingsDocumentSchema } from '@frontline/shared';
import type { RankedEngineer } from '@frontline/shared';
import { autoAssignComment, reasonText } from './track.js';

const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
const issue = { key: 'DB-7', summary: 'Replication lag on the planning database' };
const pick: RankedEngineer = {
  accountId: 'acc-olga',
  name: 'Olga Kuznetsova',
  score: 9,
  load: 1,
  onDuty: false,
  reasons: [],
};

describe('the words of an automatic assignment', () => {
  it('says why in the reader’s language when the ranking gave no reasons', () => {
    expect(reasonText(pick, 'en')).toBe('ranked first');
    expect(reasonText(undefined, 'ru')).toBe('лучший по рейтингу');
  });

  it('leaves a plain note in the customer’s language when the policy names no template', () => {
    expect(autoAssignComment(settings, null, pick, issue, 'en')).toBe(
      'Frontline assigned Olga Kuznetsova: ranked first.',
    );
    expect(autoAssignComment(settings, null, pick, issue, 'ru')).toBe(
      'Frontline назначил Olga Kuznetsova: лучший по рейтингу.',
    );
  });

  it('uses the policy’s reply template when it names one', () => {
    const text = autoAssignComment(settings, 'assigned-duty-engineer', pick, issue, 'en');
    expect(text).toBe('Assigned to Olga Kuznetsova, the duty engineer: ranked first.');
  });
});
