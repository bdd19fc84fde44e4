// The durable job queue: pg-boss on whichever store is open (its own pool on PostgreSQL, the shared
// single connection on PGlite). Jobs can be sent inside a caller's transaction, so "persist the
// event" and "enqueue its job" commit or roll back together on both stores. The queue knows the
// kinds only as the composition root hands them over; `Jobs` maps each kind's name to its data.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Db as BossDb, JobResult, JobWithMetadata } from 'pg-boss';
import type { Logger } from '../logger.js';
import type { FailedJob, Queryable } from '../ports.js';
import type { OpenDb } from '../store/open.js';
import type { JobKind } from './kind.js';

export const BOSS_SCHEMA = 'pgboss';

export type { FailedJob } from '../ports.js';

export interface WorkOptions {
  concurrency: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

/** Runs one job attempt; resolves with how pg-boss must settle it. */
export type AttemptRunner = (job: JobWithMetadata<unknown>) => Promise<JobResult['status'] | JobResult>;

/** pg-boss statements routed through a caller's open transaction. */
function inTransaction(tx: Queryable): BossDb {
  return {
    executeSql: (text: string, values?: unknown[]) => tx.query(text, values ?? []),
  };
}

export const UNFINISHED_STATES = ['created', 'retry', 'active'] as const;

export interface QueueDepth {
  queue: string;
  state: (typeof UNFINISHED_STATES)[number];
  count: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The message a failed job left behind, whatever shape pg-boss stored it in. */
function errorText(output: unknown): string {
  if (output && typeof output === 'object') {
    const message = (output as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return output === null || output === undefined ? 'failed without a message' : JSON.stringify(output);
}

/**
 * Logs an error pg-boss reported, as the error alone. pg-boss passes pg-pool's errors on with the
 * whole pg client attached (`err.client`: host, user, database, cancel key — kilobytes a line), and
 * re-emits worker errors as plain objects spread from the error, so nothing is logged as it came.
 */
export function logQueueError(log: Pick<Logger, 'error'>, err: unknown): void {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of ['message', 'code', 'severity', 'queue', 'worker', 'stack'] as const) {
    const value = e[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  if (err instanceof Error) fields.name = err.name;
  log.error({ err: fields }, 'job queue error');
}

export class JobQueue<Jobs extends object = Record<string, object>> {
  readonly #db: OpenDb;
  readonly #log: Logger;
  readonly #kinds: readonly JobKind<string, unknown>[];
  readonly #pollingIntervalSeconds: number;
  readonly #superviseIntervalSeconds: number;
  #boss: PgBoss | undefined;
  #ready = false;
  #stopping = false;

  constructor(opts: {
    db: OpenDb;
    log: Logger;
    kinds: readonly JobKind<string, unknown>[];
    /** Polling is the floor under LISTEN/NOTIFY wake-ups. */
    pollingIntervalSeconds?: number;
    /** How often expired jobs and missed heartbeats are looked for (and so how fast a crash heals). */
    superviseIntervalSeconds?: number;
  }) {
    this.#db = opts.db;
    this.#log = opts.log;
    this.#kinds = opts.kinds;
    this.#pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;
    this.#superviseIntervalSeconds = opts.superviseIntervalSeconds ?? 10;
  }

  /** True once pg-boss has started and every queue exists. */
  get ready(): boolean {
    return this.#ready && !this.#stopping;
  }

  /** Installs or migrates pg-boss's schema, starts maintenance and creates the queues. */
  async start(): Promise<void> {
    const db = this.#db;
    const common = {
      schema: BOSS_SCHEMA,
      useListenNotify: true,
      superviseIntervalSeconds: this.#superviseIntervalSeconds,
      monitorIntervalSeconds: this.#superviseIntervalSeconds,
    };
    const boss =
      db.kind === 'pglite'
        ? new PgBoss({ ...common, db: fromPglite(db.pglite), backend: 'pglite' })
        : new PgBoss({
            ...common,
            connectionString: db.databaseUrl,
            max: 4,
            application_name: 'frontline-sidecar',
          });
    boss.on('error', (err) => logQueueError(this.#log, err));
    boss.on('warning', (warning) => this.#log.warn({ warning: warning.data }, warning.message));
    await boss.start();
    this.#boss = boss;
    for (const kind of this.#kinds) {
      const options = {
        retryLimit: kind.retry.retryLimit,
        retryDelay: kind.retry.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: kind.retry.retryDelayMaxSeconds,
        expireInSeconds: kind.retry.expireInSeconds,
        heartbeatSeconds: kind.retry.heartbeatSeconds,
        notify: true,
      };
      await boss.createQueue(kind.name, options);
      // createQueue leaves an existing queue alone; this applies policy changes made since.
      await boss.updateQueue(kind.name, options);
      // Loads the queue into pg-boss's cache now. Otherwise the first send() inside an intake
      // transaction would look it up on PGlite's single connection, which that transaction holds.
      await boss.findJobs(kind.name, { id: '00000000-0000-0000-0000-000000000000' });
    }
    this.#ready = true;
  }

  #started(): PgBoss {
    if (!this.#boss) throw new Error('The job queue is not started');
    return this.#boss;
  }

  /** Enqueues a job on its own. */
  async send<N extends keyof Jobs & string>(name: N, data: Jobs[N]): Promise<string> {
    const id = await this.#started().send(name, data as object);
    if (!id) throw new Error(`pg-boss did not create a ${name} job`);
    return id;
  }

  /** Enqueues a job as part of the caller's transaction: it exists only if that commits. */
  async sendInTransaction<N extends keyof Jobs & string>(
    tx: Queryable,
    name: N,
    data: Jobs[N],
  ): Promise<string> {
    const id = await this.#started().send(name, data as object, { db: inTransaction(tx) });
    if (!id) throw new Error(`pg-boss did not create a ${name} job`);
    return id;
  }

  /** Enqueues several jobs of one kind in one statement, as part of the caller's transaction. */
  async insertInTransaction<N extends keyof Jobs & string>(
    tx: Queryable,
    name: N,
    data: readonly Jobs[N][],
  ): Promise<void> {
    await this.#started().insert(
      name,
      data.map((d) => ({ data: d as object })),
      { db: inTransaction(tx) },
    );
  }

  /**
   * Creates or updates a cron schedule that sends a `name` job at each slot (pg-boss's own
   * `schedule()`: one row per name, and one job per due slot however many replicas evaluate it).
   * Idempotent, so every replica may call it at start. The expression is checked before it is stored.
   */
  async schedule(
    name: keyof Jobs & string,
    cron: string,
    opts: { timeZone?: string | undefined } = {},
  ): Promise<void> {
    await this.#started().schedule(name, cron, null, { tz: opts.timeZone ?? 'UTC' });
  }

  /**
   * Subscribes `run` to one queue: `concurrency` pollers, each claiming up to `batchSize` jobs and
   * running them side by side. A full batch fetches again at once (a backlog drains at full speed);
   * otherwise NOTIFY wakes the pollers, with polling every `pollingIntervalSeconds` as the floor in
   * case a notification is missed while every poller is busy.
   */
  async work(name: string, opts: WorkOptions, run: AttemptRunner): Promise<void> {
    const polling = opts.pollingIntervalSeconds ?? this.#pollingIntervalSeconds;
    const batchSize = opts.batchSize ?? 4;
    // PGlite runs every statement on one connection in this thread: parallel pollers would only
    // queue behind each other (and behind webhook intake), so one poller takes bigger batches.
    const single = this.#db.kind === 'pglite';
    await this.#started().work(
      name,
      {
        batchSize: single ? batchSize * opts.concurrency : batchSize,
        burstWhenBatchFull: true,
        localConcurrency: single ? 1 : opts.concurrency,
        includeMetadata: true,
        perJobResults: true,
        pollingIntervalSeconds: polling,
        notifyPollingIntervalSeconds: polling,
      },
      async (jobs) =>
        Promise.all(
          jobs.map(async (job): Promise<JobResult> => {
            const outcome = await run(job);
            return typeof outcome === 'string' ? { id: job.id, status: outcome } : outcome;
          }),
        ),
    );
  }

  /** Jobs that failed for good, newest first. */
  async listFailed(opts: { limit?: number } = {}): Promise<FailedJob[]> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const result = await this.#db.query<{
      id: string;
      name: string;
      data: unknown;
      output: unknown;
      completed_on: Date | string | null;
      retry_count: number;
    }>(
      `SELECT id, name, data, output, completed_on, retry_count FROM ${BOSS_SCHEMA}.job
        WHERE state = 'failed' AND name = ANY($1::text[])
        ORDER BY completed_on DESC NULLS LAST, id
        LIMIT $2`,
      [this.#kinds.map((k) => k.name), limit],
    );
    return result.rows.map((row) => ({
      id: row.id,
      name: row.name,
      data: row.data,
      error: errorText(row.output),
      failedAt: new Date(row.completed_on ?? 0).toISOString(),
      retryCount: Number(row.retry_count),
    }));
  }

  /** Puts a failed job back in line; false when no failed job has that id. */
  async retry(jobId: string): Promise<boolean> {
    if (!UUID.test(jobId)) return false;
    const found = await this.#db.query<{ name: string }>(
      `SELECT name FROM ${BOSS_SCHEMA}.job WHERE id = $1 AND state = 'failed' AND name = ANY($2::text[])`,
      [jobId, this.#kinds.map((k) => k.name)],
    );
    const name = found.rows[0]?.name;
    if (!name) return false;
    // pg-boss's CommandResponse type is empty; at run time it carries `affected`.
    const response = (await this.#started().retry(name, jobId)) as { affected?: number };
    return (response.affected ?? 0) > 0;
  }

  /** Jobs not yet finished, per queue and state: waiting (created), waiting to retry, running (active). */
  async depths(): Promise<QueueDepth[]> {
    const result = await this.#db.query<{ name: string; state: string; depth: string | number }>(
      `SELECT name, state::text AS state, count(*) AS depth FROM ${BOSS_SCHEMA}.job
        WHERE state IN ('created', 'retry', 'active') AND name = ANY($1::text[])
        GROUP BY name, state`,
      [this.#kinds.map((k) => k.name)],
    );
    const counts = new Map(result.rows.map((row) => [`${row.name}/${row.state}`, Number(row.depth)]));
    return this.#kinds.flatMap((kind) =>
      UNFINISHED_STATES.map((state) => ({
        queue: kind.name,
        state,
        count: counts.get(`${kind.name}/${state}`) ?? 0,
      })),
    );
  }

  /** Stops fetching, lets running attempts finish (up to `timeoutMs`), then stops pg-boss. */
  async stop(opts: { timeoutMs?: number } = {}): Promise<void> {
    this.#stopping = true;
    const boss = this.#boss;
    if (!boss) return;
    this.#boss = undefined;
    // close: false on PGlite — the instance belongs to the store, which closes it after us.
    await boss.stop({
      graceful: true,
      timeout: opts.timeoutMs ?? 10_000,
      close: this.#db.kind === 'postgres',
    });
  }
}
