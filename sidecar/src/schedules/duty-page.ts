// The duty page, sent while a ticket's event is processed: when the evaluation of a created or
// updated ticket shows the desk is closed and its first-response clock runs out before the desk
// opens, the engineer on duty now is paged at once, in the processing transaction, rather than on
// the next schedules tick. The tick still pages tickets that become urgent as time passes. Both ask
// the same rule (`dutyPageAlert`) and send with the same idempotency keys through the outbox, whose
// unique key makes the page once per ticket and duty engineer across both paths and every replica.
import type { TicketEvaluation } from '@frontline/shared';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import type { Queryable } from '../store/db.js';
import { dutyPageAlert } from './alerts.js';
import { nearestClock } from './clocks.js';
import { alertTicketOf, dutyReadersAt, sendAlert } from './tick.js';
import type { AlertDeps } from './tick.js';

/**
 * Pages the engineer on duty if the ticket calls for it now, and logs it; returns how many messages
 * were queued.
 */
export async function pageDutyForEvent(
  tx: Queryable,
  deps: AlertDeps,
  input: {
    issue: TrackedIssue;
    /** The ticket's evaluation made while processing the event. */
    evaluation: TicketEvaluation;
    world: AssignmentWorld;
    now: Date;
  },
): Promise<number> {
  const { issue, evaluation, world, now } = input;
  if (issue.resolved) return 0;
  const alert = dutyPageAlert(alertTicketOf(world, issue, evaluation), now);
  if (!alert) return 0;
  const paged = await sendAlert(tx, deps, world, {
    alert,
    issue,
    managers: [],
    dutyReaders: dutyReadersAt(world, now),
    history: [],
    dueAt: nearestClock(evaluation)?.dueAt ?? null,
  });
  if (paged > 0) deps.log.info({ issueKey: issue.key, messages: paged }, `${issue.key}: duty engineer paged`);
  return paged;
}
