// The typed map from accepted event types to their handlers, and the two halves of processing an
// event: store effects inside the processing transaction, outside effects resumed after it.
// Unknown event types are acknowledged (logged, nothing else). The handlers are built here from
// their dependencies; compose.ts calls `createIntakeHandlers` once and hands the map to intake.
import { carryOutAutoAssignment } from '../../assignment/carry-out.js';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { unfinishedAction } from '../../assignment/repository.js';
import type { Queryable } from '../../store/db.js';
import { handleTemperatureTick } from '../../temperature/tick.js';
import type { TemperatureTickDeps } from '../../temperature/tick.js';
import type { IssueSource, Observers } from '../../ports.js';
import { handleCommentCreated } from './comment-created.js';
import { handleIssueCreated } from './issue-created.js';
import { handleIssueRouted } from './issue-routed.js';
import type { IssueRoutedDeps } from './issue-routed.js';
import { handleIssueUpdated } from './issue-updated.js';
import type { IssueUpdatedHook } from './issue-updated.js';
import type { AcceptedEvent, IntakeHandler, IntakeLog } from './types.js';

export type { AcceptedEvent, IntakeHandler } from './types.js';

/** Jira webhook events and Forge product events, by the name each source gives them. */
export const HANDLED_EVENT_TYPES = [
  'jira:issue_created',
  'avi:jira:created:issue',
  'jira:issue_updated',
  'avi:jira:updated:issue',
  'avi:jira:assigned:issue',
  'comment_created',
  'avi:jira:commented:issue',
  'scheduled:temperature-sweep',
  /** Posted by the Route action (forge-app `ROUTED_EVENT_TYPE`). */
  'frontline:issue-routed',
  /** Frontline's YouTrack app (`POST /webhooks/youtrack`, stored as `youtrack:<type>`). */
  'youtrack:issue.created',
  'youtrack:issue.updated',
  'youtrack:issue.commented',
] as const;

export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];
export type IntakeHandlers = Readonly<Record<HandledEventType, IntakeHandler>>;

export type IntakeHandlerDeps = IssueRoutedDeps &
  TemperatureTickDeps &
  Pick<Observers, 'onFirstResponse'> & {
    /** How Jira's webhook bodies and Forge events read as ticket facts. */
    jiraIssues: IssueSource;
    /** More store effects of an issue update (the customer's rating when it is resolved). */
    onIssueUpdated?: IssueUpdatedHook | undefined;
    /** How the YouTrack app's events read as ticket facts. */
    youtrackIssues: IssueSource;
  };

/** Every handler, bound to its dependencies. */
export function createIntakeHandlers(deps: IntakeHandlerDeps): IntakeHandlers {
  const created = handleIssueCreated(deps.jiraIssues, deps);
  const updated = handleIssueUpdated(deps.jiraIssues, deps, deps.onIssueUpdated);
  const commented = handleCommentCreated(deps.jiraIssues, deps);
  return {
    'jira:issue_created': created,
    'avi:jira:created:issue': created,
    'jira:issue_updated': updated,
    'avi:jira:updated:issue': updated,
    'avi:jira:assigned:issue': updated,
    comment_created: commented,
    'avi:jira:commented:issue': commented,
    'scheduled:temperature-sweep': handleTemperatureTick(deps),
    'frontline:issue-routed': handleIssueRouted(deps),
    'youtrack:issue.created': handleIssueCreated(deps.youtrackIssues, deps),
    'youtrack:issue.updated': handleIssueUpdated(deps.youtrackIssues, deps),
    'youtrack:issue.commented': handleCommentCreated(deps.youtrackIssues, deps),
  };
}

function isHandled(eventType: string): eventType is HandledEventType {
  return HANDLED_EVENT_TYPES.some((handled) => handled === eventType);
}

/** The handler for an event type, if there is one. */
export function handlerFor(handlers: IntakeHandlers, eventType: string): IntakeHandler | undefined {
  return isHandled(eventType) ? handlers[eventType] : undefined;
}

/** Runs the event's handler's store effects in the processing transaction `tx`. */
export async function recordAcceptedEvent(
  tx: Queryable,
  event: AcceptedEvent,
  ctx: { handlers: IntakeHandlers; world: AssignmentWorld; now: Date; log: IntakeLog },
): Promise<boolean> {
  const handler = handlerFor(ctx.handlers, event.eventType);
  if (!handler) return false;
  await handler.record(tx, event, { world: ctx.world, now: ctx.now, log: ctx.log });
  return true;
}

/** Finishes what the event started outside the store (an auto assignment); safe to call again. */
export async function finishAcceptedEvent(
  deps: AssignmentDeps,
  eventId: string,
  world: AssignmentWorld,
): Promise<void> {
  const action = await unfinishedAction(deps.db, eventId);
  if (action) await carryOutAutoAssignment(deps, action, world);
}
