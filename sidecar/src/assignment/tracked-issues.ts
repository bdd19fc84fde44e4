// The repository of `tracked_issues` (migration 220): one row per issue the sidecar tracks, kept
// current from events. It is the only module that writes the table: the snapshot an event leaves
// (with the temperature of the one ticket evaluation), the assignee a recorded decision sets, the
// team a route names, the retirement of a moved issue's old key, and the sweep's temperature
// refresh. Every function takes a `Queryable`, so callers decide what commits together.
import type { Priority } from '@frontline/shared';
import type { Queryable } from '../store/db.js';
import type { IssueSnapshot } from './issue-facts.js';

/** What we add to Jira's snapshot of an issue. */
export interface SnapshotExtras {
  customerId?: string | undefined;
  customerName?: string | undefined;
  contractId?: string | undefined;
  serviceManagerId?: string | undefined;
  temperature: number;
  lastPublicUpdateAt: Date;
  routedTeam?: string | undefined;
  /** The snapshot is the issue as it was created (a creation event), not as it was later changed. */
  asCreated?: boolean;
}

/** An issue as the sidecar tracks it. */
export interface TrackedIssue {
  key: string;
  project: string;
  summary: string;
  priority: Priority;
  status: string | null;
  statusSince: Date | null;
  resolved: boolean;
  assigneeId: string | null;
  requestType: string | null;
  labels: string[];
  customerId: string | null;
  customerName: string | null;
  contractId: string | null;
  serviceManagerId: string | null;
  routedTeam: string | null;
  temperature: number;
  createdAt: Date;
  unassignedSince: Date | null;
  lastPublicUpdateAt: Date;
}

export interface TrackedRow {
  issue_key: string;
  project: string;
  summary: string;
  priority: Priority;
  status: string | null;
  status_since: Date | string | null;
  resolved: boolean;
  assignee_id: string | null;
  request_type: string | null;
  labels: string[];
  customer_id: string | null;
  customer_name: string | null;
  contract_id: string | null;
  service_manager_id: string | null;
  routed_team: string | null;
  temperature: number;
  created_at: Date | string;
  unassigned_since: Date | string | null;
  last_public_update_at: Date | string;
}

const dateOrNull = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** A stored row in our words. */
export function toTracked(row: TrackedRow): TrackedIssue {
  return {
    key: row.issue_key,
    project: row.project,
    summary: row.summary,
    priority: row.priority,
    status: row.status,
    statusSince: dateOrNull(row.status_since),
    resolved: row.resolved,
    assigneeId: row.assignee_id,
    requestType: row.request_type,
    labels: row.labels,
    customerId: row.customer_id,
    customerName: row.customer_name,
    contractId: row.contract_id,
    serviceManagerId: row.service_manager_id,
    routedTeam: row.routed_team,
    temperature: Number(row.temperature),
    createdAt: new Date(row.created_at),
    unassignedSince: dateOrNull(row.unassigned_since),
    lastPublicUpdateAt: new Date(row.last_public_update_at),
  };
}

export const TRACKED_COLUMNS = `issue_key, project, summary, priority, status, status_since, resolved, assignee_id,
  request_type, labels, customer_id, customer_name, contract_id, service_manager_id, routed_team, temperature,
  created_at, unassigned_since, last_public_update_at`;

/**
 * Writes the snapshot unless a newer one (by the tracker's time `factAt`) is stored: late and
 * out-of-order deliveries never roll an issue back. Of two facts of the same instant the creation is
 * the earlier (a tracker stamps "created" and a change made at once with one millisecond), so a
 * creation never replaces a fact of its own instant. Returns the row as stored afterwards.
 */
export async function upsertSnapshot(
  q: Queryable,
  s: IssueSnapshot,
  extras: SnapshotExtras,
  factAt: Date,
  now: Date,
): Promise<TrackedIssue> {
  const result = await q.query<TrackedRow>(
    `INSERT INTO tracked_issues AS t (issue_key, issue_id, project, summary, priority, status, status_since, resolved,
        assignee_id, request_type, labels, customer_id, customer_name, contract_id, service_manager_id, routed_team,
        temperature, created_at, unassigned_since, last_public_update_at, fact_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
        CASE WHEN $9::text IS NULL THEN $7::timestamptz END, $19, $7, $20)
     ON CONFLICT (issue_key) DO UPDATE SET
        issue_id = COALESCE(EXCLUDED.issue_id, t.issue_id),
        project = EXCLUDED.project, summary = EXCLUDED.summary, priority = EXCLUDED.priority,
        status_since = CASE WHEN EXCLUDED.status IS DISTINCT FROM t.status THEN EXCLUDED.fact_at ELSE t.status_since END,
        status = EXCLUDED.status, resolved = EXCLUDED.resolved,
        unassigned_since = CASE WHEN EXCLUDED.assignee_id IS NOT NULL THEN NULL
                                WHEN t.assignee_id IS NULL THEN COALESCE(t.unassigned_since, EXCLUDED.fact_at)
                                ELSE EXCLUDED.fact_at END,
        assignee_id = EXCLUDED.assignee_id, request_type = EXCLUDED.request_type, labels = EXCLUDED.labels,
        customer_id = COALESCE(EXCLUDED.customer_id, t.customer_id),
        customer_name = COALESCE(EXCLUDED.customer_name, t.customer_name),
        contract_id = COALESCE(EXCLUDED.contract_id, t.contract_id),
        service_manager_id = COALESCE(EXCLUDED.service_manager_id, t.service_manager_id),
        routed_team = COALESCE(EXCLUDED.routed_team, t.routed_team),
        temperature = EXCLUDED.temperature,
        last_public_update_at = GREATEST(EXCLUDED.last_public_update_at, t.last_public_update_at),
        fact_at = EXCLUDED.fact_at, updated_at = EXCLUDED.updated_at
      WHERE t.fact_at < EXCLUDED.fact_at OR (t.fact_at = EXCLUDED.fact_at AND NOT $21::boolean)
     RETURNING ${TRACKED_COLUMNS}`,
    [
      s.key,
      s.id ?? null,
      s.project,
      s.summary,
      s.priority,
      s.status,
      factAt,
      s.resolved,
      s.assigneeId,
      s.requestType ?? null,
      JSON.stringify(s.labels),
      extras.customerId ?? null,
      extras.customerName ?? null,
      extras.contractId ?? null,
      extras.serviceManagerId ?? null,
      extras.routedTeam ?? null,
      extras.temperature,
      s.createdAt,
      extras.lastPublicUpdateAt,
      now,
      extras.asCreated === true,
    ],
  );
  const row = result.rows[0];
  if (row) return toTracked(row);
  const stored = await trackedIssue(q, s.key);
  if (!stored) throw new Error(`tracked issue ${s.key} vanished during its update`);
  return stored;
}

/** One tracked issue. */
export async function trackedIssue(q: Queryable, key: string): Promise<TrackedIssue | undefined> {
  const result = await q.query<TrackedRow>(
    `SELECT ${TRACKED_COLUMNS} FROM tracked_issues WHERE issue_key = $1`,
    [key],
  );
  return result.rows[0] ? toTracked(result.rows[0]) : undefined;
}

/** Marks an issue as gone from the desk (moved away under another key). */
export async function retireIssue(q: Queryable, key: string, now: Date): Promise<void> {
  await q.query('UPDATE tracked_issues SET resolved = true, updated_at = $2 WHERE issue_key = $1', [
    key,
    now,
  ]);
}

/** Sets the assignee a recorded decision chose, so load is current before Jira's own event about it arrives. */
export async function recordAssignee(q: Queryable, key: string, accountId: string, now: Date): Promise<void> {
  await q.query(
    'UPDATE tracked_issues SET assignee_id = $2, unassigned_since = NULL, updated_at = $3 WHERE issue_key = $1',
    [key, accountId, now],
  );
}

/** Records the team an issue was routed to, if the sidecar tracks it; returns whether it does and its customer. */
export async function markRouted(
  q: Queryable,
  key: string,
  team: string,
): Promise<{ tracked: boolean; customerId: string | null }> {
  const result = await q.query<{ customer_id: string | null }>(
    'UPDATE tracked_issues SET routed_team = $2 WHERE issue_key = $1 RETURNING customer_id',
    [key, team],
  );
  const row = result.rows[0];
  return { tracked: row !== undefined, customerId: row?.customer_id ?? null };
}

/**
 * Brings the temperature of tracked issues up to the sweep's reading, so engineers' load (weighted by
 * temperature band and kept by a trigger on tracked_issues) moves with the clock and not only when
 * an event arrives. Issues the sidecar does not track are ignored; unchanged rows are not written.
 * Returns how many rows changed.
 */
export async function refreshTemperatures(
  q: Queryable,
  readings: readonly { issueKey: string; score: number }[],
  at: Date,
): Promise<number> {
  if (readings.length === 0) return 0;
  const { rowCount } = await q.query(
    `UPDATE tracked_issues t SET temperature = v.score, updated_at = $3
       FROM unnest($1::text[], $2::int[]) AS v(issue_key, score)
      WHERE t.issue_key = v.issue_key AND t.temperature <> v.score`,
    [readings.map((r) => r.issueKey), readings.map((r) => r.score), at.toISOString()],
  );
  return rowCount;
}

/** Every open issue the sidecar tracks. */
export async function openTrackedIssues(q: Queryable): Promise<TrackedIssue[]> {
  const result = await q.query<TrackedRow>(
    `SELECT ${TRACKED_COLUMNS} FROM tracked_issues WHERE NOT resolved`,
  );
  return result.rows.map(toTracked);
}
