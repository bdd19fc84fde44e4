// Exactly one sender across replicas: two job queues (two "replicas") on one PostgreSQL database,
// both registering the schedules and both watching the clock; each cron slot yields one
// schedules.tick job, run once. Waits for a real minute boundary, so it takes up to two minutes.
import { JobQueue } from '../jobs/queue.js';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { silentLogger } from '../../test/sidecar.js';
import { waitFor } from '../../test/webhook-client.js';
import { registerSchedules } from './cron.js';
import { z } from 'zod';
import { DEFAULT_RETRY, defineJob } from '../jobs/kind.js';

const url = process.env.FRONTLINE_TEST_DATABASE_URL;
const describeOnPostgres = url ? describe : describe.skip;
if (!url)
  console.warn('cron schedules: FRONTLINE_TEST_DATABASE_URL is not set; the two-replica run is skipped.');

// The queue needs the kind's name and policy only; the replicas below subscribe their own runner.
const tickKind = defineJob({
  name: 'schedules.tick',
  data: z.unknown(),
  retry: DEFAULT_RETRY,
  concurrency: 1,
  handle: () => Promise.resolve(),
});

describeOnPostgres('pg-boss cron with two replicas on one PostgreSQL store', () => {
  let store: StoreUnderTest;
  const dbs: OpenDb[] = [];
  const queues: JobQueue[] = [];
  const runs: { replica: number; jobId: string }[] = [];

  beforeAll(async () => {
    store = await freshStore('postgres');
    for (let replica = 0; replica < 2; replica++) {
      const db = await openDb({ databaseUrl: store.databaseUrl, dataDir: 'unused' });
      const queue = new JobQueue({ db, log: silentLogger(), kinds: [tickKind], pollingIntervalSeconds: 1 });
      await queue.start();
      await registerSchedules(queue, [{ name: 'schedules.tick', cron: '* * * * *' }]);
      await queue.work('schedules.tick', { concurrency: 1 }, async (job) => {
        runs.push({ replica, jobId: job.id });
        return 'completed';
      });
      dbs.push(db);
      queues.push(queue);
    }
  }, 60_000);

  afterAll(async () => {
    for (const queue of queues) await queue.stop({ timeoutMs: 2_000 });
    for (const db of dbs) await db.close();
    await store?.dispose();
  }, 30_000);

  it('sends one tick per minute slot, however many replicas watch the schedule', async () => {
    await waitFor(async () => runs.length >= 1, 110_000, 'the first cron tick');
    const slots = async () =>
      (
        await dbs[0]!.query<{ slot: string; n: string }>(
          `SELECT date_trunc('minute', created_on)::text AS slot, count(*) AS n FROM pgboss.job
            WHERE name = 'schedules.tick' GROUP BY 1`,
        )
      ).rows;
    // Give the other replica's cron pass (every 30 s) time to look at the same slot.
    await new Promise((resolve) => setTimeout(resolve, 35_000));
    const created = await slots();
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const slot of created) expect(Number(slot.n)).toBe(1);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(runs.length);
    expect(runs.length).toBe(created.length);
  }, 160_000);
});
