import { jest } from '@jest/globals';
import express from 'express';
import { DEFAULT_TEMPERATURE_POLICY, DEMO_SETTINGS } from '@frontline/shared';
import { errorMiddleware, notFound } from '../errors.js';
import { VOLGA_CONTRACT as CONTRACT } from '../../contracts/testing.js';
import { createAdminRouter } from './index.js';
import type { FailedJobsQueue } from './jobs.js';
import { listen, openTestStore, testStoreKinds, type Listening, type TestStore } from './testing.js';
import { CONTRACT_CSV_COLUMNS } from '../../../test/contract-csv.js';

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

const FROSTFOOD = {
  ...CONTRACT,
  id: 'NW-2026-020',
  number: 'NW-2026-020',
  customer: { id: 'frostfood', name: 'FrostFood' },
  title: 'PostgreSQL support',
  lineOfBusiness: 'Database support',
  masterSystem: { contractUrl: 'https://crm.northwind.example/contracts/NW-2026-020' },
};
const withBands = (bands: Record<string, unknown>) => ({ ...DEFAULT_TEMPERATURE_POLICY, bands });

// Opening a store (PGlite's first start, a new Postgres database) is slow on a busy machine.
jest.setTimeout(60_000);

describe.each(testStoreKinds('admin API'))('admin API on %s', (kind) => {
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
      expect(res.body).toMatchObject({ version: 0, updatedBy: null, settings: { calendars: {} } });
      expect(res.body.settings.temperature).toEqual(DEFAULT_TEMPERATURE_POLICY);
    });

    it('rejects an invalid document field by field and stores nothing', async () => {
      const res = await call('PUT', '/api/settings', {
        ...DEMO_SETTINGS,
        temperature: withBands({ warm: 25, hot: 'hot', critical: 75 }),
        colour: 'blue',
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_settings');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          { path: 'temperature.bands.hot', message: expect.any(String) },
          { path: 'colour', message: expect.any(String) },
        ]),
      );
      expect((await call('GET', '/api/settings')).body.version).toBe(0);
    });

    it('stores a valid document as version 1 with who and what changed', async () => {
      const res = await call('PUT', '/api/settings', DEMO_SETTINGS, {
        'x-frontline-actor': 'Anna (coordinator)',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toMatchObject({
        version: 1,
        created: true,
        settings: { calendars: { 'moscow-24x7': {} } },
      });
      expect(res.body.changes).toEqual(
        expect.arrayContaining([
          { op: 'added', path: 'calendars.moscow-5x2' },
          { op: 'added', path: 'slaPolicies.0' },
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
      const res = await call(
        'PUT',
        '/api/settings/temperature',
        withBands({ warm: 20, hot: 50, critical: 75 }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        section: 'temperature',
        value: { bands: { warm: 20 } },
        changes: [{ op: 'changed', path: 'temperature.bands.warm' }],
      });
      const whole = await call('GET', '/api/settings');
      expect(Object.keys(whole.body.settings.calendars)).toHaveLength(3);
      expect((await call('GET', '/api/settings/temperature')).body).toMatchObject({
        version: whole.body.version,
        section: 'temperature',
        value: { bands: { warm: 20, hot: 50, critical: 75 } },
      });
      const versions = await call('GET', '/api/settings/versions?limit=1');
      expect(versions.body.versions[0].actor).toBe('ops-token');
    });

    it('reports section issues relative to the section body', async () => {
      const res = await call(
        'PUT',
        '/api/settings/temperature',
        withBands({ warm: 0, hot: 50, critical: 75 }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([{ path: 'bands.warm', message: expect.any(String) }]);
    });

    it('refuses a section write that breaks a reference from another section, by full path', async () => {
      const res = await call('PUT', '/api/settings/calendars', {});
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          { path: 'slaPolicies.0.calendarId', message: expect.stringContaining('not defined') },
        ]),
      );
    });

    it('answers 404 for an unknown section', async () => {
      expect((await call('GET', '/api/settings/nonsense')).status).toBe(404);
      expect((await call('PUT', '/api/settings/nonsense', {})).body.error.code).toBe('unknown_section');
    });

    it('honours If-Match: a stale version is a 409 and changes nothing', async () => {
      const live = await call('GET', '/api/settings');
      const stale = String(live.body.version - 1);
      const body = withBands({ warm: 30, hot: 50, critical: 75 });
      const conflict = await call('PUT', '/api/settings/temperature', body, { 'if-match': `"${stale}"` });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error).toMatchObject({
        code: 'version_conflict',
        details: { currentVersion: live.body.version },
      });
      expect((await call('GET', '/api/settings')).body.version).toBe(live.body.version);
      const fresh = await call('PUT', '/api/settings/temperature', body, {
        'if-match': live.headers.get('etag')!,
      });
      expect(fresh.body.version).toBe(live.body.version + 1);
      expect((await call('PUT', '/api/settings', {}, { 'if-match': 'yesterday' })).status).toBe(400);
    });

    it('loses no update when writers race on different sections', async () => {
      const before = (await call('GET', '/api/settings')).body;
      const writes = await Promise.all([
        call('PUT', '/api/settings/temperature', withBands({ warm: 11, hot: 50, critical: 75 })),
        call('PUT', '/api/settings/routingPresets', []),
        call('PUT', '/api/settings/temperature', withBands({ warm: 12, hot: 50, critical: 75 })),
        call('PUT', '/api/settings/slaPolicies', before.settings.slaPolicies.slice(0, 1)),
      ]);
      expect(writes.map((w) => w.status)).toEqual([200, 200, 200, 200]);
      const v = before.version as number;
      expect(writes.map((w) => w.body.version).sort()).toEqual([v + 1, v + 2, v + 3, v + 4]);
      const live = (await call('GET', '/api/settings')).body;
      expect(live.version).toBe(v + 4);
      expect(live.settings.routingPresets).toEqual([]);
      expect(live.settings.slaPolicies).toHaveLength(1);
      expect([11, 12]).toContain(live.settings.temperature.bands.warm);
    });

    it('serves any version with its document, and pages the history', async () => {
      const v1 = await call('GET', '/api/settings/versions/1');
      expect(v1.body).toMatchObject({ version: 1, actor: 'Anna (coordinator) (via ops-token)' });
      expect(Object.keys(v1.body.settings.calendars)).toHaveLength(3);
      expect(v1.body.settings.temperature.bands.warm).toBe(DEFAULT_TEMPERATURE_POLICY.bands.warm);
      expect((await call('GET', '/api/settings/versions/999')).status).toBe(404);
      expect((await call('GET', '/api/settings/versions/zero')).status).toBe(400);
      const page = await call('GET', '/api/settings/versions?before=3');
      expect(page.body.versions.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    });

    it('wants JSON: 415 for another type, 400 for broken JSON', async () => {
      expect((await call('PUT', '/api/settings', 'hot=1', { 'content-type': 'text/plain' })).status).toBe(
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
        customerId: 'volga-freight',
        created: true,
        updatedBy: 'ops-token',
      });
      const replaced = await call('PUT', `/api/contracts/${CONTRACT.id}`, {
        ...CONTRACT,
        title: '1C and hardware support',
      });
      expect(replaced.status).toBe(200);
      const read = await call('GET', `/api/contracts/${CONTRACT.id}`);
      expect(read.body.contract).toMatchObject({ title: '1C and hardware support', paidWork: [] });
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
      const bank = {
        ...FROSTFOOD,
        id: 'NW-2026-021',
        number: 'NW-2026-021',
        customer: { id: 'severny-bank', name: 'Severny Bank' },
      };
      const bad = {
        ...bank,
        validity: { from: '31.12.2026', timeZone: 'Europe/Moscow' },
        communication: { ...CONTRACT.communication, channel: 'fax' },
      };
      const refused = await call('POST', '/api/contracts', [FROSTFOOD, bad]);
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        '1.communication.channel',
        '1.validity.from',
      ]);
      expect((await call('GET', '/api/contracts/NW-2026-020')).status).toBe(404);
      const stored = await call('POST', '/api/contracts', [FROSTFOOD, bank]);
      expect(stored.body).toMatchObject({ created: 2, updated: 0 });
      const single = await call('POST', '/api/contracts', {
        ...FROSTFOOD,
        title: 'PostgreSQL and Oracle support',
      });
      expect(single.body).toMatchObject({ created: 0, updated: 1 });
      const singleBad = await call('POST', '/api/contracts', { ...FROSTFOOD, tier: '' });
      expect(singleBad.body.error.details).toEqual([{ path: 'tier', message: expect.any(String) }]);
      const duplicate = await call('POST', '/api/contracts', [FROSTFOOD, FROSTFOOD]);
      expect(duplicate.body.error.details).toEqual([
        { path: '1.id', message: expect.stringContaining('Duplicate') },
      ]);
    });

    it('lists all contracts or one customer’s', async () => {
      const all = await call('GET', '/api/contracts');
      expect(all.body.contracts.map((c: { id: string }) => c.id)).toEqual([
        'NW-2026-020',
        'NW-2026-021',
        'NW-2026-014',
      ]);
      const byQuery = await call('GET', '/api/contracts?customer=frostfood');
      const byPath = await call('GET', '/api/customers/frostfood/contracts');
      expect(byQuery.body).toEqual(byPath.body);
      expect(byPath.body.contracts.map((c: { id: string }) => c.id)).toEqual(['NW-2026-020']);
      expect(
        (await call('GET', '/api/contracts?limit=1&offset=1')).body.contracts.map(
          (c: { id: string }) => c.id,
        ),
      ).toEqual(['NW-2026-021']);
    });
  });

  describe('CSV import', () => {
    const header = [...CONTRACT_CSV_COLUMNS, 'paidWork'].join(',');
    const row = (id: string, overrides: { timeZone?: string; paidWork?: string } = {}) =>
      [
        id,
        id,
        '24x7 storage arrays',
        'Hardware maintenance',
        '24x7',
        'severny-bank',
        'Severny Bank',
        'severny-bank.example;sbank.example',
        '2026-01-01',
        overrides.timeZone ?? 'Europe/Moscow',
        'bank-24x7',
        'moscow-24x7',
        'Hardware failure;Preventive maintenance',
        'email',
        'detailed',
        'formal',
        'ru',
        '5b10ac8d82e05b22cc7d4ef6',
        'Oleg Ivanov',
        'Europe/Moscow',
        `https://crm.northwind.example/contracts/${id}`,
        overrides.paidWork ?? '',
      ].join(',');
    const paidWork =
      '"[{""description"":""Data recovery"",""requestTypes"":[""Data recovery""],""requiresApprovalBeforeStart"":true}]"';
    const rows = [row('NW-B-001', { paidWork }), row('NW-B-002', { timeZone: 'Moscow' }), row('NW-B-003')];
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
            errors: [{ path: 'validity.timeZone', message: expect.any(String) }],
          },
          { row: 4, ok: true, id: 'NW-B-003' },
        ],
      });
      expect(
        (await call('GET', '/api/customers/severny-bank/contracts')).body.contracts.map(
          (c: { id: string }) => c.id,
        ),
      ).toEqual(['NW-2026-021']);
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
        customer: { id: 'severny-bank', emailDomains: ['severny-bank.example', 'sbank.example'] },
        coverage: { requestTypes: ['Hardware failure', 'Preventive maintenance'] },
        paidWork: [{ description: 'Data recovery', requiresApprovalBeforeStart: true }],
      });
      expect((await call('GET', '/api/contracts/NW-B-002')).status).toBe(404);
    });

    it('imports a clean file whole and flags duplicate ids', async () => {
      const ok = await importCsv([header, rows[0], row('NW-B-002'), rows[2]].join('\r\n'));
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
