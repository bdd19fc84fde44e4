// The typed map from accepted event types to their handlers, and the two halves of processing an
// event: store effects inside the processing transaction, outside effects resumed after it.
// Unknown event types are acknowledged (logged, nothing else).
import { carryOutAutoAssignment } from '../../assignment/carry-out.js';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { unfinishedAction } from '../../assignment/repository.js';
import { createWorldLoader } from '../../assignment/world.js';
import type { Db, Queryable } from '../../store/db.js';
import { handleTemperatureTick } from '../../temperature/tick.js';
import { handleCommentCreated } from './comment-created.js';
import { handleIssueCreated } from './issue-created.js';
import { handleIssueRouted } from './issue-routed.js';
import { handleIssueUpdated } from './issue-updated.js';
import type { AcceptedEvent, IntakeHandler } from './types.js';

export type { AcceptedEvent, IntakeHandler } from './types.js';

/** Jira webhook events and Forge product events, by the name each source gives them. */
export const INTAKE_HANDLERS = {
  'jira:issue_created': handleIssueCreated,
  'avi:jira:created:issue': handleIssueCreated,
  'jira:issue_updated': handleIssueUpdated,
  'avi:jira:updated:issue': handleIssueUpdated,
  'avi:jira:assigned:issue': handleIssueUpdated,
  comment_created: handleCommentCreated,
  'avi:jira:commented:issue': handleCommentCreated,
  'scheduled:temperature-sweep': handleTemperatureTick,
  /** Posted by the Route action (forge-app `ROUTED_EVENT_TYPE`). */
  'frontline:issue-routed': handleIssueRouted,
} as const satisfies Record<string, IntakeHandler>;

export type HandledEventType = keyof typeof INTAKE_HANDLERS;

/** The handler for an event type, if there is one. */
export function handlerFor(eventType: string): IntakeHandler | undefined {
  return Object.hasOwn(INTAKE_HANDLERS, eventType)
    ? INTAKE_HANDLERS[eventType as HandledEventType]
    : undefined;
}

// One loader per store: it keeps the compiled world between events while settings stay the same.
const loaders = new WeakMap<Db, ReturnType<typeof createWorldLoader>>();

/** The assignment world for `db` (cached per settings version). */
export function loadWorld(db: Db): Promise<AssignmentWorld> {
  let loader = loaders.get(db);
  if (!loader) {
    loader = createWorldLoader(db);
    loaders.set(db, loader);
  }
  return loader.load();
}

/** What processing needs prepared before its transaction opens (PGlite has one connection). */
export interface PreparedIntake {
  world: AssignmentWorld;
}

/** Loads what the handlers read outside the transaction. */
export async function prepareIntake(deps: AssignmentDeps): Promise<PreparedIntake> {
  return { world: await loadWorld(deps.db) };
}

/** Runs the event's handler's store effects in the processing transaction `tx`. */
export async function recordAcceptedEvent(
  tx: Queryable,
  event: AcceptedEvent,
  prepared: PreparedIntake,
  deps: AssignmentDeps,
): Promise<boolean> {
  const handler = handlerFor(event.eventType);
  if (!handler) return false;
  await handler.record(tx, event, { world: prepared.world, now: deps.now(), deps });
  return true;
}

/** Finishes what the event started outside the store (an auto assignment); safe to call again. */
export async function finishAcceptedEvent(
  deps: AssignmentDeps,
  eventId: string,
  prepared: PreparedIntake,
): Promise<void> {
  const action = await unfinishedAction(deps.db, eventId);
  if (action) await carryOutAutoAssignment(deps, action, prepared.world);
}
