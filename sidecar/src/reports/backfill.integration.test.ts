// The backfill as an operator runs it: POST /api/reports/backfill against a sidecar whose tracker is
// the Jira stand-in; progress through GET until done; every SUP issue gets its report row, read
// through searches of 100 issues a page and no call per issue; the report then counts them. An issue
// assigned and put in progress before the backfill gets its first assignment and start of work
// from the changelog the same searches bring.
import { DEMO_ACCOUNTS, DEMO_SETTINGS } from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import { DEMO_CREDENTIALS, startJiraStandIn } from '../../sandbox/index.js';
import type { JiraStandIn } from '../../sandbox/index.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { createContractRepository } from '../contracts/repository.js';
import { createSettingsService } from '../settings/service.js';
import { createJiraGateway } from '../trackers/jira/index.js';

const TOKEN = 'backfill-admin-token';
const ISSUES = 250;

describe.each(storeKinds('report backfill'))('report backfill on %s', (kind) => {
  let store: StoreUnderTest;
  let standIn: JiraStandIn;
  let sidecar: RunningSidecar;
  let worked: {
    key: string;
    assignedFrom: number;
    assignedTo: number;
    startedFrom: number;
    startedTo: number;
  };
  let untouched: string;
  beforeAll(async () => {
    standIn = await startJiraStandIn({ seed: true, record: true });
    for (let i = 0; i < ISSUES; i++)
      standIn.state.createIssue({ projectKey: 'SUP', issueTypeId: '10001', summary: `Earlier ticket ${i}` });
    // Before Frontline: one issue is assigned, then put in progress, in Jira.
    const jira = createJiraGateway({
      baseUrl: standIn.url,
      auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
      logger: silentLogger(),
    });
    const issue = standIn.state.createIssue({
      projectKey: 'SUP',
      issueTypeId: '10001',
      summary: 'Worked on',
    });
    untouched = standIn.state.createIssue({
      projectKey: 'SUP',
      issueTypeId: '10001',
      summary: 'Waiting',
    }).key;
    await new Promise((r) => setTimeout(r, 20));
    const assignedFrom = Date.now();
    expect((await jira.assignIssue(issue.key, DEMO_ACCOUNTS.alexei)).ok).toBe(true);
    const assignedTo = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    const transitions = await jira.getTransitions(issue.key);
    if (!transitions.ok) throw new Error(transitions.error.message);
    const toProgress = transitions.value.find((t) => t.to.statusCategory?.key === 'indeterminate');
    if (!toProgress) throw new Error('no transition into an In Progress status');
    const startedFrom = Date.now();
    expect((await jira.transitionIssue(issue.key, toProgress.id)).ok).toBe(true);
    worked = { key: issue.key, assignedFrom, assignedTo, startedFrom, startedTo: Date.now() };
    store = await freshStore(kind);
    sidecar = await startSidecar({
      config: testConfig(store, { adminToken: TOKEN }),
      log: silentLogger(),
      lockWaitMs: 0,
      routers: true,
      pollingIntervalSeconds: 0.5,
      tracker: createJiraGateway({
        baseUrl: standIn.url,
        auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
        logger: silentLogger(),
      }),
    });
    await createSettingsService(sidecar.db).replace(DEMO_SETTINGS, { actor: 'test', source: 'file' });
    await createContractRepository(sidecar.db).upsertAll(DEMO_CONTRACTS, 'test');
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
    await standIn?.close();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${sidecar.url}/api${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });

  it('builds a row for every issue from pages of 100 and shows its progress', async () => {
    const bad = await api('/reports/backfill', {
      method: 'POST',
      body: JSON.stringify({ jql: '', extra: 1 }),
    });
    expect(bad.status).toBe(422);
    const started = await api('/reports/backfill', {
      method: 'POST',
      body: JSON.stringify({ jql: 'project = SUP ORDER BY created ASC' }),
    });
    expect(started.status).toBe(202);
    let progress = null as { state: string; issues: number; pages: number } | null;
    for (let i = 0; i < 300 && progress?.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = ((await (await api('/reports/backfill')).json()) as { backfill: typeof progress }).backfill;
      expect(progress?.state).not.toBe('failed');
    }
    const sup = standIn.state.issues().filter((i) => i.key.startsWith('SUP-')).length;
    expect(progress).toMatchObject({ state: 'done', issues: sup, pages: Math.ceil(sup / 100) });
    const { rows } = await sidecar.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM report_tickets WHERE source = 'backfill'",
    );
    expect(Number(rows[0]!.n)).toBe(sup);
    const searches = standIn.exchanges.filter((e) => e.path.endsWith('/search/jql'));
    expect(searches).toHaveLength(Math.ceil(sup / 100));
    expect(standIn.exchanges.filter((e) => /\/issue\/[^/]+$/.test(e.path))).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    const report = (await (await api(`/reports/service?from=${today}&to=${today}`)).json()) as ServiceReport;
    expect(report.totals.tickets).toBeGreaterThanOrEqual(ISSUES);

    const times = async (key: string) =>
      (
        await sidecar.db.query<{ first_assigned_at: Date | null; work_started_at: Date | null }>(
          'SELECT first_assigned_at, work_started_at FROM report_tickets WHERE issue_key = $1',
          [key],
        )
      ).rows[0]!;
    const w = await times(worked.key);
    // The stand-in stamps changes to the millisecond; the store keeps them as they came.
    expect(new Date(w.first_assigned_at!).getTime()).toBeGreaterThanOrEqual(worked.assignedFrom - 1);
    expect(new Date(w.first_assigned_at!).getTime()).toBeLessThanOrEqual(worked.assignedTo + 1);
    expect(new Date(w.work_started_at!).getTime()).toBeGreaterThanOrEqual(worked.startedFrom - 1);
    expect(new Date(w.work_started_at!).getTime()).toBeLessThanOrEqual(worked.startedTo + 1);
    expect(await times(untouched)).toEqual({ first_assigned_at: null, work_started_at: null });
    expect(report.totals.workStart.count).toBeGreaterThanOrEqual(1);
  });
});
