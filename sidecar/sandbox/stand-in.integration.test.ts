// The stand-in's own behaviour: authentication, signed admin webhooks with retries, and the
// Jira rules Frontline relies on.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_APP_TOKEN,
  DEMO_CREDENTIALS,
  DEMO_CUSTOMERS,
  DEMO_LIVE_TICKETS,
  DEMO_STAFF,
  startJiraStandIn,
  type JiraStandIn,
} from './index.js';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: Record<string, unknown>;
}

/** A webhook receiver on loopback that answers with the queued statuses, then 200. */
async function receiver(
  statuses: number[] = [],
): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown> });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jira`,
    deliveries,
    server,
  };
}

const basic = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.email}:${DEMO_CREDENTIALS.apiToken}`).toString('base64')}`;
const SECRET = 'northwind-webhook-secret';

let standIn: JiraStandIn;
let servers: Server[] = [];
beforeEach(async () => {
  standIn = await startJiraStandIn({ webhookRetry: { baseDelayMs: 10 } });
});
afterEach(async () => {
  await standIn.close();
  for (const s of servers) s.close();
  servers = [];
});

const api = (path: string, init: RequestInit & { auth?: string } = {}): Promise<Response> =>
  fetch(`${standIn.url}${path}`, {
    ...init,
    headers: { Authorization: init.auth ?? basic, 'Content-Type': 'application/json' },
  });

describe('authentication', () => {
  it.each([
    ['no credentials', ''],
    ['a wrong API token', `Basic ${Buffer.from(`${DEMO_CREDENTIALS.email}:guess`).toString('base64')}`],
    ['an unknown bearer token', 'Bearer not-the-app'],
  ])('answers 401 with a Jira error body for %s', async (_name, auth) => {
    const res = await api('/rest/api/3/project/search', { auth });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errorMessages: [expect.stringMatching(/not authenticated/)],
      errors: {},
    });
  });

  it("accepts the Forge app's token as a bearer", async () => {
    const res = await api('/rest/api/3/project/SUP', { auth: `Bearer ${DEMO_APP_TOKEN}` });
    expect(res.status).toBe(200);
  });
});

describe('admin webhooks', () => {
  it('signs each delivery over the raw body and sends the identifier', async () => {
    const r = await receiver();
    servers.push(r.server);
    const reg = await api('/rest/webhooks/1.0/webhook', {
      method: 'POST',
      body: JSON.stringify({ name: 'Frontline', url: r.url, secret: SECRET, events: ['jira:issue_created'] }),
    });
    expect(reg.status).toBe(201);
    const created = await api('/rest/api/3/issue', {
      method: 'POST',
      body: JSON.stringify({
        fields: {
          project: { key: 'SUP' },
          issuetype: { name: 'Incident' },
          summary: 'Core switch reboots every hour',
        },
      }),
    });
    expect(created.status).toBe(201);
    await standIn.webhooksIdle();
    expect(r.deliveries).toHaveLength(1);
    const d = r.deliveries[0]!;
    const expected = `sha256=${createHmac('sha256', SECRET).update(d.raw).digest('hex')}`;
    expect(d.headers['x-hub-signature']).toBe(expected);
    expect(d.headers['x-atlassian-webhook-identifier']).toEqual(expect.any(String));
    expect(d.headers['x-atlassian-webhook-retry']).toBeUndefined();
    expect(d.body).toMatchObject({
      webhookEvent: 'jira:issue_created',
      issue_event_type_name: 'issue_created',
      timestamp: expect.any(Number),
      user: { accountType: 'atlassian', displayName: 'Northwind automation' },
      issue: {
        key: 'SUP-4',
        fields: { summary: 'Core switch reboots every hour', issuetype: { name: 'Incident' } },
      },
    });
  });

  it('retries on 503 and 429 with the same identifier and a retry counter, then stops', async () => {
    const r = await receiver([503, 429]);
    servers.push(r.server);
    standIn.registerWebhook({ url: r.url, secret: SECRET });
    standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10002',
      summary: 'Replication lag on the reporting replica',
    });
    await standIn.webhooksIdle();
    expect(r.deliveries).toHaveLength(3);
    const ids = new Set(r.deliveries.map((d) => d.headers['x-atlassian-webhook-identifier']));
    expect(ids.size).toBe(1);
    expect(r.deliveries.map((d) => d.headers['x-atlassian-webhook-retry'])).toEqual([undefined, '1', '2']);
    expect(standIn.state.deliveries().map((a) => a.status)).toEqual([503, 429, 200]);
  });

  it('does not retry an answer Jira treats as final (400)', async () => {
    const r = await receiver([400]);
    servers.push(r.server);
    standIn.registerWebhook({ url: r.url, secret: SECRET });
    standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10002',
      summary: 'Slow query on the orders table',
    });
    await standIn.webhooksIdle();
    expect(r.deliveries).toHaveLength(1);
  });

  it('announces assignments with a changelog and comments with their text', async () => {
    const r = await receiver();
    servers.push(r.server);
    standIn.registerWebhook({ url: r.url, secret: SECRET });
    const engineer = DEMO_STAFF[1]!.accountId;
    expect(
      (
        await api('/rest/api/3/issue/SUP-1/assignee', {
          method: 'PUT',
          body: JSON.stringify({ accountId: engineer }),
        })
      ).status,
    ).toBe(204);
    const comment = {
      body: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Restoring from backup.' }] }],
      },
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    };
    expect(
      (await api('/rest/api/3/issue/SUP-1/comment', { method: 'POST', body: JSON.stringify(comment) }))
        .status,
    ).toBe(201);
    await standIn.webhooksIdle();
    const [assigned, commented] = r.deliveries.map((d) => d.body);
    expect(assigned).toMatchObject({
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_assigned',
      changelog: { items: [{ field: 'assignee', from: null, to: engineer, toString: 'Olga Kuznetsova' }] },
    });
    expect(commented).toMatchObject({
      webhookEvent: 'comment_created',
      comment: { body: 'Restoring from backup.', jsdPublic: false },
      issue: { key: 'SUP-1' },
    });
  });

  it('raises the live demo tickets with their customers as reporters', async () => {
    const r = await receiver();
    servers.push(r.server);
    standIn.registerWebhook({ url: r.url, secret: SECRET });
    const tickets = standIn.createDemoTickets();
    await standIn.webhooksIdle();
    expect(tickets).toHaveLength(DEMO_LIVE_TICKETS.length);
    expect(r.deliveries.map((d) => d.body.webhookEvent)).toEqual(
      DEMO_LIVE_TICKETS.map(() => 'jira:issue_created'),
    );
    const contacts = new Set(DEMO_CUSTOMERS.flatMap((c) => c.contacts.map((p) => p.accountId)));
    expect(tickets.every((t) => t.reporterId !== null && contacts.has(t.reporterId))).toBe(true);
  });
});

describe('Jira rules', () => {
  it('refuses a plain-string description in v3 (ADF only)', async () => {
    const res = await api('/rest/api/3/issue', {
      method: 'POST',
      body: JSON.stringify({
        fields: {
          project: { key: 'SUP' },
          issuetype: { id: '10001' },
          summary: 'x',
          description: 'plain text',
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: { description: expect.stringMatching(/Atlassian Document/) },
    });
  });

  it('reports a move as queued, running, then complete, and keeps answering to the old key', async () => {
    const moved = await api('/rest/api/3/bulk/issues/move', {
      method: 'POST',
      body: JSON.stringify({
        targetToSourcesMapping: {
          'DB,10003': {
            issueIdsOrKeys: ['SUP-1'],
            inferFieldDefaults: true,
            inferStatusDefaults: true,
            inferSubtaskTypeDefault: true,
            inferClassificationDefaults: true,
          },
        },
      }),
    });
    expect(moved.status).toBe(201);
    const { taskId } = (await moved.json()) as { taskId: string };
    const seen: string[] = [];
    while (seen.at(-1) !== 'COMPLETE') {
      const progress = (await (await api(`/rest/api/3/bulk/queue/${taskId}`)).json()) as { status: string };
      if (seen.at(-1) !== progress.status) seen.push(progress.status);
    }
    expect(seen).toEqual(['ENQUEUED', 'RUNNING', 'COMPLETE']);
    const byOldKey = (await (await api('/rest/api/3/issue/SUP-1?fields=project')).json()) as { key: string };
    expect(byOldKey.key).toMatch(/^DB-\d+$/);
  });

  it('rejects unbounded and malformed searches and bad page tokens with 400', async () => {
    for (const query of ['jql=', 'jql=project%20%3D%20SUP&nextPageToken=garbage']) {
      const res = await api(`/rest/api/3/search/jql?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errorMessages: string[] }).errorMessages).toHaveLength(1);
    }
  });

  it('finds unassigned open tickets with the JQL the sidecar uses', async () => {
    const res = await api('/rest/api/3/search/jql', {
      method: 'POST',
      body: JSON.stringify({
        jql: 'project = SUP AND statusCategory != Done AND assignee is EMPTY ORDER BY key ASC',
        fields: ['summary'],
      }),
    });
    const body = (await res.json()) as { issues: { key: string }[]; isLast: boolean };
    expect(body.issues.map((i) => i.key)).toEqual(['SUP-1', 'SUP-2', 'SUP-3']);
    expect(body.isLast).toBe(true);
  });
});
