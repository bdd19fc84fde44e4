// The embedded store: PostgreSQL compiled to WASM, in-process, one connection. Good for one
// machine; the data directory is locked so a second process cannot open (and corrupt) it.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './db.js';
import type { MigrationTarget, ScriptRunner } from './migrate.js';
import { lockDataDir } from './lock.js';

export interface PgliteDb extends Db, MigrationTarget {
  readonly kind: 'pglite';
  /** The instance itself, for pg-boss's PGlite adapter (it must share the one connection). */
  readonly pglite: PGlite;
}

type PgliteConnection = Pick<PGlite | Transaction, 'query' | 'exec'>;

function asRunner(conn: PgliteConnection): ScriptRunner {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await conn.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
  };
}

/** `memory://` keeps everything in RAM (tests); any other value is a directory on disk. */
export async function openPglite(opts: { dataDir: string; lockWaitMs?: number }): Promise<PgliteDb> {
  const inMemory = opts.dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : await lockDataDir(opts.dataDir, { waitMs: opts.lockWaitMs });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? opts.dataDir : join(opts.dataDir, 'pglite'));
  } catch (err) {
    await lock?.release();
    throw err;
  }
  const runner = asRunner(pglite);
  const transaction = <T>(fn: (tx: ScriptRunner) => Promise<T>): Promise<T> =>
    pglite.transaction((tx) => fn(asRunner(tx)));
  return {
    kind: 'pglite',
    pglite,
    query: runner.query,
    transaction: (fn: (tx: Queryable) => Promise<unknown>) => transaction(fn),
    migrationTransaction: transaction,
    async close() {
      if (!pglite.closed) await pglite.close();
      await lock?.release();
    },
  } as PgliteDb;
}
