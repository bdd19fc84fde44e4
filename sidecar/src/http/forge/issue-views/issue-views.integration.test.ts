// The contract panel and temperature glance routes behind a real FIT check (test JWKS on loopback),
// reading issues from the Jira stand-in as the app.
import express from 'express';
import { pino } from 'pino';
import { ContractSchema, TEMPERATURE_FACTORS, bandOf } from '@frontline/shared';
import type { Contract } from '@frontline/shared';
import { DEMO_APP_TOKEN, DEMO_CREDENTIALS, startJiraStandIn } from '../../../../sandbox/index.js';
import type { JiraStandIn } from '../../../../sandbox/index.js';
import { DEMO_CONTRACTS } from '../../../../demo/contracts.js';
import { createJiraGateway } from '../../../trackers/jira/index.js';
import type { JiraGateway } from '../../../trackers/jira/types.js';
import { openDb, type OpenDb } from '../../../store/open.js';
import { demoTemperatureWorld, quietLog } from '../../../temperature/testing.js';
import type { TemperatureWorld } from '../../../temperature/reading.js';
import { errorMiddleware, notFound } from '../../errors.js';
import { listen, type Listening } from '../../admin/testing.js';
import { createForgeRouter } from '../index.js';
import { startTestJwks, TEST_APP_ID, type TestJwks } from '../testing.js';
import { createIssueViewsRouter } from './index.js';

const log = pino({ level: 'silent' });
// Moscow: Tuesday 24 November 2026 is an ordinary day; Monday 30 November is the month's last business day.
const ORDINARY_DAY = new Date('2026-11-24T07:00:00Z');
const CLOSING_DAY = new Date('2026-11-30T07:00:00Z');

let db: OpenDb;
let jwks: TestJwks;
let standIn: JiraStandIn;
let app: JiraGateway | undefined;
let server: Listening;
let world: TemperatureWorld;
let now: Date;

/** A second TransLogistic contract covering incidents only: a service request under it is paid work. */
const extraContract: Contract = ContractSchema.parse({
  ...DEMO_CONTRACTS[0]!,
  id: 'TL-2026-HW',
  number: 'NW-2026/015',
  title: 'Warehouse scanners maintenance',
  lineOfBusiness: 'Hardware maintenance',
  validity: { from: '2026-06-01', timeZone: 'Europe/Moscow' },
  coverage: { requestTypes: ['Incident'] },
  paidWork: [
    {
      description: 'Configuring new scanners',
      requestTypes: ['Service request'],
      requiresApprovalBeforeStart: true,
    },
  ],
});

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  jwks = await startTestJwks();
  await jwks.addKey('forge-1');
  const web = express();
  web.use(
    '/forge',
    createForgeRouter({
      db,
      log,
      fit: { appId: TEST_APP_ID, jwksUrl: jwks.url, cooldownMs: 0 },
      acceptEvent: () => Promise.reject(new Error('no events in this test')),
      routers: [
        createIssueViewsRouter({
          db,
          world: async () => world,
          jiraFor: async () => app,
          now: () => now,
        }),
      ],
    }),
  );
  web.use(notFound);
  web.use(errorMiddleware(log));
  server = await listen(web);
}, 60_000);
afterAll(async () => {
  await server.close();
  await jwks.close();
  await db.close();
});
beforeEach(async () => {
  standIn = await startJiraStandIn({ seed: true });
  app = createJiraGateway({
    baseUrl: standIn.url,
    auth: { type: 'basic', ...DEMO_CREDENTIALS },
    logger: quietLog,
  }).forAppToken(DEMO_APP_TOKEN, standIn.url);
  const demo = demoTemperatureWorld();
  world = { ...demo, contracts: [...demo.contracts, extraContract] };
  now = ORDINARY_DAY;
});
afterEach(async () => {
  await standIn.close();
});

async function get(path: string, fit: string | null | undefined = undefined) {
  const token = fit === undefined ? await jwks.sign('forge-1') : fit;
  const res = await fetch(server.url + path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: JSON.parse(await res.text()) };
}

const keyOf = (customerOrg: number) =>
  standIn.state
    .issues()
    .find(
      (i) =>
        (i.custom.customfield_10002 as { id: number }[] | undefined)?.[0]?.id === customerOrg &&
        i.issueTypeId === '10001',
    )!.key;

describe('GET /forge/api/issues/:key/temperature', () => {
  it('refuses a call without a FIT', async () => {
    const res = await get('/forge/api/issues/SUP-1/temperature', null);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_fit');
  });

  it('explains the score: five factors adding up to it, reasons in English and Russian', async () => {
    now = new Date(Date.now() + 26 * 3_600_000);
    const issue = standIn.state.issues().find((i) => i.priorityId === '1')!;
    const res = await get(`/forge/api/issues/${issue.key}/temperature`);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.factors.map((f: { factor: string }) => f.factor)).toEqual([...TEMPERATURE_FACTORS]);
    expect(body.factors.reduce((sum: number, f: { points: number }) => sum + f.points, 0)).toBe(body.score);
    expect(body.band).toBe(bandOf(body.score, world.settings.temperature));
    for (const f of body.factors) {
      expect(f.reason.en).not.toBe('');
      expect(f.reason.ru).toMatch(/[а-яё]/i);
    }
    const priority = body.factors.find((f: { factor: string }) => f.factor === 'priority');
    expect(priority.reason).toEqual({
      code: 'temperature.priority',
      params: { priority: 'highest' },
      en: 'Priority Highest',
      ru: 'Приоритет наивысший',
    });
    const silence = body.factors.find((f: { factor: string }) => f.factor === 'silence');
    expect(silence.reason).toMatchObject({ code: 'temperature.silenceHours', params: { hours: 26 } });
    expect(silence.reason.en).toContain('26 hours');
    expect(silence.reason.ru).toContain('26 часов');
    expect(body.historySource).toBe('jira-fields');
  });

  it('uses the stored history when the sidecar saw the issue: a public reply ends the silence', async () => {
    now = new Date(Date.now() + 26 * 3_600_000);
    // An internal HW task: no contract, so the score stays far below the cap and every point shows.
    const issue = standIn.state.issues().find((i) => i.key.startsWith('HW-'))!;
    const before = (await get(`/forge/api/issues/${issue.key}/temperature`)).body;
    const replied = new Date(now.getTime() - 30 * 60_000).toISOString();
    const facts = [
      { type: 'created', at: issue.created, priority: 'medium' },
      { type: 'comment', at: replied, author: 'agent', public: true },
    ];
    for (const [seq, fact] of facts.entries())
      await db.query(
        'INSERT INTO issue_history (issue_key, event_id, seq, at, fact) VALUES ($1, $2, $3, $4, $5)',
        [issue.key, '6f1c2b9e-0000-4000-8000-000000000001', seq, fact.at, JSON.stringify(fact)],
      );
    const after = (await get(`/forge/api/issues/${issue.key}/temperature`)).body;
    expect(after.historySource).toBe('events');
    const silenceFactor = (t: { factors: { factor: string; points: number; reason: { en: string } }[] }) =>
      t.factors.find((f) => f.factor === 'silence')!;
    expect(silenceFactor(after).reason.en).toContain('30 minutes');
    expect(silenceFactor(after).points).toBeLessThan(silenceFactor(before).points);
    expect(after.score).toBeLessThan(before.score);
  });

  it('says what is wrong: bad key 400, unknown issue 404, no app token 503', async () => {
    expect((await get('/forge/api/issues/not-a-key/temperature')).status).toBe(400);
    const missing = await get('/forge/api/issues/SUP-999/temperature');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'issue_not_found']);
    app = undefined;
    const noToken = await get('/forge/api/issues/SUP-1/temperature');
    expect([noToken.status, noToken.body.error.code]).toEqual([503, 'no_app_token']);
  });
});

describe('GET /forge/api/issues/:key/contracts', () => {
  it("lists every contract of the issue's customer with terms, zones, manager, links and the verdict", async () => {
    const key = keyOf(1); // TransLogistic, a service request
    const res = await get(`/forge/api/issues/${key}/contracts`);
    expect(res.status).toBe(200);
    const panel = res.body;
    expect(panel).toMatchObject({
      state: 'matched',
      customer: { id: 'translogistic', name: 'TransLogistic', matchedBy: 'organization' },
      request: { requestType: 'Service request' },
    });
    expect(panel.contracts.map((c: { id: string }) => c.id)).toEqual(['TL-2026-01', 'TL-2026-HW']);
    const [main, extra] = panel.contracts;
    expect(main.appliesToThisRequest).toBe(true);
    expect(main.verdict.verdict).toBe('covered');
    expect(main.sla).toMatchObject({ policyId: 'logistics-close', timeZone: 'Europe/Moscow' });
    expect(main.sla.targets.resolution.medium).toBe(480);
    expect(main.responsibilityZones.customers[0]).toContain('audit trail');
    expect(main.serviceManager.name).toBe('Sergey Lebedev');
    expect(main.masterSystem.contractUrl).toBe('https://crm.northwind.example/contracts/TL-2026-01');
    expect(main.communication).toMatchObject({ channel: 'phone', detail: 'brief' });
    expect(extra.appliesToThisRequest).toBe(false);
    expect(extra.verdict).toMatchObject({ verdict: 'paidWork', requiresApprovalBeforeStart: true });
    expect(extra.verdict.reason.en).toContain('Configuring new scanners');
  });

  it('flags the month-end close as active on closing day, with what it changes', async () => {
    const key = keyOf(1);
    const ordinary = (await get(`/forge/api/issues/${key}/contracts`)).body.contracts[0].periods;
    expect(ordinary).toEqual([expect.objectContaining({ name: 'month-end close', active: false })]);
    now = CLOSING_DAY;
    const [close] = (await get(`/forge/api/issues/${key}/contracts`)).body.contracts[0].periods;
    expect(close).toMatchObject({
      name: 'month-end close',
      active: true,
      schedule: { lastBusinessDaysOfMonth: 2 },
      changes: { priority: 'highest', hours: [['00:00', '24:00']], temperatureBoost: 30 },
    });
    expect(close.summary.en).toBe(
      'Requests are treated as Highest priority; support runs round the clock; temperature +30',
    );
    expect(close.summary.ru).toContain('круглосуточно');
    expect(close.says.map((m: { code: string }) => m.code)).toEqual([
      'period.priority',
      'period.roundTheClock',
      'period.temperature',
    ]);
  });

  it('says so when no customer matches, and when no contracts are loaded at all', async () => {
    const internal = standIn.state.issues().find((i) => i.key.startsWith('HW-'))!;
    const none = (await get(`/forge/api/issues/${internal.key}/contracts`)).body;
    expect(none).toMatchObject({ state: 'noCustomer', contracts: [] });
    expect(none.message).toMatchObject({
      code: 'contracts.noCustomer',
      params: {},
      en: expect.stringContaining('No customer contract matches this request'),
      ru: expect.stringContaining('Ни один договор не подходит'),
    });
    world = { ...world, contracts: [] };
    const empty = (await get(`/forge/api/issues/${keyOf(1)}/contracts`)).body;
    expect(empty).toMatchObject({
      state: 'noContracts',
      contracts: [],
      message: { code: 'contracts.noContracts', ru: expect.stringContaining('Договоры ещё не загружены') },
    });
  });
});
