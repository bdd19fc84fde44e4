// Throttling arithmetic for the gateway, kept free of timers so it can be tested exhaustively:
// per-issue write windows, retry delays (the outbound toolkit's), and a counting semaphore.
import { MAX_RETRY_AFTER_MS, retryDelayMs } from '../../outbound/index.js';
import type { WriteWindow } from './types.js';

/** Jira Cloud's per-issue write limits: 20 writes per 2 s and 100 per 30 s. */
export const JIRA_WRITE_WINDOWS: readonly WriteWindow[] = [
  { limit: 20, windowMs: 2_000 },
  { limit: 100, windowMs: 30_000 },
];

/**
 * The earliest time ≥ `now` at which one more write may start, given the start times of earlier
 * writes (ascending) to the same issue: after the last of them (writes to one issue stay in order),
 * and such that no window then holds more than its limit.
 */
export function nextWriteSlot(
  history: readonly number[],
  now: number,
  windows: readonly WriteWindow[],
): number {
  let slot = Math.max(now, history.at(-1) ?? now);
  for (const { limit, windowMs } of windows) {
    // The write `limit` places back must have left the window before this one starts.
    const blocker = history[history.length - limit];
    if (blocker !== undefined) slot = Math.max(slot, blocker + windowMs);
  }
  return slot;
}

/** `history` without entries that no window can see any more at `now`. */
export function pruneHistory(
  history: readonly number[],
  now: number,
  windows: readonly WriteWindow[],
): number[] {
  const horizon = Math.max(0, ...windows.map((w) => w.windowMs));
  return history.filter((t) => t > now - horizon);
}

/** Per-issue write schedule: reserves a start time for each write and says how long to wait. */
export class WritePacer {
  private readonly history = new Map<string, number[]>();

  constructor(private readonly windows: readonly WriteWindow[]) {}

  /** Reserves the next slot for a write to `issue`; returns the wait in ms from `now`. */
  reserve(issue: string, now: number): number {
    const past = pruneHistory(this.history.get(issue) ?? [], now, this.windows);
    const slot = nextWriteSlot(past, now, this.windows);
    past.push(slot);
    this.history.set(issue, past);
    return slot - now;
  }
}

/**
 * How long to wait before attempt `attempt + 1`: Jira's `Retry-After` when it sent one (never
 * less), otherwise exponential backoff from `baseDelayMs`, capped, with "equal jitter" so that
 * many clients backing off at once spread out. The outbound toolkit's one backoff, in the gateway's
 * option names.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: { baseDelayMs: number; maxDelayMs: number },
  random: number,
): number {
  return retryDelayMs(attempt, retryAfterMs, random, {
    baseMs: policy.baseDelayMs,
    maxMs: policy.maxDelayMs,
    // The transport gives up on waits beyond its own `maxWaitMs`; here only absurd asks are capped.
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
  });
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; anything else is ignored, not guessed at. */
export { parseRetryAfter } from '../../outbound/index.js';

/** A counting semaphore: at most `limit` holders at once, the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }

  get inFlight(): number {
    return this.active;
  }
}
