// An issue changed (Jira `jira:issue_updated`, Forge `avi:jira:updated:issue` and
// `avi:jira:assigned:issue`): keep the snapshot and SLA history current; an issue routed in from
// another project or left without an assignee is ranked again; one that now cannot wait for the
// closed desk (raised to a higher priority at night) pages the engineer on duty now.
import { trackIssueEvent } from '../../assignment/track.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import type { IssueEvent, IssueSource, Queryable } from '../../ports.js';
import { pageDutyForEvent } from '../../schedules/duty-page.js';
import type { AlertDeps } from '../../schedules/tick.js';
import type { IntakeHandler } from './types.js';

/** More store effects of an update, in the same transaction (the customer's rating on resolve). */
export type IssueUpdatedHook = (
  tx: Queryable,
  input: { payload: unknown; event: IssueEvent; world: AssignmentWorld; now: Date },
) => Promise<void>;

/** Bound to the issue source of the tracker whose events it handles, and the outbox for a duty page. */
export function handleIssueUpdated(
  source: IssueSource,
  notices: Omit<AlertDeps, 'log'>,
  onUpdated?: IssueUpdatedHook,
): IntakeHandler {
  return {
    async record(tx, event, { world, now, log }) {
      const issue = source.readEvent(event.payload, event.receivedAt, world.settings);
      if (!issue) {
        log.warn({ eventId: event.id }, 'issue-updated event without a readable issue; acknowledged');
        return;
      }
      const outcome = await trackIssueEvent(tx, {
        eventId: event.id,
        kind: 'updated',
        event: issue,
        world,
        now,
      });
      await onUpdated?.(tx, { payload: event.payload, event: issue, world, now });
      await pageDutyForEvent(
        tx,
        { ...notices, log },
        { issue: outcome.issue, evaluation: outcome.evaluation, world, now },
      );
      if (outcome.trigger)
        log.info(
          { issueKey: issue.snapshot.key, trigger: outcome.trigger },
          `${issue.snapshot.key}: ${outcome.trigger === 'routedIn' ? `routed in from ${outcome.movedFrom ?? 'another project'}` : 'assignee removed'}; ranked again`,
        );
    },
  };
}
