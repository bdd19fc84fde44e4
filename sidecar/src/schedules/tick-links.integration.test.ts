// The schedules' messages link each ticket to the tracker its project lives in: a reminder about a
// hardware-queue ticket (HWQ, in YouTrack) opens YouTrack's /issue/HWQ-n, one about a Jira ticket
// still opens Jira's /browse/KEY — with the issue links the sidecar composes.
import { DEMO_ACCOUNTS } from '@frontline/shared';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { createSettingsService } from '../settings/service.js';
import { createContractRepository } from '../contracts/repository.js';
import { createNotifier } from '../notify/index.js';
import { jiraIssueUrl } from '../notify/issue-links.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { assignmentTestSettings } from '../assignment/testing.js';
import { upsertSnapshot } from '../assignment/repository.js';
import type { IssueSnapshot } from '../assignment/issue-facts.js';
import { createWorldLoader } from '../assignment/world.js';
import { createIssueLinks } from '../trackers/registry.js';
import { youtrackIssueUrl } from '../trackers/youtrack/index.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { runSchedulesTick } from './tick.js';

const msk = (local: string) => new Date(`${local}+03:00`);
const quiet = { info: () => {}, warn: () => {} };
const JIRA = 'https://northwind.atlassian.net';
const YOUTRACK = 'https://youtrack.northwind.example/';

function snapshot(over: Partial<IssueSnapshot> & Pick<IssueSnapshot, 'key' | 'project'>): IssueSnapshot {
  return {
    summary: `Summary of ${over.key}`,
    priority: 'medium',
    status: 'Open',
    resolved: false,
    assigneeId: null,
    labels: [],
    createdAt: msk('2026-11-05T09:00:00'),
    customer: { organizationIds: ['3'] },
    ...over,
  };
}

describe('links in the schedules’ messages on a desk with Jira and YouTrack projects', () => {
  let store: StoreUnderTest;
  let db: OpenDb;

  beforeAll(async () => {
    store = await freshStore('pglite');
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
    const base = assignmentTestSettings();
    const written = await createSettingsService(db).replace(
      {
        ...base,
        trackers: { projects: { HWQ: 'youtrack' } },
        channels: {
          ...base.channels,
          routes: [
            { event: 'customerReplied', audience: { kind: 'assignee' }, channel: 'email' },
            {
              event: 'issueRouted',
              audience: { kind: 'team', team: 'HWQ' },
              channel: 'email',
              address: 'hardware@northwind.example',
            },
            {
              event: 'issueRouted',
              audience: { kind: 'team', team: 'DB' },
              channel: 'email',
              address: 'database@northwind.example',
            },
          ],
        },
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    await createContractRepository(db).upsertAll(DEMO_CONTRACTS, 'test');
    const track = (s: IssueSnapshot, factAt: Date, routedTeam?: string) =>
      upsertSnapshot(
        db,
        s,
        {
          customerId: 'severny-bank',
          customerName: 'Severny Bank',
          contractId: 'SB-2026-03',
          serviceManagerId: DEMO_ACCOUNTS.sergey,
          temperature: 30,
          lastPublicUpdateAt: s.createdAt,
          routedTeam,
        },
        factAt,
        factAt,
      );
    const at = msk('2026-11-05T09:00:00');
    // Routed to the hardware queue in YouTrack, and to the database team in Jira.
    await track(snapshot({ key: 'HWQ-7', project: 'HWQ', assigneeId: DEMO_ACCOUNTS.alexei }), at, 'HWQ');
    await track(snapshot({ key: 'DB-4', project: 'DB', assigneeId: DEMO_ACCOUNTS.olga }), at, 'DB');
    // Assigned in YouTrack, the customer replied on Friday and nobody answered.
    await track(
      snapshot({
        key: 'HWQ-9',
        project: 'HWQ',
        assigneeId: DEMO_ACCOUNTS.alexei,
        status: 'Waiting for support',
      }),
      msk('2026-11-06T09:00:00'),
    );
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('links YouTrack tickets to YouTrack and Jira tickets to Jira', async () => {
    const now = msk('2026-11-09T09:10:00');
    const summary = await runSchedulesTick({
      db,
      now: () => now,
      world: createWorldLoader(db),
      notifier: createNotifier({ db, now: () => now }),
      siteUrl: JIRA,
      issueLinks: createIssueLinks({
        jira: (key) => jiraIssueUrl(JIRA, key),
        youtrack: (key) => youtrackIssueUrl(YOUTRACK, key),
      }),
      log: quiet,
    });
    expect(summary.reminders).toBeGreaterThanOrEqual(3);
    const rows = (
      await db.query<{ idempotency_key: string; url: string | null }>(
        "SELECT idempotency_key, message->'link'->>'url' AS url FROM notify_outbox ORDER BY idempotency_key",
      )
    ).rows;
    const linkOf = (prefix: string) => rows.find((r) => r.idempotency_key.startsWith(prefix))?.url;
    expect(linkOf('routed:HWQ-7:HWQ')).toBe('https://youtrack.northwind.example/issue/HWQ-7');
    expect(linkOf('replied:HWQ-9:')).toBe('https://youtrack.northwind.example/issue/HWQ-9');
    expect(linkOf('routed:DB-4:DB')).toBe(`${JIRA}/browse/DB-4`);
  }, 30_000);
});
