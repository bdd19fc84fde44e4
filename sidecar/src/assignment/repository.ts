// The assignment tables (migration 220): issue snapshots kept current from events, SLA history,
// rankings with their pending auto actions, and the time-to-assign records. Every function takes a
// `Queryable`, so callers decide what commits together.
import { randomUUID } from 'node:crypto';
import type { AssignmentDecision, LoadRule, Priority, Ranking, SlaEvent } from '@frontline/shared';
import type { Queryable } from '../store/db.js';
import type { IssueSnapshot, RankingTrigger } from './issue-facts.js';

/** What we add to Jira's snapshot of an issue. */
export interface SnapshotExtras {
  customerId?: string | undefined;
  customerName?: string | undefined;
  contractId?: string | undefined;
  serviceManagerId?: string | undefined;
  temperature: number;
  lastPublicUpdateAt: Date;
  routedTeam?: string | undefined;
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

interface TrackedRow {
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
 * Writes the snapshot unless a newer one (by Jira's time `factAt`) is stored: late and out-of-order
 * deliveries never roll an issue back. Returns the row as stored afterwards.
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
      WHERE t.fact_at <= EXCLUDED.fact_at
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

/** Adds an event's SLA facts to the issue's history (once per event, whatever the retries). */
export async function appendHistory(
  q: Queryable,
  issueKey: string,
  eventId: string,
  facts: readonly SlaEvent[],
): Promise<void> {
  for (const [seq, fact] of facts.entries()) {
    await q.query(
      `INSERT INTO issue_history (issue_key, event_id, seq, at, fact) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, seq) DO NOTHING`,
      [issueKey, eventId, seq, fact.at, JSON.stringify(fact)],
    );
  }
}

/** The issue's SLA facts in time order (moved issues keep the history of their earlier keys). */
export async function loadHistory(q: Queryable, issueKeys: readonly string[]): Promise<SlaEvent[]> {
  const result = await q.query<{ fact: SlaEvent }>(
    'SELECT fact FROM issue_history WHERE issue_key = ANY($1::text[]) ORDER BY at, event_id, seq',
    [issueKeys],
  );
  return result.rows.map((r) => r.fact);
}

/**
 * Each engineer's weighted load under `rule` (shared `weightedLoads`): open assigned issues, counted
 * by a trigger per priority and temperature (migration 230), each weighing its temperature band's
 * weight, or its priority's when the rule weighs by priority only. Summed in SQL into one JSON row:
 * hundreds of rows cost more to hand over than to add up.
 */
export async function engineerLoads(q: Queryable, rule: LoadRule): Promise<Record<string, number>> {
  const { bands } = rule.temperature;
  const result = await q.query<{ loads: Record<string, number> | null }>(
    `SELECT jsonb_object_agg(account_id, load) AS loads FROM (
       SELECT account_id, sum(open_count * (CASE
           WHEN $2::jsonb IS NULL THEN $1::jsonb ->> priority
           ELSE $2::jsonb ->> CASE
             WHEN temperature >= $3 THEN 'critical' WHEN temperature >= $4 THEN 'hot'
             WHEN temperature >= $5 THEN 'warm' ELSE 'cold' END
         END)::float8) AS load
         FROM engineer_load WHERE open_count > 0 GROUP BY account_id) AS per_engineer`,
    [
      JSON.stringify(rule.byPriority),
      rule.byBand ? JSON.stringify(rule.byBand) : null,
      bands.critical,
      bands.hot,
      bands.warm,
    ],
  );
  return result.rows[0]?.loads ?? {};
}

export type ActionState = 'pending' | 'assigned' | 'commented' | 'done' | 'superseded';

/** How many candidates (and exclusions) a stored ranking keeps: what a coordinator reads, not the whole team. */
export const KEPT_CANDIDATES = 25;

/** A ranking as stored: the best candidates and the first exclusions, with how many there were. */
export interface KeptRanking extends Ranking {
  rankedTotal: number;
  excludedTotal: number;
}

/** The part of a ranking worth storing (a 500-engineer ranking is ~100 KB of JSON; this is a few). */
export function keptRanking(ranking: Ranking, limit = KEPT_CANDIDATES): KeptRanking {
  return {
    ranked: ranking.ranked.slice(0, limit),
    excluded: ranking.excluded.slice(0, limit),
    offHours: ranking.offHours,
    rankedTotal: ranking.ranked.length,
    excludedTotal: ranking.excluded.length,
  };
}

/** A stored ranking and, in auto mode, the state of its assignment. */
export interface StoredRanking {
  id: string;
  issueKey: string;
  triggerEvent: string;
  triggerKind: RankingTrigger;
  ranking: KeptRanking;
  decision: AssignmentDecision;
  actionState: ActionState | null;
  actionAccount: string | null;
  commentText: string | null;
  commentId: string | null;
  createdAt: Date;
}

interface RankingRow {
  id: string;
  issue_key: string;
  trigger_event: string;
  trigger_kind: RankingTrigger;
  ranking: KeptRanking;
  decision: AssignmentDecision;
  action_state: ActionState | null;
  action_account: string | null;
  comment_text: string | null;
  comment_id: string | null;
  created_at: Date | string;
}

function toRanking(row: RankingRow): StoredRanking {
  return {
    id: row.id,
    issueKey: row.issue_key,
    triggerEvent: row.trigger_event,
    triggerKind: row.trigger_kind,
    ranking: row.ranking,
    decision: row.decision,
    actionState: row.action_state,
    actionAccount: row.action_account,
    commentText: row.comment_text,
    commentId: row.comment_id,
    createdAt: new Date(row.created_at),
  };
}

const RANKING_COLUMNS =
  'id, issue_key, trigger_event, trigger_kind, ranking, decision, action_state, action_account, comment_text, comment_id, created_at';

/** Stores the ranking an event asked for (at most one per event). */
export async function insertRanking(
  q: Queryable,
  input: {
    issueKey: string;
    triggerEvent: string;
    triggerKind: RankingTrigger;
    ranking: Ranking;
    decision: AssignmentDecision;
    commentText: string | null;
  },
  now: Date,
): Promise<void> {
  const auto = input.decision.action === 'assign';
  await q.query(
    `INSERT INTO assignment_rankings (id, issue_key, trigger_event, trigger_kind, ranking, decision, action_state,
        action_account, comment_text, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (trigger_event) DO NOTHING`,
    [
      randomUUID(),
      input.issueKey,
      input.triggerEvent,
      input.triggerKind,
      JSON.stringify(keptRanking(input.ranking)),
      JSON.stringify(input.decision),
      auto ? 'pending' : null,
      input.decision.action === 'assign' ? input.decision.accountId : null,
      input.commentText,
      now,
    ],
  );
}

/** The unfinished auto assignment an event started, if any. */
export async function unfinishedAction(q: Queryable, eventId: string): Promise<StoredRanking | undefined> {
  const result = await q.query<RankingRow>(
    `SELECT ${RANKING_COLUMNS} FROM assignment_rankings
      WHERE trigger_event = $1 AND action_state IN ('pending', 'assigned', 'commented')`,
    [eventId],
  );
  return result.rows[0] ? toRanking(result.rows[0]) : undefined;
}

/** Moves an auto assignment to its next state. */
export async function setActionState(
  q: Queryable,
  id: string,
  state: ActionState,
  now: Date,
  commentId?: string,
): Promise<void> {
  await q.query(
    'UPDATE assignment_rankings SET action_state = $2, updated_at = $3, comment_id = COALESCE($4, comment_id) WHERE id = $1',
    [id, state, now, commentId ?? null],
  );
}

/** The newest ranking of an issue. */
export async function latestRanking(q: Queryable, issueKey: string): Promise<StoredRanking | undefined> {
  const result = await q.query<RankingRow>(
    `SELECT ${RANKING_COLUMNS} FROM assignment_rankings WHERE issue_key = $1 ORDER BY created_at DESC, id LIMIT 1`,
    [issueKey],
  );
  return result.rows[0] ? toRanking(result.rows[0]) : undefined;
}

export type AssignVia = 'auto' | 'forge' | 'telegram';

/** One time-to-assign record. */
export interface DecisionRecord {
  issueKey: string;
  accountId: string;
  actor: string;
  via: AssignVia;
  /** 1-based rank of the chosen engineer in the latest suggestions; null when not suggested. */
  suggestedRank: number | null;
  waitingSince: Date;
  decidedAt: Date;
  idempotencyKey: string;
}

/** Records an assignment once per idempotency key; true when this call recorded it. */
export async function recordDecision(q: Queryable, d: DecisionRecord): Promise<boolean> {
  const result = await q.query<{ id: string }>(
    `INSERT INTO assignment_decisions (id, issue_key, account_id, actor, via, suggested_rank, waiting_since,
        decided_at, time_to_assign_ms, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      d.issueKey,
      d.accountId,
      d.actor,
      d.via,
      d.suggestedRank,
      d.waitingSince,
      d.decidedAt,
      Math.max(0, d.decidedAt.getTime() - d.waitingSince.getTime()),
      d.idempotencyKey,
    ],
  );
  return result.rows.length > 0;
}

/** Records of an issue, newest first. */
export async function decisionsFor(
  q: Queryable,
  issueKey: string,
): Promise<(DecisionRecord & { timeToAssignMs: number })[]> {
  const result = await q.query<{
    issue_key: string;
    account_id: string;
    actor: string;
    via: AssignVia;
    suggested_rank: number | null;
    waiting_since: Date | string;
    decided_at: Date | string;
    time_to_assign_ms: string | number;
    idempotency_key: string;
  }>(
    `SELECT issue_key, account_id, actor, via, suggested_rank, waiting_since, decided_at, time_to_assign_ms,
        idempotency_key FROM assignment_decisions WHERE issue_key = $1 ORDER BY decided_at DESC`,
    [issueKey],
  );
  return result.rows.map((r) => ({
    issueKey: r.issue_key,
    accountId: r.account_id,
    actor: r.actor,
    via: r.via,
    suggestedRank: r.suggested_rank === null ? null : Number(r.suggested_rank),
    waitingSince: new Date(r.waiting_since),
    decidedAt: new Date(r.decided_at),
    timeToAssignMs: Number(r.time_to_assign_ms),
    idempotencyKey: r.idempotency_key,
  }));
}

/** Where the chosen engineer stood in a ranking (1-based), or null. */
export function rankOf(ranking: Ranking | undefined, accountId: string): number | null {
  const index = ranking?.ranked.findIndex((r) => r.accountId === accountId) ?? -1;
  return index >= 0 ? index + 1 : null;
}
