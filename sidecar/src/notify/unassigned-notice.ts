// A new ticket the assignment policy leaves without an engineer (the project only suggests, or an
// auto rule found nobody) is announced to its team with a "Take" button — once per ticket, in the
// transaction that records the decision, through the channel routes for `issueUnassigned`.
import type { AssignmentPlan, AssignmentWorld } from '../assignment/plan.js';
import { enqueueNotice, teamLanguage } from '../assignment/notices.js';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import type { Notifier } from '../ports.js';
import { deskTimeZone, nearestClock } from '../schedules/clocks.js';
import { markOf } from '../schedules/digest.js';
import type { Queryable } from '../store/db.js';
import { issueLinkOf } from './issue-links.js';
import type { IssueLinkDeps } from './issue-links.js';
import { renderTicketNotice } from './render.js';

export interface UnassignedNoticeDeps extends IssueLinkDeps {
  notifier: Notifier | undefined;
  log: { warn(obj: object, msg: string): void };
}

/** The key of "issue X was announced as unassigned": one announcement per ticket. */
export function unassignedNoticeKey(issueKey: string): string {
  return `unassigned:${issueKey}`;
}

/**
 * Announces the ticket to its team when the plan's decision leaves it unassigned; returns how many
 * messages were queued (0 when the decision assigns, or no route asks for the announcement).
 */
export async function announceUnassigned(
  tx: Queryable,
  deps: UnassignedNoticeDeps,
  input: { issue: TrackedIssue; plan: AssignmentPlan | undefined; world: AssignmentWorld },
): Promise<number> {
  const { issue, plan, world } = input;
  if (plan?.decision?.action !== 'suggest' || issue.assigneeId !== null) return 0;
  const team = issue.project;
  const language = teamLanguage(world.settings, team);
  const mark = markOf(issue, world.settings.schedules, world.settings.temperature.bands);
  const dueAt = nearestClock(plan.temperature)?.dueAt;
  const message = renderTicketNotice(
    'ticket-unassigned',
    {
      key: issue.key,
      summary: issue.summary,
      url: issueLinkOf(deps, issue.key, world.settings.trackers),
      priority: issue.priority,
      ...(issue.customerName ? { customer: issue.customerName } : {}),
      ...(issue.requestType ? { requestType: issue.requestType } : {}),
      ...(mark === 'critical' ? { critical: true } : mark === 'maintenance' ? { maintenance: true } : {}),
      ...(dueAt ? { dueAt: new Date(dueAt) } : {}),
    },
    { language, timeZone: deskTimeZone(world, team) },
  );
  if (!message.ok) return 0;
  return enqueueNotice(
    tx,
    { channels: world.settings.channels, notifier: deps.notifier, log: deps.log },
    {
      event: 'issueUnassigned',
      addressee: { kind: 'team', team },
      customerId: issue.customerId,
      baseKey: unassignedNoticeKey(issue.key),
      message: message.value,
    },
  );
}
