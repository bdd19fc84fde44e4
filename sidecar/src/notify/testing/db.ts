// An in-memory PGlite store with the notification tables, for tests. It adapts PGlite to the
// store's `Db` seam and applies only this module's migrations (200–219), so notification tests do
// not depend on the rest of the schema.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from '../../store/db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../store/migrations/', import.meta.url));
const NOTIFY_MIGRATION = /^2(0\d|1\d)_.+\.sql$/;

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
}

function queryableOf(pg: PgliteLike): Queryable {
  return {
    async query<T = Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<T>> {
      const result = await pg.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/** Opens a fresh in-memory store with the notification migrations applied. */
export async function openNotifyTestDb(): Promise<Db> {
  const pg = new PGlite();
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => NOTIFY_MIGRATION.test(f)).sort();
  for (const file of files) await pg.exec(await readFile(MIGRATIONS_DIR + file, 'utf8'));
  const base = queryableOf(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(queryableOf(tx))),
    close: () => pg.close(),
  };
}

/** Empties the notification tables between tests that share one store. */
export async function truncateNotifyTables(db: Db): Promise<void> {
  await db.query('TRUNCATE notify_outbox, notify_telegram_updates');
}
