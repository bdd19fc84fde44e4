// What a job kind is: a name, a schema for its data, a retry policy and one idempotent handler.
// Each kind lives in its own file under kinds/ as a factory that takes exactly the dependencies its
// handler needs; compose.ts builds them (kinds/index.ts) and hands the list to the queue and workers.
import type { z } from 'zod';
import type { Logger } from '../logger.js';

/** Exponential backoff: retryDelay · 2^attempt seconds (with jitter), capped at retryDelayMax. */
export interface RetryPolicy {
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** How long one attempt may run before pg-boss considers it lost and retries it. */
  expireInSeconds: number;
  /**
   * Workers refresh a running job's heartbeat every half of this; a job whose worker died (SIGKILL,
   * lost host) is retried once it misses it, instead of waiting out `expireInSeconds`.
   */
  heartbeatSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retryLimit: 5,
  retryDelaySeconds: 2,
  retryDelayMaxSeconds: 300,
  expireInSeconds: 300,
  heartbeatSeconds: 15,
};

/** One attempt of one job, as a handler sees it. */
export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  attempt: number;
  log: Logger;
  signal: AbortSignal;
}

export interface JobKind<Name extends string, Data> {
  name: Name;
  data: z.ZodType<Data>;
  retry: RetryPolicy;
  /** Attempts of this kind one process runs at once. */
  concurrency: number;
  /** Must be idempotent: a job can run again after a crash between its effects and its completion. */
  handle(ctx: JobContext, data: Data): Promise<void>;
}

/** Identity helper that keeps the literal name type. */
export function defineJob<const Name extends string, Data>(kind: JobKind<Name, Data>): JobKind<Name, Data> {
  return kind;
}

/** A failure that retrying cannot fix (bad data, a 4xx from Jira): the job fails at once. */
export class PermanentJobError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Retryable unless the error says otherwise (`retryable: false`, as the Jira gateway's errors do). */
export function isRetryable(err: unknown): boolean {
  if (err instanceof PermanentJobError) return false;
  const flag = (err as { retryable?: unknown } | null)?.retryable;
  return typeof flag === 'boolean' ? flag : true;
}
