// Starts a whole sidecar (store, queue, workers, HTTP on loopback) on a store under test.
import type { Logger } from '../src/logger.js';
import { createLogger } from '../src/logger.js';
import { loadConfig } from '../src/config.js';
import type { Config } from '../src/config.js';
import { startSidecar } from '../src/compose.js';
import type { RunningSidecar } from '../src/compose.js';
import type { StoreUnderTest } from './stores.js';
import { TEST_SECRETS } from './webhook-client.js';

/** A config as `main` would load it, pointed at `store`, with an ephemeral port and test secrets. */
export function testConfig(store: StoreUnderTest, overrides: Partial<Config> = {}): Config {
  const loaded = loadConfig({
    PORT: '0',
    JIRA_WEBHOOK_SECRETS: TEST_SECRETS.join(','),
    LOG_LEVEL: 'silent',
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return { ...loaded.value, databaseUrl: store.databaseUrl, dataDir: store.dataDir, ...overrides };
}

export function silentLogger(): Logger {
  return createLogger({ level: 'silent' });
}

export function startTestSidecar(
  store: StoreUnderTest,
  overrides: Partial<Config> = {},
): Promise<RunningSidecar> {
  return startSidecar({
    config: testConfig(store, overrides),
    log: silentLogger(),
    lockWaitMs: 0,
    pollingIntervalSeconds: 0.5,
  });
}
