import type { AssignmentPolicy } from '../schemas/assignment.js';
import { byRank } from './rank.js';
import type { RankedEngineer, Ranking, TicketToAssign } from './rank.js';

export type AssignmentDecision =
  | { action: 'suggest'; why: string }
  | {
      action: 'assign';
      accountId: string;
      /** Index of the policy rule that fired. */
      rule: number;
      /** Reply template for the auto-assign comment, when the policy wants one. */
      commentTemplate: string | null;
    };

/**
 * Applies the project's policy to a ranking: the first auto rule that matches the ticket and the
 * hour assigns its pick; otherwise (or in "suggest" mode, or with nobody suitable) the coordinator
 * gets the ranking as suggestions.
 */
export function decideAssignment(
  policy: AssignmentPolicy,
  ticket: Pick<TicketToAssign, 'priority' | 'requestType'>,
  ranking: Ranking,
): AssignmentDecision {
  if (policy.mode === 'suggest') return { action: 'suggest', why: 'The project only suggests assignees' };
  for (const [index, rule] of policy.autoRules.entries()) {
    if (rule.when === 'offHours' && !ranking.offHours) continue;
    if (rule.priorities.length && !rule.priorities.includes(ticket.priority)) continue;
    if (
      rule.requestTypes.length &&
      (ticket.requestType === undefined || !rule.requestTypes.includes(ticket.requestType))
    )
      continue;
    // Only someone who can start now: an engineer off now (`offUntil`) is suggested, never
    // auto-assigned. `top` is the best of them by score, whether on duty or not, as it always was.
    const pick =
      rule.assign === 'duty'
        ? ranking.ranked.find((r) => r.onDuty)
        : ranking.ranked
            .filter((r) => r.offUntil === undefined)
            .reduce<RankedEngineer | undefined>(
              (best, r) => (best && byRank(best, r) <= 0 ? best : r),
              undefined,
            );
    if (!pick)
      return { action: 'suggest', why: `Rule ${index + 1} matched, but nobody suitable is available` };
    return {
      action: 'assign',
      accountId: pick.accountId,
      rule: index,
      commentTemplate: policy.commentOnAutoAssign.enabled
        ? (policy.commentOnAutoAssign.templateKey ?? null)
        : null,
    };
  }
  return { action: 'suggest', why: 'No auto-assign rule matches this ticket now' };
}
