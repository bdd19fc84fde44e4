// Test support for the admin and Forge sides: a fresh store per test file (embedded PGlite always,
// PostgreSQL too when FRONTLINE_TEST_DATABASE_URL is set) and a loopback HTTP server.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db, Queryable, QueryResult } from '../../store/db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../store/migrations/', import.meta.url));

/** A store under test and how to throw it away. */
export interface TestStore {
  kind: Db['kind'];
  db: Db;
  dispose(): Promise<void>;
}

/** Which stores the integration tests run on here: PGlite, plus Postgres when configured. */
export function testStoreKinds(): Db['kind'][] {
  return process.env.FRONTLINE_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** Prints once why the Postgres half of a suite does not run. */
export function notePostgresSkipped(suite: string): void {
  if (!process.env.FRONTLINE_TEST_DATABASE_URL) {
    console.warn(`${suite}: FRONTLINE_TEST_DATABASE_URL is not set; PostgreSQL runs are skipped.`);
  }
}

async function adminMigrations(): Promise<string[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((n) => /^1\d\d_.*\.sql$/.test(n)).sort();
  return Promise.all(names.map((n) => readFile(MIGRATIONS_DIR + n, 'utf8')));
}

function pgliteDb(lite: PGlite): Db {
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params ? [...params] : undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  return {
    kind: 'pglite',
    ...asQueryable(lite),
    transaction: (fn) => lite.transaction((tx) => fn(asQueryable(tx))),
    close: () => lite.close(),
  };
}

function postgresDb(pool: pg.Pool): Db {
  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query(sql, params ? [...params] : undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
  });
  return {
    kind: 'postgres',
    ...asQueryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(asQueryable(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens a fresh, migrated store of `kind` (a new PostgreSQL database for each call). */
export async function openTestStore(kind: Db['kind']): Promise<TestStore> {
  const migrations = await adminMigrations();
  if (kind === 'pglite') {
    const lite = new PGlite();
    for (const sql of migrations) await lite.exec(sql);
    const db = pgliteDb(lite);
    return { kind, db, dispose: () => db.close() };
  }
  const baseUrl = process.env.FRONTLINE_TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('FRONTLINE_TEST_DATABASE_URL is not set');
  const name = `frontline_admin_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 5 });
  for (const sql of migrations) await pool.query(sql);
  const db = postgresDb(pool);
  return {
    kind,
    db,
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** A running loopback server and its base URL. */
export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Starts `app` on an ephemeral loopback port. */
export function listen(app: {
  listen(port: number, host: string, cb: () => void): Server;
}): Promise<Listening> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((e) => (e ? fail(e) : done()));
          }),
      });
    });
  });
}
