// Stores for integration tests: the embedded PGlite store always, PostgreSQL too when
// FRONTLINE_TEST_DATABASE_URL is set. Each call makes a fresh database (or directory) so test
// files running in parallel never see each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type StoreKind = 'pglite' | 'postgres';

export interface StoreUnderTest {
  kind: StoreKind;
  databaseUrl: string | undefined;
  dataDir: string;
  dispose(): Promise<void>;
}

const TEST_DATABASE_URL = process.env.FRONTLINE_TEST_DATABASE_URL;

/** The stores this machine can test; Postgres is skipped (with a note) when no server is configured. */
export function storeKinds(suite: string): StoreKind[] {
  if (!TEST_DATABASE_URL) {
    console.warn(`${suite}: FRONTLINE_TEST_DATABASE_URL is not set; the PostgreSQL runs are skipped.`);
    return ['pglite'];
  }
  return ['pglite', 'postgres'];
}

/** A fresh PGlite directory (`onDisk`, for restarts) or in-memory store, or a fresh Postgres database. */
export async function freshStore(kind: StoreKind, opts: { onDisk?: boolean } = {}): Promise<StoreUnderTest> {
  if (kind === 'pglite') {
    if (!opts.onDisk) return { kind, databaseUrl: undefined, dataDir: 'memory://', dispose: async () => {} };
    const dataDir = mkdtempSync(join(tmpdir(), 'frontline-store-'));
    return {
      kind,
      databaseUrl: undefined,
      dataDir,
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!TEST_DATABASE_URL) throw new Error('FRONTLINE_TEST_DATABASE_URL is not set');
  const database = await freshPostgresDatabase(TEST_DATABASE_URL, 'frontline_test');
  return { kind, databaseUrl: database.url, dataDir: 'unused', dispose: database.drop };
}

/** A new, empty database on the server at `serverUrl` (named `<prefix>_<random>`), and its removal. */
export async function freshPostgresDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
