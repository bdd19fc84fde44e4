// The outbox table: every outbound message is a row, sent at most once per idempotency key.
// The row's life is described in store/migrations/200_notify_outbox.sql. Functions here take a
// `Queryable` so callers can enqueue inside their own transaction (decide + notify atomically).
import { randomUUID } from 'node:crypto';
import type { FailedJob, NewOutboxMessage } from '../ports.js';
import type { Queryable } from '../store/db.js';
import type { ChannelKind, OutboundMessage } from './types.js';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain', 'held'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type { NewOutboxMessage } from '../ports.js';

/** A row a worker has claimed and may now send. */
export interface ClaimedMessage {
  id: string;
  idempotencyKey: string;
  channel: ChannelKind;
  recipient: string;
  message: OutboundMessage;
  attempts: number;
  maxAttempts: number;
  claimToken: string;
}

/** A row that needs a person: failed for good, interrupted mid-send, or held for want of a channel. */
export interface FailedMessage extends FailedJob {
  data: {
    channel: ChannelKind;
    recipient: string;
    issueKey: string | null;
    subject: string;
    status: OutboxStatus;
  };
}

interface OutboxRow {
  id: string;
  idempotency_key: string;
  channel: ChannelKind;
  recipient: string;
  issue_key: string | null;
  message: OutboundMessage;
  status: OutboxStatus;
  attempts: number;
  max_attempts: number;
  claim_token: string | null;
  last_error: string | null;
  provider_ref: string | null;
  updated_at: Date;
}

/** Adds a message unless one with the same idempotency key exists; says which happened. */
export async function enqueueMessage(
  db: Queryable,
  input: NewOutboxMessage,
  now: Date,
): Promise<{ id: string; duplicate: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO notify_outbox
       (id, idempotency_key, channel, recipient, issue_key, message, max_attempts, next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
    [
      randomUUID(),
      input.idempotencyKey,
      input.channel,
      input.recipient,
      input.message.issueKey ?? null,
      JSON.stringify(input.message),
      input.maxAttempts ?? 8,
      input.notBefore ?? now,
      now,
    ],
  );
  const row = inserted.rows[0];
  if (row) return { id: row.id, duplicate: false };
  const existing = await db.query<{ id: string }>('SELECT id FROM notify_outbox WHERE idempotency_key = $1', [
    input.idempotencyKey,
  ]);
  const id = existing.rows[0]?.id;
  if (id === undefined) throw new Error('outbox row vanished between insert and read');
  return { id, duplicate: true };
}

/**
 * Rows whose worker died during the external call (lease expired while in flight) become
 * `uncertain`: the message may have reached the recipient, so sending again could duplicate it.
 */
export async function parkInterruptedSends(
  db: Queryable,
  now: Date,
): Promise<Array<{ id: string; channel: ChannelKind; idempotencyKey: string }>> {
  const parked = await db.query<{ id: string; channel: ChannelKind; idempotency_key: string }>(
    `UPDATE notify_outbox
        SET status = 'uncertain', in_flight = false, lease_until = NULL, updated_at = $1,
            last_error = 'interrupted during the send: delivery unknown, not resent automatically'
      WHERE status = 'sending' AND in_flight AND lease_until < $1
      RETURNING id, channel, idempotency_key`,
    [now],
  );
  return parked.rows.map((r) => ({ id: r.id, channel: r.channel, idempotencyKey: r.idempotency_key }));
}

/**
 * Claims up to `limit` due rows for `leaseMs`: pending rows whose time has come, and rows whose
 * previous worker died before calling out. `SKIP LOCKED` lets replicas claim side by side.
 */
export async function claimDueMessages(
  db: Queryable,
  opts: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedMessage[]> {
  const claimToken = randomUUID();
  const claimed = await db.query<OutboxRow>(
    `WITH due AS (
       SELECT id FROM notify_outbox
        WHERE (status = 'pending' AND next_attempt_at <= $1)
           OR (status = 'sending' AND NOT in_flight AND lease_until < $1)
        ORDER BY next_attempt_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     )
     UPDATE notify_outbox o
        SET status = 'sending', claim_token = $3, lease_until = $4, in_flight = false, updated_at = $1
       FROM due
      WHERE o.id = due.id
     RETURNING o.*`,
    [opts.now, opts.limit, claimToken, new Date(opts.now.getTime() + opts.leaseMs)],
  );
  return claimed.rows.map((r) => ({
    id: r.id,
    idempotencyKey: r.idempotency_key,
    channel: r.channel,
    recipient: r.recipient,
    message: r.message,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    claimToken,
  }));
}

/**
 * Records that the external call is about to start. Written before the call so a crash during it
 * is recognised later; `false` means the claim was lost (lease expired) and the worker must not send.
 */
export async function markInFlight(db: Queryable, claim: ClaimedMessage, now: Date): Promise<boolean> {
  const result = await db.query(
    `UPDATE notify_outbox SET in_flight = true, attempts = attempts + 1, updated_at = $3
      WHERE id = $1 AND claim_token = $2 AND status = 'sending' AND lease_until > $3`,
    [claim.id, claim.claimToken, now],
  );
  return result.rowCount === 1;
}

/**
 * Records delivery. Also accepted when the row was parked `uncertain` meanwhile: a late answer
 * from the channel settles the doubt.
 */
export async function markSent(
  db: Queryable,
  claim: ClaimedMessage,
  providerRef: string | undefined,
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE notify_outbox
        SET status = 'sent', sent_at = $4, provider_ref = $3, in_flight = false, lease_until = NULL,
            last_error = NULL, updated_at = $4
      WHERE id = $1 AND claim_token = $2 AND status IN ('sending', 'uncertain')`,
    [claim.id, claim.claimToken, providerRef ?? null, now],
  );
  return result.rowCount === 1;
}

/** Schedules another attempt at `nextAttemptAt`, or fails the row when it is out of attempts. */
export async function markAttemptFailed(
  db: Queryable,
  claim: ClaimedMessage,
  failure: { reason: string; permanent: boolean; nextAttemptAt: Date },
  now: Date,
): Promise<'retry' | 'failed' | 'lost'> {
  const result = await db.query<{ status: OutboxStatus }>(
    `UPDATE notify_outbox
        SET status = CASE WHEN $3 OR attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
            next_attempt_at = $4, last_error = $5, in_flight = false, lease_until = NULL, updated_at = $6
      WHERE id = $1 AND claim_token = $2 AND status = 'sending'
      RETURNING status`,
    [claim.id, claim.claimToken, failure.permanent, failure.nextAttemptAt, failure.reason, now],
  );
  const status = result.rows[0]?.status;
  if (status === undefined) return 'lost';
  return status === 'failed' ? 'failed' : 'retry';
}

/**
 * Parks a message whose send failed in a way that may still have delivered it (a 5xx, a timeout, a
 * connection lost after the request went out): like an interrupted send, it is `uncertain`, listed
 * with the failures and sent again only when a person says so. `false` means the claim was lost.
 */
export async function markUncertain(
  db: Queryable,
  claim: ClaimedMessage,
  reason: string,
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE notify_outbox
        SET status = 'uncertain', in_flight = false, lease_until = NULL, updated_at = $4,
            last_error = $3 || ': delivery unknown, not resent automatically'
      WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
    [claim.id, claim.claimToken, reason, now],
  );
  return result.rowCount === 1;
}

/** Keeps a message for which no channel is configured; `retryMessage`/`releaseHeld` send it later. */
export async function markHeld(db: Queryable, claim: ClaimedMessage, now: Date): Promise<boolean> {
  const result = await db.query(
    `UPDATE notify_outbox
        SET status = 'held', in_flight = false, lease_until = NULL, updated_at = $3,
            last_error = 'no ' || channel || ' channel configured'
      WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
    [claim.id, claim.claimToken, now],
  );
  return result.rowCount === 1;
}

/** Failed, uncertain and held messages, newest first, in the shape of the platform's failed jobs. */
export async function listFailedMessages(
  db: Queryable,
  opts: { limit?: number } = {},
): Promise<FailedMessage[]> {
  const result = await db.query<OutboxRow>(
    `SELECT * FROM notify_outbox WHERE status IN ('failed', 'uncertain', 'held')
      ORDER BY updated_at DESC LIMIT $1`,
    [opts.limit ?? 100],
  );
  return result.rows.map((r) => ({
    id: r.id,
    name: `notify:${r.channel}`,
    data: {
      channel: r.channel,
      recipient: r.recipient,
      issueKey: r.issue_key,
      subject: r.message.subject,
      status: r.status,
    },
    error: r.last_error ?? 'unknown',
    failedAt: r.updated_at.toISOString(),
    retryCount: r.attempts,
  }));
}

/** Puts a failed, uncertain or held message back in line (a person decided to send it again). */
export async function retryMessage(db: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await db.query(
    `UPDATE notify_outbox
        SET status = 'pending', next_attempt_at = $2, updated_at = $2,
            max_attempts = GREATEST(max_attempts, attempts + 1)
      WHERE id = $1 AND status IN ('failed', 'uncertain', 'held')`,
    [id, now],
  );
  return result.rowCount === 1;
}

/** Releases every message held for `channel` once that channel has been configured. */
export async function releaseHeld(db: Queryable, channel: ChannelKind, now: Date): Promise<number> {
  const result = await db.query(
    `UPDATE notify_outbox SET status = 'pending', next_attempt_at = $2, updated_at = $2
      WHERE status = 'held' AND channel = $1`,
    [channel, now],
  );
  return result.rowCount;
}

/** Rows not yet delivered, by channel and status (sent rows are history and are not counted). */
export async function countUndelivered(
  db: Queryable,
): Promise<Array<{ channel: ChannelKind; status: OutboxStatus; count: number }>> {
  const result = await db.query<{ channel: ChannelKind; status: OutboxStatus; count: string | number }>(
    "SELECT channel, status, count(*) AS count FROM notify_outbox WHERE status <> 'sent' GROUP BY channel, status",
  );
  return result.rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.count) }));
}

/** Delivered Telegram copies of messages about `issueKey`: chat id, message id and the text sent. */
export async function findSentTelegramCopies(
  db: Queryable,
  issueKey: string,
): Promise<Array<{ chatId: string; messageId: string; message: OutboundMessage }>> {
  const result = await db.query<{ recipient: string; provider_ref: string; message: OutboundMessage }>(
    `SELECT recipient, provider_ref, message FROM notify_outbox
      WHERE issue_key = $1 AND channel = 'telegram' AND status = 'sent' AND provider_ref IS NOT NULL`,
    [issueKey],
  );
  return result.rows.map((r) => ({ chatId: r.recipient, messageId: r.provider_ref, message: r.message }));
}

/** One row's current state, for tests and the admin view. */
export async function getOutboxRow(
  db: Queryable,
  id: string,
): Promise<
  | {
      status: OutboxStatus;
      attempts: number;
      lastError: string | null;
      providerRef: string | null;
      nextAttemptAt: Date;
    }
  | undefined
> {
  const result = await db.query<OutboxRow & { next_attempt_at: Date }>(
    'SELECT * FROM notify_outbox WHERE id = $1',
    [id],
  );
  const r = result.rows[0];
  return r
    ? {
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        providerRef: r.provider_ref,
        nextAttemptAt: r.next_attempt_at,
      }
    : undefined;
}

/**
 * Housekeeping: deletes delivered messages sent before `sentBefore` (the Take flow edits copies
 * found here, so keep them as long as a ticket may still be taken) and Telegram update ids seen
 * before `updatesBefore` (Telegram stops re-delivering within a day).
 */
export async function pruneNotifyHistory(
  db: Queryable,
  opts: { sentBefore: Date; updatesBefore: Date },
): Promise<{ messages: number; updates: number }> {
  const messages = await db.query("DELETE FROM notify_outbox WHERE status = 'sent' AND sent_at < $1", [
    opts.sentBefore,
  ]);
  const updates = await db.query('DELETE FROM notify_telegram_updates WHERE received_at < $1', [
    opts.updatesBefore,
  ]);
  return { messages: messages.rowCount, updates: updates.rowCount };
}
