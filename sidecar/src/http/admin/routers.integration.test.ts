import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SETTINGS } from '@frontline/shared';
import { startSidecar, type RunningSidecar } from '../../compose.js';
import { silentLogger, testConfig } from '../../../test/sidecar.js';
import { freshStore, storeKinds, type StoreUnderTest } from '../../../test/stores.js';
import type { Config } from '../../config.js';
import { startTestJwks, TEST_APP_ID, type TestJwks } from '../forge/testing.js';
import { enqueueMessage } from '../../notify/outbox.js';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'northwind-admin-token-0123456789';
const SECRET_KEY = 'northwind-secret-key-for-tokens-at-rest-0001';

describe.each(storeKinds('admin and Forge routers in the sidecar'))('the whole sidecar on %s', (kind) => {
  let store: StoreUnderTest;
  let jwks: TestJwks;
  let dir: string;
  let sidecar: RunningSidecar | undefined;

  beforeAll(async () => {
    jwks = await startTestJwks();
    await jwks.addKey('forge-1');
    dir = mkdtempSync(join(tmpdir(), 'frontline-settings-'));
  });
  afterAll(async () => {
    await jwks.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(async () => {
    await sidecar?.stop();
    sidecar = undefined;
    await store.dispose();
  });

  const start = (settingsFile: string | undefined, overrides: Partial<Config> = {}) =>
    startSidecar({
      config: testConfig(store, {
        adminToken: ADMIN_TOKEN,
        secretKey: SECRET_KEY,
        forge: { appId: TEST_APP_ID, jwksUrl: jwks.url },
        settingsFile,
        ...overrides,
      }),
      log: silentLogger(),
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      routers: true,
    });
  const admin = (path: string) =>
    fetch(sidecar!.url + path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

  it('loads the settings file, serves /api and accepts Forge events through the real intake', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify(DEMO_SETTINGS));
    sidecar = await start(file);

    const settings = (await (await admin('/api/settings')).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({ version: 1, updatedBy: `file:${file}` });
    expect(await (await admin('/api/jobs/failed')).json()).toEqual({ jobs: [] });

    const post = async (body: object) =>
      fetch(`${sidecar!.url}/forge/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await jwks.sign('forge-1')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const event = { eventType: 'avi:jira:created:issue', issue: { id: '10001', key: 'SUP-1' } };
    const first = await post(event);
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const retry = await post({
      ...event,
      retryContext: { retryCount: 1, retryReason: 'TIMEOUT_ERROR', retryData: null },
    });
    expect([retry.status, await retry.json()]).toEqual([200, { id, duplicate: true }]);
    const stored = await sidecar.db.query<{ source: string; event_type: string }>(
      'SELECT source, event_type FROM intake_events WHERE id = $1',
      [id],
    );
    expect(stored.rows).toEqual([{ source: 'forge-event', event_type: 'avi:jira:created:issue' }]);
  });

  it('does not add a version when restarted with the same settings file', async () => {
    const file = join(dir, 'same.json');
    writeFileSync(file, JSON.stringify(DEMO_SETTINGS));
    // A restart needs a store that outlives the process: a directory for PGlite.
    await store.dispose();
    store = await freshStore(kind, { onDisk: true });
    sidecar = await start(file);
    await sidecar.stop();
    sidecar = await start(file);
    const versions = (await (await admin('/api/settings/versions')).json()) as {
      versions: { version: number }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([1]);
  });

  it('refuses to start with an invalid or unreadable settings file, naming the field', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...DEMO_SETTINGS, slaPolicies: [{ id: 'x' }] }));
    await expect(start(file)).rejects.toThrow(
      /FRONTLINE_SETTINGS_FILE: .*bad\.json is not valid settings:\n\s+slaPolicies\.0\./,
    );
    await expect(start(join(dir, 'missing.json'))).rejects.toThrow(/FRONTLINE_SETTINGS_FILE: cannot read/);
  });

  it('refuses every /forge call when FORGE_APP_ID is not set', async () => {
    sidecar = await start(undefined, { forge: { appId: undefined, jwksUrl: jwks.url } });
    const res = await fetch(`${sidecar.url}/forge/events`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_fit', message: 'Forge Remote is disabled: FORGE_APP_ID is not set' },
    });
  });

  it('lists notifications that need a person beside failed jobs, and retries them from the same route', async () => {
    sidecar = await startSidecar({
      config: testConfig(store, { adminToken: ADMIN_TOKEN }),
      log: silentLogger(),
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      notifications: true,
      routers: true,
    });
    // No e-mail channel is configured, so the worker holds the message for a person to see.
    const { id } = await enqueueMessage(
      sidecar.db,
      {
        idempotencyKey: 'digest:tsm-volga:2026-11-23',
        channel: 'email',
        recipient: 'm.orlova@northwind.example',
        message: {
          subject: 'Unassigned tickets this morning',
          text: 'SUP-12 Volga Freight: 1C posting error',
        },
      },
      new Date(),
    );
    let jobs: { id: string; data: { status: string } }[] = [];
    for (let i = 0; i < 40 && jobs.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      jobs = ((await (await admin('/api/jobs/failed')).json()) as { jobs: typeof jobs }).jobs;
    }
    expect(jobs).toEqual([
      expect.objectContaining({ id, data: expect.objectContaining({ status: 'held' }) }),
    ]);
    const retried = await fetch(`${sidecar.url}/api/jobs/${id}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(retried.status).toBeLessThan(300);
  });
});
