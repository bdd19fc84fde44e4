// Contract test: every exchange the stand-in handles for the gateway (and a few raw calls for the
// routes the gateway does not use) must match Atlassian's OpenAPI description of Jira Cloud.
import { fileURLToPath } from 'node:url';
import { createJiraGateway } from '../src/trackers/jira/index.js';
import { ContractChecker, readSpec, type ContractProblem, type SpecException } from '../sandbox/contract.js';
import {
  DEMO_APP_TOKEN,
  DEMO_CREDENTIALS,
  DEMO_FIELD_IDS,
  startJiraStandIn,
  type JiraStandIn,
} from '../sandbox/index.js';

/** Resolved from the repository root: `<root>/../shared/jira/swagger-v3.v3.json`. */
const SPEC_PATH = fileURLToPath(new URL('../../../shared/jira/swagger-v3.v3.json', import.meta.url));
const spec = readSpec(SPEC_PATH);

/** Known defects of the published description (shared/jira/README.md), corrected before checking. */
const KNOWN_DEFECTS: readonly SpecException[] = [
  {
    what: 'IssueBulkMovePayload requires targetToMultipleSourceMapping, which the real API does not use',
    patch: (s) => {
      s.components.schemas.IssueBulkMovePayload!.required = ['targetToSourcesMapping'];
    },
  },
  {
    what: 'the bulk-move mapping requires issueIdOrKeys where the API (and the schema’s own properties) say issueIdsOrKeys',
    patch: (s) => {
      const mapping = s.components.schemas.targetToSourcesMapping!;
      mapping.required = (mapping.required as string[]).map((r) =>
        r === 'issueIdOrKeys' ? 'issueIdsOrKeys' : r,
      );
    },
  },
];

const quietLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const basic = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.email}:${DEMO_CREDENTIALS.apiToken}`).toString('base64')}`;

/** Drives every operation the stand-in serves, successes and refusals alike. */
async function workload(standIn: JiraStandIn): Promise<void> {
  const gw = createJiraGateway({
    baseUrl: standIn.url,
    auth: { type: 'basic', ...DEMO_CREDENTIALS },
    logger: quietLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  const app = gw.forAppToken(DEMO_APP_TOKEN, standIn.url);
  const must = async <T>(p: Promise<{ ok: boolean; value?: T }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(`workload step failed: ${JSON.stringify(r)}`);
    return r.value as T;
  };

  await must(gw.searchProjects());
  await must(gw.getProject('SUP'));
  await must(gw.getFields());
  await must(gw.findUsers('kuznetsova'));
  await must(gw.getUser('712020:6c1f3b2e-0001-4a1e-9d01-northwind0001'));
  await must(gw.getCreateMetaIssueTypes('HW'));
  await must(gw.getCreateMetaFields('PARTS', '10004'));
  const created = await must(
    gw.createIssue({
      fields: {
        project: { key: 'SUP' },
        issuetype: { id: '10001' },
        summary: 'VAT ledger does not match the sales book',
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Closing day.' }] }],
        },
        labels: ['month-end'],
      },
    }),
  );
  await must(gw.getIssue(created.key));
  await must(gw.getIssue(created.key, { fields: ['summary', 'status'] }));
  await must(gw.editIssue(created.key, { fields: { priority: { id: '2' } } }, { notifyUsers: false }));
  await must(gw.assignIssue(created.key, '712020:6c1f3b2e-0003-4a1e-9d01-northwind0003'));
  await must(gw.addComment(created.key, 'We are checking the invoices now.\nNext update by 15:00.'));
  await must(gw.addComment(created.key, 'Customer prefers a phone call.', { internal: true }));
  await must(gw.getTransitions(created.key));
  await must(gw.transitionIssue(created.key, '11'));
  await must(
    gw.linkIssues({
      type: 'Relates',
      inwardIssue: created.key,
      outwardIssue: 'SUP-2',
      comment: 'Same ledger.',
    }),
  );
  for await (const _ of gw.search('project = SUP AND assignee is EMPTY ORDER BY created DESC', {
    pageSize: 2,
  })) {
    // ids only
  }
  for await (const _ of gw.search('key in (SUP-1, SUP-2)', { fields: ['summary', 'assignee'] })) {
    // with fields
  }
  await must(
    gw.moveIssues(
      { targetProject: 'DB', targetIssueTypeId: '10003', issueIdsOrKeys: ['SUP-1', 'SUP-404'] },
      { pollIntervalMs: 5 },
    ),
  );
  await must(app.setAppFieldValues(DEMO_FIELD_IDS.temperature, [{ issueId: created.id, value: 72 }]));

  // Refusals: each must still answer in the documented shape.
  await gw.getIssue('SUP-9999');
  await gw.setAppFieldValues(DEMO_FIELD_IDS.temperature, [{ issueId: created.id, value: 10 }]);
  await gw.createIssue({
    fields: { project: { key: 'HW' }, issuetype: { id: '10003' }, summary: 'No parts given' },
  });
  standIn.faults.inject({ path: '/rest/api/3/field', status: 429, retryAfterSeconds: 0, times: 1 });
  await must(gw.getFields());

  // Routes the gateway does not use.
  const raw = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${standIn.url}${path}`, {
      ...init,
      headers: {
        Authorization: basic,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
  await raw(`/rest/api/3/issue/${created.key}/comment?maxResults=10`);
  await raw('/rest/api/3/users/search?maxResults=5');
  await raw('/rest/api/3/issuetype');
  await raw(
    `/rest/api/3/search/jql?jql=${encodeURIComponent('project = HW ORDER BY key')}&fields=summary&maxResults=1`,
  );
  await raw(`/rest/api/3/search/jql?jql=${encodeURIComponent('project = HW OR project = DB')}`);
  await raw(`/rest/api/3/app/field/${DEMO_FIELD_IDS.temperature}/value`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${DEMO_APP_TOKEN}` },
    body: JSON.stringify({ updates: [{ issueIds: [Number(created.id)], value: 55 }] }),
  });
  await raw('/rest/api/3/project/search', { headers: { Authorization: 'Basic bm9ib2R5Om5vcGU=' } });
}

const describeWithSpec = spec ? describe : describe.skip;
if (!spec) {
  console.warn(`Jira contract test skipped: the OpenAPI description is not at ${SPEC_PATH}`);
}

describeWithSpec('stand-in exchanges against the Jira Cloud OpenAPI description', () => {
  let standIn: JiraStandIn;
  let checker: ContractChecker;
  let problems: ContractProblem[];

  beforeAll(async () => {
    standIn = await startJiraStandIn({ record: true });
    await workload(standIn);
    checker = new ContractChecker(spec!, KNOWN_DEFECTS);
    problems = standIn.exchanges.flatMap((e) => checker.validate(e));
    if (checker.skipped.length > 0) {
      console.warn(`schemas skipped (do not compile): ${checker.skipped.map((s) => s.schema).join(', ')}`);
    }
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('records a varied workload', () => {
    expect(standIn.exchanges.length).toBeGreaterThan(35);
    expect(new Set(standIn.exchanges.map((e) => e.status))).toEqual(
      new Set([200, 201, 204, 400, 401, 403, 404, 429]),
    );
  });

  it('matches the description in path, parameters, request and response bodies', () => {
    expect(problems).toEqual([]);
  });

  it('exercised every operation the stand-in serves', () => {
    expect([...checker.covered].sort()).toEqual(
      [
        'GET /rest/api/3/bulk/queue/{taskId}',
        'GET /rest/api/3/field',
        'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
        'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}',
        'GET /rest/api/3/issue/{issueIdOrKey}',
        'GET /rest/api/3/issue/{issueIdOrKey}/comment',
        'GET /rest/api/3/issue/{issueIdOrKey}/transitions',
        'GET /rest/api/3/issuetype',
        'GET /rest/api/3/project/search',
        'GET /rest/api/3/project/{projectIdOrKey}',
        'GET /rest/api/3/search/jql',
        'GET /rest/api/3/user',
        'GET /rest/api/3/user/search',
        'GET /rest/api/3/users/search',
        'POST /rest/api/3/app/field/value',
        'POST /rest/api/3/bulk/issues/move',
        'POST /rest/api/3/issue',
        'POST /rest/api/3/issue/{issueIdOrKey}/comment',
        'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
        'POST /rest/api/3/issueLink',
        'POST /rest/api/3/search/jql',
        'PUT /rest/api/3/app/field/{fieldIdOrKey}/value',
        'PUT /rest/api/3/issue/{issueIdOrKey}',
        'PUT /rest/api/3/issue/{issueIdOrKey}/assignee',
      ].sort(),
    );
  });

  it('catches a response that breaks the description (the check can fail)', () => {
    const good = standIn.exchanges.find(
      (e) => e.path === '/rest/api/3/bulk/queue/40000' && e.status === 200,
    )!;
    const broken = {
      ...good,
      responseBody: { ...(good.responseBody as object), status: 'FINISHED', surprise: 1 },
    };
    const found = checker.validate(broken);
    expect(found).toHaveLength(1);
    expect(found[0]!.messages.join('\n')).toMatch(/enum|additional/);
  });

  it('needs the listed exceptions: the unpatched description rejects the real bulk-move request', () => {
    const unpatched = new ContractChecker(readSpec(SPEC_PATH)!, []);
    const move = standIn.exchanges.find(
      (e) => e.method === 'POST' && e.path === '/rest/api/3/bulk/issues/move',
    )!;
    const found = unpatched.validate(move);
    expect(found.map((p) => p.where)).toEqual(['request body']);
    expect(found[0]!.messages.join('\n')).toMatch(/targetToMultipleSourceMapping/);
  });

  it('flags query parameters the operation does not describe', () => {
    const get = standIn.exchanges.find((e) => e.method === 'GET' && e.path === '/rest/api/3/field')!;
    const found = checker.validate({ ...get, query: { expandAll: 'true' } });
    expect(found).toEqual([expect.objectContaining({ where: 'query parameter expandAll' })]);
  });
});
