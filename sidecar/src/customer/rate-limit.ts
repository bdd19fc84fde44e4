// A fixed-window counter per key (a token, a client address), kept in memory: the page is small and
// every replica limits its own share. Bounded: the oldest keys are dropped past `maxKeys`.
export interface RateLimiter {
  /** Counts one attempt for each key; false when any of them is over its limit in this window. */
  allow(keys: readonly string[], nowMs: number): boolean;
}

export function createRateLimiter(opts: {
  limit: number | ((key: string) => number);
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const limitOf = typeof opts.limit === 'number' ? () => opts.limit as number : opts.limit;
  const maxKeys = opts.maxKeys ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(keys, nowMs) {
      let allowed = true;
      for (const key of keys) {
        let w = windows.get(key);
        if (!w || nowMs - w.start >= opts.windowMs) {
          windows.delete(key);
          w = { start: nowMs, count: 0 };
          windows.set(key, w);
          if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
        }
        w.count++;
        if (w.count > limitOf(key)) allowed = false;
      }
      return allowed;
    },
  };
}
