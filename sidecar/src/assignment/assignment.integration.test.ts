// Assignment end to end against the Jira stand-in: a ticket created there reaches the sidecar as a
// signed webhook, is ranked and — as the project's policy says — assigned with an internal note or
// left with suggestions; duplicate deliveries and a retry mid-assignment change nothing.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, DEMO_FIELD_IDS, startJiraStandIn } from '../../sandbox/index.js';
import type { JiraStandIn, StandInIssue } from '../../sandbox/index.js';
import { createJiraGateway } from '../trackers/jira/index.js';
import type { JiraGateway } from '../trackers/jira/index.js';
import {
  createNotifier,
  createTelegramClient,
  engineerByTelegramUserId,
  handleTelegramCallback,
} from '../notify/index.js';
import { startTelegramStandIn } from '../notify/testing/telegram-stand-in.js';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { createSettingsService } from '../settings/service.js';
import { createContractRepository } from '../contracts/repository.js';
import { errorMiddleware } from '../http/errors.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { deliver, TEST_SECRETS, waitFor } from '../../test/webhook-client.js';
import { adfToText } from '../../sandbox/adf.js';
import { assignForPerson, carryOutAutoAssignment } from './carry-out.js';
import type { AssignmentDeps } from './carry-out.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { createSuggestionsRouter } from '../http/forge/suggestions.js';
import { decisionsFor, latestRanking } from './repository.js';
import type { StoredRanking } from './repository.js';
import { createTakeAssign } from './take.js';
import { assignmentTestSettings } from './testing.js';
import { createWorldLoader } from './world.js';

const customer = (key: (typeof DEMO_CUSTOMERS)[number]['key']) => DEMO_CUSTOMERS.find((c) => c.key === key)!;
const organizations = (key: (typeof DEMO_CUSTOMERS)[number]['key']) => ({
  [DEMO_FIELD_IDS.organizations]: [{ id: customer(key).organizationId, name: customer(key).name }],
});

describe('assignment against the Jira stand-in (PGlite)', () => {
  let store: StoreUnderTest;
  let standIn: JiraStandIn;
  let sidecar: RunningSidecar;
  let jira: JiraGateway;
  const log = silentLogger();

  const outboxCount = async (pattern: string) =>
    Number(
      (
        await sidecar.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM notify_outbox WHERE idempotency_key LIKE $1',
          [pattern],
        )
      ).rows[0]!.n,
    );
  const rankingsOf = async (key: string) =>
    Number(
      (
        await sidecar.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM assignment_rankings WHERE issue_key = $1',
          [key],
        )
      ).rows[0]!.n,
    );
  /** How many observations a histogram has, over all its labels. */
  const metricCount = async (name: string) => {
    const metric = (await sidecar.metrics.registry.getSingleMetric(name)?.get()) as
      { values: { metricName?: string; value: number }[] } | undefined;
    return (metric?.values ?? [])
      .filter((v) => v.metricName === `${name}_count`)
      .reduce((sum, v) => sum + v.value, 0);
  };
  const deps = (): AssignmentDeps => ({
    db: sidecar.db,
    now: () => new Date(),
    jira,
    notifier: createNotifier({ db: sidecar.db }),
    siteUrl: undefined,
    onAssigned: () => {},
    log,
  });

  beforeAll(async () => {
    store = await freshStore('pglite');
    standIn = await startJiraStandIn({ seed: true });
    jira = createJiraGateway({
      baseUrl: standIn.url,
      auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
      logger: log,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    });
    // Assignment always enqueues inside its own transaction, so the notifier's own store is never used.
    const notifier = createNotifier({
      db: { query: (sql, params) => sidecar.db.query(sql, params) },
    });
    sidecar = await startSidecar({
      config: testConfig(store, {
        jira: { baseUrl: standIn.url, email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
      }),
      log,
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      tracker: jira,
      notifier,
    });
    const written = await createSettingsService(sidecar.db).replace(assignmentTestSettings(), {
      actor: 'test',
      source: 'file',
    });
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    await createContractRepository(sidecar.db).upsertAll(DEMO_CONTRACTS, 'test');
    standIn.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret: TEST_SECRETS[0]! });
  }, 60_000);

  afterAll(async () => {
    await sidecar?.stop();
    await standIn?.close();
    await store?.dispose();
  }, 30_000);

  let urgent: StandInIssue;

  it('auto-assigns a highest-priority SUP ticket to the top candidate and leaves an internal note', async () => {
    urgent = standIn.state.createIssue({
      projectKey: 'SUP',
      issueTypeId: '10002',
      summary: 'Array controller failover in the reserve data centre',
      reporterId: customer('severny-bank').contacts[0]!.accountId,
      priorityId: '1',
      labels: ['hardware'],
      custom: organizations('severny-bank'),
    });
    await waitFor(
      async () => (await decisionsFor(sidecar.db, urgent.key)).length === 1,
      20_000,
      'the auto assignment to be recorded',
    );
    await waitFor(
      async () => (await latestRanking(sidecar.db, urgent.key))?.actionState === 'done',
      10_000,
      'the internal note',
    );
    const ranking = (await latestRanking(sidecar.db, urgent.key))!;
    expect(ranking.decision.action).toBe('assign');
    const top = ranking.ranking.ranked[0]!;
    // The ticket needs storage arrays (label "hardware"): whoever is first must have that skill.
    const settings = assignmentTestSettings();
    const engineer = settings.engineers!.find((e) => e.accountId === top.accountId)!;
    expect(engineer.skills!.map((s) => s.skill)).toContain('storage arrays');

    const inJira = standIn.state.issue(urgent.key)!;
    expect(inJira.assigneeId).toBe(top.accountId);
    const notes = inJira.comments.filter((c) => !c.public);
    expect(notes).toHaveLength(1);
    expect(adfToText(notes[0]!.body)).toContain(top.name);

    const [decision] = await decisionsFor(sidecar.db, urgent.key);
    expect(decision).toMatchObject({ accountId: top.accountId, via: 'auto', suggestedRank: 1 });
    expect(decision!.timeToAssignMs).toBeGreaterThanOrEqual(0);
    expect(await outboxCount(`assign:${ranking.id}:email:%`)).toBe(1);

    const tracked = await sidecar.db.query<{ customer_id: string; contract_id: string }>(
      'SELECT customer_id, contract_id FROM tracked_issues WHERE issue_key = $1',
      [urgent.key],
    );
    expect(tracked.rows[0]).toEqual({ customer_id: 'severny-bank', contract_id: 'SB-2026-03' });
  }, 40_000);

  it("words the assignee's notice and the reason inside it in the assignee's language", async () => {
    const ranking = (await latestRanking(sidecar.db, urgent.key))!;
    const top = ranking.ranking.ranked[0]!;
    const engineer = assignmentTestSettings().engineers!.find((e) => e.accountId === top.accountId)!;
    // The demo engineers read Russian first.
    expect(engineer.languages?.[0]).toBe('ru');
    const sent = await sidecar.db.query<{ message: { text: string; language?: string } }>(
      'SELECT message FROM notify_outbox WHERE idempotency_key LIKE $1',
      [`assign:${ranking.id}:email:%`],
    );
    const { text, language } = sent.rows[0]!.message;
    expect(language).toBe('ru');
    const why = text.split('\n').find((line) => line.startsWith('Почему'));
    expect(why).toBeDefined();
    expect(why).toMatch(/Нагрузка [\d,]+ из [\d,]+/);
    expect(why).not.toMatch(/Load|Skills|ranked first/);
  }, 10_000);

  it('keeps one ranking, one assignment and one message when the creation is delivered again', async () => {
    const stored = await sidecar.db.query<{ idempotency_key: string; payload: unknown }>(
      `SELECT idempotency_key, payload FROM intake_events
        WHERE event_type = 'jira:issue_created' AND payload #>> '{issue,key}' = $1`,
      [urgent.key],
    );
    const first = stored.rows[0]!;
    // Jira's retry: same identifier → recognised as a duplicate.
    const retry = await deliver(sidecar.url, first.payload, { identifier: first.idempotency_key });
    expect(retry.body).toMatchObject({ duplicate: true });
    // The same creation reported again under another identifier (say, also as a Forge event): accepted,
    // processed, and still no second assignment.
    const again = await deliver(sidecar.url, first.payload, {
      identifier: 'another-delivery-of-the-same-creation',
    });
    expect(again.status).toBe(202);
    await waitFor(
      async () =>
        Number(
          (
            await sidecar.db.query<{ n: string }>(
              'SELECT count(*) AS n FROM intake_events WHERE id = $1 AND processed_at IS NOT NULL',
              [String(again.body.id)],
            )
          ).rows[0]!.n,
        ) === 1,
      15_000,
      'the second delivery to be processed',
    );
    await waitFor(
      async () => {
        const latest = await latestRanking(sidecar.db, urgent.key);
        return latest?.actionState !== 'pending' && latest?.actionState !== 'assigned';
      },
      15_000,
      'any second ranking to settle',
    );
    expect(await decisionsFor(sidecar.db, urgent.key)).toHaveLength(1);
    expect(await outboxCount(`assign:%`)).toBe(1);
    expect(standIn.state.issue(urgent.key)!.comments.filter((c) => !c.public)).toHaveLength(1);
  }, 40_000);

  it('observes time to assign and time to first response (first public agent reply only) in /metrics', async () => {
    const before = await metricCount('frontline_time_to_first_response_seconds');
    const first = await jira.addComment(urgent.key, 'We are on it: the spare controller is being prepared.');
    expect(first.ok).toBe(true);
    await waitFor(
      async () => (await metricCount('frontline_time_to_first_response_seconds')) === before + 1,
      15_000,
      'the first response to be observed',
    );
    expect(
      await jira.addComment(urgent.key, 'The controller is replaced; watching the batch.'),
    ).toMatchObject({
      ok: true,
    });
    await waitFor(
      async () =>
        Number(
          (
            await sidecar.db.query<{ n: string }>(
              `SELECT count(*) AS n FROM intake_events WHERE event_type = 'comment_created'
                AND processed_at IS NOT NULL AND payload #>> '{issue,key}' = $1`,
              [urgent.key],
            )
          ).rows[0]!.n,
        ) >= 3,
      15_000,
      // The auto-assign note, then the two public replies.
      'every comment to be processed',
    );
    expect(await metricCount('frontline_time_to_first_response_seconds')).toBe(before + 1);
    expect(await metricCount('frontline_time_to_assign_seconds')).toBeGreaterThanOrEqual(1);
  }, 40_000);

  it('only suggests for a medium DB ticket: ranked candidates stored, nobody assigned in Jira', async () => {
    const issue = standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10003',
      summary: 'Replication lag on the planning database',
      reporterId: customer('polar-frost').contacts[0]!.accountId,
      priorityId: '3',
      labels: ['database'],
    });
    await waitFor(async () => (await rankingsOf(issue.key)) === 1, 20_000, 'the suggestions');
    const ranking = (await latestRanking(sidecar.db, issue.key))!;
    expect(ranking.decision.action).toBe('suggest');
    expect(ranking.actionState).toBeNull();
    expect(ranking.ranking.ranked.length).toBeGreaterThan(0);
    expect(standIn.state.issue(issue.key)!.assigneeId).toBeNull();
    expect(await decisionsFor(sidecar.db, issue.key)).toHaveLength(0);
  }, 30_000);

  describe('the Forge suggestions API', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const app = express();
      app.use(express.json());
      app.use((_req, res, next) => {
        res.locals.forgeClaims = {
          installationId: 'test-installation',
          apiBaseUrl: standIn.url,
          appId: 'test-app',
          principal: '712020:6c1f3b2e-0006-4a1e-9d01-northwind0006',
          raw: {},
        };
        next();
      });
      app.use(
        createSuggestionsRouter({
          ...deps(),
          trackers: {
            forInstallation: async () => jira,
            forPerson: async () => jira,
            actingFor: async () => ({ tracker: jira, actingAs: 'app' as const }),
          },
          world: createWorldLoader(sidecar.db),
        }),
      );
      app.use(errorMiddleware(log));
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('lists ranked candidates with reasons and exclusions, then assigns with one click and records the rank', async () => {
      const issue = standIn.state.createIssue({
        projectKey: 'DB',
        issueTypeId: '10003',
        summary: 'Oracle listener refuses connections',
        reporterId: customer('polar-frost').contacts[0]!.accountId,
        priorityId: '2',
        labels: ['oracle'],
      });
      await waitFor(async () => (await rankingsOf(issue.key)) === 1, 20_000, 'the suggestions');
      const listed = await fetch(`${base}/issues/${issue.key}/suggestions`);
      expect(listed.status).toBe(200);
      const body = (await listed.json()) as {
        candidates: { rank: number; accountId: string; reasons: { en: string; ru: string }[] }[];
        excluded: { accountId: string; reasons: { code: string }[] }[];
      };
      expect(body.candidates.map((c) => c.rank)).toEqual(body.candidates.map((_, i) => i + 1));
      expect(body.candidates[0]!.reasons.length).toBeGreaterThan(0);
      // Only DB-team engineers can be candidates; the rest are excluded as not in the team.
      expect(body.excluded.some((e) => e.reasons.some((r) => r.code === 'notInTeam'))).toBe(true);

      const second = body.candidates[1] ?? body.candidates[0]!;
      const assigned = await fetch(`${base}/issues/${issue.key}/assign`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'click-1' },
        body: JSON.stringify({ accountId: second.accountId }),
      });
      expect(assigned.status).toBe(200);
      expect(await assigned.json()).toMatchObject({ suggestedRank: second.rank });
      expect(standIn.state.issue(issue.key)!.assigneeId).toBe(second.accountId);
      const records = await decisionsFor(sidecar.db, issue.key);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        via: 'forge',
        actor: '712020:6c1f3b2e-0006-4a1e-9d01-northwind0006',
        suggestedRank: second.rank,
      });
    }, 30_000);

    it('answers 404 for an issue without suggestions and 422 for a body without accountId', async () => {
      expect((await fetch(`${base}/issues/SUP-99999/suggestions`)).status).toBe(404);
      const bad = await fetch(`${base}/issues/SUP-1/assign`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({}),
      });
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_assignment');
    });

    it('refuses someone who is not an engineer with a code, its parameters and words in both languages', async () => {
      const refused = await fetch(`${base}/issues/${urgent.key}/assign`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: '712020:nobody' }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        error: {
          code: 'assignment_refused',
          message: '712020:nobody is not one of the engineers',
          details: {
            reason: {
              code: 'assignment.notAnEngineer',
              params: { accountId: '712020:nobody' },
              en: '712020:nobody is not one of the engineers',
              ru: '712020:nobody нет среди инженеров',
            },
          },
        },
      });
    });
  });

  it("words the tracker's refusal of a person's assignment from the catalogues, keeping the tracker's own message", async () => {
    const world = await createWorldLoader(sidecar.db).load();
    const outcome = await assignForPerson(
      { ...deps(), jira },
      {
        issueKey: 'SUP-99999',
        accountId: world.engineers[0]!.accountId,
        actor: 'test',
        via: 'forge',
        settings: world.settings,
        engineers: world.engineers,
        requestId: 'missing-issue',
      },
    );
    if (outcome.ok) throw new Error('a missing issue was assigned');
    expect(outcome.error.status).toBe(404);
    const { code, params, en, ru } = outcome.error.reason;
    expect(code).toBe('assignment.trackerRefused');
    expect(params.detail).not.toBe('');
    expect(en).toBe(`The tracker refused the assignment: ${params.detail}`);
    expect(ru).toBe(`Трекер отказал в назначении: ${params.detail}`);
  });

  it('resumes an interrupted auto assignment without assigning, recording or messaging twice', async () => {
    // A ranking whose first attempt died after Jira accepted the assignee but before anything was recorded.
    const issue = standIn.state.createIssue({
      projectKey: 'SUP',
      issueTypeId: '10002',
      summary: 'Storage shelf 3 reports both power supplies failed',
      reporterId: customer('severny-bank').contacts[0]!.accountId,
      priorityId: '1',
      labels: ['hardware'],
      custom: organizations('severny-bank'),
    });
    await waitFor(async () => (await rankingsOf(issue.key)) === 1, 20_000, 'the ranking');
    await waitFor(
      async () => (await latestRanking(sidecar.db, issue.key))?.actionState === 'done',
      20_000,
      'the first run to finish',
    );
    const done = (await latestRanking(sidecar.db, issue.key))!;
    const world = await createWorldLoader(sidecar.db).load();
    // Replay the whole action from its first step, as a worker restarted mid-job would.
    const replay: StoredRanking = { ...done, actionState: 'pending' };
    const outcome = await carryOutAutoAssignment(deps(), replay, world);
    expect(outcome).toBe('superseded');
    const commentingAgain: StoredRanking = { ...done, actionState: 'assigned' };
    await carryOutAutoAssignment(deps(), commentingAgain, world);
    expect(await decisionsFor(sidecar.db, issue.key)).toHaveLength(1);
    expect(await outboxCount(`assign:${done.id}:%`)).toBe(1);
    expect(standIn.state.issue(issue.key)!.assigneeId).toBe(done.actionAccount);
  }, 40_000);

  it('finishes an assignment whose first attempt died between Jira and the store, recording and messaging once', async () => {
    const issue = standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10003',
      summary: 'Standby database stopped applying WAL',
      reporterId: customer('polar-frost').contacts[0]!.accountId,
      priorityId: '2',
      labels: ['database'],
    });
    await waitFor(async () => (await rankingsOf(issue.key)) === 1, 20_000, 'the suggestions');
    const suggested = (await latestRanking(sidecar.db, issue.key))!;
    const pick = suggested.ranking.ranked[0]!;
    // An auto action for this ranking, as the policy would have stored it.
    await sidecar.db.query(
      `UPDATE assignment_rankings SET action_state = 'pending', action_account = $2,
          decision = $3, comment_text = $4 WHERE id = $1`,
      [
        suggested.id,
        pick.accountId,
        JSON.stringify({ action: 'assign', accountId: pick.accountId, rule: 0, commentTemplate: null }),
        `Assigned to ${pick.name}`,
      ],
    );
    const action = (await latestRanking(sidecar.db, issue.key))!;
    const world = await createWorldLoader(sidecar.db).load();
    const crashingStore = {
      ...sidecar.db,
      query: sidecar.db.query.bind(sidecar.db),
      transaction: () => Promise.reject(new Error('worker killed')),
    };
    await expect(carryOutAutoAssignment({ ...deps(), db: crashingStore }, action, world)).rejects.toThrow(
      'worker killed',
    );
    expect(standIn.state.issue(issue.key)!.assigneeId).toBe(pick.accountId);
    expect(await decisionsFor(sidecar.db, issue.key)).toHaveLength(0);

    expect(await carryOutAutoAssignment(deps(), action, world)).toBe('done');
    expect(await carryOutAutoAssignment(deps(), action, world)).toBe('superseded');
    expect(await decisionsFor(sidecar.db, issue.key)).toMatchObject([
      { accountId: pick.accountId, via: 'auto' },
    ]);
    expect(await outboxCount(`assign:${action.id}:%`)).toBe(1);
    expect(standIn.state.issue(issue.key)!.comments.filter((c) => !c.public)).toHaveLength(1);
  }, 40_000);

  it('assigns through a Telegram "Take" press, and refuses an engineer outside the project team', async () => {
    const issue = standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10003',
      summary: 'Vacuum does not finish on the orders table',
      reporterId: customer('polar-frost').contacts[0]!.accountId,
      priorityId: '3',
      labels: ['database'],
    });
    await waitFor(async () => (await rankingsOf(issue.key)) === 1, 20_000, 'the suggestions');
    const take = createTakeAssign({ ...deps(), jira, world: createWorldLoader(sidecar.db) });
    // Irina works for SUP, HW and PARTS, not DB.
    const refused = await take(issue.key, '712020:6c1f3b2e-0004-4a1e-9d01-northwind0004');
    // Irina reads Russian first: the refusal is in Russian.
    expect(refused).toEqual({ ok: false, error: { reason: 'Не входит в команду DB' } });
    expect(standIn.state.issue(issue.key)!.assigneeId).toBeNull();
    // Olga (Telegram user 480112233 in the demo directory) presses "Take" under the ticket's message.
    const olga = '712020:6c1f3b2e-0002-4a1e-9d01-northwind0002';
    const telegramStandIn = await startTelegramStandIn();
    try {
      const telegram = createTelegramClient({
        botToken: telegramStandIn.token,
        baseUrl: telegramStandIn.baseUrl,
      });
      const world = await createWorldLoader(sidecar.db).load();
      const outcome = await handleTelegramCallback(
        {
          update_id: 1001,
          callback_query: {
            id: 'cb-olga',
            from: { id: 480112233, first_name: 'Olga', language_code: 'ru' },
            data: `take:${issue.key}`,
            message: { message_id: 77, chat: { id: 480112233 }, text: issue.summary },
          },
        },
        {
          telegram,
          findEngineerByTelegramUserId: engineerByTelegramUserId(world.engineers),
          assign: take,
          log,
        },
      );
      expect(outcome).toMatchObject({ kind: 'taken', issueKey: issue.key, accountId: olga });
      expect(telegramStandIn.callbackAnswers).toHaveLength(1);
    } finally {
      await telegramStandIn.close();
    }
    expect(standIn.state.issue(issue.key)!.assigneeId).toBe(olga);
    expect(await decisionsFor(sidecar.db, issue.key)).toMatchObject([{ via: 'telegram', accountId: olga }]);
  }, 30_000);
});
