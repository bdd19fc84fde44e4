import { z } from 'zod';
import { ClockTimeSchema, PrioritySchema } from './calendar.js';

// The schedules section of the settings: when the morning digest goes out, how critical tickets are
// told from scheduled maintenance, how long before a reminder, which labels call for which skill.
// Every field has the Northwind desk's default, so an empty section is a working one.

const hours = (what: string) =>
  z.number().positive(`${what} must be above 0 hours`).max(720, `${what} is at most 720 hours`);
const names = (what: string) => z.array(z.string().trim().min(1, `${what} must not be empty`));

/** Label → skill defaults in the Northwind desk's words (an engineer's skill names also match outright). */
export const DEFAULT_SKILLS_BY_LABEL: Readonly<Record<string, string>> = {
  database: 'PostgreSQL',
  '1c': '1C',
  'month-end': '1C',
  hardware: 'storage arrays',
  integration: 'integration bus',
};

const DIGEST_DEFAULTS = {
  localTime: '09:00',
  catchUpMinutes: 180,
  defaultThresholdHours: 24,
  unmatchedTeam: 'desk-lead',
};
const MAINTENANCE_DEFAULTS = {
  requestTypes: ['Scheduled maintenance', 'Preventive maintenance'],
  labels: ['maintenance', 'preventive', 'planned'],
};
const CUSTOMER_REPLIED_DEFAULTS = {
  statuses: ['Customer replied', 'Waiting for support'],
  afterBusinessHours: 2,
  escalateAfterBusinessHours: 4,
};

/**
 * Label → skill. Issue labels are matched in lower case, so the mapping's labels are written that
 * way; a bad label is reported at its own key (a record's key schema would only say "invalid key").
 */
const SkillsByLabelSchema = z
  .record(z.string(), z.string().trim().min(1, 'Name the skill'))
  .superRefine((mapping, ctx) => {
    for (const label of Object.keys(mapping))
      if (label.trim() === '' || label !== label.trim().toLowerCase())
        ctx.addIssue({
          code: 'custom',
          path: [label],
          message:
            'Write the label in lower case, without spaces around it (labels match case-insensitively)',
        });
  });

/** The schedules section: digest, maintenance, critical, reminder delays, fallback calendar, label → skill. */
export const ScheduleOptionsSchema = z.strictObject({
  digest: z
    .strictObject({
      /** Local time in each service manager's own zone. */
      localTime: ClockTimeSchema.default(DIGEST_DEFAULTS.localTime),
      /** A digest missed (sidecar down) is still sent this long after its time, not later. */
      catchUpMinutes: z
        .number()
        .int('Catch-up is whole minutes')
        .min(5, 'Catch-up is at least 5 minutes')
        .max(720, 'Catch-up is at most 720 minutes')
        .default(DIGEST_DEFAULTS.catchUpMinutes),
      /** Threshold for projects without an assignment policy (theirs: `unassignedThresholdHours`). */
      defaultThresholdHours: hours('The threshold').default(DIGEST_DEFAULTS.defaultThresholdHours),
      /**
       * Tickets that matched no contract have no service manager: their digest goes to this team
       * audience (a channel route for `unassignedDigest` to `{ kind: team, team: <this> }` says where).
       */
      unmatchedTeam: z
        .string()
        .trim()
        .min(1, 'Name the team that gets the digest of tickets without a contract')
        .default(DIGEST_DEFAULTS.unmatchedTeam),
    })
    .default(DIGEST_DEFAULTS),
  /** Scheduled preventive maintenance, told apart from real emergencies by request type or label. */
  maintenance: z
    .strictObject({
      requestTypes: names('Request type').default(MAINTENANCE_DEFAULTS.requestTypes),
      labels: names('Label').default(MAINTENANCE_DEFAULTS.labels),
    })
    .default(MAINTENANCE_DEFAULTS),
  /** A ticket is critical at these priorities, or at the temperature policy's "critical" band. */
  critical: z
    .strictObject({ priorities: z.array(PrioritySchema).default(['highest']) })
    .default({ priorities: ['highest'] }),
  customerReplied: z
    .strictObject({
      /** The statuses that mean "the customer answered, the ball is with us" (case-insensitive). */
      statuses: names('Status').default(CUSTOMER_REPLIED_DEFAULTS.statuses),
      afterBusinessHours: hours('The reminder delay').default(CUSTOMER_REPLIED_DEFAULTS.afterBusinessHours),
      /** Then the service manager hears, if it is still so. */
      escalateAfterBusinessHours: hours('The escalation delay').default(
        CUSTOMER_REPLIED_DEFAULTS.escalateAfterBusinessHours,
      ),
    })
    .default(CUSTOMER_REPLIED_DEFAULTS),
  /** "Never leave the customer in the dark": a critical ticket without a public update this long. */
  silentCritical: z
    .strictObject({ afterBusinessHours: hours('The silence limit').default(2) })
    .default({ afterBusinessHours: 2 }),
  /** The service managers' "SLA at risk" alert: sent once a clock has used this share of its target. */
  slaAtRisk: z
    .strictObject({
      share: z
        .number()
        .gt(0, 'The share is above 0 (e.g. 0.75 for 75%)')
        .lt(1, 'The share is below 1 (a clock at 100% is breached, not at risk)')
        .default(0.75),
    })
    .default({ share: 0.75 }),
  /** Calendar (id) for projects without an assignment policy. */
  fallbackCalendar: z.string().trim().min(1, 'Name the fallback calendar').default('moscow-5x2'),
  /** Issue label (lower case) → the skill it calls for when ranking engineers. */
  skillsByLabel: SkillsByLabelSchema.default({ ...DEFAULT_SKILLS_BY_LABEL }),
});
export type ScheduleOptions = z.output<typeof ScheduleOptionsSchema>;
export type ScheduleOptionsInput = z.input<typeof ScheduleOptionsSchema>;

/** The defaults: what an empty schedules section means. */
export const DEFAULT_SCHEDULE_OPTIONS: ScheduleOptions = ScheduleOptionsSchema.parse({});
