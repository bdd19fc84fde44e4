// The shared store: a PostgreSQL server through a `pg` pool. Several replicas may use one database.
import pg from 'pg';
import type { PoolClient } from 'pg';
import type { Db, QueryResult } from './db.js';
import { isStoreUnavailable } from './db.js';
import type { MigrationTarget, ScriptRunner } from './migrate.js';

export interface PostgresDb extends Db, MigrationTarget {
  readonly kind: 'postgres';
  /** Where pg-boss connects too (it keeps its own pool for workers and LISTEN). */
  readonly databaseUrl: string;
}

/** How long a query waits for a connection before it fails as "store unavailable" (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export interface PostgresOptions {
  databaseUrl: string;
  /** The most connections this replica holds for its own queries (default 10). */
  max?: number;
  /** Waiting longer than this for a connection (a new one or a free one) fails the query. */
  connectTimeoutMs?: number;
  /**
   * Told about a connection that failed outside any query's promise: an idle one, or one checked
   * out between statements, losing its server (a terminated backend, a restart, a cut network).
   */
  onConnectionError?: (err: Error) => void;
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

/** Opens a pool; nothing connects until the first query. */
export function openPostgres(opts: PostgresOptions): PostgresDb {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.max ?? 10,
    // Without it a query waits forever for a server that does not answer, and the request with it.
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  const onConnectionError = opts.onConnectionError ?? (() => undefined);
  // An idle client losing its server emits on the pool; without a listener it would crash us.
  pool.on('error', (err) => onConnectionError(err));
  // A checked-out client emits 'error' on itself, and the pool listens only while it is idle: a
  // backend terminated between two statements of a transaction would end the process. This
  // listener stays for the client's whole life; the statement in flight (or the next one) still
  // fails with the error, which is where callers learn of it.
  pool.on('connect', (client) => {
    client.on('error', (err) => onConnectionError(err));
  });
  const transaction = async <T>(fn: (tx: ScriptRunner) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const value = await fn(asRunner(client));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      if (isStoreUnavailable(err)) broken = err instanceof Error ? err : new Error(String(err));
      else await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      // Releasing with an error closes the connection instead of pooling it: one that died must
      // not be handed to the next caller, and the server rolls back what it had of the transaction.
      client.release(broken);
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

/** pg's own words for a connection that ended under it. */
const PG_CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error)/;

/**
 * True for an error a pg connection raises when its server goes away: a server message with a
 * connection-class SQLSTATE (57P01 on a terminated backend…) or pg's "Connection terminated". Raw
 * socket errors are not included: they cannot be told apart from any other socket's.
 */
export function isStrayPgConnectionError(err: unknown): boolean {
  if (err instanceof pg.DatabaseError) return isStoreUnavailable(err);
  return err instanceof Error && PG_CONNECTION_MESSAGES.test(err.message);
}
