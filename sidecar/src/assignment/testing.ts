// Test support: the demo settings adjusted so rankings do not depend on the hour the tests run at
// (engineers on a 24×7 calendar, no absences), with SUP auto-assigning its most urgent tickets.
import { DEMO_SETTINGS } from '@frontline/shared';
import type { EngineerInput, SettingsDocumentInput } from '@frontline/shared';

export const TEST_SMTP_FROM = 'Northwind Service <desk@northwind.example>';

/** DEMO_SETTINGS with round-the-clock engineers, an auto rule for highest-priority SUP tickets and an e-mail route. */
export function assignmentTestSettings(): SettingsDocumentInput {
  const engineers = (DEMO_SETTINGS.engineers ?? []).map((e): EngineerInput => ({
    ...e,
    calendar: 'moscow-24x7',
    absences: [],
  }));
  return {
    ...DEMO_SETTINGS,
    engineers,
    assignment: [
      {
        project: 'SUP',
        mode: 'auto',
        deskCalendar: 'moscow-5x2',
        autoRules: [{ when: 'always', priorities: ['highest'], assign: 'top' }],
        commentOnAutoAssign: { enabled: true, templateKey: 'assigned-duty-engineer' },
      },
      { project: 'DB', mode: 'suggest', deskCalendar: 'moscow-5x2' },
    ],
    channels: {
      email: { host: '127.0.0.1', port: 2525, secure: false, from: TEST_SMTP_FROM },
      routes: [{ event: 'issueAssigned', audience: { kind: 'assignee' }, channel: 'email' }],
    },
  };
}
