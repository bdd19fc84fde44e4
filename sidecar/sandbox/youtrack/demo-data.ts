// The Northwind Service hardware team's queue in YouTrack, for the demo and the tests: project HWQ,
// the engineers as YouTrack users (logins), customers' contacts as reporters, and the settings that
// say the project lives in YouTrack, who is who, and how HWQ tickets are assigned.
import { demoEngineers, DEMO_ACCOUNTS } from '@frontline/shared';
import type { AssignmentPolicyInput, TrackersInput } from '@frontline/shared';

export const YOUTRACK_DEMO_PROJECT = { shortName: 'HWQ', name: 'Hardware queue' } as const;
/** The permanent token the sidecar calls the stand-in with, and the login it acts as. */
export const YOUTRACK_DEMO_TOKEN = 'perm:ZnJvbnRsaW5l.c2lkZWNhcg==.demo-token-0001';
export const YOUTRACK_BOT_LOGIN = 'frontline';

/** An engineer's YouTrack login: the first name, lower case (`Alexei Smirnov` → `alexei`). */
export const loginOfName = (name: string): string => name.split(/\s+/)[0]!.toLowerCase();

/** Engineers' logins by accountId (the settings' `trackers.youtrack.logins`). */
export const YOUTRACK_DEMO_LOGINS: Record<string, string> = Object.fromEntries(
  demoEngineers.map((e) => [e.accountId, loginOfName(e.name)]),
);

/** Customers' people who raise hardware tickets (their e-mail domain names the customer). */
export const YOUTRACK_DEMO_REPORTERS = [
  { login: 'k.lebedev', fullName: 'Konstantin Lebedev', email: 'k.lebedev@severnybank.example' },
  { login: 'm.orlova', fullName: 'Marina Orlova', email: 'm.orlova@translogistic.example' },
] as const;

/** The settings fragment that puts HWQ in YouTrack. */
export const YOUTRACK_DEMO_TRACKERS: TrackersInput = {
  projects: { [YOUTRACK_DEMO_PROJECT.shortName]: 'youtrack' },
  youtrack: { temperatureField: 'Temperature', logins: YOUTRACK_DEMO_LOGINS },
};

/** Urgent HWQ tickets are assigned automatically, with the note; the rest get suggestions. */
export const YOUTRACK_DEMO_POLICY: AssignmentPolicyInput = {
  project: YOUTRACK_DEMO_PROJECT.shortName,
  mode: 'auto',
  deskCalendar: 'moscow-5x2',
  // The night's duty engineer covers every queue, so rankings are not limited to the team.
  requireTeam: false,
  autoRules: [
    // At night the duty engineer takes them, as for the service desk.
    { when: 'offHours', priorities: ['highest', 'high'], assign: 'duty' },
    { when: 'always', priorities: ['highest', 'high'], assign: 'top' },
  ],
  commentOnAutoAssign: { enabled: true, templateKey: 'status-update' },
};

export { DEMO_ACCOUNTS };

/** The hardware team's engineers also serve its YouTrack queue: HW in their teams brings HWQ. */
export function withYouTrackTeam<E extends { teams?: readonly string[] | undefined }>(
  engineers: readonly E[],
): E[] {
  return engineers.map((e) =>
    e.teams?.includes('HW') ? { ...e, teams: [...e.teams, YOUTRACK_DEMO_PROJECT.shortName] } : e,
  );
}
