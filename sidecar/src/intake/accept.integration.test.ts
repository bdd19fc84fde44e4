// Accepting events, one at a time and group-committed, on both stores.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { AcceptBatcher, acceptMany } from './accept.js';
import type { IncomingEvent } from './accept.js';

const at = new Date('2026-11-20T09:00:00+03:00');
const event = (key: string, payload: unknown = { issue: { key: 'SUP-1' } }): IncomingEvent => ({
  source: 'jira-webhook',
  idempotencyKey: key,
  eventType: 'jira:issue_created',
  payload,
  receivedAt: at,
});

describe.each(storeKinds('accept'))('accepting events on %s', (kind) => {
  let store: StoreUnderTest;
  let db: OpenDb;
  let run = 0;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('stores payloads exactly, whatever characters they hold', async () => {
    const payload = {
      webhookEvent: 'comment_created',
      comment: {
        body: 'Системная плата заменена, «HW-12» закрыт.\n"quoted" \\ back\\slash {braces} , commas',
      },
      empty: '',
      nothing: null,
    };
    const [accepted] = await acceptMany({ db }, [event('payload-exact', payload)]);
    const stored = await db.query<{ payload: unknown }>('SELECT payload FROM intake_events WHERE id = $1', [
      accepted!.id,
    ]);
    expect(stored.rows[0]!.payload).toEqual(payload);
  });

  it('accepts each distinct key once, whatever the mix of repeats within and across batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (batches) => {
          run += 1;
          const firstId = new Map<number, string>();
          for (const batch of batches) {
            const results = await acceptMany(
              { db },
              batch.map((k) => event(`run-${run}-key-${k}`)),
            );
            batch.forEach((k, i) => {
              const result = results[i]!;
              const known = firstId.get(k);
              if (known) expect(result).toEqual({ id: known, duplicate: true });
              else {
                expect(result.duplicate).toBe(false);
                firstId.set(k, result.id);
              }
            });
          }
          const rows = await db.query<{ n: string }>(
            'SELECT count(*) AS n FROM intake_events WHERE idempotency_key LIKE $1',
            [`run-${run}-key-%`],
          );
          expect(Number(rows.rows[0]!.n)).toBe(firstId.size);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it('group-commits concurrent deliveries and answers each with its own result', async () => {
    const batcher = new AcceptBatcher({ db });
    const keys = Array.from({ length: 40 }, (_, i) => `burst-${i % 25}`);
    const results = await Promise.all(keys.map((k) => batcher.accept(event(k))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(25);
    const byKey = new Map<string, Set<string>>();
    keys.forEach((k, i) => byKey.set(k, (byKey.get(k) ?? new Set()).add(results[i]!.id)));
    for (const ids of byKey.values()) expect(ids.size).toBe(1);
  });

  it('stores the JSON text a delivery arrived in as that same value', async () => {
    const payload = {
      webhookEvent: 'jira:issue_updated',
      issue: { key: 'HW-12', fields: { summary: 'Плата «B»' } },
    };
    const text = `{ "webhookEvent" : "jira:issue_updated", "issue": {"key":"HW-12","fields":{"summary":"\\u041f\\u043b\\u0430\\u0442\\u0430 «B»"}} }`;
    const [accepted] = await acceptMany({ db }, [
      { ...event('payload-as-sent', payload), payloadJson: text },
    ]);
    const stored = await db.query<{ payload: unknown }>('SELECT payload FROM intake_events WHERE id = $1', [
      accepted!.id,
    ]);
    expect(stored.rows[0]!.payload).toEqual(JSON.parse(text));
    expect(stored.rows[0]!.payload).toEqual(payload);
  });

  it('with several batches in flight, still accepts each key once and answers repeats with its id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async (keys, maxInFlight, maxBatch) => {
          run += 1;
          const batcher = new AcceptBatcher({ db }, { maxInFlight, maxBatch });
          const results = await Promise.all(keys.map((k) => batcher.accept(event(`inflight-${run}-${k}`))));
          const distinct = new Set(keys);
          expect(results.filter((r) => !r.duplicate)).toHaveLength(distinct.size);
          const idsByKey = new Map<number, Set<string>>();
          keys.forEach((k, i) => idsByKey.set(k, (idsByKey.get(k) ?? new Set()).add(results[i]!.id)));
          for (const ids of idsByKey.values()) expect(ids.size).toBe(1);
          const rows = await db.query<{ n: string }>(
            'SELECT count(*) AS n FROM intake_events WHERE idempotency_key LIKE $1',
            [`inflight-${run}-%`],
          );
          expect(Number(rows.rows[0]!.n)).toBe(distinct.size);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it('fails only the poison member of a group-committed batch; the rest are stored and answered', async () => {
    run += 1;
    // Rows the store refuses, forced past the routers' checks: each would fail the shared statement.
    const poison: IncomingEvent[] = [
      { ...event(`poison-${run}-nul`), payloadJson: '{"webhookEvent":"x","note":"a\\u0000b"}' },
      { ...event(`poison-${run}-surrogate`), payloadJson: '{"webhookEvent":"x","note":"\\ud800"}' },
      { ...event(`poison-${run}-year`), occurredAt: new Date(Date.UTC(10000, 0, 1)) },
      // Random, so it cannot be compressed below the index row limit (~2.7 KB).
      event(`poison-${run}-${randomBytes(2_000).toString('hex')}`),
    ];
    const good = Array.from({ length: 40 }, (_, i) => event(`poison-${run}-good-${i}`));
    const all = [...good.slice(0, 20), ...poison, ...good.slice(20)];
    const batcher = new AcceptBatcher({ db }, { maxBatch: 200 });
    const settled = await Promise.allSettled(all.map((e) => batcher.accept(e)));
    const outcome = (e: IncomingEvent) => settled[all.indexOf(e)]!;
    for (const e of good)
      expect(outcome(e)).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });
    // The year 10000 fits PostgreSQL's timestamptz; only PGlite's parameter text refuses it.
    const refused = poison.filter((e) => outcome(e).status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const e of refused) {
      expect(String((outcome(e) as PromiseRejectedResult).reason)).not.toMatch(/dedupe constraint/);
    }
    const rows = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM intake_events WHERE idempotency_key LIKE $1 AND idempotency_key LIKE '%good%'",
      [`poison-${run}-%`],
    );
    expect(Number(rows.rows[0]!.n)).toBe(good.length);
    // The store is still sound for the next batch.
    const [after] = await acceptMany({ db }, [event(`poison-${run}-after`)]);
    expect(after!.duplicate).toBe(false);
  }, 60_000);
});
