// The one writer of the availability tables (migration 600): entered absences with who entered and
// last changed them, weekly confirmations, feed refresh outcomes, and the revision counter every
// write of entered absences bumps so the assignment world rebuilds at once.
import { randomUUID } from 'node:crypto';
import { AbsenceSchema } from '@frontline/shared';
import type { Absence } from '@frontline/shared';
import type { Queryable } from '../ports.js';

/** An absence as kept: the shared value plus its id and who entered and changed it, when. */
export interface StoredAbsence {
  id: string;
  accountId: string;
  absence: Absence;
  enteredBy: string;
  enteredAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

interface AbsenceRow {
  id: string;
  account_id: string;
  kind: string;
  starts: string;
  ends: string;
  note: string | null;
  entered_by: string;
  entered_at: Date | string;
  updated_by: string;
  updated_at: Date | string;
}

const COLUMNS = 'id, account_id, kind, starts, ends, note, entered_by, entered_at, updated_by, updated_at';

function toStored(row: AbsenceRow): StoredAbsence | undefined {
  const absence = AbsenceSchema.safeParse({
    kind: row.kind,
    from: row.starts,
    to: row.ends,
    ...(row.note ? { note: row.note } : {}),
  });
  if (!absence.success) return undefined;
  return {
    id: row.id,
    accountId: row.account_id,
    absence: absence.data,
    enteredBy: row.entered_by,
    enteredAt: new Date(row.entered_at),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at),
  };
}

const stored = (rows: AbsenceRow[]) => rows.map(toStored).filter((s): s is StoredAbsence => !!s);

/** Bumps the revision (taking its row lock until the transaction ends: writes queue up here). */
export async function bumpRevision(tx: Queryable): Promise<number> {
  const result = await tx.query<{ revision: string }>(
    'UPDATE availability_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision',
  );
  return Number(result.rows[0]?.revision ?? 0);
}

/** The current revision of entered absences. */
export async function absencesRevision(q: Queryable): Promise<string> {
  const result = await q.query<{ revision: string }>(
    'SELECT revision FROM availability_revision WHERE id = 1',
  );
  return String(result.rows[0]?.revision ?? 0);
}

/** One engineer's entries (every one; a person holds a handful a month). */
export async function absencesOf(q: Queryable, accountId: string): Promise<StoredAbsence[]> {
  const result = await q.query<AbsenceRow>(
    `SELECT ${COLUMNS} FROM availability_absences WHERE account_id = $1 ORDER BY starts_at, id`,
    [accountId],
  );
  return stored(result.rows);
}

/** Every entry that ends after `since` (what the ranking and the weeks ahead can still need). */
export async function absencesSince(q: Queryable, since: Date): Promise<StoredAbsence[]> {
  const result = await q.query<AbsenceRow>(
    `SELECT ${COLUMNS} FROM availability_absences WHERE ends_at > $1 ORDER BY account_id, starts_at, id`,
    [since],
  );
  return stored(result.rows);
}

export async function absenceById(q: Queryable, id: string): Promise<StoredAbsence | undefined> {
  const result = await q.query<AbsenceRow>(`SELECT ${COLUMNS} FROM availability_absences WHERE id = $1`, [
    id,
  ]);
  return result.rows[0] ? toStored(result.rows[0]) : undefined;
}

export async function insertAbsence(
  tx: Queryable,
  input: { accountId: string; absence: Absence; span: readonly [number, number]; actor: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  const { absence } = input;
  await tx.query(
    `INSERT INTO availability_absences
       (id, account_id, kind, starts, ends, starts_at, ends_at, note, entered_by, entered_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10)`,
    [
      id,
      input.accountId,
      absence.kind,
      absence.from,
      absence.to,
      new Date(input.span[0]),
      new Date(input.span[1]),
      absence.note ?? null,
      input.actor,
      input.now,
    ],
  );
  return id;
}

export async function updateAbsence(
  tx: Queryable,
  input: { id: string; absence: Absence; span: readonly [number, number]; actor: string; now: Date },
): Promise<boolean> {
  const { absence } = input;
  const result = await tx.query(
    `UPDATE availability_absences SET kind = $2, starts = $3, ends = $4, starts_at = $5, ends_at = $6,
       note = $7, updated_by = $8, updated_at = $9 WHERE id = $1`,
    [
      input.id,
      absence.kind,
      absence.from,
      absence.to,
      new Date(input.span[0]),
      new Date(input.span[1]),
      absence.note ?? null,
      input.actor,
      input.now,
    ],
  );
  return result.rowCount > 0;
}

export async function deleteAbsence(tx: Queryable, id: string): Promise<boolean> {
  const result = await tx.query('DELETE FROM availability_absences WHERE id = $1', [id]);
  return result.rowCount > 0;
}

// ——— confirmations ———

export async function confirmWeek(
  q: Queryable,
  input: { accountId: string; weekStart: string; actor: string; now: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO availability_confirmations (account_id, week_start, confirmed_by, confirmed_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id, week_start) DO UPDATE SET confirmed_by = $3, confirmed_at = $4`,
    [input.accountId, input.weekStart, input.actor, input.now],
  );
}

/** Who confirmed the week starting `weekStart`, by accountId, with when. */
export async function confirmationsOf(q: Queryable, weekStart: string): Promise<Map<string, Date>> {
  const result = await q.query<{ account_id: string; confirmed_at: Date | string }>(
    'SELECT account_id, confirmed_at FROM availability_confirmations WHERE week_start = $1',
    [weekStart],
  );
  return new Map(result.rows.map((r) => [r.account_id, new Date(r.confirmed_at)]));
}

/** The weeks (their Mondays) one engineer confirmed among `weekStarts`. */
export async function confirmedWeeksOf(
  q: Queryable,
  accountId: string,
  weekStarts: readonly string[],
): Promise<Set<string>> {
  const result = await q.query<{ week_start: string }>(
    'SELECT week_start FROM availability_confirmations WHERE account_id = $1 AND week_start = ANY($2::text[])',
    [accountId, weekStarts],
  );
  return new Set(result.rows.map((r) => r.week_start));
}

// ——— feeds ———

export interface FeedStatus {
  accountId: string;
  source: 'settings' | 'linked' | 'environment';
  lastOkAt: Date | null;
  absences: number | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export async function recordFeedRead(
  q: Queryable,
  input: { accountId: string; source: FeedStatus['source']; absences: number; now: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO availability_feed_status (account_id, source, last_ok_at, absences, last_error, last_error_at)
     VALUES ($1, $2, $3, $4, NULL, NULL)
     ON CONFLICT (account_id) DO UPDATE SET source = $2, last_ok_at = $3, absences = $4,
       last_error = NULL, last_error_at = NULL`,
    [input.accountId, input.source, input.now, input.absences],
  );
}

export async function recordFeedFailure(
  q: Queryable,
  input: { accountId: string; source: FeedStatus['source']; error: string; now: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO availability_feed_status (account_id, source, last_error, last_error_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id) DO UPDATE SET source = $2, last_error = $3, last_error_at = $4`,
    [input.accountId, input.source, input.error.slice(0, 500), input.now],
  );
}

export async function feedStatusOf(q: Queryable, accountId: string): Promise<FeedStatus | undefined> {
  const result = await q.query<{
    account_id: string;
    source: string;
    last_ok_at: Date | string | null;
    absences: number | null;
    last_error: string | null;
    last_error_at: Date | string | null;
  }>('SELECT * FROM availability_feed_status WHERE account_id = $1', [accountId]);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    accountId: row.account_id,
    source: row.source === 'environment' || row.source === 'linked' ? row.source : 'settings',
    lastOkAt: row.last_ok_at ? new Date(row.last_ok_at) : null,
    absences: row.absences,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at ? new Date(row.last_error_at) : null,
  };
}

// ——— feeds engineers link themselves (sealed) ———

export async function saveFeedLink(
  q: Queryable,
  input: { accountId: string; sealedUrl: string; actor: string; now: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO availability_feed_links (account_id, sealed_url, linked_by, linked_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id) DO UPDATE SET sealed_url = $2, linked_by = $3, linked_at = $4`,
    [input.accountId, input.sealedUrl, input.actor, input.now],
  );
}

export async function deleteFeedLink(q: Queryable, accountId: string): Promise<boolean> {
  const result = await q.query('DELETE FROM availability_feed_links WHERE account_id = $1', [accountId]);
  return result.rowCount > 0;
}

export async function feedLinks(q: Queryable): Promise<{ accountId: string; sealedUrl: string }[]> {
  const result = await q.query<{ account_id: string; sealed_url: string }>(
    'SELECT account_id, sealed_url FROM availability_feed_links ORDER BY account_id',
  );
  return result.rows.map((r) => ({ accountId: r.account_id, sealedUrl: r.sealed_url }));
}

export async function feedLinkOf(
  q: Queryable,
  accountId: string,
): Promise<{ linkedBy: string; linkedAt: Date } | undefined> {
  const result = await q.query<{ linked_by: string; linked_at: Date | string }>(
    'SELECT linked_by, linked_at FROM availability_feed_links WHERE account_id = $1',
    [accountId],
  );
  const row = result.rows[0];
  return row ? { linkedBy: row.linked_by, linkedAt: new Date(row.linked_at) } : undefined;
}
