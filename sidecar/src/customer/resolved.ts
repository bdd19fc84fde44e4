// When a ticket is resolved, its requester is asked once how we did: the request is recorded in the
// processing transaction and its job (portal comment, e-mail) enqueued in the same transaction.
import { z } from 'zod';
import type { IssueEvent, Queryable } from '../ports.js';
import type { Feedback, FeedbackWorld } from './feedback.js';

/**
 * True when this update left the ticket resolved by setting its resolution or moving its status (a
 * workflow without a resolution field resolves by status category). A later move between two done
 * statuses also reads as resolved: the request is recorded once per ticket, so it asks no one twice.
 */
export function resolvedByThisUpdate(event: IssueEvent): boolean {
  return (
    event.snapshot.resolved &&
    event.changes.some((c) => {
      const field = c.field.toLowerCase();
      return field === 'status' || (field === 'resolution' && (c.to ?? c.toString ?? '') !== '');
    })
  );
}

// Jira webhooks and Forge events both carry the REST v2 issue; the reporter's address is present
// when the site shares it with the app.
const ReporterSchema = z.looseObject({
  issue: z.looseObject({
    fields: z.looseObject({
      reporter: z.looseObject({ emailAddress: z.email().optional() }).nullish(),
    }),
  }),
});

export function reporterEmailOf(payload: unknown): string | undefined {
  const parsed = ReporterSchema.safeParse(payload);
  return parsed.success ? (parsed.data.issue.fields.reporter?.emailAddress ?? undefined) : undefined;
}

export interface RatingOnResolveDeps {
  feedback: Feedback;
  enqueueRatingRequest(tx: Queryable, ratingId: string): Promise<unknown>;
}

/** The hook the issue-updated handler calls for every update it tracked. */
export function ratingOnResolve(deps: RatingOnResolveDeps) {
  return async (
    tx: Queryable,
    input: { payload: unknown; event: IssueEvent; world: FeedbackWorld; now: Date },
  ): Promise<void> => {
    if (!resolvedByThisUpdate(input.event)) return;
    const ratingId = await deps.feedback.recordResolved(tx, {
      snapshot: input.event.snapshot,
      reporterEmail: reporterEmailOf(input.payload),
      world: input.world,
      now: input.now,
    });
    if (ratingId) await deps.enqueueRatingRequest(tx, ratingId);
  };
}

export type RatingOnResolve = ReturnType<typeof ratingOnResolve>;
