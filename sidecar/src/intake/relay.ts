// The outbox relay: turns accepted events that have no job yet into intake.process jobs, a batch per
// transaction (jobs inserted and rows marked enqueued together, so an event gets exactly one job).
// It runs when woken by intake, on a timer as a floor, and at start — which is what enqueues events
// a crashed process had accepted but not yet relayed. Replicas share the work with SKIP LOCKED.
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
}

/** Relays one batch; returns how many events it enqueued. */
export async function relayBatch(
  opts: Pick<RelayOptions, 'db' | 'queue'>,
  batchSize: number,
): Promise<number> {
  return opts.db.transaction(async (tx) => {
    const pending = await tx.query<{ id: string }>(
      `SELECT id FROM intake_events WHERE enqueued_at IS NULL
        ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    );
    const ids = pending.rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    await opts.queue.insertInTransaction(
      tx,
      'intake.process',
      ids.map((eventId) => ({ eventId })),
    );
    await tx.query('UPDATE intake_events SET enqueued_at = now() WHERE id = ANY($1::uuid[])', [ids]);
    return ids.length;
  });
}

export class IntakeRelay {
  readonly #opts: Required<Pick<RelayOptions, 'batchSize' | 'intervalMs'>> & RelayOptions;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(opts: RelayOptions) {
    this.#opts = { batchSize: 200, intervalMs: 1_000, ...opts };
  }

  /** Relays everything pending now, then keeps relaying on wake-ups and every `intervalMs`. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#drain();
    this.#timer = setInterval(() => this.wake(), this.#opts.intervalMs);
    this.#timer.unref();
  }

  /** Asks for a drain soon; wake-ups during a drain coalesce into one more pass. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((err: unknown) => this.#opts.log.error({ err }, 'intake relay failed; will retry'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
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
    await this.#running;
  }
}
