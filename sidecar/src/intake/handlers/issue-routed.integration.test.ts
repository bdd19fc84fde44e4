// The hand-off notice end to end through intake: the Route action's Forge event is accepted, the
// intake job processes it, and the target team's route gets one outbox row — however often the
// event is delivered, and even when the schedules tick later sees the routed issue too. A payload
// that is not a routed event is acknowledged with nothing done.
import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS } from '@frontline/shared';
import { assignmentTestSettings } from '../../assignment/testing.js';
import { upsertSnapshot } from '../../assignment/repository.js';
import { createSettingsService } from '../../settings/service.js';
import { createNotifier } from '../../notify/index.js';
import { createWorldLoader } from '../../assignment/world.js';
import { intakeProcessKind } from '../../jobs/kinds/intake-process.js';
import type { Notifier } from '../../ports.js';
import { createIntakeHandlers } from './index.js';
import { createJiraIssueSource } from '../../trackers/jira/issue-source.js';
import { createYouTrackIssueSource } from '../../trackers/youtrack/issue-source.js';
import { runSchedulesTick } from '../../schedules/tick.js';
import { openDb } from '../../store/open.js';
import type { OpenDb } from '../../store/open.js';
import { freshStore } from '../../../test/stores.js';
import type { StoreUnderTest } from '../../../test/stores.js';
import { silentLogger } from '../../../test/sidecar.js';
import { acceptEvent } from '../accept.js';

const msk = (local: string) => new Date(`${local}+03:00`);
// A working Tuesday morning in Moscow, so the tick's business-hours reminders may run.
const NOW = msk('2026-11-10T11:00:00');
const HW_MAILBOX = 'hardware@northwind.example';
const DB_MAILBOX = 'databases@northwind.example';

const routed = (over: Record<string, unknown> = {}) => ({
  presetId: 'sup-to-hw',
  channel: null,
  sourceKey: 'SUP-41',
  targetKey: 'HW-12',
  targetProject: 'HW',
  method: 'move',
  summary: 'Printer in the Tver warehouse jams on every label',
  actorAccountId: DEMO_ACCOUNTS.olga,
  routedAt: '2026-11-10T07:58:00.000Z',
  ...over,
});

describe('frontline:issue-routed through intake (PGlite)', () => {
  let store: StoreUnderTest;
  let db: OpenDb;
  let notifier: Notifier;
  let intakeProcess: ReturnType<typeof intakeProcessKind>;
  const log = silentLogger();

  beforeAll(async () => {
    store = await freshStore('pglite');
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
    const base = assignmentTestSettings();
    const written = await createSettingsService(db).replace(
      {
        ...base,
        channels: {
          ...base.channels,
          routes: [
            {
              event: 'issueRouted',
              audience: { kind: 'team', team: 'HW' },
              channel: 'email',
              address: HW_MAILBOX,
            },
            {
              event: 'issueRouted',
              audience: { kind: 'team', team: 'DB' },
              channel: 'email',
              address: DB_MAILBOX,
            },
          ],
        },
        // The database team reads English; every other team the default (Russian).
        notifications: { teamLanguage: 'ru', teamLanguages: { DB: 'en' } },
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    notifier = createNotifier({ db, now: () => NOW });
    const siteUrl = 'https://northwind.atlassian.net';
    intakeProcess = intakeProcessKind({
      db,
      now: () => NOW,
      world: createWorldLoader(db),
      handlers: createIntakeHandlers({
        jiraIssues: createJiraIssueSource(),
        youtrackIssues: createYouTrackIssueSource(),
        notifier,
        siteUrl,
        onFirstResponse: () => {},
        enqueueInTransaction: () => Promise.reject(new Error('no job expected')),
      }),
      assignment: { jira: undefined, notifier, siteUrl, onAssigned: () => {} },
    });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  /** Accepts a Forge event as /forge/events does and runs the intake job for it. */
  async function deliver(idempotencyKey: string, body: unknown): Promise<void> {
    const accepted = await acceptEvent(
      { db },
      {
        source: 'forge-event',
        idempotencyKey,
        eventType: 'frontline:issue-routed',
        payload: { event: body, invocation: { installationId: 'northwind', apiBaseUrl: 'https://api' } },
        receivedAt: NOW,
      },
    );
    await intakeProcess.handle(
      { jobId: randomUUID(), attempt: 0, log, signal: new AbortController().signal },
      { eventId: accepted.id },
    );
  }

  const outbox = async (issueKey: string) =>
    (
      await db.query<{
        idempotency_key: string;
        recipient: string;
        message: { subject: string; text: string; link?: { url: string } };
      }>(
        "SELECT idempotency_key, recipient, message FROM notify_outbox WHERE idempotency_key LIKE 'routed:' || $1 || ':%'",
        [issueKey],
      )
    ).rows;

  it('queues one notice for the target team, with the link, who routed it and the summary', async () => {
    const body = { eventType: 'frontline:issue-routed', routed: routed() };
    await deliver('forge:click-1', body);
    // The same click delivered again (a Forge retry) and a second post of it under a new key.
    await deliver('forge:click-1', body);
    await deliver('forge:click-1-again', body);

    const rows = await outbox('HW-12');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.idempotency_key).toBe(`routed:HW-12:HW:email:${HW_MAILBOX}`);
    expect(row.recipient).toBe(HW_MAILBOX);
    expect(row.message.subject).toBe('HW-12 передана: HW');
    expect(row.message.text).toContain('Printer in the Tver warehouse jams on every label');
    expect(row.message.text).toContain('SUP-41');
    expect(row.message.text).toContain('Olga Kuznetsova');
    expect(row.message.link?.url).toBe('https://northwind.atlassian.net/browse/HW-12');
  });

  it("writes each team's notice in the language the settings give that team", async () => {
    await deliver('forge:click-db', {
      eventType: 'frontline:issue-routed',
      routed: routed({ targetKey: 'DB-7', targetProject: 'DB', presetId: 'sup-to-db' }),
    });
    const rows = await outbox('DB-7');
    expect(rows.map((r) => [r.recipient, r.message.subject])).toEqual([[DB_MAILBOX, 'DB-7 routed to DB']]);
  });

  it('records the team on the tracked target issue, and the later tick announces nothing again', async () => {
    await upsertSnapshot(
      db,
      {
        key: 'HW-20',
        project: 'HW',
        summary: 'Cold-room sensor offline',
        priority: 'high',
        status: 'Open',
        resolved: false,
        assigneeId: DEMO_ACCOUNTS.alexei,
        labels: [],
        requestType: 'Incident',
        createdAt: msk('2026-11-10T09:00:00'),
        customer: { organizationIds: [] },
      },
      { temperature: 40, lastPublicUpdateAt: msk('2026-11-10T09:00:00') },
      NOW,
      NOW,
    );
    await deliver('forge:click-2', {
      eventType: 'frontline:issue-routed',
      routed: routed({ sourceKey: 'SUP-42', targetKey: 'HW-20', summary: 'Cold-room sensor offline' }),
    });
    const tracked = await db.query<{ routed_team: string | null }>(
      "SELECT routed_team FROM tracked_issues WHERE issue_key = 'HW-20'",
    );
    expect(tracked.rows[0]?.routed_team).toBe('HW');
    expect(await outbox('HW-20')).toHaveLength(1);

    const tick = await runSchedulesTick({
      db,
      now: () => NOW,
      world: createWorldLoader(db),
      notifier,
      siteUrl: 'https://northwind.atlassian.net',
      log,
    });
    expect(tick.reminders).toBe(0);
    expect(await outbox('HW-20')).toHaveLength(1);
  });

  it('acknowledges a payload that is not a routed event and queues nothing', async () => {
    const before = await db.query<{ n: string }>('SELECT count(*) AS n FROM notify_outbox');
    await deliver('forge:bad-1', {
      eventType: 'frontline:issue-routed',
      routed: routed({ targetKey: 'not a key' }),
    });
    await deliver('forge:bad-2', { eventType: 'frontline:issue-routed' });
    const after = await db.query<{ n: string }>('SELECT count(*) AS n FROM notify_outbox');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const processed = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM intake_events WHERE idempotency_key LIKE 'forge:bad-%' AND processed_at IS NOT NULL",
    );
    expect(Number(processed.rows[0]!.n)).toBe(2);
  });
});
