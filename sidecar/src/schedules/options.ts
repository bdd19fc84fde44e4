// What the schedules need beyond the settings document: when the digest goes out, how critical
// tickets are told from scheduled maintenance, and how long before a reminder. Validated with zod;
// every field has the Northwind desk's default.
import { z } from 'zod';
import { ClockTimeSchema, PrioritySchema } from '@frontline/shared';

const hours = (what: string) => z.number().positive(`${what} must be above 0 hours`).max(720);
const names = z.array(z.string().trim().min(1));

export const ScheduleOptionsSchema = z.strictObject({
  digest: z
    .strictObject({
      /** Local time in each service manager's own zone. */
      localTime: ClockTimeSchema.default('09:00'),
      /** A digest missed (sidecar down) is still sent this long after its time, not later. */
      catchUpMinutes: z.number().int().min(5).max(720).default(180),
      /** Threshold for projects without an assignment policy (theirs: `unassignedThresholdHours`). */
      defaultThresholdHours: hours('The threshold').default(24),
    })
    .default({ localTime: '09:00', catchUpMinutes: 180, defaultThresholdHours: 24 }),
  /** Scheduled preventive maintenance, told apart from real emergencies by request type or label. */
  maintenance: z
    .strictObject({
      requestTypes: names.default(['Scheduled maintenance', 'Preventive maintenance']),
      labels: names.default(['maintenance', 'preventive', 'planned']),
    })
    .default({
      requestTypes: ['Scheduled maintenance', 'Preventive maintenance'],
      labels: ['maintenance', 'preventive', 'planned'],
    }),
  /** A ticket is critical at these priorities, or at the temperature policy's "critical" band. */
  critical: z
    .strictObject({ priorities: z.array(PrioritySchema).default(['highest']) })
    .default({ priorities: ['highest'] }),
  customerReplied: z
    .strictObject({
      /** The statuses that mean "the customer answered, the ball is with us" (case-insensitive). */
      statuses: names.default(['Customer replied', 'Waiting for support']),
      afterBusinessHours: hours('The reminder delay').default(2),
      /** Then the service manager hears, if it is still so. */
      escalateAfterBusinessHours: hours('The escalation delay').default(4),
    })
    .default({
      statuses: ['Customer replied', 'Waiting for support'],
      afterBusinessHours: 2,
      escalateAfterBusinessHours: 4,
    }),
  /** "Never leave the customer in the dark": a critical ticket without a public update this long. */
  silentCritical: z
    .strictObject({ afterBusinessHours: hours('The silence limit').default(2) })
    .default({ afterBusinessHours: 2 }),
  /** Calendar (id) for projects without an assignment policy. */
  fallbackCalendar: z.string().trim().min(1).default('moscow-5x2'),
});
export type ScheduleOptions = z.output<typeof ScheduleOptionsSchema>;
export type ScheduleOptionsInput = z.input<typeof ScheduleOptionsSchema>;

/** The defaults. */
export const DEFAULT_SCHEDULE_OPTIONS: ScheduleOptions = ScheduleOptionsSchema.parse({});
