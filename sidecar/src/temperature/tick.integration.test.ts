// The whole path on a running sidecar: a Forge scheduled tick (FIT-signed, with the app system
// token) → accepted at /forge/events → intake → temperature.sweep job → the stand-in's Temperature
// field written as the app. And the operator's route that asks for a sweep without Forge.
import {
  DEMO_APP_TOKEN,
  DEMO_FIELD_IDS,
  DEMO_TEMPERATURE_FIELD_KEY,
  startJiraStandIn,
} from '../../sandbox/index.js';
import type { JiraStandIn } from '../../sandbox/index.js';
import { freshStore, type StoreUnderTest } from '../../test/stores.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import {
  fitClaims,
  startTestJwks,
  TEST_APP_ID,
  TEST_INSTALLATION_ID,
  type TestJwks,
} from '../http/forge/testing.js';
import { createJiraGateway } from '../trackers/jira/index.js';
import { startSidecar, type RunningSidecar } from '../compose.js';
import { quietLog } from './testing.js';

const ADMIN_TOKEN = 'northwind-admin-token-0001';
const SECRET_KEY = 'northwind-sidecar-secret-key-000000001';

let store: StoreUnderTest;
let jwks: TestJwks;
let standIn: JiraStandIn;
let sidecar: RunningSidecar;

beforeAll(async () => {
  store = await freshStore('pglite');
  jwks = await startTestJwks();
  await jwks.addKey('forge-1');
  standIn = await startJiraStandIn({ seed: true });
  sidecar = await startSidecar({
    config: testConfig(store, {
      adminToken: ADMIN_TOKEN,
      secretKey: SECRET_KEY,
      forge: { appId: TEST_APP_ID, jwksUrl: jwks.url },
      temperatureField: DEMO_TEMPERATURE_FIELD_KEY,
    }),
    log: silentLogger(),
    lockWaitMs: 0,
    pollingIntervalSeconds: 0.5,
    routers: true,
    localAppTracker: createJiraGateway({
      baseUrl: standIn.url,
      auth: { type: 'appToken', token: DEMO_APP_TOKEN },
      logger: quietLog,
    }),
  });
}, 120_000);
afterAll(async () => {
  await sidecar.stop();
  await standIn.close();
  await jwks.close();
  await store.dispose();
});

/** Resolves once `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const temperatures = () => standIn.state.issues().map((i) => i.custom[DEMO_FIELD_IDS.temperature]);

async function sweepJobs(): Promise<{ state: string; data: { trigger: string; installationId?: string } }[]> {
  const { rows } = await sidecar.db.query<{
    state: string;
    data: { trigger: string; installationId?: string };
  }>(
    "SELECT state::text AS state, data FROM pgboss.job WHERE name = 'temperature.sweep' ORDER BY created_on",
  );
  return rows;
}

async function tick(contextToken: string) {
  const fit = await jwks.sign(
    'forge-1',
    fitClaims({ app: { ...(fitClaims().app as object), apiBaseUrl: standIn.url } }),
  );
  return fetch(`${sidecar.url}/forge/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${fit}`,
      'x-forge-oauth-system': DEMO_APP_TOKEN,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ context: { cloudId: 'c1', moduleKey: 'temperature-sweep' }, contextToken }),
  });
}

describe('scheduled tick → temperature sweep', () => {
  it('sweeps the installation with the app token the tick brought; a redelivered tick sweeps nothing more', async () => {
    const res = await tick('tick-0001');
    expect(res.status).toBe(202);
    await eventually(() => temperatures().every((t) => typeof t === 'number'));
    await eventually(async () => (await sweepJobs()).every((j) => j.state === 'completed'));
    const jobs = await sweepJobs();
    expect(jobs).toEqual([
      {
        state: 'completed',
        data: expect.objectContaining({ trigger: 'tick', installationId: TEST_INSTALLATION_ID }),
      },
    ]);
    const again = await tick('tick-0001');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await sweepJobs()).toHaveLength(1);
  }, 60_000);

  it('lets an operator ask for a sweep (admin token required)', async () => {
    const refused = await fetch(`${sidecar.url}/api/temperature/sweep`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const bad = await fetch(`${sidecar.url}/api/temperature/sweep`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ installationId: 42 }),
    });
    expect(bad.status).toBe(422);
    const res = await fetch(`${sidecar.url}/api/temperature/sweep`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const { jobId, scope } = (await res.json()) as { jobId: string; scope: string };
    expect(scope).toBe('local');
    await eventually(async () => {
      const { rows } = await sidecar.db.query<{ state: string }>(
        'SELECT state::text AS state FROM pgboss.job WHERE id = $1',
        [jobId],
      );
      return rows[0]?.state === 'completed';
    });
  }, 60_000);
});
