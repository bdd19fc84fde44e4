// schedules.tick: sent by pg-boss cron every 5 minutes (one job per slot across replicas). Sends
// due digests and reminders through the outbox; each message at most once (see schedules/tick.ts).
import { z } from 'zod';
import { runAvailabilityReminder } from '../../schedules/availability-reminder.js';
import { runSchedulesTick } from '../../schedules/tick.js';
import type { TickDeps } from '../../schedules/tick.js';
import { defineJob, DEFAULT_RETRY } from '../kind.js';

export function schedulesTickKind(deps: Omit<TickDeps, 'log'>) {
  return defineJob({
    name: 'schedules.tick',
    // Cron jobs carry the schedule's data ({}); nothing in it is read.
    data: z
      .looseObject({})
      .nullish()
      .transform(() => ({})),
    // A missed tick is covered by the next one five minutes later.
    retry: { ...DEFAULT_RETRY, retryLimit: 2, expireInSeconds: 240 },
    concurrency: 1,
    async handle(ctx) {
      const summary = await runSchedulesTick({ ...deps, log: ctx.log });
      if (summary.messages > 0)
        ctx.log.info(
          summary,
          `schedules: ${summary.digests} digest(s), ${summary.reminders} reminder(s) queued`,
        );
      await runAvailabilityReminder({ ...deps, log: ctx.log });
    },
  });
}
