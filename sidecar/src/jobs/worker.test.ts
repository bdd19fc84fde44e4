import { z } from 'zod';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { defineJob, DEFAULT_RETRY, PermanentJobError } from './kind.js';
import { runAttempt } from './worker.js';

const log = createLogger({ level: 'silent' });

function kindThat(handle: () => Promise<void>) {
  return defineJob({
    name: 'test.kind',
    data: z.object({ issueKey: z.string() }),
    retry: DEFAULT_RETRY,
    concurrency: 1,
    handle,
  });
}

const job = (data: unknown, retryCount = 0) => ({
  id: '5f1e7c1a-0000-4000-8000-000000000001',
  data,
  retryCount,
  retryLimit: 5,
  signal: new AbortController().signal,
});

async function metricValue(
  metrics: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string>,
) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = (metric?.values as { labels: Record<string, string>; value: number }[] | undefined)?.find(
    (v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return value?.value ?? 0;
}

describe('runAttempt', () => {
  it('completes when the handler resolves, passing the parsed data', async () => {
    const seen: unknown[] = [];
    const kind = defineJob({
      ...kindThat(async () => {}),
      handle: async (_ctx, data) => void seen.push(data),
    });
    const metrics = createMetrics({ defaultMetrics: false });
    const result = await runAttempt(kind, job({ issueKey: 'SUP-1' }), { log, metrics });
    expect(result).toEqual({ id: job({}).id, status: 'completed' });
    expect(seen).toEqual([{ issueKey: 'SUP-1' }]);
  });

  it('fails a retryable error so pg-boss retries it with backoff', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const kind = kindThat(async () => {
      throw Object.assign(new Error('Jira answered 503'), { retryable: true });
    });
    const result = await runAttempt(kind, job({ issueKey: 'SUP-2' }), { log, metrics });
    expect(result).toMatchObject({
      status: 'failed',
      output: { message: 'Jira answered 503', retryable: true },
    });
    expect(await metricValue(metrics, 'frontline_job_failures_total', { kind: 'retryable' })).toBe(1);
  });

  it('fails a permanent error for good at once', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const kind = kindThat(async () => {
      throw new PermanentJobError('HW-9 does not exist');
    });
    const result = await runAttempt(kind, job({ issueKey: 'HW-9' }), { log, metrics });
    expect(result).toMatchObject({ status: 'deadletter', output: { retryable: false } });
    expect(await metricValue(metrics, 'frontline_job_failures_total', { kind: 'permanent' })).toBe(1);
  });

  it('fails invalid job data for good without calling the handler', async () => {
    let called = false;
    const kind = kindThat(async () => {
      called = true;
    });
    const metrics = createMetrics({ defaultMetrics: false });
    const result = await runAttempt(kind, job({ issue: 42 }), { log, metrics });
    expect(result).toMatchObject({ status: 'deadletter', output: { message: 'invalid job data' } });
    expect(called).toBe(false);
  });

  it('records the run time by outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    await runAttempt(
      kindThat(async () => {}),
      job({ issueKey: 'SUP-3' }),
      { log, metrics },
    );
    expect(
      await metricValue(metrics, 'frontline_job_duration_seconds', {
        job: 'test.kind',
        outcome: 'completed',
      }),
    ).toBeGreaterThan(0);
  });
});
