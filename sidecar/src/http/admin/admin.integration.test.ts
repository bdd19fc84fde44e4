import { jest } from '@jest/globals';
import express from 'express';
import { errorMiddleware, notFound } from '../errors.js';
import { createAdminRouter } from './index.js';
import type { FailedJobsQueue } from './jobs.js';
import {
  listen,
  notePostgresSkipped,
  openTestStore,
  testStoreKinds,
  type Listening,
  type TestStore,
} from './testing.js';

const TOKEN = 'northwind-admin-token-0123456789';
const silent = { error: () => undefined };

class FakeJobs implements FailedJobsQueue {
  failed = [
    {
      id: 'job-1',
      name: 'intake.process',
      data: { eventId: 'e1' },
      error: 'Jira 503',
      failedAt: '2026-03-02T09:00:00Z',
      retryCount: 5,
    },
  ];
  retried: string[] = [];
  async listFailed(opts: { limit?: number } = {}) {
    return this.failed.slice(0, opts.limit ?? 100);
  }
  async retry(id: string) {
    if (!this.failed.some((j) => j.id === id)) return false;
    this.retried.push(id);
    return true;
  }
}

const CONTRACT = {
  id: 'NW-2026-014',
  customerId: 'baltic-logistics',
  customerName: 'Baltic Logistics',
  title: 'Hardware and 1C support, month-end close priority',
  linesOfBusiness: ['Hardware', '1C'],
  validFrom: '2026-01-01',
  tsm: { name: 'Irina Sokolova', email: 'i.sokolova@northwind.example' },
};

// Opening a store (PGlite's first start, a new Postgres database) is slow on a busy machine.
jest.setTimeout(60_000);

notePostgresSkipped('admin API');

describe.each(testStoreKinds())('admin API on %s', (kind) => {
  let store: TestStore;
  let server: Listening;
  const jobs = new FakeJobs();

  beforeAll(async () => {
    store = await openTestStore(kind);
    const app = express();
    app.use(
      '/api',
      createAdminRouter({ db: store.db, adminToken: TOKEN, adminTokenName: 'ops-token', jobs }),
    );
    app.use(notFound);
    app.use(errorMiddleware(silent));
    server = await listen(app);
  });
  afterAll(async () => {
    await server.close();
    await store.dispose();
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${TOKEN}`, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };

  describe('authentication', () => {
    it('refuses a missing, malformed or wrong token with the error envelope', async () => {
      for (const authorization of [undefined, 'Basic b3BzOnRva2Vu', `Bearer ${TOKEN}x`, 'Bearer short']) {
        const res = await fetch(`${server.url}/api/settings`, {
          headers: authorization ? { authorization } : {},
        });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
    });

    it('refuses everything when no admin token is configured', async () => {
      const app = express();
      app.use('/api', createAdminRouter({ db: store.db, adminToken: undefined, jobs }));
      app.use(errorMiddleware(silent));
      const bare = await listen(app);
      const res = await fetch(`${bare.url}/api/settings`, {
        headers: { authorization: 'Bearer anything-at-all-here' },
      });
      await bare.close();
      expect(res.status).toBe(401);
    });
  });

  describe('settings', () => {
    it('starts at version 0 with the schema defaults', async () => {
      const res = await call('GET', '/api/settings');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"0"');
      expect(res.body).toMatchObject({
        version: 0,
        updatedBy: null,
        settings: { temperature: { hotAt: 70 } },
      });
    });

    it('rejects an invalid document field by field and stores nothing', async () => {
      const res = await call('PUT', '/api/settings', {
        temperature: { hotAt: 140 },
        sla: [{ id: 'gold', name: 'Gold' }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_settings');
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'sla.0.responseMinutes',
        'temperature.hotAt',
      ]);
      expect((await call('GET', '/api/settings')).body.version).toBe(0);
    });

    it('stores a valid document as version 1 with who and what changed', async () => {
      const doc = { temperature: { hotAt: 80 }, sla: [{ id: 'gold', name: 'Gold', responseMinutes: 60 }] };
      const res = await call('PUT', '/api/settings', doc, { 'x-frontline-actor': 'Anna (coordinator)' });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toMatchObject({ version: 1, created: true, settings: { temperature: { hotAt: 80 } } });
      expect(res.body.changes).toEqual(
        expect.arrayContaining([
          { op: 'changed', path: 'temperature.hotAt' },
          { op: 'added', path: 'sla.0' },
        ]),
      );
      const versions = await call('GET', '/api/settings/versions');
      expect(versions.body.versions[0]).toMatchObject({
        version: 1,
        actor: 'Anna (coordinator) (via ops-token)',
        source: 'admin-api',
      });
    });

    it('does not spend a version on an identical write', async () => {
      const live = await call('GET', '/api/settings');
      const res = await call('PUT', '/api/settings', live.body.settings);
      expect(res.body).toMatchObject({ version: live.body.version, created: false, changes: [] });
    });

    it('replaces one section and keeps the others', async () => {
      const res = await call('PUT', '/api/settings/channels', { email: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        section: 'channels',
        value: { email: true },
        changes: [{ op: 'changed', path: 'channels.email' }],
      });
      const whole = await call('GET', '/api/settings');
      expect(whole.body.settings).toMatchObject({ channels: { email: true }, temperature: { hotAt: 80 } });
      expect((await call('GET', '/api/settings/channels')).body).toEqual({
        version: whole.body.version,
        section: 'channels',
        value: { email: true },
      });
      const versions = await call('GET', '/api/settings/versions?limit=1');
      expect(versions.body.versions[0].actor).toBe('ops-token');
    });

    it('reports section issues relative to the section body', async () => {
      const res = await call('PUT', '/api/settings/temperature', { hotAt: 'hot' });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([{ path: 'hotAt', message: expect.any(String) }]);
    });

    it('answers 404 for an unknown section', async () => {
      expect((await call('GET', '/api/settings/nonsense')).status).toBe(404);
      expect((await call('PUT', '/api/settings/nonsense', {})).body.error.code).toBe('unknown_section');
    });

    it('honours If-Match: a stale version is a 409 and changes nothing', async () => {
      const live = await call('GET', '/api/settings');
      const stale = String(live.body.version - 1);
      const conflict = await call(
        'PUT',
        '/api/settings/temperature',
        { hotAt: 50 },
        { 'if-match': `"${stale}"` },
      );
      expect(conflict.status).toBe(409);
      expect(conflict.body.error).toMatchObject({
        code: 'version_conflict',
        details: { currentVersion: live.body.version },
      });
      const fresh = await call(
        'PUT',
        '/api/settings/temperature',
        { hotAt: 50 },
        { 'if-match': live.headers.get('etag')! },
      );
      expect(fresh.body.version).toBe(live.body.version + 1);
      expect((await call('PUT', '/api/settings', {}, { 'if-match': 'yesterday' })).status).toBe(400);
    });

    it('loses no update when writers race on different sections', async () => {
      const before = (await call('GET', '/api/settings')).body.version as number;
      const writes = await Promise.all([
        call('PUT', '/api/settings/temperature', { hotAt: 65 }),
        call('PUT', '/api/settings/channels', { email: false }),
        call('PUT', '/api/settings/glossary', { terms: ['системная плата'] }),
        call('PUT', '/api/settings/engineers', [
          { id: 'petrov', name: 'Pavel Petrov', skills: ['PostgreSQL'] },
        ]),
      ]);
      expect(writes.map((w) => w.status)).toEqual([200, 200, 200, 200]);
      expect(writes.map((w) => w.body.version).sort()).toEqual([
        before + 1,
        before + 2,
        before + 3,
        before + 4,
      ]);
      const live = (await call('GET', '/api/settings')).body.settings;
      expect(live).toMatchObject({
        temperature: { hotAt: 65 },
        channels: { email: false },
        glossary: { terms: ['системная плата'] },
        engineers: [{ id: 'petrov' }],
      });
    });

    it('serves any version with its document, and pages the history', async () => {
      const v1 = await call('GET', '/api/settings/versions/1');
      expect(v1.body).toMatchObject({ version: 1, settings: { temperature: { hotAt: 80 } } });
      expect((await call('GET', '/api/settings/versions/999')).status).toBe(404);
      expect((await call('GET', '/api/settings/versions/zero')).status).toBe(400);
      const page = await call('GET', '/api/settings/versions?before=3');
      expect(page.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    });

    it('wants JSON: 415 for another type, 400 for broken JSON', async () => {
      expect((await call('PUT', '/api/settings', 'hotAt=1', { 'content-type': 'text/plain' })).status).toBe(
        415,
      );
      const broken = await call('PUT', '/api/settings', '{"temperature":', {
        'content-type': 'application/json',
      });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('malformed_json');
    });
  });

  describe('contracts', () => {
    it('creates with PUT (201), replaces with PUT (200), reads back', async () => {
      const created = await call('PUT', `/api/contracts/${CONTRACT.id}`, CONTRACT);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: CONTRACT.id,
        customerId: 'baltic-logistics',
        created: true,
        updatedBy: 'ops-token',
      });
      const replaced = await call('PUT', `/api/contracts/${CONTRACT.id}`, {
        ...CONTRACT,
        title: 'Hardware support',
      });
      expect(replaced.status).toBe(200);
      expect((await call('GET', `/api/contracts/${CONTRACT.id}`)).body.contract.title).toBe(
        'Hardware support',
      );
      expect((await call('GET', '/api/contracts/NW-NONE')).status).toBe(404);
    });

    it('refuses a body whose id differs from the URL', async () => {
      const res = await call('PUT', '/api/contracts/NW-OTHER', CONTRACT);
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([
        { path: 'id', message: expect.stringContaining('does not match') },
      ]);
    });

    it('stores a batch all or nothing, naming the bad element’s fields', async () => {
      const good = { ...CONTRACT, id: 'NW-2026-020', customerId: 'frostfood', customerName: 'FrostFood' };
      const bad = {
        ...CONTRACT,
        id: 'NW-2026-021',
        validFrom: '31.12.2026',
        tsm: { name: 'X', email: 'nope' },
      };
      const refused = await call('POST', '/api/contracts', [good, bad]);
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        '1.tsm.email',
        '1.validFrom',
      ]);
      expect((await call('GET', '/api/contracts/NW-2026-020')).status).toBe(404);
      const stored = await call('POST', '/api/contracts', [
        good,
        { ...bad, validFrom: '2026-12-31', tsm: undefined },
      ]);
      expect(stored.body).toMatchObject({ created: 2, updated: 0 });
      const single = await call('POST', '/api/contracts', { ...good, title: 'DB support' });
      expect(single.body).toMatchObject({ created: 0, updated: 1 });
      const singleBad = await call('POST', '/api/contracts', { ...good, customerId: '' });
      expect(singleBad.body.error.details).toEqual([{ path: 'customerId', message: expect.any(String) }]);
    });

    it('lists all contracts or one customer’s', async () => {
      const all = await call('GET', '/api/contracts');
      expect(all.body.contracts.map((c: { id: string }) => c.id)).toEqual([
        'NW-2026-014',
        'NW-2026-021',
        'NW-2026-020',
      ]);
      const byQuery = await call('GET', '/api/contracts?customer=frostfood');
      const byPath = await call('GET', '/api/customers/frostfood/contracts');
      expect(byQuery.body).toEqual(byPath.body);
      expect(byPath.body.contracts.map((c: { id: string }) => c.id)).toEqual(['NW-2026-020']);
    });
  });

  describe('CSV import', () => {
    const header =
      'id,customerId,customerName,title,linesOfBusiness,validFrom,coverage24x7,supportHoursPerMonth,tsm.name,tsm.email';
    const rows = [
      'NW-B-001,nordbank,Nord Bank,24x7 storage arrays,Hardware;Storage,2026-01-01,yes,160,Oleg Ivanov,o.ivanov@northwind.example',
      'NW-B-002,nordbank,Nord Bank,Oracle support,Databases,2026-02-01,no,forty,,',
      'NW-B-003,nordbank,Nord Bank,"Integration bus, L2",Integration,2026-03-01,,,,',
    ];
    const importCsv = (text: string, mode?: string) =>
      call('POST', `/api/contracts/import${mode ? `?mode=${mode}` : ''}`, text, {
        'content-type': 'text/csv',
      });

    it('in "all" mode, one bad row means nothing is written, with a report per row', async () => {
      const res = await importCsv([header, ...rows].join('\n'));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_contracts');
      expect(res.body.error.details).toMatchObject({
        mode: 'all',
        committed: false,
        failed: 1,
        rows: [
          { row: 2, ok: true, id: 'NW-B-001' },
          {
            row: 3,
            ok: false,
            id: 'NW-B-002',
            errors: [{ path: 'supportHoursPerMonth', message: expect.any(String) }],
          },
          { row: 4, ok: true, id: 'NW-B-003' },
        ],
      });
      expect((await call('GET', '/api/customers/nordbank/contracts')).body.contracts).toEqual([]);
    });

    it('in "rows" mode, stores the good rows and reports the bad one', async () => {
      const res = await importCsv([header, ...rows].join('\n'), 'rows');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mode: 'rows', committed: true, stored: 2, failed: 1 });
      expect(res.body.rows.map((r: { row: number; ok: boolean }) => [r.row, r.ok])).toEqual([
        [2, true],
        [3, false],
        [4, true],
      ]);
      const stored = (await call('GET', '/api/contracts/NW-B-001')).body.contract;
      expect(stored).toMatchObject({
        coverage24x7: true,
        supportHoursPerMonth: 160,
        linesOfBusiness: ['Hardware', 'Storage'],
        tsm: { name: 'Oleg Ivanov' },
      });
      expect((await call('GET', '/api/contracts/NW-B-002')).status).toBe(404);
    });

    it('imports a clean file whole and flags duplicate ids', async () => {
      const fixed = rows[1]!.replace('forty', '40');
      const ok = await importCsv([header, rows[0], fixed, rows[2]].join('\r\n'));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ mode: 'all', committed: true, stored: 3, failed: 0 });
      expect(ok.body.rows.map((r: { created: boolean }) => r.created)).toEqual([false, true, false]);
      const dup = await importCsv([header, rows[0], rows[0]].join('\n'));
      expect(dup.body.error.details.rows[1]).toMatchObject({
        row: 3,
        ok: false,
        errors: [{ path: 'id', message: expect.stringContaining('row 2') }],
      });
    });

    it('refuses malformed, empty and non-CSV uploads', async () => {
      expect((await importCsv(`${header}\n"unterminated,x`)).body.error.code).toBe('malformed_csv');
      expect((await importCsv(`${header}\n`)).body.error.code).toBe('empty_csv');
      expect((await call('POST', '/api/contracts/import', [CONTRACT])).status).toBe(415);
      expect((await importCsv(`${header}\n${rows[0]}`, 'some')).status).toBe(400);
    });
  });

  describe('failed jobs', () => {
    it('lists failed jobs and retries one', async () => {
      const list = await call('GET', '/api/jobs/failed?limit=10');
      expect(list.body.jobs).toEqual([expect.objectContaining({ id: 'job-1', error: 'Jira 503' })]);
      const retried = await call('POST', '/api/jobs/job-1/retry');
      expect(retried.status).toBe(202);
      expect(jobs.retried).toEqual(['job-1']);
      expect((await call('POST', '/api/jobs/job-404/retry')).status).toBe(404);
    });
  });
});
