// Plain SQL migrations, the same files for PostgreSQL and PGlite: `NNN_name.sql`, applied in number
// order, each recorded in `schema_migrations`. Numbers 001–099 are the platform's, 100–199 the
// admin API's, 200+ later work. All pending files apply in one transaction under an advisory lock,
// so replicas starting together on one Postgres neither race nor half-apply.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from './db.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Arbitrary but fixed: the advisory lock key every replica takes while migrating. */
const MIGRATION_LOCK_KEY = 7_426_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A connection that can also run a multi-statement script (what a migration file is). */
export interface ScriptRunner extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface MigrationTarget {
  migrationTransaction<T>(fn: (tx: ScriptRunner) => Promise<T>): Promise<T>;
}

const FILE_NAME = /^(\d{3})_([a-z0-9_-]+)\.sql$/;

/** Parses and orders migration file names; rejects duplicates and stray `.sql` files. */
export function planMigrations(files: readonly { file: string; sql: string }[]): Migration[] {
  const migrations: Migration[] = [];
  const seen = new Map<number, string>();
  for (const { file, sql } of files) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(file);
    if (!match)
      throw new Error(`Migration file ${file} must be named NNN_name.sql (lower case, digits, _ or -)`);
    const version = Number(match[1]);
    const clash = seen.get(version);
    if (clash) throw new Error(`Migrations ${clash} and ${file} share the number ${match[1]}`);
    seen.set(version, file);
    migrations.push({ version, name: match[2]!, sql });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

/** Reads every migration file in `dir`. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .sort()
    .map((file) => ({ file, sql: readFileSync(join(dir, file), 'utf8') }));
  return planMigrations(files);
}

/** Applies the migrations not yet recorded; returns the versions it applied. */
export async function migrate(
  target: MigrationTarget,
  migrations: readonly Migration[] = readMigrations(),
): Promise<number[]> {
  return target.migrationTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(applied.rows.map((row) => Number(row.version)));
    const pending = migrations.filter((m) => !done.has(m.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((m) => m.version);
  });
}
