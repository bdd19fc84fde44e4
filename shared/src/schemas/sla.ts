import { z } from 'zod';
import { PRIORITIES, PrioritySchema } from './calendar.js';
import { reportRepeats } from './unique.js';

/** The clocks an SLA policy can set targets for. */
export const SLA_TARGETS = ['firstResponse', 'update', 'resolution'] as const;
export const SlaTargetNameSchema = z.enum(SLA_TARGETS);
export type SlaTargetName = z.infer<typeof SlaTargetNameSchema>;

const BusinessMinutesSchema = z
  .number({ error: 'give a number of business minutes' })
  .int({ error: 'business minutes must be a whole number' })
  .positive({ error: 'a target must be at least 1 business minute' })
  .max(1_000_000, {
    error: 'a target above 1,000,000 business minutes (about 7 years of 9-hour days) is a typo',
  });

/** Business minutes for every priority. */
export const PriorityMinutesSchema = z.strictObject(
  Object.fromEntries(PRIORITIES.map((p) => [p, BusinessMinutesSchema])) as Record<
    (typeof PRIORITIES)[number],
    typeof BusinessMinutesSchema
  >,
);
export type PriorityMinutes = z.infer<typeof PriorityMinutesSchema>;

/**
 * Targets in business minutes: `firstResponse` (until the first public reply by an agent),
 * `update` (the longest gap between public replies by an agent), `resolution` (until resolved).
 */
export const SlaTargetsSchema = z.strictObject({
  firstResponse: PriorityMinutesSchema.optional(),
  update: PriorityMinutesSchema.optional(),
  resolution: PriorityMinutesSchema.optional(),
});
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

const StatusNameSchema = z.string().trim().min(1, { error: 'a status name cannot be empty' });

/** Replaces some targets (and optionally the pause statuses) for one request type. */
export const SlaRequestTypeOverrideSchema = z.strictObject({
  requestType: z.string().trim().min(1, { error: 'name the request type' }),
  targets: SlaTargetsSchema,
  pauseStatuses: z.array(StatusNameSchema).optional(),
});
export type SlaRequestTypeOverride = z.infer<typeof SlaRequestTypeOverrideSchema>;

/** An SLA policy; `calendarId` names a business calendar the caller resolves. */
export const SlaPolicySchema = z
  .strictObject({
    id: z.string().trim().min(1, { error: 'a policy needs an id' }),
    name: z.string().trim().min(1, { error: 'a policy needs a name' }),
    calendarId: z.string().trim().min(1, { error: 'name the business calendar the clocks run on' }),
    targets: SlaTargetsSchema,
    /** Statuses in which every clock stops counting (compared case-insensitively), e.g. "Waiting for customer". */
    pauseStatuses: z.array(StatusNameSchema).default([]),
    requestTypes: z.array(SlaRequestTypeOverrideSchema).default([]),
  })
  .superRefine((policy, ctx) => {
    if (SLA_TARGETS.every((target) => policy.targets[target] === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'set at least one target', path: ['targets'] });
    }
    reportRepeats(
      ctx,
      policy.requestTypes,
      (override) => override.requestType,
      (index) => ['requestTypes', index, 'requestType'],
      (override) => `request type "${override.requestType}" is listed twice`,
    );
  });
export type SlaPolicy = z.output<typeof SlaPolicySchema>;
export type SlaPolicyInput = z.input<typeof SlaPolicySchema>;

const InstantSchema = z.iso.datetime({
  offset: true,
  error: 'give an ISO 8601 date-time with a zone, e.g. 2027-01-28T10:00:00Z',
});

/** One fact from an issue's history, as the SLA clocks need it. */
export const SlaEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('created'),
    at: InstantSchema,
    priority: PrioritySchema,
    status: StatusNameSchema.optional(),
    requestType: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('comment'),
    at: InstantSchema,
    author: z.enum(['agent', 'customer']),
    public: z.boolean(),
  }),
  z.strictObject({ type: z.literal('status'), at: InstantSchema, from: z.string(), to: StatusNameSchema }),
  z.strictObject({
    type: z.literal('priority'),
    at: InstantSchema,
    from: PrioritySchema.optional(),
    to: PrioritySchema,
  }),
  z.strictObject({ type: z.literal('resolved'), at: InstantSchema }),
  z.strictObject({ type: z.literal('reopened'), at: InstantSchema, status: StatusNameSchema.optional() }),
  /** Paid work waits for the customer's approval (`awaiting: true`) or no longer does; the resolution clock pauses meanwhile. */
  z.strictObject({ type: z.literal('approval'), at: InstantSchema, awaiting: z.boolean() }),
]);
export type SlaEvent = z.infer<typeof SlaEventSchema>;
export const SlaHistorySchema = z.array(SlaEventSchema);
