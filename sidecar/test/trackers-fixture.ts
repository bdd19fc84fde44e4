// The role stories run once per tracker: the same settings and the same journey, with the story's
// projects living either in the Jira stand-in (a ticket arrives by Jira's webhook) or in the YouTrack
// stand-in (a ticket arrives as the YouTrack app's signed event). What differs is only how a ticket
// is raised, where its assignee is read back and where a notice's link should open it.
import { DEMO_CUSTOMERS, DEMO_FIELD_IDS } from '../sandbox/index.js';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_REPORTERS,
  YOUTRACK_DEMO_TOKEN,
} from '../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../sandbox/youtrack/index.js';
import type { SettingsDocumentInput } from '@frontline/shared';
import { jiraIssueUrl } from '../src/notify/issue-links.js';
import type { IssueLinks } from '../src/ports.js';
import { createIssueLinks } from '../src/trackers/registry.js';
import { youtrackIssueUrl } from '../src/trackers/youtrack/index.js';
import { startStoryWorld } from './story-support.js';
import type { StoryWorld } from './story-support.js';

export type TrackerName = 'Jira' | 'YouTrack';

/** For `describe.each`: each story runs once per tracker. */
export const TRACKERS: [TrackerName][] = [['Jira'], ['YouTrack']];

export type DemoCustomerKey = (typeof DEMO_CUSTOMERS)[number]['key'];

export interface RaiseInput {
  project: string;
  summary: string;
  priority: 'highest' | 'high' | 'medium';
  /** The customer whose contact raises it; none: a stranger no contract covers. */
  customer?: DemoCustomerKey;
  /** Assigned from the start (Jira) or right after it is raised (YouTrack, by command). */
  assigneeId?: string;
  labels?: string[];
}

export interface TrackerWorld extends StoryWorld {
  tracker: TrackerName;
  /** The settings with the story's projects placed in this tracker. */
  place(settings: SettingsDocumentInput): SettingsDocumentInput;
  /** Raises a ticket in this tracker as a customer would; its key. */
  raise(input: RaiseInput): string;
  /** The ticket's assignee as the tracker shows it, as an accountId (null: unassigned). */
  assigneeOf(key: string): string | null;
  /** Where a notice about the ticket should take the reader. */
  linkTo(key: string): string;
  /** The links the running sidecar gives messages (for a schedules tick run by the story). */
  issueLinks: IssueLinks;
  /** Set for the YouTrack run. */
  youtrack: YouTrackStandIn | undefined;
}

const JIRA_PRIORITY = { highest: '1', high: '2', medium: '3' } as const;
const YOUTRACK_PRIORITY = { highest: 'Show-stopper', high: 'Critical', medium: 'Major' } as const;
const YOUTRACK_SECRET = 'northwind-youtrack-app-secret-story';
/** A walk-in reporter whose e-mail domain no contract names. */
const STRANGER = { login: 'v.petrov', fullName: 'Viktor Petrov', email: 'v.petrov@mailbox.example' };
const ACCOUNT_OF_LOGIN = new Map(Object.entries(YOUTRACK_DEMO_LOGINS).map(([id, login]) => [login, id]));

const customer = (key: DemoCustomerKey) => DEMO_CUSTOMERS.find((c) => c.key === key)!;

/** The YouTrack reporter of a customer: its contact whose e-mail domain the customer's contract names. */
function reporterOf(key: DemoCustomerKey | undefined): string {
  if (key === undefined) return STRANGER.login;
  const domain = key === 'severny-bank' ? 'severnybank.example' : `${key}.example`;
  const reporter = YOUTRACK_DEMO_REPORTERS.find((r) => r.email.endsWith(`@${domain}`));
  if (!reporter) throw new Error(`no YouTrack reporter for ${key}`);
  return reporter.login;
}

/**
 * Starts the story's world for one tracker: `projects` are the story's projects, created in the
 * YouTrack stand-in and placed there by the settings for the YouTrack run.
 */
export async function startTrackerWorld(
  tracker: TrackerName,
  opts: Parameters<typeof startStoryWorld>[0] & { projects: readonly string[] },
): Promise<TrackerWorld> {
  const { projects, ...storyOpts } = opts;
  if (tracker === 'Jira') {
    const world = await startStoryWorld(storyOpts);
    return {
      ...world,
      tracker,
      youtrack: undefined,
      issueLinks: createIssueLinks({ jira: (key) => jiraIssueUrl(world.jira.url, key), youtrack: undefined }),
      place: (settings) => settings,
      raise: (input) =>
        world.jira.state.createIssue({
          projectKey: input.project,
          issueTypeId: '10002',
          summary: input.summary,
          priorityId: JIRA_PRIORITY[input.priority],
          ...(input.customer
            ? {
                reporterId: customer(input.customer).contacts[0]!.accountId,
                custom: {
                  [DEMO_FIELD_IDS.organizations]: [
                    { id: customer(input.customer).organizationId, name: customer(input.customer).name },
                  ],
                },
              }
            : {}),
          ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
          ...(input.labels ? { labels: input.labels } : {}),
        }).key,
      assigneeOf: (key) => world.jira.state.issue(key)!.assigneeId ?? null,
      linkTo: (key) => `${world.jira.url}/browse/${key}`,
    };
  }

  const youtrack = await startYouTrackStandIn({ seed: true });
  for (const project of projects) youtrack.state.addProject(project, `${project} queue`);
  youtrack.state.addUser(STRANGER.login, STRANGER.fullName, STRANGER.email);
  const world = await startStoryWorld({
    ...storyOpts,
    config: {
      ...storyOpts.config,
      youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
      youtrackWebhookSecrets: [YOUTRACK_SECRET],
    },
  });
  youtrack.deliverTo({ url: `${world.sidecar.url}/webhooks/youtrack`, secret: YOUTRACK_SECRET });
  return {
    ...world,
    tracker,
    youtrack,
    issueLinks: createIssueLinks({
      jira: (key) => jiraIssueUrl(world.jira.url, key),
      youtrack: (key) => youtrackIssueUrl(youtrack.url, key),
    }),
    place: (settings) => ({
      ...settings,
      trackers: {
        projects: Object.fromEntries(projects.map((p) => [p, 'youtrack' as const])),
        youtrack: { temperatureField: 'Temperature', logins: YOUTRACK_DEMO_LOGINS },
      },
    }),
    raise: (input) => {
      const issue = youtrack.raise({
        project: input.project,
        summary: input.summary,
        reporter: reporterOf(input.customer),
        priority: YOUTRACK_PRIORITY[input.priority],
      });
      if (input.assigneeId) {
        const login = YOUTRACK_DEMO_LOGINS[input.assigneeId]!;
        youtrack.state.applyCommand(`Assignee ${login}`, [issue.id], login);
      }
      return issue.idReadable;
    },
    assigneeOf: (key) => {
      const value = youtrack.state.issue(key).customFields.find((f) => f.name === 'Assignee')!.value as {
        login: string;
      } | null;
      return value ? (ACCOUNT_OF_LOGIN.get(value.login) ?? `youtrack:${value.login}`) : null;
    },
    linkTo: (key) => `${youtrack.url}/issue/${key}`,
    async close() {
      await world.close();
      await youtrack.close();
    },
  };
}
