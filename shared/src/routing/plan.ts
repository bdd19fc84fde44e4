import type { Result } from '../result.js';
import { err } from '../result.js';
import type { Contract } from '../schemas/contract.js';
import type {
  ContractFact,
  FieldRule,
  RoutingPreset,
  TargetFieldMeta,
  TargetMeta,
} from '../schemas/routing.js';
import { partsFieldOf, sameField } from '../schemas/routing.js';
import { fieldText, renderRoutingTemplate } from './template.js';
import { allowedValueLabel, isEmptyValue, toTargetValue } from './values.js';

/** The source issue as the Route action sees it (REST v3 field values, keyed by field id). */
export interface RoutingSource {
  id: string;
  key: string;
  project: string;
  issueType: string;
  fields: Readonly<Record<string, unknown>>;
  /** Field id → display name (Jira's `expand=names`), so rules may name source fields readably. */
  fieldNames?: Readonly<Record<string, string>>;
}

/** What a routing rule may read from the customer's contract (the master system's record). */
export type RoutingContract = Pick<Contract, 'number' | 'customer' | 'serviceManager' | 'masterSystem'>;

/** The person who clicked Route. */
export interface RoutingActor {
  accountId: string;
  displayName: string;
}

export interface BuildRoutingPlanInput {
  preset: RoutingPreset;
  source: RoutingSource;
  target: TargetMeta;
  contract?: RoutingContract;
  actor: RoutingActor;
  /**
   * What the user chose in the Route dialog: parts from the catalog, and values typed for fields
   * a previous attempt reported missing (keyed by target field id or name).
   */
  selections?: { parts?: readonly string[]; entered?: Readonly<Record<string, unknown>> };
  /** The site's field ids from the settings; the parts picker fills `parts`. */
  jiraFields?: { parts?: string | undefined };
}

/** Where a planned value came from; `entered` = typed by the user in the Route dialog. */
export type FieldOrigin = 'mapped' | 'defaulted' | 'carried' | 'template' | 'entered';

/** One target field the plan sends; `required` is the target screen's own flag. */
export interface PlannedField {
  value: unknown;
  origin: FieldOrigin;
  required: boolean;
}

/** A field the plan leaves out on purpose, and why (shown to admins, never sent to Jira). */
export interface SkippedField {
  field: string;
  why: string;
}

interface PlanCommon {
  presetId: string;
  source: { id: string; key: string };
  targetProject: string;
  targetIssueType: { id: string; name: string };
  fields: Record<string, PlannedField>;
  skipped: SkippedField[];
  sourceComment: string | null;
  targetComment: string | null;
  notification: { channel: string; targetProject: string; sourceKey: string; summary: string } | null;
}

/** Move the issue itself into the target project (Jira bulk move). */
export interface MovePlan extends PlanCommon {
  method: 'move';
  link: null;
}

/** Create a new issue in the target, link it to the source, then optionally transition the source. */
export interface ClonePlan extends PlanCommon {
  method: 'clone';
  link: { type: string; sourceKey: string };
  sourceTransition: string | null;
  resolveSource: boolean;
}

export type RoutingPlan = MovePlan | ClonePlan;

export interface MissingField {
  fieldId: string;
  name: string;
  why: string;
}

export type RoutingPlanError =
  | { code: 'notApplicable'; why: string }
  | { code: 'wrongTarget'; why: string }
  | { code: 'issueTypeNotFound'; wanted: string; available: string[] }
  | { code: 'missingRequiredFields'; missing: MissingField[] }
  | { code: 'invalidFieldValues'; invalid: MissingField[] }
  /** `unknown`: names that are not variables; `missing`: variables with no value for this ticket (no contract known). */
  | { code: 'templateError'; where: string; unknown: string[]; missing: string[] };

// The plan sets these itself (target project and issue type), so no carried value, rule or typed
// entry may. Fields Jira fills by default (the reporter: the caller) are not listed: step 5 leaves
// them to Jira because their create metadata says `hasDefaultValue`.
const SET_BY_PLAN = new Set(['project', 'issuetype']);

/** Whether the plan sets this target field itself (project, issue type), so nothing else may fill it. */
export function isSetByPlan(fieldId: string): boolean {
  return SET_BY_PLAN.has(fieldId);
}

/** Builds the routing plan for one click, or says exactly which target fields cannot be filled and why. */
export function buildRoutingPlan(input: BuildRoutingPlanInput): Result<RoutingPlan, RoutingPlanError> {
  const { preset, source, target } = input;

  const applicable = checkApplies(preset, source);
  if (!applicable.ok) return applicable;
  if (target.project.key !== preset.target.project)
    return err({
      code: 'wrongTarget',
      why: `The preset routes to ${preset.target.project}, but create metadata for ${target.project.key} was given`,
    });

  const wantedType = preset.target.issueType;
  const issueType = findIssueType(target.issueTypes, wantedType);
  if (!issueType)
    return err({
      code: 'issueTypeNotFound',
      wanted: 'id' in wantedType ? wantedType.id : wantedType.name,
      available: target.issueTypes.map((t) => t.name),
    });

  const vars = templateVars(input, issueType.name);
  const fields: Record<string, PlannedField> = {};
  const skipped: SkippedField[] = [];
  // The latest problem per target field; a later step that fills the field clears it.
  const problems = new Map<string, MissingField & { mustFill: boolean }>();
  const fill = (meta: TargetFieldMeta, value: unknown, origin: FieldOrigin) => {
    fields[meta.fieldId] = { value, origin, required: meta.required };
    problems.delete(meta.fieldId);
  };
  const problem = (meta: TargetFieldMeta, why: string, mustFill: boolean) => {
    delete fields[meta.fieldId];
    problems.set(meta.fieldId, { fieldId: meta.fieldId, name: meta.name, why, mustFill });
  };
  const mustFill = (meta: TargetFieldMeta) => meta.required && !meta.hasDefaultValue;
  const notOnScreen = (ref: string) =>
    skipped.push({ field: ref, why: `${target.project.key} has no such field on its create screen` });

  // 1. Carried: the listed standard fields, plus any required target field the source already has.
  for (const meta of target.fields) {
    if (isSetByPlan(meta.fieldId)) continue;
    if (!meta.required && !preset.carry.some((c) => sameField(c, meta.fieldId) || sameField(c, meta.name)))
      continue;
    const raw = source.fields[meta.fieldId];
    if (isEmptyValue(raw)) continue;
    const value = toTargetValue(meta, raw);
    if (value.ok) fill(meta, value.value, 'carried');
    else skipped.push({ field: meta.fieldId, why: `Not carried over: ${value.error}` });
  }

  // 2. Rules: they win over carried values.
  for (const rule of preset.fields) {
    const meta = findTargetField(target.fields, rule.targetField);
    if (!meta) {
      notOnScreen(rule.targetField);
      continue;
    }
    const raw = ruleValue(rule, input, vars);
    if (!raw.ok) return raw;
    const needed = rule.required || mustFill(meta);
    if (isEmptyValue(raw.value.value)) {
      if (needed) problem(meta, raw.value.emptyWhy, true);
      else delete fields[meta.fieldId];
      continue;
    }
    const value = toTargetValue(meta, raw.value.value);
    if (value.ok) fill(meta, value.value, raw.value.origin);
    else problem(meta, value.error, needed);
  }

  // 3. Parts picked from the catalog (or, until the user picks, those the ticket already names).
  if (preset.partsPicker) {
    const picker = preset.partsPicker;
    const catalogField = partsFieldOf(picker, input.jiraFields ?? {});
    const meta = catalogField === undefined ? undefined : findTargetField(target.fields, catalogField);
    if (!meta) {
      const field = catalogField ?? 'jiraFields.parts';
      problems.set(field, {
        fieldId: field,
        name: field,
        why:
          catalogField === undefined
            ? "No spare parts field is chosen: set the site's parts field (jiraFields.parts) in the settings"
            : `${target.project.key} has no parts catalog field "${catalogField}"`,
        mustFill: true,
      });
    } else {
      const picks = input.selections?.parts ?? suggestedParts(meta, source, picker.suggestFromSourceField);
      const needed = picker.minParts > 0 || mustFill(meta);
      if (picks.length < picker.minParts) {
        problem(meta, `Pick at least ${picker.minParts} part(s) from the catalog`, true);
      } else if (picks.length > 0) {
        const value = toTargetValue(meta, [...picks]);
        if (value.ok) fill(meta, value.value, input.selections?.parts ? 'entered' : 'mapped');
        else problem(meta, value.error, needed);
      }
    }
  }

  // 4. Values the user typed in the dialog win over everything the preset derived.
  for (const [ref, raw] of Object.entries(input.selections?.entered ?? {})) {
    const meta = findTargetField(target.fields, ref);
    if (!meta || isSetByPlan(meta.fieldId)) {
      notOnScreen(ref);
      continue;
    }
    if (isEmptyValue(raw)) continue;
    const value = toTargetValue(meta, raw);
    if (value.ok) fill(meta, value.value, 'entered');
    else problem(meta, value.error, mustFill(meta));
  }

  // 5. Every required target field is filled, or Jira fills it by default, or it is named here.
  for (const meta of target.fields) {
    if (isSetByPlan(meta.fieldId) || !mustFill(meta)) continue;
    const known = problems.get(meta.fieldId);
    if (fields[meta.fieldId] || known?.mustFill) continue;
    const reason = known?.why ?? skipped.find((s) => s.field === meta.fieldId)?.why;
    problem(meta, reason ?? 'Required by the target, and no rule of the preset fills it', true);
  }
  // Report in the order of the target's screen, so the dialog lists fields as the user sees them.
  const order = (m: MissingField) => {
    const index = target.fields.findIndex((f) => f.fieldId === m.fieldId);
    return index < 0 ? target.fields.length : index;
  };
  const listed = [...problems.values()].sort((a, b) => order(a) - order(b));
  const strip = ({ fieldId, name, why }: MissingField): MissingField => ({ fieldId, name, why });
  const missing = listed.filter((p) => p.mustFill).map(strip);
  if (missing.length) return err({ code: 'missingRequiredFields', missing });
  const invalid = listed.map(strip);
  if (invalid.length) return err({ code: 'invalidFieldValues', invalid });

  const sourceComment = renderOptional(preset.comments.source, vars, 'comments.source');
  if (!sourceComment.ok) return sourceComment;
  const targetComment = renderOptional(preset.comments.target, vars, 'comments.target');
  if (!targetComment.ok) return targetComment;

  const common: PlanCommon = {
    presetId: preset.id,
    source: { id: source.id, key: source.key },
    targetProject: target.project.key,
    targetIssueType: { id: issueType.id, name: issueType.name },
    fields,
    skipped,
    sourceComment: sourceComment.value,
    targetComment: targetComment.value,
    notification: preset.notifyChannel
      ? {
          channel: preset.notifyChannel,
          targetProject: target.project.key,
          sourceKey: source.key,
          summary: summaryOf(source),
        }
      : null,
  };
  return {
    ok: true,
    value:
      preset.method === 'move'
        ? { ...common, method: 'move', link: null }
        : {
            ...common,
            method: 'clone',
            link: { type: preset.linkType, sourceKey: source.key },
            sourceTransition: preset.transitionSourceTo ?? null,
            resolveSource: preset.resolveSource,
          },
  };
}

/** Whether a preset is offered for a source ticket (project, issue type, labels), and why not. */
export function checkApplies(
  preset: RoutingPreset,
  source: Pick<RoutingSource, 'project' | 'issueType' | 'fields'>,
): Result<true, { code: 'notApplicable'; why: string }> {
  const { projects, issueTypes, labels } = preset.appliesTo;
  if (projects.length && !projects.includes(source.project))
    return err({ code: 'notApplicable', why: `Only for projects ${projects.join(', ')}` });
  if (issueTypes.length && !issueTypes.some((t) => sameField(t, source.issueType)))
    return err({ code: 'notApplicable', why: `Only for issue types ${issueTypes.join(', ')}` });
  const have = Array.isArray(source.fields.labels) ? (source.fields.labels as unknown[]) : [];
  const lacking = labels.filter((l) => !have.includes(l));
  if (lacking.length) return err({ code: 'notApplicable', why: `Needs labels ${lacking.join(', ')}` });
  return { ok: true, value: true };
}

/** The issue type a preset routes to, among the target's: by id, or by name ignoring case and spaces around. */
export function findIssueType<T extends { id: string; name: string }>(
  issueTypes: readonly T[],
  wanted: RoutingPreset['target']['issueType'],
): T | undefined {
  return issueTypes.find((t) => ('id' in wanted ? t.id === wanted.id : sameField(t.name, wanted.name)));
}

/**
 * The target field a rule, a picker or a typed entry names: by id first, then by display name, both
 * ignoring case and spaces around.
 */
export function findTargetField(
  fields: readonly TargetFieldMeta[],
  ref: string,
): TargetFieldMeta | undefined {
  return fields.find((f) => sameField(f.fieldId, ref)) ?? fields.find((f) => sameField(f.name, ref));
}

/**
 * A Jira issue as REST v3 returns it (with `expand=names`) as the routing source: project key and
 * issue type name read from its fields, '' where the issue lacks them.
 */
export function routingSourceOf(issue: {
  id: string;
  key: string;
  fields: Readonly<Record<string, unknown>>;
  names?: Readonly<Record<string, string>> | undefined;
}): RoutingSource {
  const f = issue.fields as { project?: { key?: unknown }; issuetype?: { name?: unknown } };
  return {
    id: issue.id,
    key: issue.key,
    project: typeof f.project?.key === 'string' ? f.project.key : '',
    issueType: typeof f.issuetype?.name === 'string' ? f.issuetype.name : '',
    fields: issue.fields,
    ...(issue.names ? { fieldNames: issue.names } : {}),
  };
}

/** A source field's value, by id, else by display name or id ignoring case and spaces around. */
export function sourceFieldValue(source: Pick<RoutingSource, 'fields' | 'fieldNames'>, ref: string): unknown {
  if (Object.hasOwn(source.fields, ref)) return source.fields[ref];
  const names = source.fieldNames ?? {};
  const id = Object.keys(names).find((k) => sameField(names[k]!, ref) || sameField(k, ref));
  return id === undefined ? undefined : source.fields[id];
}

/** One fact of the contract, in the form a Jira field takes (the service manager as a user). */
function contractValue(contract: RoutingContract | undefined, fact: ContractFact): unknown {
  if (!contract) return undefined;
  switch (fact) {
    case 'serviceManager':
      return { accountId: contract.serviceManager.accountId, displayName: contract.serviceManager.name };
    case 'customer':
      return contract.customer.name;
    case 'contractNumber':
      return contract.number;
    case 'masterSystemUrl':
      return contract.masterSystem.contractUrl;
  }
}

/** The raw value a rule yields, its origin, and what to say if it is empty. */
function ruleValue(
  rule: FieldRule,
  input: BuildRoutingPlanInput,
  vars: Record<string, string | undefined>,
): Result<{ value: unknown; origin: FieldOrigin; emptyWhy: string }, RoutingPlanError> {
  const from = rule.from;
  if ('sourceField' in from)
    return {
      ok: true,
      value: {
        value: sourceFieldValue(input.source, from.sourceField),
        origin: 'mapped',
        emptyWhy: `Source field "${from.sourceField}" is empty on ${input.source.key}`,
      },
    };
  if ('contract' in from)
    return {
      ok: true,
      value: {
        value: contractValue(input.contract, from.contract),
        origin: 'mapped',
        emptyWhy: input.contract
          ? `The customer's contract has no ${from.contract}`
          : 'No contract is known for this customer',
      },
    };
  if ('template' in from) {
    const text = renderRoutingTemplate(from.template, vars);
    if (!text.ok) return err({ code: 'templateError', where: `fields.${rule.targetField}`, ...text.error });
    return {
      ok: true,
      value: { value: text.value, origin: 'template', emptyWhy: 'The template produced no text' },
    };
  }
  return {
    ok: true,
    value: { value: from.value, origin: 'defaulted', emptyWhy: 'The preset value is empty' },
  };
}

/**
 * Catalog entries the source ticket already names: every allowed value whose text appears in the
 * source field ("PSU 800W hot-plug ×1" suggests "PSU 800W hot-plug"), in catalog order.
 */
export function suggestedParts(
  catalog: TargetFieldMeta,
  source: Pick<RoutingSource, 'fields' | 'fieldNames'>,
  ref: string | undefined,
): string[] {
  if (ref === undefined) return [];
  const text = fieldText(sourceFieldValue(source, ref))?.toLowerCase();
  if (!text) return [];
  return (catalog.allowedValues ?? [])
    .map(allowedValueLabel)
    .filter((label) => text.includes(label.toLowerCase()));
}

/** The source issue's summary as text ('' when it has none). */
function summaryOf(source: RoutingSource): string {
  return fieldText(source.fields.summary) ?? '';
}

/** Variables every routing template may use. Source fields are `{{field.<id>}}`. */
function templateVars(
  input: BuildRoutingPlanInput,
  targetIssueType: string,
): Record<string, string | undefined> {
  const { source, contract, actor, target } = input;
  const vars: Record<string, string | undefined> = {
    key: source.key,
    summary: summaryOf(source),
    project: source.project,
    issueType: source.issueType,
    targetProject: target.project.key,
    targetIssueType,
    actor: actor.displayName,
    // Without a contract these have no value: a template that uses them is reported, not filled with ''.
    customer: contract?.customer.name,
    contractNumber: contract?.number,
    serviceManager: contract?.serviceManager.name,
  };
  for (const [id, value] of Object.entries(source.fields)) vars[`field.${id}`] = fieldText(value) ?? '';
  return vars;
}

function renderOptional(
  template: string | undefined,
  vars: Record<string, string | undefined>,
  where: string,
): Result<string | null, RoutingPlanError> {
  if (template === undefined) return { ok: true, value: null };
  const text = renderRoutingTemplate(template, vars);
  return text.ok ? text : err({ code: 'templateError', where, ...text.error });
}
