// Stores with the notification tables, for tests: the platform's store (`openDb`) with only this
// module's migrations (200–219) applied, so notification tests do not depend on the rest of the
// schema. PGlite in memory always; a fresh PostgreSQL database when FRONTLINE_TEST_DATABASE_URL is set.
import { openDb } from '../../store/open.js';
import type { OpenDb } from '../../store/open.js';
import { readMigrations } from '../../store/migrate.js';
import type { Db } from '../../store/db.js';
import { freshStore } from '../../../test/stores.js';

const notifyMigrations = () => readMigrations().filter((m) => m.version >= 200 && m.version <= 219);

/** Opens a fresh in-memory store with the notification migrations applied. */
export function openNotifyTestDb(): Promise<OpenDb> {
  return openDb({ dataDir: 'memory://', migrations: notifyMigrations() });
}

/** The PostgreSQL server tests may use, or `undefined` (those tests are then skipped, with a note). */
export function testDatabaseUrl(suite: string): string | undefined {
  const url = process.env.FRONTLINE_TEST_DATABASE_URL;
  if (!url)
    console.warn(`${suite}: FRONTLINE_TEST_DATABASE_URL is not set; the PostgreSQL runs are skipped.`);
  return url;
}

/**
 * Creates a fresh PostgreSQL database with the notification tables; `connect()` opens another
 * pool on it (one per simulated replica), `dispose()` drops it.
 */
export async function createNotifyPostgres(): Promise<{
  databaseUrl: string;
  connect(): Promise<OpenDb>;
  dispose(): Promise<void>;
}> {
  const store = await freshStore('postgres');
  const databaseUrl = store.databaseUrl!;
  const first = await openDb({ databaseUrl, dataDir: 'unused', migrations: notifyMigrations() });
  await first.close();
  return {
    databaseUrl,
    connect: () => openDb({ databaseUrl, dataDir: 'unused', migrations: notifyMigrations() }),
    dispose: () => store.dispose(),
  };
}

/** Empties the notification tables between tests that share one store. */
export async function truncateNotifyTables(db: Db): Promise<void> {
  await db.query('TRUNCATE notify_outbox, notify_telegram_updates');
}
