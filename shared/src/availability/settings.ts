// The availability section of the settings: engineers' calendar feeds (each URL kept as a secret
// reference, as the channels keep theirs), who may enter absences for others, and the Monday
// reminder. Every field has a default, so an empty section is a working one.
import { z } from 'zod';
import { ClockTimeSchema } from '../schemas/calendar.js';
import { SecretRefSchema } from '../schemas/channels.js';

const accountId = z.string().trim().min(1, 'Jira accountId must not be empty');

/** One engineer's iCalendar feed ("secret address" of Outlook or Google Calendar). */
export const AvailabilityFeedSchema = z.strictObject({
  accountId,
  /** The feed's URL (or a file path) by name, resolved from the sidecar's environment at refresh time. */
  url: z.unknown().transform((value, ctx) => {
    const parsed = SecretRefSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    ctx.addIssue({
      code: 'custom',
      message:
        typeof value === 'string'
          ? 'Do not paste the feed address here (it is a secret); store it as a secret and write { "secretRef": "NAME" }'
          : 'The feed URL must be { "secretRef": "NAME" } with an upper-case NAME',
    });
    return z.NEVER;
  }),
});
export type AvailabilityFeed = z.infer<typeof AvailabilityFeedSchema>;

const REMINDER_DEFAULTS = { enabled: true, localTime: '09:00', catchUpMinutes: 240 };

export const AvailabilitySettingsSchema = z.strictObject({
  feeds: z.array(AvailabilityFeedSchema).default([]),
  /** Besides each engineer (for their own entries): who may enter and change anyone's absences. */
  coordinators: z.array(accountId).default([]),
  /** On the first business morning of the week, engineers who have not confirmed it are reminded. */
  reminder: z
    .strictObject({
      enabled: z.boolean().default(REMINDER_DEFAULTS.enabled),
      /** Local time in each engineer's own zone. */
      localTime: ClockTimeSchema.default(REMINDER_DEFAULTS.localTime),
      /** A reminder missed (sidecar down) still goes out this long after its time, not later. */
      catchUpMinutes: z
        .number()
        .int('Catch-up is whole minutes')
        .min(5, 'Catch-up is at least 5 minutes')
        .max(720, 'Catch-up is at most 720 minutes')
        .default(REMINDER_DEFAULTS.catchUpMinutes),
      /**
       * The address of "My availability" on the site (Jira shows it as
       * /jira/settings/personal/apps/{appId}/{envId}); without it the message says where to find it.
       */
      pageUrl: z
        .url({ protocol: /^https$/, error: 'Give the https address of the My availability page' })
        .optional(),
    })
    .default(REMINDER_DEFAULTS),
});
export type AvailabilitySettings = z.output<typeof AvailabilitySettingsSchema>;
export type AvailabilitySettingsInput = z.input<typeof AvailabilitySettingsSchema>;

export const DEFAULT_AVAILABILITY_SETTINGS: AvailabilitySettings = AvailabilitySettingsSchema.parse({});
