// The first press wins: a "Take" claims the issue in the store before anything is asked of Jira.
// Presses at the same moment race on the claim's primary key; the loser is told who has the ticket.
import type { Queryable } from '../store/db.js';

export type ClaimOutcome = { ok: true } | { ok: false; holder: string };

/**
 * Claims `issueKey` for `accountId`. Fails when someone else holds a live claim (not released and
 * made since the ticket was last unassigned) or the tracked ticket already has another assignee.
 */
export async function claimTake(
  q: Queryable,
  issueKey: string,
  accountId: string,
  now: Date,
): Promise<ClaimOutcome> {
  const assigned = await q.query<{ assignee_id: string | null }>(
    'SELECT assignee_id FROM tracked_issues WHERE issue_key = $1',
    [issueKey],
  );
  const assignee = assigned.rows[0]?.assignee_id ?? null;
  if (assignee !== null && assignee !== accountId) return { ok: false, holder: assignee };
  const claimed = await q.query<{ account_id: string }>(
    `INSERT INTO notify_take_claims (issue_key, account_id, claimed_at) VALUES ($1, $2, $3)
     ON CONFLICT (issue_key) DO UPDATE
       SET account_id = EXCLUDED.account_id, claimed_at = EXCLUDED.claimed_at, released = false
       WHERE notify_take_claims.released
          OR notify_take_claims.claimed_at < (SELECT unassigned_since FROM tracked_issues WHERE issue_key = $1)
     RETURNING account_id`,
    [issueKey, accountId, now],
  );
  if (claimed.rows.length > 0) return { ok: true };
  const holder = await q.query<{ account_id: string }>(
    'SELECT account_id FROM notify_take_claims WHERE issue_key = $1',
    [issueKey],
  );
  const by = holder.rows[0]?.account_id;
  // The holder pressing again (a second tap) is not a loss.
  return by === undefined || by === accountId ? { ok: true } : { ok: false, holder: by };
}

/** Gives a claim up (the assignment it was for did not happen). */
export async function releaseTake(q: Queryable, issueKey: string, accountId: string): Promise<void> {
  await q.query('UPDATE notify_take_claims SET released = true WHERE issue_key = $1 AND account_id = $2', [
    issueKey,
    accountId,
  ]);
}
