// The shared store: a PostgreSQL server through a `pg` pool. Several replicas may use one database.
import pg from 'pg';
import type { PoolClient } from 'pg';
import type { Db, QueryResult } from './db.js';
import type { MigrationTarget, ScriptRunner } from './migrate.js';

export interface PostgresDb extends Db, MigrationTarget {
  readonly kind: 'postgres';
  /** Where pg-boss connects too (it keeps its own pool for workers and LISTEN). */
  readonly databaseUrl: string;
}

function asRunner(client: pg.Pool | PoolClient): ScriptRunner {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Opens a pool; `max` bounds the connections this replica holds for its own queries. */
export function openPostgres(opts: { databaseUrl: string; max?: number }): PostgresDb {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.max ?? 10 });
  // An idle client losing its server connection emits here; without a listener it would crash us.
  pool.on('error', () => undefined);
  const transaction = async <T>(fn: (tx: ScriptRunner) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(asRunner(client));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    databaseUrl: opts.databaseUrl,
    query: asRunner(pool).query,
    transaction,
    migrationTransaction: transaction,
    close: () => pool.end(),
  };
}
