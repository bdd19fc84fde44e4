// The hardware team's queue in YouTrack, end to end through real interfaces: a ticket raised in the
// YouTrack stand-in reaches the sidecar as the YouTrack app's signed event, is assigned by the
// project's policy (assignee set by command, an internal note with limited visibility, the
// assignee's notice in the outbox) or left with suggestions, and the sweep writes its Temperature
// field by command. Intake's guarantees hold as for Jira: a forged signature is refused, a
// redelivery is recognised, a bad body is refused naming the field.
import { createHmac } from 'node:crypto';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_POLICY,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
  withYouTrackTeam,
} from '../sandbox/youtrack/index.js';
import type { YouTrackStandIn, YtIssue } from '../sandbox/youtrack/index.js';
import { startSidecar } from '../src/compose.js';
import type { RunningSidecar } from '../src/compose.js';
import { createContractRepository } from '../src/contracts/repository.js';
import { createNotifier } from '../src/notify/index.js';
import { createSettingsService } from '../src/settings/service.js';
import { assignmentTestSettings } from '../src/assignment/testing.js';
import { decisionsFor, latestRanking } from '../src/assignment/repository.js';
import { DEMO_CONTRACTS } from '../demo/contracts.js';
import { freshStore } from './stores.js';
import type { StoreUnderTest } from './stores.js';
import { silentLogger, testConfig } from './sidecar.js';
import { waitFor } from './webhook-client.js';

const SECRET = 'northwind-youtrack-app-secret-0001';
const ADMIN_TOKEN = 'northwind-admin-token-0001';

const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('a YouTrack desk (HWQ) on the YouTrack stand-in (PGlite)', () => {
  let store: StoreUnderTest;
  let youtrack: YouTrackStandIn;
  let sidecar: RunningSidecar;
  const log = silentLogger();

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${sidecar.url}/webhooks/youtrack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
  const field = (issue: YtIssue, name: string) => issue.customFields.find((f) => f.name === name)!.value;
  const outboxRows = async (issueKey: string) =>
    (
      await sidecar.db.query<{ idempotency_key: string; recipient: string; message: { subject: string } }>(
        "SELECT idempotency_key, recipient, message FROM notify_outbox WHERE message->>'issueKey' = $1",
        [issueKey],
      )
    ).rows;

  beforeAll(async () => {
    store = await freshStore('pglite');
    youtrack = await startYouTrackStandIn({ seed: true });
    const notifier = createNotifier({ db: { query: (sql, params) => sidecar.db.query(sql, params) } });
    sidecar = await startSidecar({
      config: testConfig(store, {
        youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
        youtrackWebhookSecrets: [SECRET, 'northwind-youtrack-previous-0002'],
        adminToken: ADMIN_TOKEN,
      }),
      log,
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      routers: true,
      notifier,
    });
    const base = assignmentTestSettings();
    const written = await createSettingsService(sidecar.db).replace(
      {
        ...base,
        engineers: withYouTrackTeam(base.engineers ?? []),
        assignment: [...(base.assignment ?? []), YOUTRACK_DEMO_POLICY],
        trackers: YOUTRACK_DEMO_TRACKERS,
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    await createContractRepository(sidecar.db).upsertAll(DEMO_CONTRACTS, 'test');
    youtrack.deliverTo({ url: `${sidecar.url}/webhooks/youtrack`, secret: SECRET });
  }, 60_000);

  afterAll(async () => {
    await sidecar?.stop();
    await youtrack?.close();
    await store?.dispose();
  }, 30_000);

  let urgent: YtIssue;

  it('auto-assigns a show-stopper by command, leaves a limited-visibility note and queues the assignee notice', async () => {
    urgent = youtrack.raise({
      summary: 'Disk array controller failover in the reserve data centre',
      reporter: 'k.lebedev',
      priority: 'Show-stopper',
    });
    await waitFor(
      async () => (await latestRanking(sidecar.db, urgent.idReadable))?.actionState === 'done',
      30_000,
      'the auto assignment and its note',
    );
    const ranking = (await latestRanking(sidecar.db, urgent.idReadable))!;
    expect(ranking.decision.action).toBe('assign');
    const top = ranking.ranking.ranked[0]!;
    const issue = youtrack.state.issue(urgent.idReadable);
    expect((field(issue, 'Assignee') as { login: string } | null)?.login).toBe(
      YOUTRACK_DEMO_LOGINS[top.accountId],
    );
    const notes = issue.comments.filter((c) => c.visibility.$type === 'LimitedVisibility');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toContain(top.name);
    expect(notes[0]!.author.login).toBe('frontline');

    const [decision] = await decisionsFor(sidecar.db, urgent.idReadable);
    expect(decision).toMatchObject({ accountId: top.accountId, via: 'auto', suggestedRank: 1 });
    // Reporter's e-mail domain → Severny Bank's contract, as for a Jira ticket.
    const tracked = await sidecar.db.query<{ customer_id: string }>(
      'SELECT customer_id FROM tracked_issues WHERE issue_key = $1',
      [urgent.idReadable],
    );
    expect(tracked.rows[0]?.customer_id).toBe('severny-bank');
    const notices = await outboxRows(urgent.idReadable);
    expect(notices.filter((n) => n.idempotency_key.startsWith(`assign:${ranking.id}:email:`))).toHaveLength(
      1,
    );
    // The assignment's own change comes back as an event and changes nothing.
    await youtrack.eventsSettled();
    expect(await decisionsFor(sidecar.db, urgent.idReadable)).toHaveLength(1);
  }, 60_000);

  it('leaves a normal-priority ticket unassigned with suggestions', async () => {
    const normal = youtrack.raise({
      summary: 'Printer in the Tver warehouse jams',
      reporter: 'm.orlova',
      priority: 'Normal',
    });
    await waitFor(
      async () => (await latestRanking(sidecar.db, normal.idReadable)) !== undefined,
      30_000,
      'the ranking',
    );
    const ranking = (await latestRanking(sidecar.db, normal.idReadable))!;
    expect(ranking.decision.action).toBe('suggest');
    expect(ranking.ranking.ranked.length).toBeGreaterThan(0);
    expect(field(youtrack.state.issue(normal.idReadable), 'Assignee')).toBeNull();
  }, 60_000);

  it('writes each open ticket’s temperature into its Temperature field, grouped by value in commands', async () => {
    const before = youtrack.calls.length;
    const res = await fetch(`${sidecar.url}/api/temperature/sweep`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const open = youtrack.state.search('project: HWQ #Unresolved');
    await waitFor(
      async () => open.every((i) => typeof field(i, 'Temperature') === 'number'),
      30_000,
      'the Temperature fields',
    );
    const stored = await sidecar.db.query<{ issue_key: string; temperature: number }>(
      'SELECT issue_key, temperature FROM tracked_issues WHERE issue_key = ANY($1)',
      [open.map((i) => i.idReadable)],
    );
    // The field says what the sidecar computed for each ticket.
    for (const row of stored.rows)
      expect(field(youtrack.state.issue(row.issue_key), 'Temperature')).toBe(row.temperature);
    expect(stored.rows).toHaveLength(open.length);
    const sweepCalls = youtrack.calls.slice(before);
    expect(sweepCalls.some((c) => c.path.startsWith('/api/issues?') && c.path.includes('Unresolved'))).toBe(
      true,
    );
    const distinct = new Set(stored.rows.map((r) => r.temperature)).size;
    expect(sweepCalls.filter((c) => c.path === '/api/commands')).toHaveLength(distinct);
    // The urgent ticket is hotter than the normal one.
    const [a, b] = open.map((i) => field(i, 'Temperature') as number);
    expect(a).toBeGreaterThan(b!);
  }, 60_000);

  it('sweeps the YouTrack desk on a schedule of its own (YouTrack sends no ticks), and a scheduled job with no data runs', async () => {
    const schedules = await sidecar.db.query<{ name: string; cron: string }>(
      "SELECT name, cron FROM pgboss.schedule WHERE name = 'temperature.sweep'",
    );
    expect(schedules.rows).toEqual([{ name: 'temperature.sweep', cron: '*/5 * * * *' }]);
    // What the cron sends: a job without data. The issue's priority changes in YouTrack first.
    youtrack.state.applyCommand('Priority Minor', [urgent.idReadable], 'frontline');
    const before = field(youtrack.state.issue(urgent.idReadable), 'Temperature');
    await sidecar.queue.send('temperature.sweep', null as never);
    await waitFor(
      async () => field(youtrack.state.issue(urgent.idReadable), 'Temperature') !== before,
      30_000,
      'the scheduled sweep to rewrite the Temperature',
    );
  }, 60_000);

  it('refuses a forged signature, recognises a redelivery and names the bad field', async () => {
    await youtrack.eventsSettled();
    const event = {
      type: 'issue.commented',
      deliveryId: 'yt-test-delivery-0001',
      timestamp: Date.now(),
      issue: {
        id: urgent.id,
        idReadable: urgent.idReadable,
        summary: urgent.summary,
        created: urgent.created,
        updated: Date.now(),
        resolved: null,
        project: { id: urgent.project.id, shortName: 'HWQ', name: 'Hardware queue' },
        reporter: { login: 'k.lebedev', email: 'k.lebedev@severnybank.example' },
        customFields: [],
      },
      comment: {
        id: '4-900',
        text: 'Any news?',
        created: Date.now(),
        author: { login: 'k.lebedev' },
        visibility: 'public',
      },
      author: { login: 'k.lebedev' },
    };
    const body = JSON.stringify(event);
    const forged = await post(body, {
      'X-Frontline-Signature': sign(body, 'not-the-configured-secret-000'),
      'X-Frontline-Delivery': 'yt-test-delivery-0001',
    });
    expect(forged.status).toBe(401);
    const first = await post(body, {
      'X-Frontline-Signature': sign(body),
      'X-Frontline-Delivery': 'yt-test-delivery-0001',
    });
    expect(first.status).toBe(202);
    const again = await post(body, {
      'X-Frontline-Signature': sign(body),
      'X-Frontline-Delivery': 'yt-test-delivery-0001',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    // The rotated-out secret still verifies.
    const old = await post(body, {
      'X-Frontline-Signature': sign(body, 'northwind-youtrack-previous-0002'),
      'X-Frontline-Delivery': 'yt-test-delivery-0001',
    });
    expect(old.status).toBe(200);

    const bad = JSON.stringify({ ...event, issue: { ...event.issue, idReadable: 'not an id' } });
    const refused = await post(bad, {
      'X-Frontline-Signature': sign(bad),
      'X-Frontline-Delivery': 'yt-test-delivery-0002',
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { error: { message: string } };
    expect(problem.error.message).toContain('issue.idReadable');
  }, 30_000);
});
