// Accepting an event: one INSERT, deduplicated on (source, idempotency key). Once it resolves the
// event is durable, and a redelivery of the same event is recognised instead of processed again.
// The job that processes it is created by the outbox relay (relay.ts), in batches, from the same
// row — so the request does one round trip to the store, and no accepted event can miss its job.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store/db.js';

export const EVENT_SOURCES = ['jira-webhook', 'forge-event'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface IncomingEvent {
  source: EventSource;
  idempotencyKey: string;
  eventType: string;
  payload: unknown;
  receivedAt: Date;
  /** When the vendor says it happened, if it says. */
  occurredAt?: Date | undefined;
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

/** Persists `event` (it is then enqueued by the relay); a known (source, key) returns the first event's id. */
export async function acceptEvent(deps: AcceptDeps, event: IncomingEvent): Promise<Accepted> {
  const inserted = await deps.db.query<{ id: string }>(
    `INSERT INTO intake_events (id, source, idempotency_key, event_type, payload, occurred_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT intake_events_dedupe DO NOTHING
     RETURNING id`,
    [
      randomUUID(),
      event.source,
      event.idempotencyKey,
      event.eventType,
      JSON.stringify(event.payload ?? null),
      event.occurredAt ?? null,
      event.receivedAt,
    ],
  );
  const id = inserted.rows[0]?.id;
  if (id) {
    deps.relay?.wake();
    return { id, duplicate: false };
  }
  const existing = await deps.db.query<{ id: string }>(
    'SELECT id FROM intake_events WHERE source = $1 AND idempotency_key = $2',
    [event.source, event.idempotencyKey],
  );
  const first = existing.rows[0];
  if (!first) throw new Error('intake_events conflict without a row: the dedupe constraint is missing');
  return { id: first.id, duplicate: true };
}

/** acceptEvent with its dependencies bound, for routers that take an `acceptEvent` function. */
export function bindAcceptEvent(deps: AcceptDeps): (event: IncomingEvent) => Promise<Accepted> {
  return (event) => acceptEvent(deps, event);
}
