// intake.process: the first step for every accepted event. For now it records that the event was
// processed and says so in the log; the handlers that act on issues hang off this later. The
// processed_at guard and the handling row commit together, so a retry after a crash is a no-op.
import { z } from 'zod';
import { defineJob, DEFAULT_RETRY } from '../kind.js';
import type { JobContext } from '../kind.js';

export const IntakeProcessData = z.object({ eventId: z.uuid() });

interface ClaimedEvent {
  source: string;
  event_type: string;
  issue_key: string | null;
}

/** Marks the event processed (once) and records which job did it; false if it already was. */
export async function processIntakeEvent(
  ctx: JobContext,
  eventId: string,
): Promise<ClaimedEvent | undefined> {
  return ctx.deps.db.transaction(async (tx) => {
    const claimed = await tx.query<ClaimedEvent>(
      `UPDATE intake_events SET processed_at = $2
        WHERE id = $1 AND processed_at IS NULL
        RETURNING source, event_type, payload #>> '{issue,key}' AS issue_key`,
      [eventId, ctx.deps.now()],
    );
    const event = claimed.rows[0];
    if (!event) return undefined;
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
    const event = await processIntakeEvent(ctx, eventId);
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
