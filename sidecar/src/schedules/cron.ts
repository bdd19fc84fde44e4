// Cron schedules on pg-boss: each is a row in pg-boss's `schedule` table that every started pg-boss
// instance evaluates, and pg-boss sends one job per due slot however many replicas look (its cron
// send is a singleton per slot). `JobQueue` does not expose pg-boss's `schedule()`, so this writes
// the row with the same statement `schedule()` uses (pg-boss 12.x), after the queue has started.
import type { Queryable } from '../store/db.js';

export interface CronSchedule {
  /** The job kind (queue) the schedule sends to. */
  name: string;
  /** Five-field cron, evaluated in `timeZone`. */
  cron: string;
  timeZone?: string;
}

/** The sidecar's schedules: the schedules tick every 5 minutes, calendar feeds every hour. */
export const SIDECAR_SCHEDULES: readonly CronSchedule[] = [
  { name: 'schedules.tick', cron: '*/5 * * * *' },
  { name: 'absences.refresh', cron: '17 * * * *' },
];

/** Creates or updates each schedule (idempotent; safe for replicas starting together). */
export async function registerSchedules(
  db: Queryable,
  schedules: readonly CronSchedule[] = SIDECAR_SCHEDULES,
  bossSchema = 'pgboss',
): Promise<void> {
  for (const s of schedules) {
    await db.query(
      `INSERT INTO ${bossSchema}.schedule (name, key, kind, cron, timezone, data, options, created_on, updated_on)
       VALUES ($1, '', 'cron', $2, $3, '{}'::jsonb, '{}'::jsonb, ${bossSchema}.job_now(), ${bossSchema}.job_now())
       ON CONFLICT (name, key) DO UPDATE SET
         kind = EXCLUDED.kind, cron = EXCLUDED.cron, timezone = EXCLUDED.timezone,
         updated_on = ${bossSchema}.job_now()`,
      [s.name, s.cron, s.timeZone ?? 'UTC'],
    );
  }
}
