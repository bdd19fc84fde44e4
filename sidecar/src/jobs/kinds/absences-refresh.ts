// absences.refresh: sent by pg-boss cron every hour. Reads each engineer's iCalendar feed and
// replaces the absences kept from it; the ranking sees them at once (the world is rebuilt on change).
import { z } from 'zod';
import type { Clock } from '../../ports.js';
import { refreshAbsences } from '../../schedules/ical.js';
import type { CalendarFeed } from '../../schedules/ical.js';
import type { Db } from '../../store/db.js';
import { defineJob, DEFAULT_RETRY } from '../kind.js';

export interface AbsencesRefreshDeps {
  db: Db;
  now: Clock;
  /** Engineers' iCalendar feeds; none → each run does nothing. */
  calendarFeeds: readonly CalendarFeed[];
}

export function absencesRefreshKind(deps: AbsencesRefreshDeps) {
  return defineJob({
    name: 'absences.refresh',
    data: z
      .looseObject({})
      .nullish()
      .transform(() => ({})),
    retry: { ...DEFAULT_RETRY, retryLimit: 2 },
    concurrency: 1,
    async handle(ctx) {
      if (deps.calendarFeeds.length === 0) return;
      const outcome = await refreshAbsences({ db: deps.db, now: deps.now, log: ctx.log }, deps.calendarFeeds);
      ctx.log.info(outcome, `calendar feeds: ${outcome.refreshed} read, ${outcome.failed} failed`);
    },
  });
}
