// Cron schedules on pg-boss: each is a row in pg-boss's `schedule` table that every started pg-boss
// instance evaluates, and pg-boss sends one job per due slot however many replicas look (its cron
// send is a singleton per slot). Registered through `JobQueue.schedule()` once the queue has started.

export interface CronSchedule {
  /** The job kind (queue) the schedule sends to. */
  name: ScheduledJob;
  /** Five-field cron, evaluated in `timeZone`. */
  cron: string;
  timeZone?: string;
}

/** The sidecar's scheduled kinds. */
export type ScheduledJob = 'schedules.tick' | 'absences.refresh' | 'temperature.sweep';

/** What registering schedules needs of the job queue. */
export interface CronScheduler {
  schedule(name: ScheduledJob, cron: string, opts?: { timeZone?: string | undefined }): Promise<void>;
}

/** The sidecar's schedules: the schedules tick every 5 minutes, calendar feeds every hour. */
export const SIDECAR_SCHEDULES: readonly CronSchedule[] = [
  { name: 'schedules.tick', cron: '*/5 * * * *' },
  { name: 'absences.refresh', cron: '17 * * * *' },
];

/**
 * The sweep of desks on trackers that send no scheduled ticks (YouTrack), every 5 minutes like the
 * Forge tick; registered only when such a tracker is configured.
 */
export const TRACKER_SWEEP_SCHEDULE: CronSchedule = { name: 'temperature.sweep', cron: '*/5 * * * *' };

/** Creates or updates each schedule (idempotent; safe for replicas starting together). */
export async function registerSchedules(
  queue: CronScheduler,
  schedules: readonly CronSchedule[] = SIDECAR_SCHEDULES,
): Promise<void> {
  for (const s of schedules) await queue.schedule(s.name, s.cron, { timeZone: s.timeZone });
}
