// The signed-JSON intake's guarantees, proven once per tracker over HTTP: `POST /webhooks/jira` and
// `POST /webhooks/youtrack` verify, bound, parse and deduplicate the same way, answer with the same
// statuses and count under their own source label. What differs is only what each tracker sends:
// its signature and identifier headers, its body, the code naming a body that is not its event,
// and whether a delivery may come without an identifier (Jira: then deduplicated on the body hash).
// The store is stood in for by a map keyed like the dedupe index; the group commit itself and its
// poison isolation are proven on both real stores in signed-intake.integration.test.ts.
import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import type { Accepted, IncomingEvent } from '../intake/accept.js';
import { signBody } from '../intake/signature.js';
import { TRACKER_INTAKES } from '../../test/tracker-intakes.js';
import type { TrackerIntake } from '../../test/tracker-intakes.js';
import { createApp } from './app.js';

const BODY_LIMIT = 1_000_000;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { id?: string; duplicate?: boolean; error?: { code: string; message: string; details?: unknown } };
}

/** A sidecar's HTTP app on loopback over a stand-in store whose behaviour each test picks. */
function intakeApp() {
  const stored = new Map<string, { id: string; event: IncomingEvent }>();
  const lines: Record<string, unknown>[] = [];
  const state = {
    ready: true,
    /** Set: every write fails with it (a store that cannot be reached). */
    storeError: undefined as Error | undefined,
  };
  const metrics = createMetrics({ queueDepth: () => Promise.resolve([]) });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const acceptEvent = (event: IncomingEvent): Promise<Accepted> => {
    if (state.storeError) return Promise.reject(state.storeError);
    const key = `${event.source} ${event.idempotencyKey}`;
    const earlier = stored.get(key);
    if (earlier) return Promise.resolve({ id: earlier.id, duplicate: true });
    const id = randomUUID();
    stored.set(key, { id, event });
    return Promise.resolve({ id, duplicate: false });
  };
  const app = createApp({
    log: createLogger({ level: 'info', destination }),
    metrics,
    readiness: () => Promise.resolve({ ready: true, checks: {} }) as never,
    acceptEvent,
    webhookSecrets: TRACKER_INTAKES.find((t) => t.name === 'Jira')!.secrets,
    youtrackWebhookSecrets: TRACKER_INTAKES.find((t) => t.name === 'YouTrack')!.secrets,
    webhookBodyLimit: BODY_LIMIT,
    intakeReady: () => state.ready,
  });
  const server = createServer(app);
  let url = '';
  return {
    stored,
    lines,
    state,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** POSTs raw bytes with headers as given (a list value becomes repeated header lines). */
    post(path: string, body: Buffer, headers: Record<string, string | string[]>): Promise<Answer> {
      const target = new URL(path, url);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: { ...headers, 'content-length': String(body.length) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : {} });
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    async counted(source: string, result: string): Promise<number> {
      const metric = (await metrics.registry.getMetricsAsJSON()).find(
        (m) => m.name === 'frontline_intake_total',
      );
      const values = (metric?.values ?? []) as { labels: Record<string, string>; value: number }[];
      return values.find((v) => v.labels.source === source && v.labels.result === result)?.value ?? 0;
    },
  };
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** The field an error answer names: its message and the paths of its details. */
const named = (res: Answer) =>
  `${res.body.error?.message ?? ''} ${((res.body.error?.details ?? []) as { path: string }[]).map((d) => d.path).join(' ')}`;

describe.each(TRACKER_INTAKES.map((t) => [t.name, t] as const))(
  'signed intake: %s',
  (_name, tracker: TrackerIntake) => {
    const app = intakeApp();
    let sequence = 0;
    /** A new ticket's key in the tracker's project. */
    const nextKey = () => `${tracker.project}-${++sequence}`;
    /** Signed with the tracker's current secret, JSON, a fresh identifier; `headers` override. */
    const send = (body: string | Buffer, headers: Record<string, string | string[] | null> = {}) => {
      const raw = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      const all: Record<string, string | string[] | null> = {
        'content-type': 'application/json',
        [tracker.identifierHeader.toLowerCase()]: `delivery-${randomUUID()}`,
        [tracker.signatureHeader.toLowerCase()]: signBody(raw, tracker.secrets[0]!),
        // Header names are case-insensitive: an override replaces the default whatever its case.
        ...Object.fromEntries(Object.entries(headers).map(([name, v]) => [name.toLowerCase(), v])),
      };
      const given = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)) as Record<
        string,
        string | string[]
      >;
      return app.post(tracker.path, raw, given);
    };
    const event = (key = nextKey(), timestamp = Date.now() - 60_000) =>
      JSON.stringify(tracker.event(key, timestamp));
    const storedKeys = () => [...app.stored.values()].map((s) => tracker.issueKeyOf(s.event.payload));

    beforeAll(() => app.start());
    afterAll(() => app.stop());
    beforeEach(() => {
      app.state.ready = true;
      app.state.storeError = undefined;
    });

    it('accepts a signed event with 202, stores it under its identifier and answers a redelivery 200 duplicate', async () => {
      const key = nextKey();
      const body = event(key);
      const identifier = `delivery-${key}`;
      const first = await send(body, { [tracker.identifierHeader]: identifier });
      expect(first.status).toBe(202);
      expect(first.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const again = await send(body, { [tracker.identifierHeader]: identifier });
      expect(again).toMatchObject({ status: 200, body: { duplicate: true, id: first.body.id } });
      const row = app.stored.get(`${tracker.source} ${identifier}`)!;
      expect(row.event).toMatchObject({
        source: tracker.source,
        eventType: tracker.storedType,
        payloadJson: body,
      });
      expect(tracker.issueKeyOf(row.event.payload)).toBe(key);
      expect(await app.counted(tracker.source, 'accepted')).toBeGreaterThanOrEqual(1);
      expect(await app.counted(tracker.source, 'duplicate')).toBeGreaterThanOrEqual(1);
      const logged = app.lines.filter(
        (l) => (l.delivery as { id?: string } | undefined)?.id === identifier,
      ) as { msg: string; delivery: Record<string, unknown> }[];
      expect(logged.map((l) => l.msg)).toEqual([tracker.acceptedLog(key), tracker.duplicateLog]);
      expect(logged[0]!.delivery).toMatchObject({ eventId: first.body.id, issueKey: key });
    });

    it('verifies under the previous secret too (rotation)', async () => {
      const body = event();
      const res = await send(body, { [tracker.signatureHeader]: signBody(body, tracker.secrets[1]!) });
      expect(res.status).toBe(202);
    });

    it.each([
      ['missing', null, 'signature_missing'],
      ['signed with an unknown secret', 'foreign', 'signature_invalid'],
      ['not sha256=', 'sha1=0123', 'signature_invalid'],
      ['over a changed body', 'changed', 'signature_invalid'],
    ])('refuses a %s signature with 401 naming its header and stores nothing', async (_label, kind, code) => {
      const key = nextKey();
      const body = event(key);
      const signature =
        kind === 'foreign'
          ? signBody(body, 'someone-elses-secret-0003')
          : kind === 'changed'
            ? signBody(body.replace(key, `${key}0`), tracker.secrets[0]!)
            : kind;
      const before = await app.counted(tracker.source, 'unauthorized');
      const res = await send(body, { [tracker.signatureHeader.toLowerCase()]: signature });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code });
      expect(res.body.error!.message).toContain(tracker.signatureHeader);
      expect(storedKeys()).not.toContain(key);
      expect(await app.counted(tracker.source, 'unauthorized')).toBe(before + 1);
    });

    it('refuses a signed non-JSON content type with 415', async () => {
      const res = await send(event(), { 'content-type': 'text/plain' });
      expect([res.status, res.body.error?.code]).toEqual([415, 'unsupported_media_type']);
    });

    it('refuses a body in another charset with 415 instead of storing replacement characters', async () => {
      const key = nextKey();
      const text = event(key).replace('Month-end', 'Закрытие');
      const cp1251 = Buffer.from(
        [...text].map((c) => {
          const code = c.codePointAt(0)!;
          return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code;
        }),
      );
      const declared = await send(cp1251, { 'content-type': 'application/json; charset=windows-1251' });
      const undeclared = await send(cp1251);
      expect([declared.status, undeclared.status]).toEqual([415, 415]);
      expect(storedKeys()).not.toContain(key);
    });

    it('refuses signed malformed JSON with 400', async () => {
      const res = await send(event().slice(0, -1));
      expect([res.status, res.body.error?.code]).toEqual([400, 'malformed_json']);
    });

    it('refuses JSON that is not its event with 400 naming the field', async () => {
      const body = tracker.event(nextKey(), Date.now()) as Record<string, unknown>;
      delete body[tracker.typeField];
      const res = await send(JSON.stringify(body));
      expect([res.status, res.body.error?.code]).toEqual([400, tracker.notItsEventCode]);
      expect(res.body.error!.message).toContain(tracker.typeField);
      expect(res.body.error!.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: tracker.typeField })]),
      );
    });

    it.each([
      ['NUL in a string', (b: string) => b.replace('Month-end', 'Month\\u0000end'), 'summary'],
      ['a lone surrogate escape', (b: string) => b.replace('Month-end', '\\ud800 Month-end'), 'summary'],
      ['NUL in a key', (b: string) => b.replace(/}$/, ',"a\\u0000b":1}'), 'key'],
      [
        'nesting 100,000 deep',
        (b: string) => b.replace(/}$/, `,"deep":${nested(100_000)}}`),
        'nested deeper than 64',
      ],
    ])('refuses %s with 400 naming it, before it reaches the store', async (_label, spoil, field) => {
      const key = nextKey();
      const res = await send(spoil(event(key)));
      expect(res.status).toBe(400);
      expect(named(res)).toContain(field === 'summary' ? tracker.summaryPath : field);
      expect(storedKeys()).not.toContain(key);
    });

    it.each([
      ['before 2000', Date.UTC(1999, 11, 31)],
      ['two days after receipt', Date.now() + 2 * 86_400_000],
      ['in year 10000', 253_402_300_800_000],
      ['in year 275760', 8_640_000_000_000_000],
    ])('refuses an event time %s with 400 naming timestamp', async (_label, timestamp) => {
      const key = nextKey();
      const res = await send(event(key, timestamp));
      expect([res.status, res.body.error?.code]).toEqual([400, 'timestamp_out_of_range']);
      expect(res.body.error!.details).toEqual([expect.objectContaining({ path: 'timestamp' })]);
      expect(storedKeys()).not.toContain(key);
    });

    it('accepts an event time an hour ahead of the receipt (clock skew)', async () => {
      expect((await send(event(nextKey(), Date.now() + 3_600_000))).status).toBe(202);
    });

    it('refuses an identifier longer than the dedupe index holds with 400 naming its header', async () => {
      const key = nextKey();
      const res = await send(event(key), { [tracker.identifierHeader]: 'x'.repeat(3_000) });
      expect([res.status, res.body.error?.code]).toEqual([400, 'identifier_too_long']);
      expect(named(res)).toContain(tracker.identifierHeader);
      expect(storedKeys()).not.toContain(key);
    });

    it('refuses an identifier header sent twice with 400 naming it', async () => {
      const key = nextKey();
      const res = await send(event(key), { [tracker.identifierHeader.toLowerCase()]: ['id-a', 'id-b'] });
      expect([res.status, res.body.error?.code]).toEqual([400, 'duplicate_identifier']);
      expect(named(res)).toContain(tracker.identifierHeader);
      expect(storedKeys()).not.toContain(key);
    });

    if (tracker.withoutIdentifier === 'body-hash') {
      it('deduplicates on the body hash when the identifier header is missing or empty', async () => {
        const body = event();
        const first = await send(body, { [tracker.identifierHeader.toLowerCase()]: null });
        const again = await send(body, { [tracker.identifierHeader.toLowerCase()]: '' });
        expect(first.status).toBe(202);
        expect(again.body).toEqual({ duplicate: true, id: first.body.id });
        // Two different events with an empty identifier are two events, not one.
        const other = await send(event(), { [tracker.identifierHeader.toLowerCase()]: '' });
        expect(other.status).toBe(202);
        expect(other.body.id).not.toBe(first.body.id);
      });
    } else {
      it.each([
        ['missing', null],
        ['empty', ''],
      ])('refuses a delivery whose identifier header is %s with 400 naming it', async (_label, value) => {
        const key = nextKey();
        const res = await send(event(key), { [tracker.identifierHeader.toLowerCase()]: value });
        expect([res.status, res.body.error?.code]).toEqual([400, 'delivery_missing']);
        expect(named(res)).toContain(tracker.identifierHeader);
        expect(storedKeys()).not.toContain(key);
      });
    }

    it('stores keys named like the prototype machinery as plain data and leaves Object.prototype alone', async () => {
      const key = nextKey();
      const body = event(key).replace(
        /}$/,
        ',"__proto__":{"x":"polluted"},"constructor":{"prototype":{"x":"polluted"}}}',
      );
      const res = await send(body);
      expect(res.status).toBe(202);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      const row = [...app.stored.values()].find((s) => tracker.issueKeyOf(s.event.payload) === key)!;
      expect(row.event.payloadJson).toBe(body);
      // Counting the next delivery still works (a polluted prototype made prom-client throw).
      const before = await app.counted(tracker.source, 'accepted');
      expect((await send(event())).status).toBe(202);
      expect(await app.counted(tracker.source, 'accepted')).toBe(before + 1);
    });

    it('states the body limit in the 413 answer and counts it as too large', async () => {
      const body = event().replace(/}$/, `,"padding":"${'x'.repeat(BODY_LIMIT)}"}`);
      const before = await app.counted(tracker.source, 'too_large');
      const res = await send(body);
      expect([res.status, res.body.error?.code]).toEqual([413, 'payload_too_large']);
      expect(res.body.error!.message).toBe('Body is larger than the limit of 1 MB (1000000 bytes)');
      expect(await app.counted(tracker.source, 'too_large')).toBe(before + 1);
    });

    it('answers 503 not_ready with Retry-After while the sidecar starts, and stores nothing', async () => {
      app.state.ready = false;
      const key = nextKey();
      const res = await send(event(key));
      expect([res.status, res.headers['retry-after'], res.body.error?.code]).toEqual([503, '5', 'not_ready']);
      expect(storedKeys()).not.toContain(key);
    });

    it('answers 503 store_unavailable with Retry-After while the store is unreachable, and counts it as such', async () => {
      app.state.storeError = Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      });
      const errorsBefore = await app.counted(tracker.source, 'error');
      const res = await send(event());
      expect([res.status, res.headers['retry-after'], res.body.error?.code]).toEqual([
        503,
        '5',
        'store_unavailable',
      ]);
      expect(await app.counted(tracker.source, 'store_unavailable')).toBe(1);
      expect(await app.counted(tracker.source, 'error')).toBe(errorsBefore);
    });
  },
);
