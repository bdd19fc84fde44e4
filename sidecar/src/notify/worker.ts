// The outbox worker: parks interrupted sends, claims due rows, sends each through its channel and
// records the outcome. Several workers (replicas) may run on one store; claims never overlap.
//
// The risky window is between the channel accepting a message and the row being marked sent.
// Frontline closes it in favour of "at most once": the row is flagged `in_flight` just before the
// external call; if the worker dies and its lease runs out, a flagged row is parked `uncertain`
// (listed with the failures, resent only when a person says so) and an unflagged row — the worker
// died before calling out — is simply claimed again. A send that fails with an unknown outcome (a
// 5xx, a timeout, a connection cut after the request went out) is parked `uncertain` the same way
// rather than retried. E-mail adds channel-side idempotency: the Message-ID is derived from the
// idempotency key, so a second copy collapses into one message, and e-mail is retried regardless.
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import type { BackoffPolicy } from './backoff.js';
import {
  claimDueMessages,
  markAttemptFailed,
  markHeld,
  markInFlight,
  markSent,
  markUncertain,
  parkInterruptedSends,
} from './outbox.js';
import type { ClaimedMessage } from './outbox.js';
import type { Queryable } from '../store/db.js';
import type { Channel, ChannelKind, NotifyLogger } from './types.js';

export type ChannelSet = Partial<Record<ChannelKind, Channel>>;

/**
 * Channels whose second delivery of one message is recognised as the same message (e-mail's
 * Message-ID comes from the idempotency key), so a send with an unknown outcome may be retried.
 * A chat message sent twice is seen twice: Telegram and Slack are not here.
 */
const REPEATS_RECOGNISED: ReadonlySet<ChannelKind> = new Set(['email']);

/** Observers for metrics; every hook is optional and must not throw. */
export interface OutboxHooks {
  onSent?(event: { channel: ChannelKind; durationMs: number; attempts: number }): void;
  onRetry?(event: { channel: ChannelKind; delayMs: number; reason: string }): void;
  onFailed?(event: { channel: ChannelKind; reason: string; permanent: boolean }): void;
  onHeld?(event: { channel: ChannelKind }): void;
  onUncertain?(event: { channel: ChannelKind }): void;
}

export interface OutboxWorkerDeps {
  db: Queryable;
  /**
   * Configured channels; a message for a missing one is held and printed in the log. A function is
   * asked on every send, so channels rebuilt after a settings change take effect at once.
   */
  channels: ChannelSet | (() => ChannelSet);
  log: NotifyLogger;
  hooks?: OutboxHooks;
  now?: () => Date;
  random?: () => number;
  /** How long a claim lasts; must exceed the slowest channel timeout by a margin. */
  leaseMs?: number;
  /** Rows claimed (and sent concurrently) per round. */
  batchSize?: number;
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
}

/** What one round did, by outcome. */
export interface RoundSummary {
  sent: number;
  retried: number;
  failed: number;
  held: number;
  uncertain: number;
  lost: number;
}

export interface OutboxWorker {
  /** One round: park, claim, send, record. */
  runOnce(): Promise<RoundSummary>;
  /** Polls until `stop()`; `wake()` runs a round right away (call it after enqueueing). */
  start(): void;
  wake(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/** Builds a worker over the outbox table. */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const leaseMs = deps.leaseMs ?? 120_000;
  const batchSize = deps.batchSize ?? 10;
  const pollIntervalMs = deps.pollIntervalMs ?? 1_000;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const hooks = deps.hooks ?? {};

  async function deliver(claim: ClaimedMessage, summary: RoundSummary): Promise<void> {
    const log = { outboxId: claim.id, channel: claim.channel, issueKey: claim.message.issueKey };
    const channel = (typeof deps.channels === 'function' ? deps.channels() : deps.channels)[claim.channel];
    if (!channel) {
      if (await markHeld(deps.db, claim, now())) {
        summary.held += 1;
        hooks.onHeld?.({ channel: claim.channel });
        deps.log.info(
          { ...log, recipient: claim.recipient },
          `notification kept in the outbox (no ${claim.channel} channel configured) → ${claim.recipient}\n` +
            `  ${claim.message.subject}\n  ${claim.message.text.replace(/\n/g, '\n  ')}` +
            (claim.message.link ? `\n  ${claim.message.link.url}` : ''),
        );
      }
      return;
    }
    if (!(await markInFlight(deps.db, claim, now()))) {
      summary.lost += 1;
      deps.log.warn(log, 'outbox claim expired before sending; another worker owns the message now');
      return;
    }
    const attempts = claim.attempts + 1;
    const started = Date.now();
    const result = await channel.send(claim.recipient, claim.message, {
      outboxId: claim.id,
      idempotencyKey: claim.idempotencyKey,
    });
    if (result.ok) {
      await markSent(deps.db, claim, result.value.providerRef, now());
      summary.sent += 1;
      hooks.onSent?.({ channel: claim.channel, durationMs: Date.now() - started, attempts });
      deps.log.info({ ...log, attempts }, `notification sent by ${claim.channel}: ${claim.message.subject}`);
      return;
    }
    const failure = result.error;
    if (failure.kind === 'retryable' && failure.outcomeUnknown && !REPEATS_RECOGNISED.has(claim.channel)) {
      if (await markUncertain(deps.db, claim, failure.reason, now())) {
        summary.uncertain += 1;
        hooks.onUncertain?.({ channel: claim.channel });
        deps.log.warn(
          { ...log, attempts, reason: failure.reason },
          'notification may have been delivered; delivery unknown, kept for a person to check and retry',
        );
      } else {
        summary.lost += 1;
      }
      return;
    }
    const delayMs = retryDelayMs(attempts, failure.retryAfterMs, random(), backoff);
    const outcome = await markAttemptFailed(
      deps.db,
      claim,
      {
        reason: failure.reason,
        permanent: failure.kind === 'permanent',
        nextAttemptAt: new Date(now().getTime() + delayMs),
      },
      now(),
    );
    if (outcome === 'retry') {
      summary.retried += 1;
      hooks.onRetry?.({ channel: claim.channel, delayMs, reason: failure.reason });
      deps.log.warn(
        { ...log, attempts, delayMs, reason: failure.reason },
        'notification not sent; will retry',
      );
    } else if (outcome === 'failed') {
      summary.failed += 1;
      hooks.onFailed?.({
        channel: claim.channel,
        reason: failure.reason,
        permanent: failure.kind === 'permanent',
      });
      deps.log.error({ ...log, attempts, reason: failure.reason }, 'notification failed for good');
    } else {
      summary.lost += 1;
    }
  }

  async function runOnce(): Promise<RoundSummary> {
    const summary: RoundSummary = { sent: 0, retried: 0, failed: 0, held: 0, uncertain: 0, lost: 0 };
    for (const parked of await parkInterruptedSends(deps.db, now())) {
      summary.uncertain += 1;
      hooks.onUncertain?.({ channel: parked.channel });
      deps.log.warn(
        { outboxId: parked.id, channel: parked.channel },
        'notification interrupted mid-send; delivery unknown, kept for a person to check and retry',
      );
    }
    const claims = await claimDueMessages(deps.db, { now: now(), leaseMs, limit: batchSize });
    await Promise.all(claims.map((claim) => deliver(claim, summary)));
    return summary;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let wakeRequested = false;

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  }

  function tick(): void {
    if (running) return;
    running = runOnce()
      .then((summary) => {
        // A full batch means more is probably due: go again at once.
        const busy = summary.sent + summary.retried + summary.failed + summary.held >= batchSize;
        return busy ? 0 : pollIntervalMs;
      })
      .then((next) => {
        // A wake() during the round may concern a row committed after the claim: look again.
        const again = wakeRequested ? 0 : next;
        wakeRequested = false;
        return again;
      })
      .catch((error: unknown) => {
        deps.log.error({ err: error }, 'outbox round failed');
        return pollIntervalMs;
      })
      .then((next) => {
        running = undefined;
        schedule(next);
      });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    wake() {
      if (running) wakeRequested = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
