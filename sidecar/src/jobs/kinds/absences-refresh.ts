// absences.refresh: sent by pg-boss cron every hour. Reads each engineer's iCalendar feed and
// replaces the absences kept from it; the ranking sees them at once (the world is rebuilt on change).
import { z } from 'zod';
import { defineJob, DEFAULT_RETRY } from '../kind.js';
import { refreshAbsences } from '../../schedules/ical.js';

export const absencesRefresh = defineJob({
  name: 'absences.refresh',
  data: z
    .looseObject({})
    .nullish()
    .transform(() => ({})),
  retry: { ...DEFAULT_RETRY, retryLimit: 2 },
  concurrency: 1,
  async handle(ctx) {
    const feeds = ctx.deps.calendarFeeds ?? [];
    if (feeds.length === 0) return;
    const outcome = await refreshAbsences({ ...ctx.deps, log: ctx.log }, feeds);
    ctx.log.info(outcome, `calendar feeds: ${outcome.refreshed} read, ${outcome.failed} failed`);
  },
});
