import { z } from 'zod';
import { reportRepeats } from './unique.js';

// A routing preset is what a coordinator's one click runs: where the ticket goes, how (move or
// clone), which target fields get which values, and who hears about it. Admins edit presets; the
// plan builder (shared/src/routing) checks them against the target's create metadata at click time,
// because a target screen can change after a preset was saved.

/** A Jira project key (`SUP`, `HW`, `PARTS`). */
export const ProjectKeySchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'Project keys are 2–10 capital letters or digits, starting with a letter');

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/** The parts of a source issue and its contract that a field rule may read. */
export const CONTRACT_FACTS = ['serviceManager', 'customer', 'contractNumber', 'masterSystemUrl'] as const;
export type ContractFact = (typeof CONTRACT_FACTS)[number];

/** Where a target field's value comes from. */
export const FieldSourceSchema = z.union([
  z.strictObject({ sourceField: nonEmpty('Source field') }),
  z.strictObject({ value: z.unknown().refine((v) => v !== undefined, 'A fixed value is required') }),
  z.strictObject({ template: nonEmpty('Template') }),
  z.strictObject({
    contract: z.enum(CONTRACT_FACTS, {
      error: `Contract facts are one of: ${CONTRACT_FACTS.join(', ')}`,
    }),
  }),
]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

/** One target field and where its value comes from. */
export const FieldRuleSchema = z.strictObject({
  /** Field id (`customfield_10042`, `priority`) or its name as shown on the target screen. */
  targetField: nonEmpty('Target field'),
  from: FieldSourceSchema,
  /** Fail the plan when this rule yields nothing, even if Jira itself would accept the issue. */
  required: z.boolean().default(false),
});
export type FieldRule = z.infer<typeof FieldRuleSchema>;

/** Which source tickets a preset is offered for; an empty list means "any". No JQL: checked in memory. */
export const AppliesToSchema = z.strictObject({
  projects: z.array(ProjectKeySchema).default([]),
  issueTypes: z.array(nonEmpty('Issue type')).default([]),
  /** Only when the source has every one of these labels. */
  labels: z.array(nonEmpty('Label')).default([]),
});
export type AppliesTo = z.infer<typeof AppliesToSchema>;

/** The target issue type, by id (stable) or by name (readable; resolved against create metadata). */
export const IssueTypeRefSchema = z.union([
  z.strictObject({ id: z.string().regex(/^\d+$/, 'Issue type ids are digits') }),
  z.strictObject({ name: nonEmpty('Issue type name') }),
]);
export type IssueTypeRef = z.infer<typeof IssueTypeRefSchema>;

/**
 * "Order spare parts": the user picks parts from the catalog, the allowed values of the site's parts
 * field (`jiraFields.parts`). The field exists once per site, and Jira gives one field a different
 * list of options per project where catalogs differ, so a preset names no field of its own.
 */
export const PartsPickerSchema = z.strictObject({
  /**
   * Settings stored before `jiraFields.parts` existed named the field here (id or name). It is read
   * only while `jiraFields.parts` is not set; naming another field than that is refused.
   */
  catalogField: nonEmpty('Catalog field').optional(),
  /** Source field (id or name) with parts already named on the ticket, offered as the first picks. */
  suggestFromSourceField: nonEmpty('Source field').optional(),
  minParts: z.number().int().min(0).default(1),
});
export type PartsPicker = z.infer<typeof PartsPickerSchema>;

/** Standard fields taken over unchanged when the target has them and no rule sets them. */
export const DEFAULT_CARRIED_FIELDS = ['summary', 'description', 'priority'] as const;

/** One routing preset, as admins edit it. */
export const RoutingPresetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Preset ids are lowercase letters, digits and dashes'),
    name: nonEmpty('Name'),
    description: z.string().default(''),
    appliesTo: AppliesToSchema.default({ projects: [], issueTypes: [], labels: [] }),
    target: z.strictObject({ project: ProjectKeySchema, issueType: IssueTypeRefSchema }),
    /** `move` keeps the issue (key changes); `clone` creates a new one in the target and links it. */
    method: z.enum(['move', 'clone'], { error: 'Method is "move" or "clone"' }),
    /** Clone only: resolve the source once the target issue exists. */
    resolveSource: z.boolean().default(false),
    carry: z.array(nonEmpty('Carried field')).default([...DEFAULT_CARRIED_FIELDS]),
    fields: z.array(FieldRuleSchema).default([]),
    /** Link type name between source and clone ("Relates", "Cloners"); ignored by `move`. */
    linkType: nonEmpty('Link type').default('Relates'),
    comments: z
      .strictObject({
        source: nonEmpty('Source comment').optional(),
        target: nonEmpty('Target comment').optional(),
      })
      .default({}),
    /** Channel key (see the channels settings) that tells the target team; none = no notice. */
    notifyChannel: nonEmpty('Channel key').optional(),
    /** Status the source moves to afterwards (clone only: the source stays where it is on move). */
    transitionSourceTo: nonEmpty('Status').optional(),
    partsPicker: PartsPickerSchema.optional(),
  })
  .superRefine((preset, ctx) => {
    reportRepeats(
      ctx,
      preset.fields,
      (rule) => rule.targetField.toLowerCase(),
      (i) => ['fields', i, 'targetField'],
      (rule) => `Target field "${rule.targetField}" has more than one rule`,
    );
    if (preset.method === 'move' && preset.resolveSource)
      ctx.addIssue({
        code: 'custom',
        path: ['resolveSource'],
        message: 'Only a clone can resolve its source; a moved issue is the target issue',
      });
    if (preset.method === 'move' && preset.transitionSourceTo !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['transitionSourceTo'],
        message: 'Only a clone can transition its source; a moved issue is the target issue',
      });
    const catalogField = preset.partsPicker?.catalogField;
    if (catalogField !== undefined && preset.fields.some((r) => sameField(r.targetField, catalogField)))
      ctx.addIssue({
        code: 'custom',
        path: ['partsPicker', 'catalogField'],
        message: 'The parts catalog field is filled by the picker; remove its field rule',
      });
  });
export type RoutingPreset = z.infer<typeof RoutingPresetSchema>;
export type RoutingPresetInput = z.input<typeof RoutingPresetSchema>;

/** One field of the target's create metadata (`GET /rest/api/3/issue/createmeta/{project}/issuetypes/{id}`). */
export const TargetFieldMetaSchema = z.looseObject({
  fieldId: z.string(),
  name: z.string(),
  required: z.boolean(),
  hasDefaultValue: z.boolean().optional(),
  schema: z.looseObject({
    type: z.string(),
    items: z.string().optional(),
    system: z.string().optional(),
    custom: z.string().optional(),
  }),
  allowedValues: z
    .array(z.looseObject({ id: z.string(), name: z.string().optional(), value: z.string().optional() }))
    .optional(),
});
export type TargetFieldMeta = z.infer<typeof TargetFieldMetaSchema>;

/** The target project's issue types and, for the chosen one, its create-screen fields. */
export const TargetMetaSchema = z.looseObject({
  project: z.looseObject({ id: z.string().optional(), key: ProjectKeySchema }),
  issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string(), subtask: z.boolean().optional() })),
  fields: z.array(TargetFieldMetaSchema),
});
export type TargetMeta = z.infer<typeof TargetMetaSchema>;

/**
 * The field a preset's parts picker fills and the service report reads an order's parts from: the
 * site's `jiraFields.parts`; in settings stored before that setting, the picker's own `catalogField`.
 */
export function partsFieldOf(
  picker: Pick<PartsPicker, 'catalogField'>,
  jiraFields: { parts?: string | undefined },
): string | undefined {
  return jiraFields.parts ?? picker.catalogField;
}

/**
 * What the settings document must agree on about the parts field, by path: a preset with a parts
 * picker needs `jiraFields.parts` (or, in settings stored before it, its own `catalogField`); a
 * picker may not name another field than the site's; and no field rule may fill the parts field the
 * picker fills.
 */
export function partsFieldIssues(
  jiraFields: { parts?: string | undefined },
  presets: readonly RoutingPreset[],
): { path: PropertyKey[]; message: string }[] {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const site = jiraFields.parts;
  const unnamed = presets.filter(
    (p) => p.partsPicker && partsFieldOf(p.partsPicker, jiraFields) === undefined,
  );
  if (unnamed.length)
    issues.push({
      path: ['jiraFields', 'parts'],
      message: `Choose the site's spare parts field: the routing preset${unnamed.length > 1 ? 's' : ''} ${unnamed
        .map((p) => `"${p.id}"`)
        .join(', ')} order${unnamed.length > 1 ? '' : 's'} parts from it`,
    });
  if (site === undefined) return issues;
  presets.forEach((preset, i) => {
    const own = preset.partsPicker?.catalogField;
    if (own !== undefined && !sameField(own, site))
      issues.push({
        path: ['routingPresets', i, 'partsPicker', 'catalogField'],
        message: `The parts field is the site's jiraFields.parts ("${site}"); remove catalogField ("${own}") from the preset`,
      });
    if (!preset.partsPicker) return;
    preset.fields.forEach((rule, j) => {
      if (sameField(rule.targetField, site))
        issues.push({
          path: ['routingPresets', i, 'fields', j, 'targetField'],
          message: `The parts field "${site}" is filled by the parts picker; remove its field rule`,
        });
    });
  });
  return issues;
}

/** Whether two field references (id or display name) name the same field. */
export function sameField(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
