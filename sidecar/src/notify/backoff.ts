// When to try a failed send again: the outbound toolkit's backoff with the outbox's own spacing.
import { retryDelayMs as toolkitRetryDelayMs } from '../outbound/index.js';
import type { BackoffPolicy } from '../outbound/index.js';

export type { BackoffPolicy } from '../outbound/index.js';

/**
 * Exponential from 2 s up to 10 minutes; a channel's `Retry-After` is honoured up to an hour and
 * taken exactly: each outbox row already has its own due time, so there is no crowd of callers to
 * spread, and a message should not wait longer than the channel asked.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 2_000,
  maxMs: 10 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  retryAfterSpread: 0,
};

/**
 * Delay before attempt `attempt + 1`, given that `attempt` sends have failed (attempt ≥ 1); see the
 * toolkit's `retryDelayMs`. `random` is a number in [0, 1) so tests can pin the jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  return toolkitRetryDelayMs(attempt, retryAfterMs, random, { retryAfterSpread: 0, ...policy });
}
