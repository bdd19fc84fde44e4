// An issue was created (Jira `jira:issue_created`, Forge `avi:jira:created:issue`): track it, start
// its SLA clocks and, if it has no assignee, rank the engineers and decide under the project's policy;
// a ticket the decision leaves unassigned is announced to its team with a "Take" button; one that
// cannot wait for the closed desk pages the engineer on duty now.
import { trackIssueEvent } from '../../assignment/track.js';
import { announceUnassigned } from '../../notify/unassigned-notice.js';
import { pageDutyForEvent } from '../../schedules/duty-page.js';
import type { UnassignedNoticeDeps } from '../../notify/unassigned-notice.js';
import type { IssueSource } from '../../ports.js';
import type { IntakeHandler } from './types.js';

/** Bound to the issue source of the tracker whose events it handles, and the outbox for the announcement. */
export function handleIssueCreated(
  source: IssueSource,
  notices: Omit<UnassignedNoticeDeps, 'log'>,
): IntakeHandler {
  return {
    async record(tx, event, { world, now, log }) {
      const issue = source.readEvent(event.payload, event.receivedAt, world.settings);
      if (!issue) {
        log.warn({ eventId: event.id }, 'issue-created event without a readable issue; acknowledged');
        return;
      }
      const outcome = await trackIssueEvent(tx, {
        eventId: event.id,
        kind: 'created',
        event: issue,
        world,
        now,
      });
      if (outcome.plan?.decision)
        log.info(
          { issueKey: issue.snapshot.key, action: outcome.plan.decision.action },
          `${issue.snapshot.key}: ${outcome.plan.decision.action === 'assign' ? 'assigning' : 'suggestions stored'} (${outcome.plan.ranking?.ranked.length ?? 0} candidates)`,
        );
      const announced = await announceUnassigned(
        tx,
        { ...notices, log },
        { issue: outcome.issue, plan: outcome.plan, world },
      );
      if (announced > 0)
        log.info(
          { issueKey: issue.snapshot.key, messages: announced },
          `${issue.snapshot.key}: announced to team ${outcome.issue.project}`,
        );
      await pageDutyForEvent(
        tx,
        { ...notices, log },
        { issue: outcome.issue, evaluation: outcome.evaluation, world, now },
      );
    },
  };
}
