// What an intake handler is: the store effects of one accepted event, run inside the transaction
// that marks the event processed (so they happen exactly once), and the outside effects (Jira,
// messages) resumed after it commits until they are done.
import type { AssignmentWorld } from '../../assignment/plan.js';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import type { Queryable } from '../../store/db.js';

/** One accepted event as handlers see it. */
export interface AcceptedEvent {
  id: string;
  source: string;
  eventType: string;
  payload: unknown;
  receivedAt: Date;
}

export interface IntakeHandler {
  /** Store effects, in the processing transaction. */
  record(
    tx: Queryable,
    event: AcceptedEvent,
    ctx: { world: AssignmentWorld; now: Date; deps: AssignmentDeps },
  ): Promise<void>;
}
