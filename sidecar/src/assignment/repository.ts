// The assignment tables (migration 220): SLA history, rankings with their pending auto actions, and
// the time-to-assign records. Every function takes a `Queryable`, so callers decide what commits
// together. Tracked issues have their own repository (`tracked-issues.ts`, the only writer of
// `tracked_issues`); its reads and writes are re-exported here for the callers that reach them
// through this module.
import { randomUUID } from 'node:crypto';
import type { AssignmentDecision, LoadRule, Ranking, SlaEvent } from '@frontline/shared';
import type { AssignVia } from '../ports.js';
import type { Queryable } from '../store/db.js';
import type { RankingTrigger } from './issue-facts.js';

export type { SnapshotExtras, TrackedIssue } from './tracked-issues.js';
export { retireIssue, TRACKED_COLUMNS, toTracked, trackedIssue, upsertSnapshot } from './tracked-issues.js';

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

/**
 * Whether a stored ranking makes a new one for `issueKey` a repeat: an automatic assignment still
 * being carried out, or, for a creation, the creation's own ranking (the same creation announced by
 * a second registered webhook, or by a Forge event as well as Jira's webhook).
 */
export async function rankingStands(
  q: Queryable,
  issueKey: string,
  trigger: RankingTrigger,
): Promise<boolean> {
  const found = await q.query(
    `SELECT 1 FROM assignment_rankings
      WHERE issue_key = $1
        AND (action_state IN ('pending', 'assigned', 'commented') OR ($2 = 'created' AND trigger_kind = 'created'))
      LIMIT 1`,
    [issueKey, trigger],
  );
  return found.rows.length > 0;
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

export type { AssignVia } from '../ports.js';

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
