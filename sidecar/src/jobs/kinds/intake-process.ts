// intake.process: the first step for every accepted event. The processed_at guard, the handling row
// and the event handler's store effects commit together, so a retry after a crash records nothing
// twice; what the handler started outside the store (a Jira assignment) is then finished, and a
// retry resumes it from its recorded step.
import { z } from 'zod';
import { defineJob, DEFAULT_RETRY } from '../kind.js';
import type { JobContext } from '../kind.js';
import type { Queryable } from '../../store/db.js';
import { finishAcceptedEvent, prepareIntake, recordAcceptedEvent } from '../../intake/handlers/index.js';
import type { AcceptedEvent } from '../../intake/handlers/index.js';

export const IntakeProcessData = z.object({ eventId: z.uuid() });

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
  ctx: JobContext,
  eventId: string,
  record?: (tx: Queryable, event: AcceptedEvent) => Promise<unknown>,
): Promise<ClaimedEvent | undefined> {
  return ctx.deps.db.transaction(async (tx) => {
    const claimed = await tx.query<ClaimedEvent>(
      `UPDATE intake_events SET processed_at = $2
        WHERE id = $1 AND processed_at IS NULL
        RETURNING source, event_type, COALESCE(payload #>> '{issue,key}', payload #>> '{event,issue,key}') AS issue_key,
          payload, received_at`,
      [eventId, ctx.deps.now()],
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
      ctx.jobId,
      ctx.deps.now(),
    ]);
    return event;
  });
}

export const intakeProcess = defineJob({
  name: 'intake.process',
  data: IntakeProcessData,
  retry: DEFAULT_RETRY,
  concurrency: 4,
  async handle(ctx, { eventId }) {
    const deps = { ...ctx.deps, log: ctx.log };
    const prepared = await prepareIntake(deps);
    const event = await processIntakeEvent(ctx, eventId, (tx, accepted) =>
      recordAcceptedEvent(tx, accepted, prepared, deps),
    );
    await finishAcceptedEvent(deps, eventId, prepared);
    if (!event) {
      ctx.log.info({ eventId }, 'event was already processed; nothing to do');
      return;
    }
    const subject = event.issue_key ?? 'no issue';
    ctx.log.info(
      { eventId, source: event.source, eventType: event.event_type, issueKey: event.issue_key },
      `${subject}: ${event.event_type} processed`,
    );
  },
});
