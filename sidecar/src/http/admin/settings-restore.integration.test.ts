// Restoring an earlier settings version through the admin API: a new version with the old content
// that records which version it restores (in the history, the version itself and the log line that
// audits it, with who restored it); an unknown version is a 404, a stale If-Match a 409, and neither
// writes anything.
import { jest } from '@jest/globals';
import express from 'express';
import type { Logger } from 'pino';
import { errorMiddleware, notFound } from '../errors.js';
import { createAdminRouter } from './index.js';
import { listen, openTestStore, type Listening, type TestStore } from './testing.js';

const TOKEN = 'northwind-admin-token-0123456789';
jest.setTimeout(60_000);

describe('POST /api/settings/versions/:n/restore', () => {
  let store: TestStore;
  let server: Listening;
  const audit: { fields: Record<string, unknown>; message: string }[] = [];

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const app = express();
    app.use(
      '/api',
      createAdminRouter({
        db: store.db,
        adminToken: TOKEN,
        adminTokenName: 'ops-token',
        jobs: { listFailed: async () => [], retry: async () => false },
        log: {
          info: ((fields: object, message: string) => {
            audit.push({ fields: { ...fields }, message });
          }) as Pick<Logger, 'info'>['info'],
        },
      }),
    );
    app.use(notFound);
    app.use(errorMiddleware({ error: () => undefined }));
    server = await listen(app);
  });
  afterAll(async () => {
    await server.close();
    await store.dispose();
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('makes an earlier version live again as a new version, and refuses what it cannot do', async () => {
    await call('PUT', '/api/settings/replies', { gate: 'block', projects: {} });
    await call('PUT', '/api/settings/replies', { gate: 'warn', projects: { SUP: { gate: 'block' } } });

    const restored = await call('POST', '/api/settings/versions/1/restore', {}, { 'if-match': '"2"' });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      version: 3,
      updatedBy: 'ops-token',
      created: true,
      restoredFrom: 1,
      settings: { replies: { gate: 'block', projects: {} } },
    });
    expect(restored.body.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'replies.gate' })]),
    );

    const unknown = await call('POST', '/api/settings/versions/99/restore', {});
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'version_not_found' } } });
    const stale = await call('POST', '/api/settings/versions/2/restore', {}, { 'if-match': '"2"' });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'version_conflict' } } });
    const versions = await call('GET', '/api/settings/versions');
    expect(
      (versions.body.versions as { version: number; restoredFrom: number | null }[]).map((v) => [
        v.version,
        v.restoredFrom,
      ]),
    ).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
    expect(await call('GET', '/api/settings/versions/3')).toMatchObject({
      status: 200,
      body: { version: 3, restoredFrom: 1, actor: 'ops-token' },
    });
    expect(audit.map((a) => [a.message, a.fields.version, a.fields.restoredFrom])).toEqual([
      ['settings version stored', 1, undefined],
      ['settings version stored', 2, undefined],
      ['settings version restored', 3, 1],
    ]);
  });

  it('marks only a restore that changed something, and a plain write after it as no restore', async () => {
    // Version 3 is live with version 1's content: restoring version 1 again stores nothing.
    const same = await call('POST', '/api/settings/versions/1/restore', {});
    expect(same).toMatchObject({ status: 200, body: { version: 3, created: false, restoredFrom: 1 } });
    const written = await call('PUT', '/api/settings/replies', { gate: 'warn', projects: {} });
    expect(written).toMatchObject({ status: 200, body: { version: 4, created: true, restoredFrom: null } });
    const versions = await call('GET', '/api/settings/versions?limit=2');
    expect(versions.body.versions).toEqual([
      expect.objectContaining({ version: 4, restoredFrom: null }),
      expect.objectContaining({ version: 3, restoredFrom: 1 }),
    ]);
  });
});
