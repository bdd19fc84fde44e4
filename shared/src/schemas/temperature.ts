import { z } from 'zod';
import { PRIORITIES, PrioritySchema } from './calendar.js';
import { SlaTargetNameSchema } from './sla.js';

/** What a temperature is made of, in the order factors are listed. */
export const TEMPERATURE_FACTORS = ['slaUsed', 'priority', 'tier', 'specialPeriod', 'silence'] as const;
export type TemperatureFactor = (typeof TEMPERATURE_FACTORS)[number];

/** Bands from coldest to hottest. */
export const TEMPERATURE_BANDS = ['cold', 'warm', 'hot', 'critical'] as const;
export type TemperatureBand = (typeof TEMPERATURE_BANDS)[number];

const Points = z.number().int({ error: 'points must be whole numbers' }).min(-100).max(100);
const Weight = z
  .number()
  .min(0, { error: 'a weight cannot be negative' })
  .max(5, { error: 'a weight above 5 drowns the other factors' });
const Threshold = z.number().int().min(1).max(100);

/** How each factor turns into points; the score is their sum, kept within 0–100. */
export const TemperaturePolicySchema = z
  .strictObject({
    /** Multipliers applied to each factor's points. */
    weights: z.strictObject(
      Object.fromEntries(TEMPERATURE_FACTORS.map((f) => [f, Weight])) as Record<
        TemperatureFactor,
        typeof Weight
      >,
    ),
    /** The lowest score of each band above cold. */
    bands: z.strictObject({ warm: Threshold, hot: Threshold, critical: Threshold }),
    /** Points at 100% of the most urgent SLA target used (scaled linearly below), plus extra once breached. */
    slaUsed: z.strictObject({ fullPoints: Points.min(0), breachedPoints: Points.min(0) }),
    priorityPoints: z.strictObject(
      Object.fromEntries(PRIORITIES.map((p) => [p, Points])) as Record<
        (typeof PRIORITIES)[number],
        typeof Points
      >,
    ),
    /** Points per customer tier (`platinum`, `gold`… or any names the contracts use). */
    tierPoints: z.record(z.string().trim().min(1), Points),
    /** Points for a customer without a tier or with a tier not listed above. */
    otherTierPoints: Points.default(0),
    /** Points by hours since the customer last heard from us: linear between points, flat after the last. */
    silenceCurve: z
      .array(
        z.strictObject({
          hours: z
            .number()
            .min(0)
            .max(24 * 365),
          points: Points.min(0),
        }),
      )
      .min(1, { error: 'give at least one point of the curve' }),
  })
  .superRefine((policy, ctx) => {
    const { warm, hot, critical } = policy.bands;
    if (!(warm < hot && hot < critical)) {
      ctx.addIssue({ code: 'custom', message: 'bands must rise: warm < hot < critical', path: ['bands'] });
    }
    policy.silenceCurve.forEach((point, i) => {
      const previous = policy.silenceCurve[i - 1];
      if (!previous) return;
      if (point.hours <= previous.hours)
        ctx.addIssue({
          code: 'custom',
          message: 'hours must increase along the curve',
          path: ['silenceCurve', i, 'hours'],
        });
      if (point.points < previous.points)
        ctx.addIssue({
          code: 'custom',
          message: 'a longer silence cannot be worth fewer points',
          path: ['silenceCurve', i, 'points'],
        });
    });
  });
export type TemperaturePolicy = z.output<typeof TemperaturePolicySchema>;
export type TemperaturePolicyInput = z.input<typeof TemperaturePolicySchema>;

/** Everything a ticket's temperature depends on, besides the policy and `now`. */
export const TemperatureInputSchema = z.strictObject({
  /** The most urgent open SLA clock, or null when no clock is open. */
  sla: z
    .strictObject({ target: SlaTargetNameSchema, fractionUsed: z.number().min(0), breached: z.boolean() })
    .nullable(),
  priority: PrioritySchema,
  tier: z.string().nullable(),
  activePeriods: z.array(
    z.strictObject({
      name: z.string(),
      priority: PrioritySchema.optional(),
      temperatureBoost: z.number().int().min(-100).max(100).optional(),
    }),
  ),
  /** When the customer last heard from us (last public agent reply, or creation). */
  lastPublicUpdateAt: z.iso.datetime({ offset: true }),
});
export type TemperatureInput = z.infer<typeof TemperatureInputSchema>;
