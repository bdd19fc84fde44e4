// Accepting an event: one statement that inserts it, deduplicated on (source, idempotency key), and
// adds it to the relay's outbox. Once it resolves the event is durable, and a redelivery of the same
// event is recognised instead of processed again. The job that processes it is created by the
// outbox relay (relay.ts), in batches — so a delivery costs one statement, and no accepted event
// can miss its job. Concurrent deliveries share that statement and its commit (AcceptBatcher).
// What the store cannot hold is refused at the routers before it gets here (see the bounds below);
// if a shared statement fails anyway, its members are written again one by one, so one bad row
// fails only its own delivery.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store/db.js';

export const EVENT_SOURCES = ['jira-webhook', 'forge-event', 'youtrack-webhook'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface IncomingEvent {
  source: EventSource;
  idempotencyKey: string;
  eventType: string;
  payload: unknown;
  /**
   * `payload` as the JSON text it arrived in, when the caller has it (a webhook's raw body): stored
   * as sent, so the event is not serialised a second time.
   */
  payloadJson?: string | undefined;
  receivedAt: Date;
  /** When the vendor says it happened, if it says. */
  occurredAt?: Date | undefined;
}

/**
 * Longest idempotency key (a webhook identifier) accepted. The dedupe index holds the key in a btree
 * row, which PostgreSQL caps at ~2.7 KB; Jira's identifiers are UUIDs, so 256 leaves ample room.
 */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

/** Event times before this are refused at intake: no Jira or Forge event is older. */
export const EARLIEST_EVENT_TIME = new Date('2000-01-01T00:00:00Z');
/** How far after its receipt an event may say it happened (clock skew between Jira and us). */
export const MAX_EVENT_TIME_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `at` (milliseconds since the epoch) is a time intake keeps: after 2000-01-01 and at most
 * a day after `receivedAt`. Later times would be stored (PostgreSQL's timestamptz reaches year
 * 294276) and then break every computation over them (calendars, SLA clocks, the store's own
 * parsing of years past 9999), so such an event is refused where it enters, naming the field,
 * instead of being acknowledged and then failing its processing for good.
 */
export function isEventTimeInRange(at: number, receivedAt: Date): boolean {
  return (
    Number.isFinite(at) &&
    at > EARLIEST_EVENT_TIME.getTime() &&
    at <= receivedAt.getTime() + MAX_EVENT_TIME_AHEAD_MS
  );
}

export interface AcceptDeps {
  db: Queryable;
  /** Told about each new event so it is enqueued at once rather than on the relay's next poll. */
  relay?: { wake(): void };
}

export interface Accepted {
  id: string;
  duplicate: boolean;
}

interface Row {
  id: string;
  source: string;
  idempotency_key: string;
}

const dedupeKey = (source: string, key: string) => `${source}\u0000${key}`;

/**
 * Persists several events in one statement (one commit for all of them); a known (source, key),
 * or a repeat within the batch, comes back as a duplicate carrying the first event's id.
 */
export async function acceptMany(deps: AcceptDeps, events: readonly IncomingEvent[]): Promise<Accepted[]> {
  if (events.length === 0) return [];
  const inserted = await deps.db.query<Row>(
    `WITH inserted AS (
       INSERT INTO intake_events (id, source, idempotency_key, event_type, payload, occurred_at, received_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT ON CONSTRAINT intake_events_dedupe DO NOTHING
       RETURNING id, source, idempotency_key
     ), queued AS (
       INSERT INTO intake_outbox (event_id) SELECT id FROM inserted
     )
     SELECT id, source, idempotency_key FROM inserted`,
    [
      events.map(() => randomUUID()),
      events.map((e) => e.source),
      events.map((e) => e.idempotencyKey),
      events.map((e) => e.eventType),
      events.map((e) => e.payloadJson ?? JSON.stringify(e.payload ?? null)),
      events.map((e) => e.occurredAt ?? null),
      events.map((e) => e.receivedAt),
    ],
  );
  const fresh = new Map(inserted.rows.map((row) => [dedupeKey(row.source, row.idempotency_key), row.id]));
  const known = new Map<string, string>();
  const missing = events.filter((e) => !fresh.has(dedupeKey(e.source, e.idempotencyKey)));
  if (missing.length > 0) {
    const existing = await deps.db.query<Row>(
      `SELECT id, source, idempotency_key FROM intake_events
        WHERE (source, idempotency_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [missing.map((e) => e.source), missing.map((e) => e.idempotencyKey)],
    );
    for (const row of existing.rows) known.set(dedupeKey(row.source, row.idempotency_key), row.id);
  }
  if (inserted.rows.length > 0) deps.relay?.wake();
  const claimed = new Set<string>();
  return events.map((event) => {
    const key = dedupeKey(event.source, event.idempotencyKey);
    const id = fresh.get(key);
    if (id && !claimed.has(key)) {
      claimed.add(key);
      return { id, duplicate: false };
    }
    const first = id ?? known.get(key);
    // Only a store that reported success without doing the work gets here.
    if (!first)
      throw new Error('intake_events: the statement succeeded but the event is neither inserted nor found');
    return { id: first, duplicate: true };
  });
}

/** Persists one event (it is then enqueued by the relay); a known (source, key) returns the first event's id. */
export async function acceptEvent(deps: AcceptDeps, event: IncomingEvent): Promise<Accepted> {
  const [accepted] = await acceptMany(deps, [event]);
  return accepted!;
}

interface Pending {
  event: IncomingEvent;
  resolve: (a: Accepted) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for intake: deliveries that arrive while batches are being written wait and go in
 * the next batch together. Each caller still resolves only after its own row is committed, so an
 * acknowledged event is always durable — but a burst costs one commit (one fsync) per batch
 * instead of one per delivery. Up to `maxInFlight` batches are written at once, each on its own
 * pooled connection: with only one, every delivery waits for the previous batch's fsync before
 * its own can start, and the server's own group commit across connections goes unused.
 */
export class AcceptBatcher {
  readonly #deps: AcceptDeps;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  #pending: Pending[] = [];
  #inFlight = 0;

  constructor(deps: AcceptDeps, opts: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.#deps = deps;
    this.#maxBatch = opts.maxBatch ?? 200;
    this.#maxInFlight = Math.max(1, opts.maxInFlight ?? 1);
  }

  accept(event: IncomingEvent): Promise<Accepted> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ event, resolve, reject });
      this.#write();
    });
  }

  #write(): void {
    if (this.#inFlight >= this.#maxInFlight || this.#pending.length === 0) return;
    this.#inFlight++;
    const batch = this.#pending.splice(0, this.#maxBatch);
    this.#writeBatch(batch).finally(() => {
      this.#inFlight--;
      this.#write();
    });
  }

  /**
   * One statement for the batch; if the store refuses it, each member again alone, so a row the
   * store cannot hold fails its own delivery only. The failed statement committed nothing, so the
   * second pass cannot store anything twice (and the dedupe constraint would catch it if it did).
   */
  async #writeBatch(batch: Pending[]): Promise<void> {
    try {
      const results = await acceptMany(
        this.#deps,
        batch.map((p) => p.event),
      );
      batch.forEach((p, i) => p.resolve(results[i]!));
      return;
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
    }
    for (const member of batch) {
      try {
        const [result] = await acceptMany(this.#deps, [member.event]);
        member.resolve(result!);
      } catch (err) {
        member.reject(err);
      }
    }
  }
}

/**
 * Batches in flight at once per store: PGlite has one connection, so a second batch would only
 * queue behind the first; a PostgreSQL pool runs several, leaving connections for the relay.
 */
export const ACCEPT_BATCHES_IN_FLIGHT = { pglite: 1, postgres: 2 } as const;

/** acceptEvent with its dependencies bound and deliveries group-committed, for the routers. */
export function bindAcceptEvent(
  deps: AcceptDeps & { db: Queryable & { kind?: 'pglite' | 'postgres' } },
  opts: { maxInFlight?: number } = {},
): (event: IncomingEvent) => Promise<Accepted> {
  const batcher = new AcceptBatcher(deps, {
    maxInFlight: opts.maxInFlight ?? ACCEPT_BATCHES_IN_FLIGHT[deps.db.kind ?? 'pglite'],
  });
  return (event) => batcher.accept(event);
}
