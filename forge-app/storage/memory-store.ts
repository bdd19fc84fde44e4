import type { AppStore } from './app-store.js';

/** An in-memory AppStore with the same claim semantics as KVS; for tests and local runs. */
export function createMemoryStore(now: () => number = () => Date.now()): AppStore & { keys(): string[] } {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entries.get(key);
  };
  const expiry = (ttlSeconds?: number) => (ttlSeconds ? now() + ttlSeconds * 1000 : Infinity);
  return {
    get: async <T>(key: string) => structuredClone(live(key)?.value) as T | undefined,
    async set(key, value, options) {
      entries.set(key, { value: structuredClone(value), expiresAt: expiry(options?.ttlSeconds) });
    },
    async claim(key, value, ttlSeconds) {
      if (live(key)) return false;
      entries.set(key, { value: structuredClone(value), expiresAt: expiry(ttlSeconds) });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
    keys: () => [...entries.keys()].filter((k) => live(k)),
  };
}
