// intake.process: the first step for every accepted event. The processed_at guard, the handling row
// and the event handler's store effects commit together, so a retry after a crash records nothing
// twice; what the handler started outside the store (a tracker assignment) is then finished, and a
// retry resumes it from its recorded step.
import { z } from 'zod';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { finishAcceptedEvent, recordAcceptedEvent } from '../../intake/handlers/index.js';
import type { AcceptedEvent, IntakeHandlers } from '../../intake/handlers/index.js';
import type { Clock, WorldSource } from '../../ports.js';
import type { Db, Queryable } from '../../store/db.js';
import { BeyondHorizonError } from '@frontline/shared';
import { defineJob, DEFAULT_RETRY, PermanentJobError } from '../kind.js';
import type { JobContext } from '../kind.js';

export const IntakeProcessData = z.object({ eventId: z.uuid() });

export interface IntakeProcessDeps {
  db: Db;
  now: Clock;
  world: WorldSource<AssignmentWorld>;
  /** The registered handlers, by event type. */
  handlers: IntakeHandlers;
  /** What finishing an auto assignment needs (the tracker, the notifier, observers). */
  assignment: Omit<AssignmentDeps, 'db' | 'now' | 'log'>;
}

interface ClaimedEvent {
  source: string;
  event_type: string;
  issue_key: string | null;
  payload: unknown;
  received_at: Date | string;
}

/**
 * Marks the event processed (once), records which job did it and runs `record` in the same
 * transaction; undefined if it already was processed.
 */
export async function processIntakeEvent(
  deps: { db: Db; now: Clock },
  job: { jobId: string; eventId: string },
  record?: (tx: Queryable, event: AcceptedEvent) => Promise<unknown>,
): Promise<ClaimedEvent | undefined> {
  const { eventId } = job;
  return deps.db.transaction(async (tx) => {
    const claimed = await tx.query<ClaimedEvent>(
      `UPDATE intake_events SET processed_at = $2
        WHERE id = $1 AND processed_at IS NULL
        RETURNING source, event_type,
          -- For the log line only: Jira webhooks, Forge events, the YouTrack app's events.
          COALESCE(payload #>> '{issue,key}', payload #>> '{event,issue,key}', payload #>> '{issue,idReadable}') AS issue_key,
          payload, received_at`,
      [eventId, deps.now()],
    );
    const event = claimed.rows[0];
    if (!event) return undefined;
    await record?.(tx, {
      id: eventId,
      source: event.source,
      eventType: event.event_type,
      payload: event.payload,
      receivedAt: new Date(event.received_at),
    });
    await tx.query('INSERT INTO intake_event_handling (event_id, job_id, handled_at) VALUES ($1, $2, $3)', [
      eventId,
      job.jobId,
      deps.now(),
    ]);
    return event;
  });
}

export function intakeProcessKind(deps: IntakeProcessDeps) {
  return defineJob({
    name: 'intake.process',
    data: IntakeProcessData,
    retry: DEFAULT_RETRY,
    concurrency: 4,
    async handle(ctx, { eventId }) {
      try {
        await processAndFinish(deps, ctx, eventId);
      } catch (err) {
        const refused = refusedValue(err);
        if (refused) throw new PermanentJobError(`event ${eventId} holds ${refused}`, { cause: err });
        throw err;
      }
    },
  });
}

/**
 * What no retry can change: a value the store refuses as data (SQLSTATE class 22, such as a time
 * zone displacement out of range) or an instant outside the calendar's horizon. Such an event
 * fails once with its reason instead of five times; its row stays stored for a deliberate re-run.
 */
export function refusedValue(err: unknown): string | undefined {
  if (err instanceof BeyondHorizonError) return `an instant the calendar does not reach: ${err.message}`;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code))
    return `a value the store refuses (${code}): ${(err as Error).message}`;
  return undefined;
}

async function processAndFinish(
  deps: IntakeProcessDeps,
  ctx: Pick<JobContext, 'jobId' | 'log'>,
  eventId: string,
): Promise<void> {
  // Loaded before the transaction opens: PGlite has one connection, which the transaction holds.
  const world = await deps.world.load();
  const event = await processIntakeEvent(deps, { jobId: ctx.jobId, eventId }, (tx, accepted) =>
    recordAcceptedEvent(tx, accepted, { handlers: deps.handlers, world, now: deps.now(), log: ctx.log }),
  );
  await finishAcceptedEvent({ ...deps.assignment, db: deps.db, now: deps.now, log: ctx.log }, eventId, world);
  if (!event) {
    ctx.log.info({ eventId }, 'event was already processed; nothing to do');
    return;
  }
  const subject = event.issue_key ?? 'no issue';
  ctx.log.info(
    { eventId, source: event.source, eventType: event.event_type, issueKey: event.issue_key },
    `${subject}: ${event.event_type} processed`,
  );
}
