import { z } from 'zod';
import { PRIORITIES, PrioritySchema } from './calendar.js';
import { ProjectKeySchema } from './routing.js';
import { TEMPERATURE_BANDS } from './temperature.js';

// How one project's tickets get an engineer: only suggested to the coordinator, or assigned
// automatically under rules ("at night, the duty engineer"; "always, for these request types").

/** An auto-assign rule: when it matches, the sidecar assigns instead of only suggesting. */
export const AutoRuleSchema = z.strictObject({
  /** `offHours`: outside the project's desk calendar (nights, weekends, holidays). */
  when: z.enum(['always', 'offHours'], { error: 'Rule "when" is "always" or "offHours"' }),
  /** Only these request types (empty: any). */
  requestTypes: z.array(z.string().trim().min(1)).default([]),
  /** Only these priorities (empty: any). */
  priorities: z.array(PrioritySchema).default([]),
  /** `duty`: the best-ranked engineer on duty; `top`: the best-ranked engineer. */
  assign: z.enum(['duty', 'top'], { error: 'Rule "assign" is "duty" or "top"' }),
});
export type AutoRule = z.infer<typeof AutoRuleSchema>;

const weight = (what: string) =>
  z.number().min(0, `${what} weight cannot be negative`).max(10, `${what} weight is at most 10`);

/** How much one open ticket of each priority adds to an engineer's load. */
export const LoadWeightsSchema = z.strictObject(
  Object.fromEntries(PRIORITIES.map((p) => [p, weight(`Load (${p})`)])) as Record<
    (typeof PRIORITIES)[number],
    ReturnType<typeof weight>
  >,
);
export type LoadWeights = z.infer<typeof LoadWeightsSchema>;

export const DEFAULT_LOAD_WEIGHTS: LoadWeights = { highest: 3, high: 2, medium: 1, low: 0.5, lowest: 0.5 };

/**
 * How much one open ticket adds to an engineer's load by its temperature band (the temperature
 * policy's bands). A ticket weighs its band's weight when its temperature is known; otherwise its
 * priority's weight (`loadWeights`).
 */
export const BandLoadWeightsSchema = z.strictObject(
  Object.fromEntries(TEMPERATURE_BANDS.map((b) => [b, weight(`Load (${b})`)])) as Record<
    (typeof TEMPERATURE_BANDS)[number],
    ReturnType<typeof weight>
  >,
);
export type BandLoadWeights = z.infer<typeof BandLoadWeightsSchema>;

export const DEFAULT_BAND_LOAD_WEIGHTS: BandLoadWeights = { cold: 0.5, warm: 1, hot: 2, critical: 3 };

/** How the chooser weighs what it knows about each eligible engineer (all ≥ 0; relative sizes matter). */
export const ScoreWeightsSchema = z.strictObject({
  skill: weight('Skill').default(3),
  headroom: weight('Headroom').default(2),
  duty: weight('Duty').default(2),
  language: weight('Language').default(1),
});
export type ScoreWeights = z.infer<typeof ScoreWeightsSchema>;

export const AssignmentPolicySchema = z
  .strictObject({
    project: ProjectKeySchema,
    mode: z.enum(['suggest', 'auto'], { error: 'Mode is "suggest" or "auto"' }),
    autoRules: z.array(AutoRuleSchema).default([]),
    /** Business calendar (id) whose non-working time counts as "off hours" for this desk. */
    deskCalendar: z.string().trim().min(1, 'Name the desk calendar'),
    commentOnAutoAssign: z
      .strictObject({
        enabled: z.boolean(),
        /** Reply-library template used for the comment. */
        templateKey: z.string().trim().min(1, 'Name the reply template').optional(),
      })
      .refine((c) => !c.enabled || c.templateKey !== undefined, {
        error: 'Choose the reply template for the auto-assign comment',
        path: ['templateKey'],
      })
      .default({ enabled: false }),
    /** Per priority: what a ticket weighs when its temperature is unknown (or `loadWeightsByTemperature` is null). */
    loadWeights: LoadWeightsSchema.default(DEFAULT_LOAD_WEIGHTS),
    /** Per temperature band: what a ticket with a known temperature weighs; null weighs by priority only. */
    loadWeightsByTemperature: BandLoadWeightsSchema.nullable().default(DEFAULT_BAND_LOAD_WEIGHTS),
    scoreWeights: ScoreWeightsSchema.default({ skill: 3, headroom: 2, duty: 2, language: 1 }),
    /** A ticket at or above this temperature counts its skill fit twice: expertise before spare capacity. */
    hotTemperature: z.number().min(0).max(100).default(70),
    /** Only engineers whose teams include the project are considered. */
    requireTeam: z.boolean().default(true),
    /** Tickets without an assignee for this long go into the service managers' morning digest. */
    unassignedThresholdHours: z.number().positive('The threshold must be above 0 hours').max(720).default(24),
  })
  .refine((p) => p.mode === 'auto' || p.autoRules.length === 0, {
    error: 'Auto rules only apply in "auto" mode; switch the mode or remove the rules',
    path: ['autoRules'],
  })
  .refine((p) => p.mode === 'suggest' || p.autoRules.length > 0, {
    error: 'In "auto" mode give at least one rule saying when to assign',
    path: ['autoRules'],
  });
export type AssignmentPolicy = z.infer<typeof AssignmentPolicySchema>;
export type AssignmentPolicyInput = z.input<typeof AssignmentPolicySchema>;
