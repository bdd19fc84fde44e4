import { DEMO_SETTINGS } from '../demo/settings.js';
import { parseWith } from './errors.js';
import { DEFAULT_SKILLS_BY_LABEL, ScheduleOptionsSchema } from './schedules.js';
import { SettingsDocumentSchema } from './settings.js';

describe('schedules section of the settings', () => {
  it('is filled with working defaults when the document leaves it out', () => {
    const parsed = parseWith(SettingsDocumentSchema, {});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const { schedules } = parsed.value;
    expect(schedules.digest.localTime).toBe('09:00');
    expect(schedules.customerReplied.afterBusinessHours).toBeLessThan(
      schedules.customerReplied.escalateAfterBusinessHours,
    );
    expect(schedules.maintenance.labels).toContain('maintenance');
    expect(schedules.skillsByLabel).toEqual(DEFAULT_SKILLS_BY_LABEL);
  });

  it('fills the fields a partial section leaves out and keeps those it gives', () => {
    const parsed = parseWith(ScheduleOptionsSchema, {
      digest: { localTime: '08:30' },
      customerReplied: { statuses: ['Ответ клиента'] },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.digest).toEqual({
      localTime: '08:30',
      catchUpMinutes: 180,
      defaultThresholdHours: 24,
      unmatchedTeam: 'desk-lead',
    });
    expect(parsed.value.slaAtRisk.share).toBe(0.75);
    expect(parsed.value.customerReplied.statuses).toEqual(['Ответ клиента']);
    expect(parsed.value.customerReplied.afterBusinessHours).toBe(2);
  });

  it('rejects bad values field by field, each at its own path in the document', () => {
    const parsed = parseWith(SettingsDocumentSchema, {
      ...DEMO_SETTINGS,
      schedules: {
        digest: { localTime: '25:00', catchUpMinutes: 1 },
        customerReplied: { afterBusinessHours: 0, statuses: [' '] },
        critical: { priorities: ['urgent'] },
        skillsByLabel: { Database: 'PostgreSQL', hardware: '' },
        reminderEmoji: '🔔',
      },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((i) => i.path).sort()).toEqual(
      [
        'schedules.critical.priorities.0',
        'schedules.customerReplied.afterBusinessHours',
        'schedules.customerReplied.statuses.0',
        'schedules.digest.catchUpMinutes',
        'schedules.digest.localTime',
        'schedules.reminderEmoji',
        'schedules.skillsByLabel.Database',
        'schedules.skillsByLabel.hardware',
      ].sort(),
    );
    const byPath = new Map(parsed.error.map((i) => [i.path, i.message]));
    expect(byPath.get('schedules.customerReplied.afterBusinessHours')).toBe(
      'The reminder delay must be above 0 hours',
    );
    expect(byPath.get('schedules.skillsByLabel.Database')).toMatch(/lower case/);
  });

  it('takes the demo desk rules as they are written', () => {
    const parsed = parseWith(SettingsDocumentSchema, DEMO_SETTINGS);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.schedules.fallbackCalendar).toBe('moscow-5x2');
    expect(Object.hasOwn(parsed.value.calendars, parsed.value.schedules.fallbackCalendar)).toBe(true);
  });
});
