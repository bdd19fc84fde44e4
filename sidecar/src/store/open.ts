// Opens the configured store and brings its schema up to date: PostgreSQL when a URL is given,
// otherwise the embedded PGlite store in the data directory.
import type { PgliteDb } from './pglite.js';
import type { PostgresDb } from './postgres.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { migrate, readMigrations } from './migrate.js';
import type { Migration } from './migrate.js';

export type OpenDb = PgliteDb | PostgresDb;

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** How long to wait for another live process to release the data directory (default: not at all). */
  lockWaitMs?: number;
  migrations?: readonly Migration[];
  /** PostgreSQL only: a pooled connection failed outside any query (see `openPostgres`). */
  onConnectionError?: (err: Error) => void;
}

/** Opens the store and applies pending migrations; closes it again if migrating fails. */
export async function openDb(opts: OpenDbOptions): Promise<OpenDb> {
  const db: OpenDb = opts.databaseUrl
    ? openPostgres({
        databaseUrl: opts.databaseUrl,
        ...(opts.onConnectionError ? { onConnectionError: opts.onConnectionError } : {}),
      })
    : await openPglite({ dataDir: opts.dataDir, lockWaitMs: opts.lockWaitMs });
  try {
    await migrate(db, opts.migrations ?? readMigrations());
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
