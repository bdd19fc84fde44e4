// The customer side's job kinds: `customer.rating-request` writes the portal comment and the e-mail
// for a ticket recorded as resolved; `customer.nps` (daily, by cron) invites each customer's contacts
// to the NPS question once per period.
import { z } from 'zod';
import { defineJob, DEFAULT_RETRY } from '../jobs/kind.js';
import type { WorldSource } from '../ports.js';
import type { Feedback, FeedbackWorld } from './feedback.js';

export interface CustomerJobs {
  'customer.rating-request': { ratingId: string };
  'customer.nps': Record<string, never>;
}

export function customerRatingRequestKind(deps: { feedback: Feedback }) {
  return defineJob({
    name: 'customer.rating-request',
    data: z.object({ ratingId: z.string().min(1) }),
    retry: DEFAULT_RETRY,
    concurrency: 2,
    async handle(ctx, data) {
      const outcome = await deps.feedback.sendRatingRequest(data.ratingId);
      ctx.log.info({ ratingId: data.ratingId, outcome }, `rating request ${outcome}`);
    },
  });
}

export function customerNpsKind(deps: { feedback: Feedback; world: WorldSource<FeedbackWorld> }) {
  return defineJob({
    name: 'customer.nps',
    data: z
      .looseObject({})
      .nullish()
      .transform(() => ({})),
    // A missed day is covered by the next one: invitations are once per period.
    retry: { ...DEFAULT_RETRY, retryLimit: 2 },
    concurrency: 1,
    async handle(ctx) {
      const run = await deps.feedback.runNpsSurvey(await deps.world.load());
      if (run.invited > 0) ctx.log.info(run, `NPS ${run.period}: ${run.invited} invitation(s) queued`);
    },
  });
}
