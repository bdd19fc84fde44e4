import { kvs } from '@forge/kvs';
import type { AppStore } from './app-store.js';

/** The AppStore backed by Forge KVS (scope `storage:app`). */
export function createKvsStore(): AppStore {
  return {
    get: <T>(key: string) => kvs.get<T>(key),
    set: (key, value, options) =>
      kvs.set(
        key,
        value,
        options?.ttlSeconds ? { ttl: { value: options.ttlSeconds, unit: 'SECONDS' } } : undefined,
      ),
    async claim(key, value, ttlSeconds) {
      try {
        await kvs.set(key, value, {
          keyPolicy: 'FAIL_IF_EXISTS',
          ttl: { value: ttlSeconds, unit: 'SECONDS' },
        });
        return true;
      } catch (error) {
        // KVS reports an existing key as an API error whose code is not documented; the key being
        // there is what tells a lost race from an outage.
        if ((await kvs.get(key)) !== undefined) return false;
        throw error;
      }
    },
    delete: (key) => kvs.delete(key),
  };
}
