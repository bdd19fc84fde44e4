// When to try a failed send again.

/** How retries are spaced: exponential from `baseMs`, capped at `maxMs`, with "equal jitter". */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** The longest `Retry-After` we accept as given; longer asks are capped (a typo must not park a message for a week). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 2_000,
  maxMs: 10 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/**
 * Delay before attempt `attempt + 1`, given that `attempt` calls have failed (attempt ≥ 1).
 * A channel's own `retryAfterMs` wins over our schedule: it knows when it will take us back.
 * `random` is a number in [0, 1) so tests can pin the jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Equal jitter: half fixed, half random, so replicas that failed together do not retry together.
  return Math.round(exponential / 2 + (exponential / 2) * random);
}
