// What each tracker's signed intake receives, for tests that prove one guarantee on both endpoints:
// where it is posted, how it is signed and identified, a valid event body, and the answers and log
// lines that are the tracker's own. Jira's bodies are webhook-client.ts's; YouTrack's are the
// events Frontline's YouTrack app posts (shared/src/schemas/youtrack-events.ts).
import { YOUTRACK_DELIVERY_HEADER, YOUTRACK_SIGNATURE_HEADER } from '@frontline/shared';
import type { YouTrackEventInput } from '@frontline/shared';
import type { EventSource } from '../src/intake/accept.js';
import type { Queryable } from '../src/store/db.js';
import { issueCreated, TEST_SECRETS } from './webhook-client.js';

export interface TrackerIntake {
  name: 'Jira' | 'YouTrack';
  path: string;
  source: EventSource;
  /** Current secret first, then the previous one (rotation). */
  secrets: readonly string[];
  signatureHeader: string;
  identifierHeader: string;
  /** Without an identifier a Jira delivery is deduplicated on its body hash; YouTrack's is refused. */
  withoutIdentifier: 'body-hash' | 'refused';
  project: string;
  /** A valid event about ticket `key` that happened at `timestamp`; its summary holds "Month-end". */
  event(key: string, timestamp: number): Record<string, unknown>;
  /** The event type it is stored under. */
  storedType: string;
  /** The body field that says what kind of event it is. */
  typeField: string;
  /** Where the ticket's summary is in the body. */
  summaryPath: string;
  /** The error code for JSON that is not this tracker's event. */
  notItsEventCode: string;
  issueKeyOf(payload: unknown): string | undefined;
  acceptedLog(key: string): string;
  duplicateLog: string;
}

export const YOUTRACK_TEST_SECRETS = [
  'northwind-youtrack-app-secret-0001',
  'northwind-youtrack-previous-0002',
];

/** An `issue.created` event of Frontline's YouTrack app for ticket `key` (e.g. `HWQ-7`). */
export function youtrackIssueCreated(key: string, timestamp: number): YouTrackEventInput {
  const [project = 'HWQ', number = '0'] = key.split('-');
  return {
    type: 'issue.created',
    deliveryId: `yt-${key}-${timestamp}`,
    timestamp,
    issue: {
      id: `2-${number}`,
      idReadable: key,
      summary: 'Month-end close: the receipt printer drops every tenth line',
      created: timestamp,
      updated: timestamp,
      resolved: null,
      project: { id: '0-7', shortName: project, name: 'Hardware queue' },
      reporter: { login: 'k.lebedev', email: 'k.lebedev@severnybank.example' },
      customFields: [{ name: 'Priority', $type: 'SingleEnumIssueCustomField', value: { name: 'Major' } }],
    },
    author: { login: 'k.lebedev' },
  };
}

export const TRACKER_INTAKES: readonly TrackerIntake[] = [
  {
    name: 'Jira',
    path: '/webhooks/jira',
    source: 'jira-webhook',
    secrets: TEST_SECRETS,
    signatureHeader: 'X-Hub-Signature',
    identifierHeader: 'X-Atlassian-Webhook-Identifier',
    withoutIdentifier: 'body-hash',
    project: 'SUP',
    event: (key, timestamp) => issueCreated(key, timestamp),
    storedType: 'jira:issue_created',
    typeField: 'webhookEvent',
    summaryPath: 'issue.fields.summary',
    notItsEventCode: 'not_a_jira_webhook',
    issueKeyOf: (payload) => (payload as { issue?: { key?: string } }).issue?.key,
    acceptedLog: () => 'webhook accepted',
    duplicateLog: 'duplicate delivery; already accepted',
  },
  {
    name: 'YouTrack',
    path: '/webhooks/youtrack',
    source: 'youtrack-webhook',
    secrets: YOUTRACK_TEST_SECRETS,
    signatureHeader: YOUTRACK_SIGNATURE_HEADER,
    identifierHeader: YOUTRACK_DELIVERY_HEADER,
    withoutIdentifier: 'refused',
    project: 'HWQ',
    event: (key, timestamp) => youtrackIssueCreated(key, timestamp) as unknown as Record<string, unknown>,
    storedType: 'youtrack:issue.created',
    typeField: 'type',
    summaryPath: 'issue.summary',
    notItsEventCode: 'not_a_youtrack_event',
    issueKeyOf: (payload) => (payload as { issue?: { idReadable?: string } }).issue?.idReadable,
    acceptedLog: (key) => `YouTrack issue.created of ${key} accepted`,
    duplicateLog: 'duplicate YouTrack delivery; already accepted',
  },
];

/** How many times the event `eventId` has been processed (its handling rows). */
export async function timesHandled(db: Queryable, eventId: string): Promise<number> {
  const rows = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM intake_event_handling WHERE event_id = $1',
    [eventId],
  );
  return Number(rows.rows[0]!.n);
}
