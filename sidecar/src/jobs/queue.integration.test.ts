// The job queue on both stores: retries with backoff, failed jobs kept and listed, the retry action,
// and enqueueing inside a transaction that rolls back.
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { waitFor } from '../../test/webhook-client.js';
import { defineJob, PermanentJobError } from './kind.js';
import type { JobKind } from './kind.js';
import { JobQueue } from './queue.js';
import { startWorkers } from './worker.js';

const log = createLogger({ level: 'silent' });
const fastRetry = {
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryDelayMaxSeconds: 2,
  expireInSeconds: 60,
  heartbeatSeconds: 15,
};
const Data = z.object({ issueKey: z.string() });

describe.each(storeKinds('job queue'))('job queue on %s', (kind) => {
  let store: StoreUnderTest;
  let db: OpenDb;
  let queue: JobQueue;
  const attempts = new Map<string, number>();
  const failUntil = new Map<string, number>();

  const flaky = defineJob({
    name: 'test.flaky',
    data: Data,
    retry: fastRetry,
    concurrency: 2,
    async handle(_ctx, { issueKey }) {
      const n = (attempts.get(issueKey) ?? 0) + 1;
      attempts.set(issueKey, n);
      if (n <= (failUntil.get(issueKey) ?? 0)) throw new Error(`Jira answered 503 for ${issueKey}`);
    },
  });
  const broken = defineJob({
    name: 'test.broken',
    data: Data,
    retry: fastRetry,
    concurrency: 1,
    async handle(_ctx, { issueKey }) {
      attempts.set(issueKey, (attempts.get(issueKey) ?? 0) + 1);
      throw new PermanentJobError(`${issueKey} does not exist`);
    },
  });
  const kinds = [flaky, broken] as unknown as JobKind<string, unknown>[];
  const send = (name: string, issueKey: string) => queue.send(name as never, { issueKey } as never);

  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    queue = new JobQueue({ db, log, kinds, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 2 });
    await queue.start();
    await startWorkers({
      queue,
      kinds,
      log,
      metrics: createMetrics({ defaultMetrics: false }),
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 2_000 });
    await db?.close();
    await store?.dispose();
  }, 30_000);

  it('retries a failing job with backoff until it succeeds', async () => {
    failUntil.set('SUP-201', 2);
    await send('test.flaky', 'SUP-201');
    await waitFor(async () => attempts.get('SUP-201') === 3, 30_000, 'the third attempt');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(attempts.get('SUP-201')).toBe(3);
    expect((await queue.listFailed()).map((j) => j.data)).not.toContainEqual({ issueKey: 'SUP-201' });
  }, 40_000);

  it('keeps a job that exhausted its retries as failed, lists it, and retries it on request', async () => {
    failUntil.set('SUP-202', 3);
    const id = await send('test.flaky', 'SUP-202');
    await waitFor(async () => (await queue.listFailed()).some((j) => j.id === id), 30_000, 'the job to fail');
    expect(attempts.get('SUP-202')).toBe(3); // first attempt + retryLimit 2
    const failed = (await queue.listFailed()).find((j) => j.id === id)!;
    expect(failed).toMatchObject({
      name: 'test.flaky',
      data: { issueKey: 'SUP-202' },
      error: 'Jira answered 503 for SUP-202',
      retryCount: 2,
    });
    expect(Number.isNaN(Date.parse(failed.failedAt))).toBe(false);

    expect(await queue.retry(id)).toBe(true);
    await waitFor(async () => attempts.get('SUP-202') === 4, 30_000, 'the retried attempt');
    await waitFor(
      async () => !(await queue.listFailed()).some((j) => j.id === id),
      10_000,
      'the job to leave the failed list',
    );
  }, 60_000);

  it('fails a permanent error at once, without using its retries', async () => {
    const id = await send('test.broken', 'HW-203');
    await waitFor(async () => (await queue.listFailed()).some((j) => j.id === id), 20_000, 'the job to fail');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(attempts.get('HW-203')).toBe(1);
  }, 30_000);

  it('answers false when retrying an unknown or malformed job id', async () => {
    expect(await queue.retry('7d1b7a2e-0000-4000-8000-000000000000')).toBe(false);
    expect(await queue.retry('not-a-uuid')).toBe(false);
  });

  it('creates no job when the transaction that sent it rolls back', async () => {
    const before = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'test.flaky'`,
    );
    await expect(
      db.transaction(async (tx) => {
        await queue.sendInTransaction(tx, 'test.flaky' as never, { issueKey: 'SUP-204' } as never);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    const after = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'test.flaky'`,
    );
    expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(attempts.get('SUP-204')).toBeUndefined();
  });
});
