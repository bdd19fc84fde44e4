// Runs every job kind on the queue: validates the job's data, gives the handler a child logger for
// that job, times it, and tells pg-boss how to settle the attempt — completed, failed (retried with
// backoff until the kind's limit, then kept as failed), or failed for good at once when the error
// is permanent.
import { parseWith } from '@frontline/shared';
import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { JobKind } from './kind.js';
import { isRetryable } from './kind.js';
import type { JobQueue } from './queue.js';

export interface WorkerDeps {
  queue: Pick<JobQueue, 'work'>;
  /** Each kind with its dependencies already bound (compose.ts). */
  kinds: readonly JobKind<string, unknown>[];
  log: Logger;
  metrics: Metrics;
}

/** What gets stored on a failed attempt: enough to act on, nothing secret. */
function failureOutput(err: unknown): { message: string; name: string; retryable: boolean } {
  const e = err instanceof Error ? err : new Error(String(err));
  return { message: e.message, name: e.name, retryable: isRetryable(err) };
}

/** Runs one attempt of one job and decides how it settles. Never throws. */
export async function runAttempt(
  kind: JobKind<string, unknown>,
  job: Pick<JobWithMetadata<unknown>, 'id' | 'data' | 'retryCount' | 'retryLimit' | 'signal'>,
  ctx: { log: Logger; metrics: Metrics },
): Promise<JobResult> {
  const log = ctx.log.child({ job: kind.name, jobId: job.id, attempt: job.retryCount });
  const stopTimer = ctx.metrics.jobDuration.startTimer({ job: kind.name });
  const parsed = parseWith(kind.data, job.data);
  if (!parsed.ok) {
    stopTimer({ outcome: 'invalid' });
    ctx.metrics.jobFailures.inc({ job: kind.name, kind: 'permanent' });
    log.error({ problems: parsed.error }, 'job data is invalid; failing it without retry');
    return {
      id: job.id,
      status: 'deadletter',
      output: { message: 'invalid job data', problems: parsed.error },
    };
  }
  try {
    await kind.handle({ jobId: job.id, attempt: job.retryCount, log, signal: job.signal }, parsed.value);
    stopTimer({ outcome: 'completed' });
    return { id: job.id, status: 'completed' };
  } catch (err) {
    const output = failureOutput(err);
    const willRetry = output.retryable && job.retryCount < job.retryLimit;
    stopTimer({ outcome: 'failed' });
    ctx.metrics.jobFailures.inc({ job: kind.name, kind: output.retryable ? 'retryable' : 'permanent' });
    log.warn({ err, willRetry }, willRetry ? 'job attempt failed; will retry' : 'job failed for good');
    return { id: job.id, status: output.retryable ? 'failed' : 'deadletter', output };
  }
}

/** Subscribes every kind to its queue. */
export async function startWorkers(w: WorkerDeps): Promise<void> {
  for (const kind of w.kinds) {
    await w.queue.work(kind.name, { concurrency: kind.concurrency }, (job) =>
      runAttempt(kind, job, { log: w.log, metrics: w.metrics }),
    );
  }
}
