// The outbox relay: turns accepted events into intake.process jobs, a batch per transaction. It
// takes the oldest rows of intake_outbox (written by accept in the statement that stores each event)
// and deletes them in the transaction that inserts their jobs, so an event gets exactly one job and
// the wide event row is never rewritten. It runs when woken by intake, on a timer as a floor, and at
// start — which is what enqueues events a crashed process had accepted but not yet relayed.
// Replicas share the work with SKIP LOCKED. A failed pass (the store unreachable) is logged and
// retried with exponential backoff; the events wait in the outbox meanwhile, so nothing is lost.
import type { Logger } from '../logger.js';
import type { Db, Queryable } from '../store/db.js';

/** The relay's time: now, and one-off timers; tests pass a clock they move by hand. */
export interface RelayClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Runs `fn` once after `ms`; an `unref` timer does not keep the process alive. */
  after(ms: number, fn: () => void, opts?: { unref?: boolean }): { cancel(): void };
}

const systemClock: RelayClock = {
  now: () => performance.now(),
  after(ms, fn, opts) {
    const timer = setTimeout(fn, Math.max(0, ms));
    if (opts?.unref) timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Where relayed events become jobs: the job queue, inside the relay's transaction. */
export interface IntakeJobs {
  insertInTransaction(
    tx: Queryable,
    name: 'intake.process',
    data: readonly { eventId: string }[],
  ): Promise<void>;
}

export interface RelayOptions {
  db: Db;
  queue: IntakeJobs;
  log: Logger;
  batchSize?: number;
  /** How often to look for unrelayed events when nothing wakes the relay. */
  intervalMs?: number;
  /**
   * Under a stream of events, the least time from the start of one pass to the next: fewer, larger
   * relay transactions, each a job insert and a commit, for at most this much delay to a job.
   */
  coalesceMs?: number;
  /** After a failed pass, the wait before the next one: doubled per failure up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Default: the host's timers and `performance.now()`. */
  clock?: RelayClock;
}

type Pacing = 'batchSize' | 'intervalMs' | 'coalesceMs' | 'retryBaseMs' | 'retryMaxMs';

/** Relays one batch; returns how many events it enqueued. */
export async function relayBatch(
  opts: Pick<RelayOptions, 'db' | 'queue'>,
  batchSize: number,
): Promise<number> {
  return opts.db.transaction(async (tx) => {
    const claimed = await tx.query<{ event_id: string }>(
      `DELETE FROM intake_outbox WHERE position IN (
         SELECT position FROM intake_outbox ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING event_id`,
      [batchSize],
    );
    if (claimed.rows.length === 0) return 0;
    await opts.queue.insertInTransaction(
      tx,
      'intake.process',
      claimed.rows.map((row) => ({ eventId: row.event_id })),
    );
    return claimed.rows.length;
  });
}

export class IntakeRelay {
  readonly #opts: Required<Pick<RelayOptions, Pacing | 'clock'>> & RelayOptions;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: { cancel(): void } | undefined;
  #held: { cancel(): void } | undefined;
  /** Set while backing off after failed passes; wake-ups meanwhile wait for it. */
  #retry: { cancel(): void } | undefined;
  #failures = 0;
  #stopped = true;

  constructor(opts: RelayOptions) {
    this.#opts = {
      batchSize: 200,
      intervalMs: 1_000,
      coalesceMs: 100,
      retryBaseMs: 500,
      retryMaxMs: 15_000,
      clock: systemClock,
      ...opts,
    };
  }

  /**
   * Relays everything pending now, then keeps relaying on wake-ups and every `intervalMs`. A store
   * that fails this first pass does not fail the start: the pass is retried like any other.
   */
  async start(): Promise<void> {
    this.#stopped = false;
    this.wake();
    await this.#running;
    this.#tick();
  }

  /** The floor under wake-ups: a wake every `intervalMs` while running. */
  #tick(): void {
    if (this.#stopped) return;
    this.#timer = this.#opts.clock.after(
      this.#opts.intervalMs,
      () => {
        this.wake();
        this.#tick();
      },
      { unref: true },
    );
  }

  /**
   * Asks for a drain soon. The first wake-up after a quiet spell drains at once; wake-ups during a
   * pass coalesce into one more pass, held until `coalesceMs` after the previous one began.
   */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running || this.#held || this.#retry) {
      this.#again = true;
      return;
    }
    this.#again = false;
    const { clock } = this.#opts;
    const began = clock.now();
    this.#running = this.#drain()
      .then(
        () => {
          this.#failures = 0;
        },
        (err: unknown) => this.#backOff(err),
      )
      .finally(() => {
        this.#running = undefined;
        if (!this.#again || this.#stopped || this.#retry) return;
        const wait = this.#opts.coalesceMs - (clock.now() - began);
        if (wait <= 0) return this.wake();
        this.#held = clock.after(wait, () => {
          this.#held = undefined;
          this.wake();
        });
      });
  }

  /** Schedules the next pass after a failed one, further off with each failure in a row. */
  #backOff(err: unknown): void {
    this.#failures++;
    const { retryBaseMs, retryMaxMs } = this.#opts;
    const waitMs = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(this.#failures - 1, 20));
    const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
    // Message and code only: an error from a pooled connection can carry the whole client.
    this.#opts.log.error(
      { err: { message, code }, attempt: this.#failures, retryInMs: waitMs },
      'intake relay failed; will retry',
    );
    if (this.#stopped) return;
    this.#retry = this.#opts.clock.after(
      waitMs,
      () => {
        this.#retry = undefined;
        this.wake();
      },
      { unref: true },
    );
  }

  async #drain(): Promise<void> {
    for (;;) {
      const relayed = await relayBatch(this.#opts, this.#opts.batchSize);
      if (relayed < this.#opts.batchSize) return;
    }
  }

  /** Stops waking and waits for a pass in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#held?.cancel();
    this.#retry?.cancel();
    this.#retry = undefined;
    await this.#running;
  }
}
