import { jest } from '@jest/globals';
import { Writable } from 'node:stream';
import express, { Router } from 'express';
import { pino } from 'pino';
import { Counter, Registry } from 'prom-client';
import { DEFAULT_TEMPERATURE_POLICY } from '@frontline/shared';
import { errorMiddleware, notFound } from '../errors.js';
import { listen, openTestStore, testStoreKinds, type Listening, type TestStore } from '../admin/testing.js';
import { createAppTokenStore, type AppTokenStore } from '../../secrets/app-tokens.js';
import { createSecretBox } from '../../secrets/secret-box.js';
import { createForgeRouter, forgeClaims, type ForgeIncomingEvent } from './index.js';
import { startTestJwks, TEST_APP_ID, TEST_INSTALLATION_ID, type TestJwks } from './testing.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const appToken = (marker: string, expSec: number) =>
  `${b64({ alg: 'RS256' })}.${b64({ exp: expSec, sub: marker })}.sig-${marker}`;

const issueCreated = {
  eventType: 'avi:jira:created:issue',
  issue: { id: '10042', key: 'SUP-42', fields: { summary: 'RAID controller failure at the Tver warehouse' } },
  atlassianId: '5b10ac8d82e05b22cc7d4ef5',
};

// Opening a store (PGlite's first start, a new Postgres database) is slow on a busy machine.
jest.setTimeout(60_000);

describe.each(testStoreKinds('Forge router'))('Forge router on %s', (kind) => {
  let store: TestStore;
  let jwks: TestJwks;
  let server: Listening;
  let tokens: AppTokenStore;
  const logLines: string[] = [];
  const intake = new Counter({
    name: 'forge_intake_test_total',
    help: 'test',
    labelNames: ['source', 'result'] as const,
    registers: [new Registry()],
  });
  const accepted: ForgeIncomingEvent[] = [];
  const systemToken = appToken('SYSTEM-TOKEN-SECRET', Math.floor(Date.now() / 1000) + 7200);
  const userToken = appToken('USER-TOKEN-SECRET', Math.floor(Date.now() / 1000) + 3600);

  beforeAll(async () => {
    store = await openTestStore(kind);
    jwks = await startTestJwks();
    await jwks.addKey('forge-1');
    const log = pino(
      { level: 'trace' },
      new Writable({
        write(chunk, _enc, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    );
    tokens = createAppTokenStore({ db: store.db, box: createSecretBox('northwind-forge-secret-key-000001') });
    const seen = new Map<string, string>();
    const extra = Router();
    extra.get('/echo', (req, res) => {
      res.json({
        installationId: forgeClaims(res).installationId,
        leaked: req.headers['x-forge-oauth-system'] ?? null,
      });
    });
    extra.get('/boom', () => {
      throw new Error('suggestions failed');
    });
    const app = express();
    app.use(
      '/forge',
      createForgeRouter({
        db: store.db,
        log,
        fit: { appId: TEST_APP_ID, jwksUrl: jwks.url, cooldownMs: 0 },
        appTokens: tokens,
        routers: [extra],
        purgeEveryMs: 0,
        metrics: { intake },
        async acceptEvent(event) {
          accepted.push(event);
          const known = seen.get(event.idempotencyKey);
          if (known) return { id: known, duplicate: true };
          const id = `evt-${seen.size + 1}`;
          seen.set(event.idempotencyKey, id);
          return { id, duplicate: false };
        },
      }),
    );
    app.use(notFound);
    app.use(errorMiddleware(log));
    server = await listen(app);
  });
  afterAll(async () => {
    await server.close();
    await jwks.close();
    await store.dispose();
  });

  const call = async (
    method: string,
    path: string,
    opts: { fit?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const fit = opts.fit === undefined ? await jwks.sign('forge-1') : opts.fit;
    const headers: Record<string, string> = {
      ...(fit ? { authorization: `Bearer ${fit}` } : {}),
      ...opts.headers,
    };
    const init: RequestInit = { method, headers };
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const withTokens = { 'x-forge-oauth-system': systemToken, 'x-forge-oauth-user': userToken };

  it('refuses requests without a valid FIT with 401 and the reason', async () => {
    expect((await call('POST', '/forge/events', { fit: null, body: issueCreated })).body).toEqual({
      error: { code: 'invalid_fit', message: 'missing bearer token in the Authorization header' },
    });
    const expired = await jwks.sign('forge-1', {}, { issuedAt: Math.floor(Date.now() / 1000) - 600 });
    const res = await call('POST', '/forge/events', { fit: expired, body: issueCreated });
    expect([res.status, res.body.error.message]).toEqual([401, 'token expired']);
    const otherApp = await jwks.sign('forge-1', {}, { audience: 'ari:cloud:ecosystem::app/other' });
    expect((await call('GET', '/forge/api/health', { fit: otherApp })).status).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it('accepts a product event (202) and recognises its retry (200 duplicate)', async () => {
    const first = await call('POST', '/forge/events', { body: issueCreated });
    expect(first).toEqual({ status: 202, body: { id: 'evt-1' } });
    expect(accepted[0]).toMatchObject({
      source: 'forge-event',
      eventType: 'avi:jira:created:issue',
      payload: {
        event: issueCreated,
        invocation: { installationId: TEST_INSTALLATION_ID, systemTokenStored: false },
      },
    });
    const retry = {
      ...issueCreated,
      retryContext: { retryCount: 1, retryReason: 'TIMEOUT_ERROR', retryData: null },
    };
    expect(await call('POST', '/forge/events', { body: retry })).toEqual({
      status: 200,
      body: { id: 'evt-1', duplicate: true },
    });
  });

  it('accepts each scheduled tick as its own event', async () => {
    const tick = (token: string) => ({
      context: { cloudId: 'c1', moduleKey: 'temperature-sweep' },
      contextToken: token,
    });
    const a = await call('POST', '/forge/events', { body: tick('tick-1'), headers: withTokens });
    const b = await call('POST', '/forge/events', { body: tick('tick-2'), headers: withTokens });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(accepted.at(-1)).toMatchObject({
      eventType: 'scheduled:temperature-sweep',
      payload: { invocation: { systemTokenStored: true } },
    });
  });

  it('says which field is missing when the body is not a Forge event', async () => {
    const res = await call('POST', '/forge/events', { body: { issue: { key: 'SUP-1' } } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'not_a_forge_event',
      message: expect.stringContaining('"eventType"'),
    });
  });

  const postEventText = async (text: string, contentType = 'application/json') => {
    const res = await fetch(`${server.url}/forge/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await jwks.sign('forge-1')}`, 'content-type': contentType },
      body: text,
    });
    return {
      status: res.status,
      body: (await res.json()) as { error: { code: string; message: string; details?: { path: string }[] } },
    };
  };

  it('refuses event bodies the store cannot hold with 400 naming the field', async () => {
    const before = accepted.length;
    const nul = JSON.stringify(issueCreated).replace('RAID', 'RA\\u0000ID');
    const res = await postEventText(nul);
    expect([res.status, res.body.error.code, res.body.error.details?.[0]?.path]).toEqual([
      400,
      'unstorable_text',
      'issue.fields.summary',
    ]);
    const deep = JSON.stringify(issueCreated).replace(
      /}$/,
      `,"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );
    const tooDeep = await postEventText(deep);
    expect([tooDeep.status, tooDeep.body.error.code]).toEqual([400, 'too_deep']);
    const cp1251 = await postEventText(
      JSON.stringify(issueCreated),
      'application/json; charset=windows-1251',
    );
    expect(cp1251.status).toBe(415);
    expect(accepted.length).toBe(before);
  });

  it.each([
    ['in year 275760', 8_640_000_000_000_000],
    ['before 2000', Date.UTC(1999, 0, 1)],
    ['two days ahead', Date.now() + 2 * 86_400_000],
  ])('refuses an event timestamp %s with 400 naming timestamp', async (_label, timestamp) => {
    const before = accepted.length;
    const res = await call('POST', '/forge/events', { body: { ...issueCreated, timestamp } });
    expect([res.status, res.body.error.details]).toEqual([
      400,
      [expect.objectContaining({ path: 'timestamp' })],
    ]);
    expect(accepted.length).toBe(before);
  });

  it('counts bodies refused by the JSON parser as malformed', async () => {
    const count = async () =>
      (await intake.get()).values.find((v) => v.labels.result === 'malformed')?.value ?? 0;
    const before = await count();
    await postEventText('{"eventType": "avi:jira:created:issue", "x": "\\u0000"}');
    expect(await count()).toBe(before + 1);
  });

  it('keeps app tokens sealed at rest, per installation and per user', async () => {
    const fit = await jwks.sign('forge-1', { principal: '5b10ac8d82e05b22cc7d4ef5' });
    await call('GET', '/forge/api/health', { fit, headers: withTokens });
    const rows = await store.db.query<{ sealed_token: string; kind: string }>(
      'SELECT kind, sealed_token FROM forge_app_tokens ORDER BY kind',
    );
    expect(rows.rows.map((r) => r.kind)).toEqual(['system', 'user']);
    for (const row of rows.rows) expect(row.sealed_token).not.toMatch(/TOKEN-SECRET|sig-/);
    expect((await tokens.get({ installationId: TEST_INSTALLATION_ID, kind: 'system' }))?.token).toBe(
      systemToken,
    );
    const user = await tokens.get({
      installationId: TEST_INSTALLATION_ID,
      kind: 'user',
      principal: '5b10ac8d82e05b22cc7d4ef5',
    });
    expect(user?.token).toBe(userToken);
  });

  it('deletes expired tokens when a request brings a new one', async () => {
    await store.db.query(
      `INSERT INTO forge_app_tokens (installation_id, kind, principal, api_base_url, sealed_token, expires_at)
       VALUES ('ari:cloud:ecosystem::installation/old', 'system', '', 'https://a', 'v1.x.y.z', now() - interval '1 minute')`,
    );
    await call('GET', '/forge/api/health', { headers: withTokens });
    const left = await store.db.query<{ installation_id: string }>(
      'SELECT installation_id FROM forge_app_tokens',
    );
    expect(left.rows.map((r) => r.installation_id)).not.toContain('ari:cloud:ecosystem::installation/old');
    expect(left.rows.map((r) => r.installation_id)).toContain(TEST_INSTALLATION_ID);
  });

  it('serves health and settings to the Forge admin page, acting as the FIT principal', async () => {
    const fit = await jwks.sign('forge-1', { principal: '5b10ac8d82e05b22cc7d4ef5' });
    expect((await call('GET', '/forge/api/health', { fit })).body).toEqual({
      status: 'ok',
      settingsVersion: 0,
      installationId: TEST_INSTALLATION_ID,
    });
    const temperature = (warm: number) => ({
      ...DEFAULT_TEMPERATURE_POLICY,
      bands: { warm, hot: 50, critical: 75 },
    });
    const bad = await call('PUT', '/forge/api/settings', { fit, body: { temperature: temperature(-1) } });
    expect([bad.status, bad.body.error.code, bad.body.error.details]).toEqual([
      422,
      'invalid_settings',
      [{ path: 'temperature.bands.warm', message: expect.any(String) }],
    ]);
    const put = await call('PUT', '/forge/api/settings', { fit, body: { temperature: temperature(30) } });
    expect(put.body).toMatchObject({
      version: 1,
      created: true,
      changes: [{ op: 'changed', path: 'temperature.bands.warm' }],
    });
    const versions = await call('GET', '/forge/api/settings/versions', { fit });
    expect(versions.body.versions[0]).toMatchObject({
      actor: 'forge:5b10ac8d82e05b22cc7d4ef5',
      source: 'forge',
    });
    expect((await call('GET', '/forge/api/health')).body.settingsVersion).toBe(1);
  });

  it('mounts extra routers under /forge/api with the verified claims, and strips token headers first', async () => {
    const res = await call('GET', '/forge/api/echo', { headers: withTokens });
    expect(res.body).toEqual({ installationId: TEST_INSTALLATION_ID, leaked: null });
  });

  it('answers 503 when the JWKS cannot be reached', async () => {
    const app = express();
    app.use(
      '/forge',
      createForgeRouter({
        db: store.db,
        log: pino({ level: 'silent' }),
        fit: { appId: TEST_APP_ID, jwksUrl: 'http://127.0.0.1:9/jwks.json' },
        acceptEvent: async () => ({ id: 'x', duplicate: false }),
      }),
    );
    app.use(errorMiddleware({ error: () => undefined }));
    const down = await listen(app);
    const res = await fetch(`${down.url}/forge/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await jwks.sign('forge-1')}` },
    });
    await down.close();
    expect(res.status).toBe(503);
  });

  it('never writes an app token to the log, on any path', async () => {
    const expired = await jwks.sign('forge-1', {}, { issuedAt: Math.floor(Date.now() / 1000) - 600 });
    await call('POST', '/forge/events', { body: issueCreated, headers: withTokens });
    await call('POST', '/forge/events', { fit: expired, body: issueCreated, headers: withTokens });
    await call('POST', '/forge/events', { body: { nothing: true }, headers: withTokens });
    expect((await call('GET', '/forge/api/boom', { headers: withTokens })).status).toBe(500);
    const all = logLines.join('');
    expect(all).toContain('Forge request refused');
    expect(all).toContain('request failed');
    for (const secret of [systemToken, userToken, 'SYSTEM-TOKEN-SECRET', 'USER-TOKEN-SECRET', 'sig-SYSTEM']) {
      expect(all).not.toContain(secret);
    }
  });

  it('counts Forge deliveries by result with the intake metric', async () => {
    const snapshot = async () =>
      Object.fromEntries((await intake.get()).values.map((v) => [String(v.labels.result), v.value]));
    const before = await snapshot();
    const event = { ...issueCreated, issue: { ...issueCreated.issue, key: 'SUP-77' } };
    await call('POST', '/forge/events', { body: event });
    await call('POST', '/forge/events', { body: event });
    await call('POST', '/forge/events', { fit: null, body: event });
    await call('POST', '/forge/events', { body: { nothing: true } });
    await call('GET', '/forge/api/health', { fit: null });
    const after = await snapshot();
    const delta = (result: string) => (after[result] ?? 0) - (before[result] ?? 0);
    expect(['accepted', 'duplicate', 'unauthorized', 'malformed'].map(delta)).toEqual([1, 1, 1, 1]);
  });
});
