// Settings versions over the store. Each write is a new row holding the whole document; the row
// with the highest version is the live settings. Writers take one advisory lock for the duration of
// their transaction, so replicas never hand out one version number twice and an update computed from
// the current document cannot be lost to a concurrent one.
import type { FieldIssue, Result } from '@frontline/shared';
import type { Db, Queryable } from '../store/db.js';
import { diffJson, jsonEqual, type JsonChange } from './diff.js';

/** Which door a write came through. */
export type SettingsSource = 'admin-api' | 'forge' | 'file';

/** A version without its document: who changed what, when, and which version it restored if any. */
export interface SettingsVersionSummary {
  version: number;
  actor: string;
  source: SettingsSource;
  changes: JsonChange[];
  /** The earlier version whose document this one brought back; `null` for an ordinary write. */
  restoredFrom: number | null;
  createdAt: Date;
}

export interface SettingsVersion extends SettingsVersionSummary {
  settings: unknown;
}

/** Why a write was refused. */
export type SettingsWriteError =
  { kind: 'conflict'; currentVersion: number } | { kind: 'invalid'; issues: FieldIssue[] };

export interface SettingsWrite {
  actor: string;
  source: SettingsSource;
  /** Optimistic concurrency: the version the writer last read (`If-Match`); omitted → last write wins. */
  ifVersion?: number;
  /** The earlier version this write brings back (a restore), recorded with the new version. */
  restoredFrom?: number;
  /** Computes and validates the new document from the live one (the baseline when none is stored). */
  build(current: unknown): Result<unknown, FieldIssue[]>;
}

export interface SettingsWriteOutcome {
  version: SettingsVersion;
  /** False when the new document equals the live one: nothing is stored, no version is spent. */
  created: boolean;
}

export interface SettingsRepository {
  current(): Promise<SettingsVersion | undefined>;
  get(version: number): Promise<SettingsVersion | undefined>;
  /** Newest first; `before` pages backwards. */
  list(opts?: { limit?: number; before?: number }): Promise<SettingsVersionSummary[]>;
  write(request: SettingsWrite): Promise<Result<SettingsWriteOutcome, SettingsWriteError>>;
}

// Arbitrary but fixed; distinct from the migration lock.
const SETTINGS_LOCK_KEY = 7_426_100;

interface VersionRow {
  version: number;
  document?: unknown;
  actor: string;
  source: SettingsSource;
  changes: JsonChange[];
  restored_from: number | null;
  created_at: Date | string;
}

function toSummary(row: VersionRow): SettingsVersionSummary {
  return {
    version: Number(row.version),
    actor: row.actor,
    source: row.source,
    changes: row.changes,
    restoredFrom: row.restored_from === null ? null : Number(row.restored_from),
    createdAt: new Date(row.created_at),
  };
}

function toVersion(row: VersionRow): SettingsVersion {
  return { ...toSummary(row), settings: row.document };
}

const COLUMNS = 'version, actor, source, changes, restored_from, created_at';
const SELECT_FULL = `SELECT document, ${COLUMNS} FROM settings_versions`;

async function latest(q: Queryable): Promise<SettingsVersion | undefined> {
  const { rows } = await q.query<VersionRow>(`${SELECT_FULL} ORDER BY version DESC LIMIT 1`);
  return rows[0] && toVersion(rows[0]);
}

/**
 * Creates the repository. `baseline` is the document in force before anything is stored (the
 * schema's defaults); the first version's changes are computed against it.
 */
export function createSettingsRepository(db: Db, baseline: unknown): SettingsRepository {
  return {
    current: () => latest(db),
    async get(version) {
      const { rows } = await db.query<VersionRow>(`${SELECT_FULL} WHERE version = $1`, [version]);
      return rows[0] && toVersion(rows[0]);
    },
    async list(opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
      const { rows } = await db.query<VersionRow>(
        `SELECT ${COLUMNS} FROM settings_versions
         WHERE ($1::integer IS NULL OR version < $1) ORDER BY version DESC LIMIT $2`,
        [opts.before ?? null, limit],
      );
      return rows.map(toSummary);
    },
    write(request) {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [SETTINGS_LOCK_KEY]);
        const live = await latest(tx);
        const liveVersion = live?.version ?? 0;
        if (request.ifVersion !== undefined && request.ifVersion !== liveVersion) {
          return { ok: false, error: { kind: 'conflict', currentVersion: liveVersion } };
        }
        const liveDocument = live ? live.settings : baseline;
        const built = request.build(liveDocument);
        if (!built.ok) return { ok: false, error: { kind: 'invalid', issues: built.error } };
        // Compare what will be stored (JSON drops undefined members), not the in-memory value.
        const next: unknown = JSON.parse(JSON.stringify(built.value));
        if (live && jsonEqual(live.settings, next))
          return { ok: true, value: { version: live, created: false } };
        const changes = diffJson(liveDocument, next);
        const { rows } = await tx.query<VersionRow>(
          `INSERT INTO settings_versions (version, document, actor, source, changes, restored_from)
           VALUES ($1, $2::jsonb, $3, $4, $5::jsonb, $6)
           RETURNING document, ${COLUMNS}`,
          [
            liveVersion + 1,
            JSON.stringify(next),
            request.actor,
            request.source,
            JSON.stringify(changes),
            request.restoredFrom ?? null,
          ],
        );
        return { ok: true, value: { version: toVersion(rows[0]!), created: true } };
      });
    },
  };
}
