// The app's key-value storage as the rest of forge-app sees it. Only kvs-store.ts touches
// @forge/kvs; resolvers and tests use this interface (tests pass memory-store.ts).

/** Forge KVS, narrowed to what Frontline needs. */
export interface AppStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void>;
  /** Stores `value` only if `key` is absent; true when this call took the key (a lock or an idempotency mark). */
  claim<T>(key: string, value: T, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** KVS keys ≤500 characters; one place names them so no two features collide. */
export const storeKeys = {
  settingsCache: 'settings:cache',
  routeLock: (issueId: string) => `route:lock:${issueId}`,
  routeRecord: (issueId: string) => `route:record:${issueId}`,
} as const;
