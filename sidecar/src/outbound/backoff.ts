// When to try a failed call again: the server's word when it gave one, otherwise exponential
// backoff. Both are spread with jitter so that clients (replicas, queued messages) that failed
// together do not come back together.

/** How retries are spaced. */
export interface BackoffPolicy {
  /** The first step of the exponential schedule. */
  baseMs: number;
  /** The longest step of the schedule. */
  maxMs: number;
  /** The longest `Retry-After` taken as given; longer asks are capped (a typo must not park work for a week). */
  maxRetryAfterMs: number;
  /**
   * How much later than `Retry-After` a retry may come, as a fraction of it (default 0.1): never
   * earlier than asked, so the server takes us back, and not all at the same instant.
   */
  retryAfterSpread?: number;
}

export const RETRY_AFTER_SPREAD = 0.1;

/**
 * "Equal jitter" exponential backoff for the call that follows `attempt` failures (attempt ≥ 1):
 * half of the capped step fixed, half random, so the delay lies in [step/2, step] and never
 * shrinks from one attempt to the next for the same `random` in [0, 1).
 */
export function backoffDelayMs(
  attempt: number,
  random: number,
  policy: Pick<BackoffPolicy, 'baseMs' | 'maxMs'>,
): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

/**
 * Delay before the call that follows `attempt` failures. A `Retry-After` the server sent wins over
 * the schedule (it knows when it will take us back): never less than asked, up to
 * `retryAfterSpread` more, capped at `maxRetryAfterMs`. `random` is in [0, 1) so tests can pin it.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: number,
  policy: BackoffPolicy,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) {
    const spread = policy.retryAfterSpread ?? RETRY_AFTER_SPREAD;
    return Math.min(Math.ceil(retryAfterMs * (1 + spread * random)), policy.maxRetryAfterMs);
  }
  return backoffDelayMs(attempt, random, policy);
}
