// absences.refresh: sent by pg-boss cron every hour. Reads each engineer's iCalendar feed — named in
// the settings' availability section (URL by secret reference), or, deprecated, in
// FRONTLINE_CALENDAR_FEEDS for engineers the settings do not name — and replaces the absences kept
// from it; the ranking sees them at once (the world is rebuilt on change). A feed that fails keeps
// what was read before, and its error is kept for "My availability".
import { z } from 'zod';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { linkedFeeds, refreshAvailabilityFeeds } from '../../availability/feeds.js';
import type { SecretResolver } from '../../availability/feeds.js';
import type { Clock, WorldSource } from '../../ports.js';
import type { CalendarFeed } from '../../schedules/ical.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import type { Db } from '../../store/db.js';
import { defineJob, DEFAULT_RETRY } from '../kind.js';

export interface AbsencesRefreshDeps {
  db: Db;
  now: Clock;
  /** The settings, whose availability section names the feeds. */
  world: WorldSource<AssignmentWorld>;
  /** Deprecated: FRONTLINE_CALENDAR_FEEDS, for engineers the settings name no feed for. */
  calendarFeeds: readonly CalendarFeed[];
  /** Resolves a feed's secret reference (the environment). */
  resolveSecret: SecretResolver;
  /** Opens the feeds engineers linked themselves (undefined without FRONTLINE_SECRET_KEY). */
  box?: SecretBox | undefined;
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
      const world = await deps.world.load();
      const settings = world.settings.availability;
      const linked = await linkedFeeds(deps.db, deps.box);
      if (settings.feeds.length === 0 && linked.length === 0 && deps.calendarFeeds.length === 0) return;
      if (deps.calendarFeeds.length > 0)
        ctx.log.warn(
          { feeds: deps.calendarFeeds.length },
          'FRONTLINE_CALENDAR_FEEDS is deprecated: name each feed in the settings (availability.feeds, URL by secretRef)',
        );
      const outcome = await refreshAvailabilityFeeds({
        db: deps.db,
        now: deps.now,
        log: ctx.log,
        settings,
        environmentFeeds: deps.calendarFeeds,
        resolveSecret: deps.resolveSecret,
        linked,
      });
      ctx.log.info(outcome, `calendar feeds: ${outcome.refreshed} read, ${outcome.failed} failed`);
    },
  });
}
