// The sweep's tables (migration 300): the values last written into Jira per scope, and the lease
// that lets one sweep per scope run at a time across processes and replicas. (The temperatures the
// sweep refreshes in `tracked_issues` go through that table's own repository,
// `assignment/tracked-issues.ts`.)
import type { SlaEvent } from '@frontline/shared';
import type { Queryable } from '../store/db.js';

/** A value Jira accepted for an issue's Temperature field. */
export interface WrittenValue {
  issueId: string;
  issueKey: string;
  score: number;
  band: string;
}

/** Every score last written in `scope`, by issue id (one read per sweep rather than one per page). */
export async function writtenScores(q: Queryable, scope: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ issue_id: string; score: number }>(
    'SELECT issue_id, score FROM temperature_field_values WHERE scope = $1',
    [scope],
  );
  return new Map(rows.map((r) => [r.issue_id, Number(r.score)]));
}

/** Remembers values Jira accepted (one statement for the whole batch). */
export async function rememberWritten(
  q: Queryable,
  scope: string,
  values: readonly WrittenValue[],
  at: Date,
): Promise<void> {
  if (values.length === 0) return;
  await q.query(
    `INSERT INTO temperature_field_values (scope, issue_id, issue_key, score, band, written_at)
     SELECT $1, v.issue_id, v.issue_key, v.score, v.band, $6
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS v(issue_id, issue_key, score, band)
     ON CONFLICT (scope, issue_id) DO UPDATE
       SET issue_key = EXCLUDED.issue_key, score = EXCLUDED.score, band = EXCLUDED.band,
           written_at = EXCLUDED.written_at`,
    [
      scope,
      values.map((v) => v.issueId),
      values.map((v) => v.issueKey),
      values.map((v) => v.score),
      values.map((v) => v.band),
      at.toISOString(),
    ],
  );
}

/** The stored SLA facts of each issue key, in time order (issues the sidecar saw events for). */
export async function storedHistories(
  q: Queryable,
  issueKeys: readonly string[],
): Promise<Map<string, SlaEvent[]>> {
  const byKey = new Map<string, SlaEvent[]>();
  if (issueKeys.length === 0) return byKey;
  const { rows } = await q.query<{ issue_key: string; fact: SlaEvent }>(
    'SELECT issue_key, fact FROM issue_history WHERE issue_key = ANY($1::text[]) ORDER BY at, event_id, seq',
    [issueKeys],
  );
  for (const row of rows) {
    const list = byKey.get(row.issue_key) ?? [];
    list.push(row.fact);
    byKey.set(row.issue_key, list);
  }
  return byKey;
}

/**
 * Takes (or renews) the sweep lease of `scope` for `holder` until `until`; false while another
 * holder's lease is still live. A retried job keeps its id, so it takes its own lease back at once.
 */
export async function takeLease(
  q: Queryable,
  scope: string,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const { rows } = await q.query<{ holder: string }>(
    `INSERT INTO temperature_sweep_leases (scope, holder, held_until) VALUES ($1, $2, $3)
     ON CONFLICT (scope) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until
       WHERE temperature_sweep_leases.held_until <= $4 OR temperature_sweep_leases.holder = EXCLUDED.holder
     RETURNING holder`,
    [scope, holder, until.toISOString(), now.toISOString()],
  );
  return rows.length === 1;
}

/** Gives the lease up (only if `holder` still holds it). */
export async function releaseLease(q: Queryable, scope: string, holder: string): Promise<void> {
  await q.query('DELETE FROM temperature_sweep_leases WHERE scope = $1 AND holder = $2', [scope, holder]);
}
