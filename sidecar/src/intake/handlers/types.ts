// What an intake handler is: the store effects of one accepted event, run inside the transaction
// that marks the event processed (so they happen exactly once). Outside effects (the tracker,
// messages) are resumed after it commits until they are done (see index.ts). A handler that needs
// more than the world, the time and a logger takes it when it is built, at registration.
import type { AssignmentWorld } from '../../assignment/plan.js';
import type { Queryable } from '../../store/db.js';

/** One accepted event as handlers see it. */
export interface AcceptedEvent {
  id: string;
  source: string;
  eventType: string;
  payload: unknown;
  receivedAt: Date;
}

/** The pino subset handlers log with. */
export interface IntakeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface IntakeHandler {
  /** Store effects, in the processing transaction. */
  record(
    tx: Queryable,
    event: AcceptedEvent,
    ctx: { world: AssignmentWorld; now: Date; log: IntakeLog },
  ): Promise<void>;
}
