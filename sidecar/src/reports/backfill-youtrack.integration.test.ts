// The backfill for a desk whose hardware queue lives in YouTrack, as an operator runs it: the
// queue's tickets were raised, answered, assigned, started, fixed and reopened in YouTrack before
// Frontline was installed (no event ever reached the sidecar). POST /api/reports/backfill reads
// them from the YouTrack stand-in — issues in pages of 100, the page's history from one
// `/api/activitiesPage` cursor stream, never a call per issue — and GET /api/reports/service then
// shows the figures this test computes on its own from the plan it played. A run interrupted by
// YouTrack refusing a page carries on past the pages it had written, and writes no ticket twice.
import { DEMO_ACCOUNTS, DEMO_SETTINGS } from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import { DEMO_CREDENTIALS, startJiraStandIn } from '../../sandbox/index.js';
import type { JiraStandIn } from '../../sandbox/index.js';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_PROJECT,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
} from '../../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../../sandbox/youtrack/index.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { createSettingsService } from '../settings/service.js';
import { createJiraGateway } from '../trackers/jira/index.js';
import { backfillQuery } from '../trackers/youtrack/history.js';

const TOKEN = 'youtrack-backfill-admin-token';
const ISSUES = 250;
const MIN = 60_000;
const START = Date.parse('2026-11-02T07:00:00Z');
const HWQ = YOUTRACK_DEMO_PROJECT.shortName;
/** A walk-in reporter no contract covers: durations are wall-clock minutes. */
const REPORTER = { login: 'v.petrov', fullName: 'Viktor Petrov', email: 'v.petrov@mailbox.example' };
const ENGINEERS = Object.values(YOUTRACK_DEMO_LOGINS);

/** What the test played for one issue, in minutes after its creation (null: never). */
interface Plan {
  createdAt: number;
  firstResponse: number | null;
  firstAssigned: number | null;
  workStarted: number | null;
  resolved: number | null;
  reopened: number;
  steps: { at: number; act: (key: string) => void }[];
}

/** `percentile_cont` over the values, as the report defines its medians and p90. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function planOf(i: number, yt: () => YouTrackStandIn): Plan {
  const createdAt = START + i * 10 * MIN;
  const engineer = ENGINEERS[i % ENGINEERS.length]!;
  const other = ENGINEERS[(i + 1) % ENGINEERS.length]!;
  const at = (m: number) => createdAt + m * MIN;
  const cmd = (q: string) => (key: string) => yt().state.applyCommand(q, [key], engineer);
  const comment =
    (by: string, limited = false) =>
    (key: string) =>
      yt().state.addComment(key, by, 'Noted', limited ? ['support-team'] : undefined);
  const plan: Plan = {
    createdAt,
    firstResponse: null,
    firstAssigned: null,
    workStarted: null,
    resolved: null,
    reopened: 0,
    steps: [],
  };
  const step = (m: number, act: (key: string) => void) => plan.steps.push({ at: at(m), act });
  switch (i % 5) {
    case 0: {
      const reply = 10 + (i % 37);
      const assigned = 20 + (i % 23);
      const started = assigned + 15 + (i % 41);
      const fixed = 600 + (i % 97);
      step(reply, comment(engineer));
      step(assigned, cmd(`Assignee ${engineer}`));
      step(started, cmd('State {In Progress}'));
      step(fixed, cmd('State Fixed'));
      Object.assign(plan, {
        firstResponse: reply,
        firstAssigned: assigned,
        workStarted: started,
        resolved: fixed,
      });
      break;
    }
    case 1: {
      // An internal note first (not an answer to the customer); fixed, reopened, fixed again.
      const reply = 30 + (i % 13);
      const assigned = 20 + (i % 23);
      const started = assigned + 15 + (i % 41);
      const fixedAgain = 700 + (i % 50);
      step(5, comment(engineer, true));
      step(reply, comment(engineer));
      step(assigned, cmd(`Assignee ${engineer}`));
      step(started, cmd('State {In Progress}'));
      step(300, cmd('State Fixed'));
      step(400, cmd('State Open'));
      step(fixedAgain, cmd('State Fixed'));
      Object.assign(plan, {
        firstResponse: reply,
        firstAssigned: assigned,
        workStarted: started,
        resolved: fixedAgain,
        reopened: 1,
      });
      break;
    }
    case 2: {
      // The customer writes again; assigned, never started.
      const assigned = 40 + (i % 17);
      step(3, comment(REPORTER.login));
      step(assigned, cmd(`Assignee ${engineer}`));
      plan.firstAssigned = assigned;
      break;
    }
    case 3:
      break; // untouched
    default: {
      // Assigned at once, started, handed to a colleague, waiting for the reporter, back in progress.
      const assigned = 1 + (i % 11);
      const started = assigned + 30 + (i % 19);
      const reply = 60 + (i % 29);
      step(assigned, cmd(`Assignee ${engineer}`));
      step(started, cmd('State {In Progress}'));
      step(reply, comment(engineer));
      step(200, cmd(`Assignee ${other}`));
      step(250, cmd('State {Waiting for reporter}'));
      step(300, cmd('State {In Progress}'));
      Object.assign(plan, { firstResponse: reply, firstAssigned: assigned, workStarted: started });
    }
  }
  return plan;
}

describe.each(storeKinds('YouTrack report backfill'))('YouTrack report backfill on %s', (kind) => {
  let store: StoreUnderTest;
  let youtrack: YouTrackStandIn;
  let sidecar: RunningSidecar;
  let clock = START;
  const plans: Plan[] = [];
  const keys: string[] = [];

  beforeAll(async () => {
    youtrack = await startYouTrackStandIn({ seed: true, now: () => clock });
    youtrack.state.addUser(REPORTER.login, REPORTER.fullName, REPORTER.email);
    // History before Frontline: every creation, comment and command played in time order.
    const acts: { at: number; act: () => void }[] = [];
    for (let i = 0; i < ISSUES; i++) {
      const plan = planOf(i, () => youtrack);
      plans.push(plan);
      acts.push({
        at: plan.createdAt,
        act: () =>
          keys.push(
            youtrack.state.createIssue({
              project: HWQ,
              summary: `Earlier hardware ticket ${i}`,
              reporter: REPORTER.login,
            }).idReadable,
          ),
      });
      for (const s of plan.steps) acts.push({ at: s.at, act: () => s.act(keys[i]!) });
    }
    acts.sort((a, b) => a.at - b.at);
    for (const a of acts) {
      clock = a.at;
      a.act();
    }
    store = await freshStore(kind);
    sidecar = await startSidecar({
      config: testConfig(store, {
        adminToken: TOKEN,
        youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
      }),
      log: silentLogger(),
      lockWaitMs: 0,
      routers: true,
      pollingIntervalSeconds: 0.5,
    });
    await createSettingsService(sidecar.db).replace(
      { ...DEMO_SETTINGS, trackers: YOUTRACK_DEMO_TRACKERS },
      { actor: 'test', source: 'file' },
    );
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
    await youtrack?.close();
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

  async function runToTheEnd(): Promise<{ state: string; issues: number; pages: number }> {
    const started = await api('/reports/backfill', { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    let progress = null as { state: string; issues: number; pages: number } | null;
    for (let i = 0; i < 600 && progress?.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = ((await (await api('/reports/backfill')).json()) as { backfill: typeof progress }).backfill;
      expect(progress?.state).not.toBe('failed');
    }
    return progress!;
  }

  /**
   * The backfill's calls to the stand-in since `from` (the temperature sweep, on its own schedule,
   * also searches open issues: those calls are not the backfill's).
   */
  function callsSince(from: number) {
    const params = (path: string) => new URL(path, 'http://stand-in').searchParams;
    const since = youtrack.calls.slice(from);
    const issueSearches = since.filter(
      (c) => c.path.startsWith('/api/issues?') && params(c.path).get('query') === backfillQuery([HWQ]),
    );
    return {
      issuePages: issueSearches.filter((c) => c.status === 200).map((c) => params(c.path).get('$skip')),
      refused: [...issueSearches, ...since.filter((c) => c.path.startsWith('/api/activitiesPage?'))].filter(
        (c) => c.status !== 200,
      ),
      activityPages: since.filter((c) => c.path.startsWith('/api/activitiesPage?') && c.status === 200),
      perIssue: since.filter((c) => /^\/api\/issues\/[^/?]+/.test(c.path)),
    };
  }

  it('builds every HWQ ticket from issue pages and activity pages, resumed past a refused page', async () => {
    // Once the first page's activities are answered, YouTrack refuses the next issue page four
    // times: the client's attempts run out, the job is retried and carries on from its progress.
    const before = youtrack.calls.length;
    const record = youtrack.calls.push.bind(youtrack.calls);
    let armed = true;
    youtrack.calls.push = (...answered) => {
      if (armed && answered.some((c) => c.path.startsWith('/api/activitiesPage?') && c.status === 200)) {
        armed = false;
        youtrack.faults.push(...Array.from({ length: 4 }, () => ({ status: 503, on: 'GET /api/issues' })));
      }
      return record(...answered);
    };
    const progress = await runToTheEnd();
    expect(progress).toMatchObject({ state: 'done', issues: ISSUES, pages: Math.ceil(ISSUES / 100) });

    const calls = callsSince(before);
    expect(calls.refused.map((c) => c.status)).toEqual([503, 503, 503, 503]);
    // Page 1 once (never read again after the interruption), pages 2 and 3 once answered.
    expect(calls.issuePages).toEqual(['0', '100', '200']);
    expect(calls.activityPages).toHaveLength(Math.ceil(ISSUES / 100));
    for (const c of calls.activityPages) {
      const p = new URL(c.path, 'http://stand-in').searchParams;
      expect(p.get('categories')).toBe('CustomFieldCategory');
      expect(p.get('issueQuery')).toMatch(/^issue id: HWQ-\d+(, HWQ-\d+){0,99}$/);
    }
    expect(calls.perIssue).toHaveLength(0);

    const { rows } = await sidecar.db.query<{ n: string; keys: string }>(
      "SELECT count(*) AS n, count(DISTINCT issue_key) AS keys FROM report_tickets WHERE source = 'backfill'",
    );
    expect(Number(rows[0]!.n)).toBe(ISSUES);
    expect(Number(rows[0]!.keys)).toBe(ISSUES);
  }, 120_000);

  it("the report's figures are those of the history played in YouTrack", async () => {
    const res = await api(`/reports/service?from=2026-11-01&to=2026-11-30&project=${HWQ}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as ServiceReport;
    const measure = (pick: (p: Plan) => [number | null, number | null]) =>
      plans.flatMap((p) => {
        const [from, to] = pick(p);
        return from !== null && to !== null ? [to - from] : [];
      });
    const expected = {
      firstResponse: measure((p) => [0, p.firstResponse]),
      assign: measure((p) => [0, p.firstAssigned]),
      workStart: measure((p) => [p.firstAssigned, p.workStarted]),
      resolution: measure((p) => [0, p.resolved]),
    };
    expect(report.totals.tickets).toBe(ISSUES);
    expect(report.totals.resolved).toBe(plans.filter((p) => p.resolved !== null).length);
    expect(report.totals.reopened).toBe(plans.reduce((n, p) => n + p.reopened, 0));
    for (const [name, values] of Object.entries(expected)) {
      const stats = report.totals[name as keyof typeof expected];
      expect({ name, count: stats.count }).toEqual({ name, count: values.length });
      expect(stats.median).toBeCloseTo(percentile(values, 0.5)!, 6);
      expect(stats.p90).toBeCloseTo(percentile(values, 0.9)!, 6);
    }
  });

  it('a second run rewrites its own rows and duplicates none', async () => {
    const before = youtrack.calls.length;
    const progress = await runToTheEnd();
    expect(progress).toMatchObject({ state: 'done', issues: ISSUES });
    expect(callsSince(before).perIssue).toHaveLength(0);
    const { rows } = await sidecar.db.query<{ n: string }>('SELECT count(*) AS n FROM report_tickets');
    expect(Number(rows[0]!.n)).toBe(ISSUES);
  }, 120_000);
});

describe('the backfill of a desk with projects in Jira and in YouTrack', () => {
  let store: StoreUnderTest;
  let jira: JiraStandIn;
  let youtrack: YouTrackStandIn;
  let sidecar: RunningSidecar;
  const clock = Date.parse('2026-11-03T08:00:00Z');
  const alexei = YOUTRACK_DEMO_LOGINS[DEMO_ACCOUNTS.alexei]!;

  beforeAll(async () => {
    // SUP lives in YouTrack now; the Jira site still holds SUP issues of its own (and other projects).
    jira = await startJiraStandIn({ seed: true });
    for (let i = 0; i < 5; i++)
      jira.state.createIssue({ projectKey: 'SUP', issueTypeId: '10001', summary: `Left in Jira ${i}` });
    youtrack = await startYouTrackStandIn({ seed: true, now: () => clock });
    youtrack.state.addProject('SUP', 'Support queue');
    youtrack.state.addUser(REPORTER.login, REPORTER.fullName, REPORTER.email);
    for (let i = 0; i < 3; i++) {
      const id = youtrack.state.createIssue({
        project: 'SUP',
        summary: `In YouTrack ${i}`,
        reporter: REPORTER.login,
      }).id;
      if (i === 0) youtrack.state.applyCommand(`Assignee ${alexei}`, [id], alexei);
    }
    // The warehouse's parts orders live in YouTrack too: one delivered, one waiting.
    youtrack.state.addProject('PARTS', 'Parts orders');
    for (let i = 0; i < 2; i++) {
      const id = youtrack.state.createIssue({ project: 'PARTS', summary: `Parts ${i}`, reporter: alexei }).id;
      if (i === 0) youtrack.state.applyCommand('State Fixed', [id], alexei);
    }
    store = await freshStore('pglite');
    sidecar = await startSidecar({
      config: testConfig(store, {
        adminToken: TOKEN,
        youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
      }),
      log: silentLogger(),
      lockWaitMs: 0,
      routers: true,
      pollingIntervalSeconds: 0.5,
      tracker: createJiraGateway({
        baseUrl: jira.url,
        auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
        logger: silentLogger(),
      }),
    });
    await createSettingsService(sidecar.db).replace(
      {
        ...DEMO_SETTINGS,
        trackers: {
          ...YOUTRACK_DEMO_TRACKERS,
          projects: { SUP: 'youtrack', PARTS: 'youtrack', [HWQ]: 'youtrack' },
        },
      },
      { actor: 'test', source: 'file' },
    );
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
    await youtrack?.close();
    await jira?.close();
  });

  it("counts both trackers' issues, takes SUP's tickets from YouTrack only, and PARTS' as parts orders", async () => {
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${sidecar.url}/api${path}`, {
        ...init,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      });
    expect((await api('/reports/backfill', { method: 'POST', body: '{}' })).status).toBe(202);
    let progress = null as { state: string; issues: number } | null;
    for (let i = 0; i < 300 && progress?.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = ((await (await api('/reports/backfill')).json()) as { backfill: typeof progress }).backfill;
      expect(progress?.state).not.toBe('failed');
    }
    const inJira = jira.state.issues();
    expect(progress).toMatchObject({ state: 'done', issues: inJira.length + 3 + 2 });
    const rows = async (sql: string) =>
      (await sidecar.db.query<{ issue_key: string; first_assigned_at: Date | null }>(sql)).rows;
    const sup = await rows(
      "SELECT issue_key, first_assigned_at FROM report_tickets WHERE project = 'SUP' ORDER BY issue_key",
    );
    expect(sup.map((r) => r.issue_key)).toEqual(['SUP-1', 'SUP-2', 'SUP-3']);
    expect(new Date(sup[0]!.first_assigned_at!).getTime()).toBe(clock);
    expect(sup[1]!.first_assigned_at).toBeNull();
    const elsewhere = await rows("SELECT issue_key FROM report_tickets WHERE project <> 'SUP'");
    expect(elsewhere).toHaveLength(inJira.filter((i) => !/^(SUP|PARTS)-/.test(i.key)).length);
    const orders = await sidecar.db.query<{ order_key: string; ordered_at: Date; delivered_at: Date | null }>(
      'SELECT order_key, ordered_at, delivered_at FROM report_parts_orders ORDER BY order_key',
    );
    expect(
      orders.rows.map((o) => [
        o.order_key,
        new Date(o.ordered_at).getTime(),
        o.delivered_at && new Date(o.delivered_at).getTime(),
      ]),
    ).toEqual([
      ['PARTS-1', clock, clock],
      ['PARTS-2', clock, null],
    ]);
  }, 60_000);
});
