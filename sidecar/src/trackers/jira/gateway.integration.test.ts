// The gateway against the Jira stand-in on loopback: rate-limit storms, server errors, slow
// answers, the quota pause, pagination, bulk moves and app-field writes.
import {
  DEMO_APP_TOKEN,
  DEMO_CREDENTIALS,
  DEMO_FIELD_IDS,
  startJiraStandIn,
  type JiraStandIn,
} from '../../../sandbox/index.js';
import { createJiraGateway, type JiraGateway, type JiraGatewayOptions } from './index.js';

/** A clock whose sleeps pass instantly in virtual time (a short real pause lets other calls interleave). */
function virtualClock(realPauseMs: number) {
  let virtual = Date.UTC(2026, 10, 23, 7, 0, 0);
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => virtual,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        await new Promise((resolve) => setTimeout(resolve, realPauseMs));
        virtual += ms;
      },
      random: () => 0.5,
    },
  };
}

const quietLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

interface Harness {
  gateway: JiraGateway;
  calls: { op: string; status: number }[];
  rateLimitWaits: { ms: number; reason: string | undefined }[];
  sleeps: number[];
}

function harness(standIn: JiraStandIn, extra: Partial<JiraGatewayOptions> = {}, realPauseMs = 5): Harness {
  const calls: Harness['calls'] = [];
  const rateLimitWaits: Harness['rateLimitWaits'] = [];
  const { clock, sleeps } = virtualClock(realPauseMs);
  const gateway = createJiraGateway({
    baseUrl: standIn.url,
    auth: { type: 'basic', ...DEMO_CREDENTIALS },
    timeoutMs: 2_000,
    maxConcurrency: 4,
    logger: quietLogger,
    clock,
    hooks: {
      onCall: (op, status) => calls.push({ op, status }),
      onRateLimitWait: (ms, reason) => rateLimitWaits.push({ ms, reason }),
    },
    ...extra,
  });
  return { gateway, calls, rateLimitWaits, sleeps };
}

let standIn: JiraStandIn;
beforeEach(async () => {
  standIn = await startJiraStandIn();
});
afterEach(async () => {
  await standIn.close();
});

describe('rate limits', () => {
  it("retries a 429 storm, waiting at least Jira's Retry-After each time", async () => {
    const h = harness(standIn);
    const fault = standIn.faults.inject({
      path: '/rest/api/3/issue/SUP-1',
      status: 429,
      retryAfterSeconds: 3,
      rateLimitReason: 'jira-burst-based',
      times: 3,
    });
    const result = await h.gateway.getIssue('SUP-1', { fields: ['summary'] });
    expect(result.ok).toBe(true);
    expect(fault.hits).toBe(3);
    expect(h.calls.map((c) => c.status)).toEqual([429, 429, 429, 200]);
    expect(h.rateLimitWaits).toHaveLength(3);
    for (const wait of h.rateLimitWaits) {
      expect(wait.ms).toBeGreaterThanOrEqual(3_000);
      expect(wait.reason).toBe('jira-burst-based');
    }
  });

  it('gives up after the attempt limit with a retryable failure that carries the reason', async () => {
    const h = harness(standIn, { retry: { maxAttempts: 3 } });
    standIn.faults.inject({ path: '/rest/api/3/field', status: 429, retryAfterSeconds: 1, times: 10 });
    const result = await h.gateway.getFields();
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', status: 429, attempts: 3, retryAfterMs: 1_000 },
    });
    expect(h.calls).toHaveLength(3);
  });

  it('backs off exponentially when a 429 has no Retry-After', async () => {
    const h = harness(standIn, { retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 } });
    standIn.faults.inject({ path: '/rest/api/3/field', status: 429, times: 3 });
    expect((await h.gateway.getFields()).ok).toBe(true);
    // random() is 0.5, so each wait is 3/4 of the doubling step.
    expect(h.rateLimitWaits.map((w) => w.ms)).toEqual([750, 1_500, 3_000]);
  });

  it('retries a create refused with 429 (Jira did not act on it) and creates the issue once', async () => {
    const h = harness(standIn);
    standIn.faults.inject({
      path: '/rest/api/3/issue',
      method: 'POST',
      status: 429,
      retryAfterSeconds: 2,
      times: 2,
    });
    const before = standIn.state.issues().length;
    const created = await h.gateway.createIssue({
      fields: {
        project: { key: 'SUP' },
        issuetype: { id: '10001' },
        summary: 'Printer in the warehouse office jams',
      },
    });
    expect(created.ok).toBe(true);
    expect(standIn.state.issues()).toHaveLength(before + 1);
    expect(h.calls.map((c) => c.status)).toEqual([429, 429, 201]);
  });

  it('pauses every call on a quota 429 until the quota resets', async () => {
    const h = harness(standIn, {}, 200);
    standIn.faults.inject({
      path: '/rest/api/3/field',
      status: 429,
      retryAfterSeconds: 90,
      rateLimitReason: 'jira-quota-tenant-based',
      times: 1,
    });
    const first = h.gateway.getFields();
    // Once the refused call starts waiting, the pause is on for everyone.
    while (h.rateLimitWaits.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    const second = h.gateway.getProject('DB');
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok).toBe(true);
    const quotaWaits = h.rateLimitWaits.filter((w) => w.reason === 'jira-quota-tenant-based');
    expect(quotaWaits.length).toBeGreaterThanOrEqual(2); // the refused call and the bystander both waited
    expect(Math.max(...quotaWaits.map((w) => w.ms))).toBeGreaterThanOrEqual(90_000 - 100);
    expect(h.calls.filter((c) => c.op === 'getProject')).toEqual([{ op: 'getProject', status: 200 }]);
  });

  it('does not sit out a quota reset far away: calls fail as retryable with the time to wait', async () => {
    const h = harness(standIn);
    standIn.faults.inject({
      path: '/rest/api/3/field',
      status: 429,
      retryAfterSeconds: 1_800,
      rateLimitReason: 'jira-quota-global-based',
      times: 1,
    });
    const first = await h.gateway.getFields();
    expect(first).toMatchObject({
      ok: false,
      error: { kind: 'retryable', status: 429, rateLimitReason: 'jira-quota-global-based', attempts: 1 },
    });
    expect(!first.ok && first.error.retryAfterMs).toBeGreaterThan(120_000);
    // A bystander is refused at once, without a request that would only burn more quota.
    const second = await h.gateway.getProject('SUP');
    expect(second).toMatchObject({ ok: false, error: { kind: 'retryable', attempts: 0 } });
    expect(h.calls.map((c) => c.op)).toEqual(['getFields']);
  });

  it('fails a call at once when Retry-After is longer than it may wait', async () => {
    const h = harness(standIn);
    standIn.faults.inject({ path: '/rest/api/3/project/SUP', status: 429, retryAfterSeconds: 600, times: 1 });
    const result = await h.gateway.getProject('SUP');
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', status: 429, retryAfterMs: 600_000 },
    });
    expect(h.sleeps).toEqual([]);
  });
});

describe('server errors and slow answers', () => {
  it('retries a read through 5xx answers until it succeeds', async () => {
    const h = harness(standIn, { retry: { baseDelayMs: 2_000 } });
    standIn.faults.inject({ path: '/rest/api/3/project/DB', status: 503, times: 1 });
    standIn.faults.inject({ path: '/rest/api/3/project/DB', status: 502, times: 1 });
    const result = await h.gateway.getProject('DB');
    expect(result.ok && result.value.key).toBe('DB');
    expect(h.calls.map((c) => c.status)).toEqual([503, 502, 200]);
    expect(h.sleeps).toEqual([1_500, 3_000]);
  });

  it('does not repeat a comment after a 5xx: the outcome is unknown, and the failure says so', async () => {
    const h = harness(standIn);
    standIn.faults.inject({ path: '/rest/api/3/issue/SUP-1/comment', method: 'POST', status: 500, times: 1 });
    const result = await h.gateway.addComment(
      'SUP-1',
      'We have restored the cluster from the Thursday backup.',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', status: 500, outcomeUnknown: true, attempts: 1 },
    });
    expect(h.calls).toHaveLength(1);
  });

  it('times out a slow read and retries it', async () => {
    const h = harness(standIn, { timeoutMs: 150 });
    standIn.faults.inject({ path: '/rest/api/3/issue/SUP-2', delayMs: 600, times: 1 });
    const result = await h.gateway.getIssue('SUP-2');
    expect(result.ok).toBe(true);
    expect(h.calls.map((c) => c.status)).toEqual([0, 200]);
  });

  it('reports a timed-out create as retryable with an unknown outcome, without sending it again', async () => {
    const h = harness(standIn, { timeoutMs: 150 });
    standIn.faults.inject({ path: '/rest/api/3/issue', method: 'POST', delayMs: 600, times: 1 });
    const result = await h.gateway.createIssue({
      fields: { project: { key: 'SUP' }, issuetype: { id: '10002' }, summary: 'Array shelf 3 is beeping' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', status: 0, outcomeUnknown: true },
    });
    expect(h.calls).toHaveLength(1);
  });

  it('retries even a create when the connection was refused (nothing reached Jira)', async () => {
    const closed = await startJiraStandIn({ seed: false });
    await closed.close();
    const h = harness(closed, { retry: { maxAttempts: 3 } });
    const result = await h.gateway.createIssue({
      fields: { project: { key: 'SUP' }, issuetype: { id: '10001' }, summary: 'Unreachable' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', status: 0, outcomeUnknown: false, attempts: 3 },
    });
    expect(h.calls.map((c) => c.status)).toEqual([0, 0, 0]);
  });

  it('treats rejected credentials as permanent', async () => {
    const h = harness(standIn, {
      auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: 'revoked' },
    });
    const result = await h.gateway.getFields();
    expect(result).toMatchObject({ ok: false, error: { kind: 'permanent', status: 401, attempts: 1 } });
  });

  it('classifies Jira refusals as permanent and keeps the field errors', async () => {
    const h = harness(standIn);
    const result = await h.gateway.createIssue({
      fields: { project: { key: 'HW' }, issuetype: { id: '10003' }, summary: 'Replace a disk' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'permanent',
        status: 400,
        errors: { [DEMO_FIELD_IDS.partsToReplace]: 'Parts to replace is required.' },
      },
    });
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    const h = harness(standIn, { maxConcurrency: 2 });
    standIn.faults.inject({ path: '/rest/api/3/project/', delayMs: 100, times: 6 });
    const started = Date.now();
    const results = await Promise.all(
      ['SUP', 'HW', 'DB', 'PARTS', 'SUP', 'HW'].map((k) => h.gateway.getProject(k)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // three rounds of two
  });
});

describe('paging, moving and app fields', () => {
  it('walks every page of a search', async () => {
    for (let i = 0; i < 230; i += 1) {
      standIn.state.createIssue({ projectKey: 'DB', issueTypeId: '10003', summary: `Vacuum check ${i}` });
    }
    const h = harness(standIn);
    const keys: string[] = [];
    for await (const issue of h.gateway.search('project = DB AND statusCategory != Done ORDER BY key', {
      fields: ['summary'],
      pageSize: 25,
    })) {
      keys.push(issue.key ?? '');
    }
    expect(keys).toHaveLength(230);
    expect(new Set(keys).size).toBe(230);
    expect(keys.slice(0, 3)).toEqual(['DB-1', 'DB-2', 'DB-3']);
    expect(h.calls.filter((c) => c.op === 'searchJql')).toHaveLength(Math.ceil(230 / 25));
  });

  it('returns ids only when no fields are asked for', async () => {
    const h = harness(standIn);
    const issues = [];
    for await (const issue of h.gateway.search('project = SUP')) issues.push(issue);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => Object.keys(i).join() === 'id')).toBe(true);
  });

  it('moves issues in bulk and reports the ones that could not move', async () => {
    const h = harness(standIn);
    const outcome = await h.gateway.moveIssues(
      { targetProject: 'HW', targetIssueTypeId: '10003', issueIdsOrKeys: ['SUP-1', 'HW-1', 'SUP-404'] },
      { pollIntervalMs: 10 },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const sup1 = standIn.state.issue('SUP-1')!;
    const hw1 = standIn.state.issue('HW-1')!;
    expect(outcome.value.status).toBe('COMPLETE');
    expect(outcome.value.moved).toEqual([hw1.id]);
    expect(outcome.value.failed).toEqual({ [sup1.id]: ['Parts to replace is required.'] });
    expect(outcome.value.invalidOrInaccessibleCount).toBe(1);
    expect(sup1.key).toBe('SUP-1');
  });

  it('moves an issue across projects when the mandatory field is supplied', async () => {
    const h = harness(standIn);
    const outcome = await h.gateway.moveIssues(
      {
        targetProject: 'HW',
        targetIssueTypeId: '10003',
        issueIdsOrKeys: ['SUP-3'],
        targetMandatoryFields: [
          {
            fields: {
              [DEMO_FIELD_IDS.partsToReplace]: { retain: false, type: 'raw', value: ['HDD 2.4TB SAS 10k'] },
            },
          },
        ],
      },
      { pollIntervalMs: 10 },
    );
    expect(outcome.ok && outcome.value.failed).toEqual({});
    const moved = standIn.state.issue('SUP-3')!;
    expect(moved.key).toMatch(/^HW-\d+$/);
    expect((await h.gateway.getIssue(moved.key, { fields: ['project'] })).ok).toBe(true);
  });

  it('refuses app-field writes made with an API token, like Jira does', async () => {
    const h = harness(standIn);
    const issue = standIn.state.issue('SUP-1')!;
    const result = await h.gateway.setAppFieldValues(DEMO_FIELD_IDS.temperature, [
      { issueId: issue.id, value: 80 },
    ]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'permanent', status: 403 } });
    expect(issue.custom[DEMO_FIELD_IDS.temperature]).toBeUndefined();
  });

  it('writes app-field values in batches as the Forge app', async () => {
    const h = harness(standIn);
    const app = h.gateway.forAppToken(DEMO_APP_TOKEN, standIn.url);
    const issues = standIn.state.issues();
    const values = issues.map((issue, i) => ({ issueId: issue.id, value: i % 2 === 0 ? 90 : 15 }));
    const result = await app.setAppFieldValues(DEMO_FIELD_IDS.temperature, values, { batchSize: 2 });
    expect(result).toEqual({ ok: true, value: { requests: Math.ceil(issues.length / 2) } });
    issues.forEach((issue, i) =>
      expect(issue.custom[DEMO_FIELD_IDS.temperature]).toBe(i % 2 === 0 ? 90 : 15),
    );
  });

  it('paces writes to one issue under the per-issue window', async () => {
    const h = harness(standIn, { writeWindows: [{ limit: 2, windowMs: 2_000 }] });
    const labels = ['a', 'b', 'c', 'd', 'e'];
    for (const label of labels) {
      expect((await h.gateway.editIssue('SUP-2', { update: { labels: [{ add: label }] } })).ok).toBe(true);
    }
    // Two writes per window: the 3rd waits for the first pair to age out, the 5th for the second.
    expect(h.sleeps).toEqual([2_000, 2_000]);
    expect(standIn.state.issue('SUP-2')!.labels).toEqual(expect.arrayContaining(labels));
  });
});
