// The outbox relay: every accepted event gets exactly one intake.process job, in batches, and
// events left unrelayed (a crash between accept and relay) are picked up when a relay starts.
import { createLogger } from '../logger.js';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { JobQueue } from '../jobs/queue.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { acceptEvent } from './accept.js';
import { IntakeRelay, relayBatch } from './relay.js';
import { DEFAULT_RETRY, defineJob } from '../jobs/kind.js';
import { IntakeProcessData } from '../jobs/kinds/intake-process.js';

const log = createLogger({ level: 'silent' });

describe.each(storeKinds('intake relay'))('intake relay on %s', (kind) => {
  let store: StoreUnderTest;
  let db: OpenDb;
  let queue: JobQueue;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    // No workers: jobs stay queued where the test can count them.
    const intakeJobs = defineJob({
      name: 'intake.process',
      data: IntakeProcessData,
      retry: DEFAULT_RETRY,
      concurrency: 1,
      handle: () => Promise.resolve(),
    });
    queue = new JobQueue({ db, log, kinds: [intakeJobs] });
    await queue.start();
  }, 60_000);

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 1_000 });
    await db?.close();
    await store?.dispose();
  }, 30_000);

  const jobsFor = async (eventIds: readonly string[]) =>
    (
      await db.query<{ event_id: string }>(
        `SELECT data->>'eventId' AS event_id FROM pgboss.job WHERE name = 'intake.process' AND data->>'eventId' = ANY($1::text[])`,
        [eventIds],
      )
    ).rows.map((row) => row.event_id);

  const accept = (key: string) =>
    acceptEvent(
      { db },
      {
        source: 'jira-webhook',
        idempotencyKey: key,
        eventType: 'jira:issue_created',
        payload: { issue: { key: 'DB-7' } },
        receivedAt: new Date('2026-11-20T09:00:00+03:00'),
      },
    );

  it('enqueues each pending event once, in batches, and nothing on a second pass', async () => {
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await accept(`relay-batch-${i}`)).id);
    expect(await jobsFor(ids)).toEqual([]);
    expect(await relayBatch({ db, queue }, 3)).toBe(3);
    expect(await relayBatch({ db, queue }, 3)).toBe(3);
    expect(await relayBatch({ db, queue }, 3)).toBe(1);
    expect(await relayBatch({ db, queue }, 3)).toBe(0);
    expect((await jobsFor(ids)).sort()).toEqual([...ids].sort());
  });

  it('relays what was left pending when it starts, and later events when woken', async () => {
    const left = (await accept('relay-left-over')).id;
    const relay = new IntakeRelay({ db, queue, log, intervalMs: 60_000 });
    await relay.start();
    expect(await jobsFor([left])).toEqual([left]);
    const woken = (
      await acceptEvent(
        { db, relay },
        {
          source: 'forge-event',
          idempotencyKey: 'relay-woken',
          eventType: 'avi:jira:created:issue',
          payload: {},
          receivedAt: new Date('2026-11-20T09:05:00+03:00'),
        },
      )
    ).id;
    await relay.stop(); // waits for the pass the wake-up started
    expect(await jobsFor([woken])).toEqual([woken]);
  });

  it('does not enqueue a duplicate delivery', async () => {
    const first = await accept('relay-duplicate');
    const again = await accept('relay-duplicate');
    expect(again).toEqual({ id: first.id, duplicate: true });
    await relayBatch({ db, queue }, 100);
    expect(await jobsFor([first.id])).toEqual([first.id]);
  });
});
