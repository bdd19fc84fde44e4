// Hostile and out-of-range input to the admin API, driven over HTTP against a real store: every
// request here used to reach a statement PostgreSQL refuses (or a value it cannot hold) and came
// back as a 500. Each must be answered 400 (or 422 for a settings rule) in the error envelope,
// naming the field or parameter, with nothing stored.
import { jest } from '@jest/globals';
import express from 'express';
import { DEMO_SETTINGS } from '@frontline/shared';
import { errorMiddleware, notFound } from '../errors.js';
import { listFailedMessages, retryMessage } from '../../notify/outbox.js';
import { createTemperatureAdminRouter } from './temperature.js';
import type { TemperatureSweepRequest } from '../../temperature/sweep.js';
import { createSettingsService } from '../../settings/service.js';
import { createAdminRouter } from './index.js';
import { createSettingsRouter } from './settings.js';
import { listen, openTestStore, testStoreKinds, type Listening, type TestStore } from './testing.js';

const TOKEN = 'northwind-admin-token-0123456789';
const silent = { error: () => undefined };
const INT4_MAX = 2_147_483_647;

// Opening a store (PGlite's first start, a new Postgres database) is slow on a busy machine.
jest.setTimeout(60_000);

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; details?: { path: string; message: string }[] } } & Record<
    string,
    unknown
  >;
}

/**
 * The error envelope every refusal has, with `field` named in a detail's path; a 400 names it in
 * its message too (a 422 counts the failing fields there and lists them in the details).
 */
function expectRefusal(res: Answer, status: number, code: string, field: string): void {
  expect(res.status).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error).toEqual({
    code,
    message: status === 400 ? expect.stringContaining(field) : expect.any(String),
    details: expect.arrayContaining([{ path: field, message: expect.any(String) }]),
  });
}

describe.each(testStoreKinds('admin API bad input'))('admin API refuses bad input on %s', (kind) => {
  let store: TestStore;
  let server: Listening;
  const sweeps: TemperatureSweepRequest[] = [];

  beforeAll(async () => {
    store = await openTestStore(kind);
    const app = express();
    // The failed work /api/jobs sees in production includes the notification outbox, whose ids
    // are text: whatever id is asked for reaches a statement.
    const failedWork = {
      listFailed: (opts?: { limit?: number }) => listFailedMessages(store.db, opts),
      retry: (id: string) => retryMessage(store.db, id, new Date()),
    };
    app.use(
      '/api',
      createTemperatureAdminRouter({
        adminToken: TOKEN,
        // The job queue stores the request as jsonb; this does the same round trip.
        async enqueueSweep(request) {
          const { rows } = await store.db.query<{ data: TemperatureSweepRequest }>(
            'SELECT $1::jsonb AS data',
            [JSON.stringify(request)],
          );
          sweeps.push(rows[0]!.data);
          return `sweep-${sweeps.length}`;
        },
      }),
    );
    app.use('/api', createAdminRouter({ db: store.db, adminToken: TOKEN, jobs: failedWork }));
    // The Forge side mounts the settings routes inside a router that has parsed the body already.
    const outer = express.Router();
    outer.use(express.json({ limit: '1mb' }));
    outer.use(
      '/settings',
      createSettingsRouter({
        settings: createSettingsService(store.db),
        source: 'forge',
        actorOf: () => 'forge:test',
      }),
    );
    app.use('/parsed-upstream', outer);
    app.use(notFound);
    app.use(errorMiddleware(silent));
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await store?.dispose();
  });

  /** `body` as a string is sent as it is (for JSON text a JS object cannot express). */
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const liveVersion = async () => (await call('GET', '/api/settings')).body.version as number;

  describe('path and query parameters', () => {
    it('refuses a job id with NUL in it, naming the id', async () => {
      expectRefusal(await call('POST', '/api/jobs/job%001/retry'), 400, 'unstorable_text', 'id');
    });

    it('still answers 404 for an ordinary id no failed job has', async () => {
      const res = await call('POST', '/api/jobs/no-such-job/retry');
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('job_not_found');
    });

    it('refuses a settings version beyond what the version column holds, naming it', async () => {
      for (const n of [String(INT4_MAX + 1), '99999999999999999999']) {
        const res = await call('GET', `/api/settings/versions/${n}`);
        expectRefusal(res, 400, 'invalid_version', 'n');
        expect(res.body.error?.message).toContain('"n"');
      }
    });

    it('answers 404 for the largest version the column holds when it is not stored', async () => {
      const res = await call('GET', `/api/settings/versions/${INT4_MAX}`);
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('version_not_found');
    });

    it('refuses ?before= beyond what the version column holds, naming it', async () => {
      expectRefusal(
        await call('GET', `/api/settings/versions?before=${INT4_MAX + 1}`),
        400,
        'invalid_query',
        'before',
      );
      expect((await call('GET', `/api/settings/versions?before=${INT4_MAX}`)).status).toBe(200);
    });

    it('refuses an absurd ?limit= on both lists, naming it', async () => {
      for (const path of ['/api/settings/versions', '/api/jobs/failed']) {
        for (const limit of ['501', String(INT4_MAX + 1), '0', '-1', '1e3', '12abc']) {
          expectRefusal(await call('GET', `${path}?limit=${limit}`), 400, 'invalid_query', 'limit');
        }
        expect((await call('GET', `${path}?limit=500`)).status).toBe(200);
      }
    });
  });

  describe('settings bodies', () => {
    it('refuses NUL in a string of the whole document, naming its path, and stores nothing', async () => {
      const before = await liveVersion();
      const engineers = structuredClone(DEMO_SETTINGS.engineers)!;
      engineers[0]!.name = 'Ivan\u0000Petrov';
      const res = await call('PUT', '/api/settings', { ...DEMO_SETTINGS, engineers });
      expectRefusal(res, 400, 'unstorable_text', 'engineers.0.name');
      expect(await liveVersion()).toBe(before);
    });

    it('refuses a lone surrogate in a key of a section, naming its path', async () => {
      const live = (await call('GET', '/api/settings/temperature')).body.value as Record<string, unknown>;
      // JSON.stringify escapes the lone surrogate as \ud800, which JSON.parse turns back into one.
      const body = JSON.stringify({ ...live, tierPoints: { 'gold\ud800': 5 } });
      expect(body).toContain('\\ud800');
      const res = await call('PUT', '/api/settings/temperature', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'unstorable_text' });
      expect(res.body.error?.details?.[0]?.path).toMatch(/^tierPoints\./);
      expect(res.body.error?.message).toContain('tierPoints.');
    });

    it('refuses a lone surrogate in a section string, naming its path', async () => {
      const schedules = structuredClone(DEMO_SETTINGS.schedules)!;
      const body = JSON.stringify({ ...schedules, fallbackCalendar: 'moscow-5x2\udc00' });
      expectRefusal(
        await call('PUT', '/api/settings/schedules', body),
        400,
        'unstorable_text',
        'fallbackCalendar',
      );
    });
  });

  describe('settings bodies parsed by an outer router', () => {
    it('refuses NUL in a string, naming its path, and stores nothing', async () => {
      const before = await liveVersion();
      const schedules = structuredClone(DEMO_SETTINGS.schedules)!;
      const body = { ...schedules, fallbackCalendar: 'moscow\u00005x2' };
      expectRefusal(
        await call('PUT', '/parsed-upstream/settings/schedules', body),
        400,
        'unstorable_text',
        'fallbackCalendar',
      );
      expect(await liveVersion()).toBe(before);
    });

    it('still stores an ordinary section as sent', async () => {
      const schedules = structuredClone(DEMO_SETTINGS.schedules)!;
      const body = { ...schedules, digest: { ...schedules.digest, localTime: '08:15' } };
      const res = await call('PUT', '/parsed-upstream/settings/schedules', body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ section: 'schedules', value: { digest: { localTime: '08:15' } } });
    });
  });

  describe('untrusted keys in settings', () => {
    const demoWithSkills = (skillsByLabelJson: string): string => {
      const text = JSON.stringify({
        ...DEMO_SETTINGS,
        schedules: { ...DEMO_SETTINGS.schedules, skillsByLabel: { database: 'PostgreSQL' } },
      });
      return text.replace('{"database":"PostgreSQL"}', skillsByLabelJson);
    };
    afterEach(() => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('refuses "__proto__" inside a record of the whole document and stores nothing', async () => {
      const before = await liveVersion();
      const body = demoWithSkills('{"database":"PostgreSQL","__proto__":{"polluted":"yes"}}');
      const res = await call('PUT', '/api/settings', body);
      expectRefusal(res, 422, 'invalid_settings', 'schedules.skillsByLabel.__proto__');
      expect(await liveVersion()).toBe(before);
    });

    it('refuses "constructor" inside a record of a section and stores nothing', async () => {
      const before = await liveVersion();
      const body = JSON.stringify({
        ...DEMO_SETTINGS.schedules,
        skillsByLabel: { constructor: 'PostgreSQL' },
      });
      const res = await call('PUT', '/api/settings/schedules', body);
      expectRefusal(res, 422, 'invalid_settings', 'skillsByLabel.constructor');
      expect(await liveVersion()).toBe(before);
    });

    it('refuses "__proto__" and "constructor" at the top of a document', async () => {
      const res = await call(
        'PUT',
        '/api/settings',
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
      );
      expectRefusal(res, 422, 'invalid_settings', '__proto__');
      expect(res.body.error?.details).toEqual(
        expect.arrayContaining([{ path: 'constructor', message: expect.any(String) }]),
      );
    });

    it('refuses "__proto__" nested in a section array', async () => {
      const temperature = (await call('GET', '/api/settings/temperature')).body.value as {
        silenceCurve: unknown[];
      };
      const text = JSON.stringify(temperature).replace(
        '"silenceCurve":[{',
        '"silenceCurve":[{"__proto__":{"polluted":"yes"},',
      );
      expect(text).toContain('__proto__');
      const res = await call('PUT', '/api/settings/temperature', text);
      expectRefusal(res, 422, 'invalid_settings', 'silenceCurve.0.__proto__');
    });

    it('still stores an ordinary document afterwards', async () => {
      const before = await liveVersion();
      const res = await call('PUT', '/api/settings', demoWithSkills('{"database":"PostgreSQL"}'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: before + 1, created: true });
      const stored = (await call('GET', '/api/settings')).body.settings as {
        schedules: { skillsByLabel: Record<string, string> };
      };
      expect(stored.schedules.skillsByLabel).toEqual({ database: 'PostgreSQL' });
    });
  });

  describe('temperature sweep', () => {
    it('refuses NUL in installationId, naming it, and enqueues nothing', async () => {
      const queued = sweeps.length;
      const res = await call('POST', '/api/temperature/sweep', { installationId: 'install\u0000ation' });
      expectRefusal(res, 400, 'unstorable_text', 'installationId');
      expect(sweeps).toHaveLength(queued);
    });

    it('refuses a lone surrogate in installationId', async () => {
      const res = await call('POST', '/api/temperature/sweep', '{"installationId":"a\\ud800b"}');
      expectRefusal(res, 400, 'unstorable_text', 'installationId');
    });

    it('refuses a body that is JSON but not an object, without a 500', async () => {
      for (const body of ['null', '[]', '"inst-1"', '7']) {
        const res = await call('POST', '/api/temperature/sweep', body);
        expect(res.status).toBe(422);
        expect(res.body.error).toMatchObject({ code: 'invalid_request' });
      }
    });

    it('still enqueues an ordinary sweep', async () => {
      const res = await call('POST', '/api/temperature/sweep', { installationId: 'inst-1' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ scope: 'inst-1' });
      expect(sweeps.at(-1)).toMatchObject({ trigger: 'operator', installationId: 'inst-1' });
    });
  });
});
