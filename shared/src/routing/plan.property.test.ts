import fc from 'fast-check';
import { RoutingPresetSchema, type TargetFieldMeta, type TargetMeta } from '../schemas/routing.js';
import { buildRoutingPlan, type BuildRoutingPlanInput } from './plan.js';

// Random target screens, presets and tickets: whatever the combination, a plan never sends a field
// the target lacks, fills every required field or names it, and sends only allowed values.

const OPTIONS = [
  { id: '1', value: 'PostgreSQL' },
  { id: '2', value: 'Oracle' },
  { id: '3', value: '1C:Enterprise' },
];

/** The pool target screens draw from; each field appears or not, required or not. */
const FIELD_POOL: readonly TargetFieldMeta[] = [
  { required: false, fieldId: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
  {
    required: false,
    fieldId: 'description',
    name: 'Description',
    schema: { type: 'string', system: 'description' },
  },
  { required: false, fieldId: 'customfield_1', name: 'Parts to replace', schema: { type: 'string' } },
  {
    required: false,
    fieldId: 'customfield_2',
    name: 'DBMS',
    schema: { type: 'option' },
    allowedValues: OPTIONS,
  },
  {
    required: false,
    fieldId: 'customfield_3',
    name: 'Systems',
    schema: { type: 'array', items: 'option' },
    allowedValues: OPTIONS,
  },
  { required: false, fieldId: 'customfield_4', name: 'Hours', schema: { type: 'number' } },
  { required: false, fieldId: 'customfield_5', name: 'Engineer', schema: { type: 'user' } },
];

const VALUES = ['PostgreSQL', 'Oracle', 'Informix', '', '12', 'abc', '5b10ac8d82e05b22cc7d4ef5'];

const targetArb: fc.Arbitrary<TargetMeta> = fc
  .tuple(...FIELD_POOL.map(() => fc.option(fc.tuple(fc.boolean(), fc.boolean()), { nil: undefined })))
  .map((choices) => ({
    project: { key: 'DB' },
    issueTypes: [{ id: '10003', name: 'Task' }],
    fields: [
      { fieldId: 'project', name: 'Project', required: true, schema: { type: 'project' } },
      ...FIELD_POOL.flatMap((f, i) => {
        const choice = choices[i];
        return choice ? [{ ...f, required: choice[0], hasDefaultValue: choice[0] && choice[1] }] : [];
      }),
    ],
  }));

/** Any rule, fitting or not: a field the target may lack, values that may not fit, empty sources. */
const anyRuleArb = fc.record({
  targetField: fc.constantFrom(
    ...FIELD_POOL.map((f) => (f.fieldId.length % 2 ? f.name : f.fieldId)),
    'Colour',
  ),
  from: fc.oneof(
    fc.record({ sourceField: fc.constantFrom('customfield_9', 'Product', 'summary', 'missing') }),
    fc.record({ value: fc.constantFrom(...VALUES) }),
    fc.record({ template: fc.constantFrom('{{summary}}', 'For {{key}}', '{{field.customfield_9}}') }),
  ),
  required: fc.boolean(),
});

type RuleSource = { sourceField: string } | { value: string } | { template: string };
const value = (...values: string[]) => fc.constantFrom(...values).map((v): RuleSource => ({ value: v }));

/** Sources that fit each pool field: what an admin who read the target's screen would write. */
const FITTING: Record<string, fc.Arbitrary<RuleSource>> = {
  summary: fc.oneof(value('Database down'), fc.constant({ template: 'For {{key}}' })),
  description: fc.oneof(
    value('Replica lag on the standby'),
    fc.constant({ template: '{{summary}} ({{key}})' }),
  ),
  customfield_1: value('PSU 800W hot-plug'),
  customfield_2: fc.oneof(value('Oracle', 'PostgreSQL', '1'), fc.constant({ sourceField: 'Product' })),
  customfield_3: value('Oracle', '1C:Enterprise'),
  customfield_4: value('12', '0.5'),
  customfield_5: value('5b10ac8d82e05b22cc7d4ef5'),
};

type Drawn = {
  target: TargetMeta;
  rules: { targetField: string; from: RuleSource; required: boolean }[];
  carry: string[];
  summary: string;
  product: string;
  entered: Record<string, string>;
};

/** Mostly-fitting inputs: every required field gets a fitting rule, others one now and then. */
const fittingArb: fc.Arbitrary<Drawn> = targetArb.chain((target) => {
  const ruled = target.fields.filter((f) => f.fieldId !== 'project');
  return fc.record({
    target: fc.constant(target),
    rules: fc
      .tuple(
        ...ruled.map((f) =>
          fc.record({ use: f.required ? fc.constant(true) : fc.boolean(), from: FITTING[f.fieldId]! }),
        ),
      )
      .map((picks) =>
        picks.flatMap(({ use, from }, i) =>
          use ? [{ targetField: ruled[i]!.fieldId, from, required: ruled[i]!.required }] : [],
        ),
      ),
    carry: fc.subarray(['summary', 'description', 'customfield_2']),
    summary: fc.constant('Database down'),
    product: fc.constantFrom('PostgreSQL', 'Oracle'),
    entered: fc
      .subarray([
        ['DBMS', 'Oracle'],
        ['customfield_4', '12'],
      ])
      .map((pairs) => Object.fromEntries(pairs) as Record<string, string>),
  });
});

/** Anything goes: unknown fields, values outside the allowed ones, empty sources, typed junk. */
const adversarialArb: fc.Arbitrary<Drawn> = fc.record({
  target: targetArb,
  rules: fc.uniqueArray(anyRuleArb, { maxLength: 5, selector: (r) => r.targetField.toLowerCase() }),
  carry: fc.subarray(['summary', 'description', 'customfield_2']),
  summary: fc.constantFrom('Database down', ''),
  product: fc.constantFrom(...VALUES),
  entered: fc.dictionary(
    fc.constantFrom('DBMS', 'customfield_4', 'Colour', 'project'),
    fc.constantFrom(...VALUES),
  ),
});

const toInput = ({ target, rules, carry, summary, product, entered }: Drawn): BuildRoutingPlanInput => ({
  preset: RoutingPresetSchema.parse({
    id: 'database-team',
    name: 'Database team',
    target: { project: 'DB', issueType: { name: 'Task' } },
    method: 'move',
    carry,
    fields: rules,
  }),
  source: {
    id: '1',
    key: 'SUP-1',
    project: 'SUP',
    issueType: 'Incident',
    fields: { summary, customfield_9: { id: '9', value: product }, customfield_2: product },
    fieldNames: { customfield_9: 'Product' },
  },
  target,
  actor: { accountId: 'a', displayName: 'Pavel Orlov' },
  selections: { entered },
});

// Most inputs fit, so the properties about successful plans are exercised; the rest probe the errors.
const inputArb: fc.Arbitrary<BuildRoutingPlanInput> = fc
  .oneof({ weight: 3, arbitrary: fittingArb }, { weight: 1, arbitrary: adversarialArb })
  .map(toInput);

describe('buildRoutingPlan properties', () => {
  it('sends only fields the target has, never project or issue type', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = buildRoutingPlan(input);
        if (!result.ok) return;
        const known = new Set(input.target.fields.map((f) => f.fieldId));
        for (const id of Object.keys(result.value.fields)) {
          expect(known.has(id)).toBe(true);
          expect(['project', 'issuetype']).not.toContain(id);
        }
      }),
    );
  });

  it('fills every required field without a default, or names it in the error', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = buildRoutingPlan(input);
        const needed = input.target.fields
          .filter((f) => f.required && !f.hasDefaultValue && f.fieldId !== 'project')
          .map((f) => f.fieldId);
        if (result.ok) for (const id of needed) expect(result.value.fields[id]).toBeDefined();
        else if (result.error.code === 'missingRequiredFields') {
          // Nothing is named without cause: each entry is a target field, named once, that the
          // target requires or a rule marked required.
          const named = result.error.missing.map((m) => m.fieldId);
          expect(new Set(named).size).toBe(named.length);
          for (const id of named) {
            const meta = input.target.fields.find((f) => f.fieldId === id)!;
            expect(meta).toBeDefined();
            const ruled = input.preset.fields.some(
              (r) => r.required && (r.targetField === meta.fieldId || r.targetField === meta.name),
            );
            expect(needed.includes(id) || ruled).toBe(true);
          }
        }
      }),
    );
  });

  it('sends only allowed values for fields with a list of them', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = buildRoutingPlan(input);
        if (!result.ok) return;
        for (const meta of input.target.fields) {
          const planned = result.value.fields[meta.fieldId];
          if (!planned || !meta.allowedValues) continue;
          const values = Array.isArray(planned.value) ? planned.value : [planned.value];
          for (const v of values)
            expect(meta.allowedValues.map((a) => a.id)).toContain((v as { id: string }).id);
        }
      }),
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = JSON.stringify(input);
        expect(buildRoutingPlan(input)).toEqual(buildRoutingPlan(input));
        expect(JSON.stringify(input)).toBe(before);
      }),
    );
  });

  it('builds most generated plans, so the properties above are checked on real plans', () => {
    const results = fc.sample(inputArb, { numRuns: 400, seed: 20270215 }).map(buildRoutingPlan);
    const built = results.filter((r) => r.ok).length;
    expect(built / results.length).toBeGreaterThanOrEqual(0.6);
    // And the errors are exercised too.
    expect(results.length - built).toBeGreaterThan(20);
  });
});
