// The outbox relay: turns accepted events into intake.process jobs, a batch per transaction. It
// takes the oldest rows of intake_outbox (written by accept in the statement that stores each event)
// and deletes them in the transaction that inserts their jobs, so an event gets exactly one job and
// the wide event row is never rewritten. It runs when woken by intake, on a timer as a floor, and at
// start — which is what enqueues events a crashed process had accepted but not yet relayed.
// Replicas share the work with SKIP LOCKED.
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import type { JobQueue } from '../jobs/queue.js';

export interface RelayOptions {
  db: Db;
  queue: Pick<JobQueue, 'insertInTransaction'>;
  log: Logger;
  batchSize?: number;
  /** How often to look for unrelayed events when nothing wakes the relay. */
  intervalMs?: number;
  /**
   * Under a stream of events, the least time from the start of one pass to the next: fewer, larger
   * relay transactions, each a job insert and a commit, for at most this much delay to a job.
   */
  coalesceMs?: number;
}

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
  readonly #opts: Required<Pick<RelayOptions, 'batchSize' | 'intervalMs' | 'coalesceMs'>> & RelayOptions;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #held: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(opts: RelayOptions) {
    this.#opts = { batchSize: 200, intervalMs: 1_000, coalesceMs: 100, ...opts };
  }

  /** Relays everything pending now, then keeps relaying on wake-ups and every `intervalMs`. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#drain();
    this.#timer = setInterval(() => this.wake(), this.#opts.intervalMs);
    this.#timer.unref();
  }

  /**
   * Asks for a drain soon. The first wake-up after a quiet spell drains at once; wake-ups during a
   * pass coalesce into one more pass, held until `coalesceMs` after the previous one began.
   */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running || this.#held) {
      this.#again = true;
      return;
    }
    this.#again = false;
    const began = performance.now();
    this.#running = this.#drain()
      .catch((err: unknown) => this.#opts.log.error({ err }, 'intake relay failed; will retry'))
      .finally(() => {
        this.#running = undefined;
        if (!this.#again || this.#stopped) return;
        const wait = this.#opts.coalesceMs - (performance.now() - began);
        if (wait <= 0) return this.wake();
        this.#held = setTimeout(() => {
          this.#held = undefined;
          this.wake();
        }, wait);
      });
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
    if (this.#timer) clearInterval(this.#timer);
    if (this.#held) clearTimeout(this.#held);
    await this.#running;
  }
}
