// The Route action: list the presets that apply to this issue, then carry one out with a single
// click — a Jira bulk move (progress polled until the task ends) or create-in-target + link +
// resolve-source — with a comment on both sides and a notice to the sidecar for the target team.
// A KVS lock and a per-issue route record make a double click harmless.
import { z } from 'zod';
import type {
  ClonePlan,
  MovePlan,
  RoutingPlan,
  RoutingPlanError,
  RoutingPreset,
  TargetFieldMeta,
  TargetMeta,
} from '@frontline/shared';
import {
  buildRoutingPlan,
  bulkMoveRequest,
  checkApplies,
  createIssueRequest,
  editAfterMoveRequest,
  issueLinkRequest,
  TargetMetaSchema,
  textToAdf,
} from '@frontline/shared';
import type { BulkTaskProgress, JiraIssue } from '../jira/jira-client.js';
import { storeKeys } from '../storage/app-store.js';
import type { FieldInputSpec, MissingTargetField, PresetOption, RouteView } from '../ui-contract.js';
import type { InvocationContext, ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { contextIssue, failure, parsePayload } from './resolver-kit.js';
import { loadSettings, routingPresetsOf } from './settings-source.js';

interface RouteRecord {
  presetId: string;
  sourceId: string;
  sourceKey: string;
  actorAccountId: string;
  plan: RoutingPlan;
  view: RouteView;
}

/** How long a finished route answers repeat clicks with its result instead of routing again. */
export const DONE_RECORD_TTL_SECONDS = 10 * 60;
const MOVING_RECORD_TTL_SECONDS = 24 * 60 * 60;
const LOCK_TTL_SECONDS = 120;
/** How long `execute` itself waits for a bulk move before handing polling over to the modal. */
export const MOVE_WAIT_BUDGET_MS = 15_000;
const MOVE_POLL_INTERVAL_MS = 1_000;
const TERMINAL: readonly BulkTaskProgress['status'][] = ['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD'];

const ExecutePayload = z.object({
  presetId: z.string().min(1, 'Pick a preset'),
  parts: z.array(z.string()).optional(),
  /** Values typed for target fields a previous attempt reported missing, keyed by field id. */
  entered: z
    .record(z.string().min(1), z.union([z.string().max(32_767), z.array(z.string().max(255)).max(100)]))
    .optional(),
});

/** The Route resolvers: `route.presets`, `route.execute`, `route.progress`. */
export function routeResolvers(deps: ResolverDeps): Record<string, ResolverHandler> {
  return {
    'route.presets': (_payload, context) => listPresets(deps, context),
    'route.execute': (payload, context) => execute(deps, payload, context),
    'route.progress': (_payload, context) => progress(deps, context),
  };
}

async function listPresets(
  deps: ResolverDeps,
  context: InvocationContext,
): Promise<ResolverAnswer<{ presets: PresetOption[]; current: RouteView | null }>> {
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const settings = await loadSettings(deps);
  if (!settings.ok) return failure('noSettings', settings.error);
  const source = await deps.jira.getIssue(issue.value.key);
  if (!source.ok) return failure('jira', `Cannot read ${issue.value.key}: ${source.error.message}`);
  const facts = sourceFacts(source.value);
  const applicable = routingPresetsOf(settings.value.document).filter((p) => checkApplies(p, facts).ok);
  const presets = await Promise.all(applicable.map((p) => presetOption(deps, p, source.value)));
  const record = await deps.store.get<RouteRecord>(storeKeys.routeRecord(issue.value.id));
  return { ok: true, value: { presets, current: record?.view ?? null } };
}

async function presetOption(
  deps: ResolverDeps,
  preset: RoutingPreset,
  source: JiraIssue,
): Promise<PresetOption> {
  const option: PresetOption = {
    id: preset.id,
    name: preset.name,
    description: preset.description,
    method: preset.method,
    targetProject: preset.target.project,
  };
  const picker = preset.partsPicker;
  if (!picker) return option;
  const meta = await targetMeta(deps, preset);
  const catalog = meta.ok ? findMeta(meta.value, picker.catalogField) : undefined;
  const options = (catalog?.allowedValues ?? []).map(allowedLabel);
  const suggestedRaw = picker.suggestFromSourceField
    ? sourceValue(source, picker.suggestFromSourceField)
    : undefined;
  const suggested = (Array.isArray(suggestedRaw) ? suggestedRaw : suggestedRaw ? [suggestedRaw] : [])
    .map((v) =>
      typeof v === 'string'
        ? v
        : ((v as { value?: string; name?: string }).value ?? (v as { name?: string }).name),
    )
    .filter((v): v is string => typeof v === 'string' && options.includes(v));
  return { ...option, parts: { options, suggested, min: picker.minParts } };
}

async function execute(
  deps: ResolverDeps,
  payload: unknown,
  context: InvocationContext,
): Promise<ResolverAnswer<RouteView>> {
  const input = parsePayload(ExecutePayload, payload);
  if (!input.ok) return input;
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const recordKey = storeKeys.routeRecord(issue.value.id);

  // A repeat click sees the routing already under way or just finished, and starts nothing.
  const existing = await deps.store.get<RouteRecord>(recordKey);
  if (existing && existing.view.state !== 'failed')
    return { ok: true, value: await followMove(deps, existing, 0) };

  const lockKey = storeKeys.routeLock(issue.value.id);
  if (!(await deps.store.claim(lockKey, { accountId: context.accountId ?? null }, LOCK_TTL_SECONDS)))
    return failure('busy', `${issue.value.key} is already being routed; wait for that to finish.`);
  try {
    const prepared = await prepare(deps, input.value, issue.value.key, context);
    if (!prepared.ok) return prepared;
    const { plan, meta, source } = prepared.value;
    const base = {
      presetId: plan.presetId,
      sourceId: source.id,
      sourceKey: source.key,
      actorAccountId: context.accountId ?? '',
      plan,
    };
    if (plan.method === 'clone') return await runClone(deps, base, plan, meta);
    const moved = await startMove(deps, base, plan, meta);
    if (moved.ok || moved.error.code !== 'moveNotAllowed') return moved;
    // Where Jira will not move the issue (no bulk-move permission, a JSM request into a software
    // project, …) the team still gets a ticket: create it in the target, link it, resolve the source.
    const fallback = await prepare(deps, input.value, issue.value.key, context, true);
    if (!fallback.ok || fallback.value.plan.method !== 'clone') return fallback.ok ? moved : fallback;
    const clonePlan = fallback.value.plan;
    return await runClone(deps, { ...base, plan: clonePlan }, clonePlan, fallback.value.meta, [
      `${moved.error.message} — so a new ${clonePlan.targetProject} issue was created, linked, and ${source.key} resolved.`,
    ]);
  } finally {
    await deps.store.delete(lockKey);
  }
}

/** Reads the preset, the issue, the target's create screen and the contract, and builds the plan. */
async function prepare(
  deps: ResolverDeps,
  input: z.output<typeof ExecutePayload>,
  issueKey: string,
  context: InvocationContext,
  asClone = false,
): Promise<ResolverAnswer<{ plan: RoutingPlan; meta: TargetMeta; source: JiraIssue }>> {
  const settings = await loadSettings(deps);
  if (!settings.ok) return failure('noSettings', settings.error);
  const found = routingPresetsOf(settings.value.document).find((p) => p.id === input.presetId);
  if (!found) return failure('unknownPreset', `There is no routing preset "${input.presetId}" any more.`);
  const preset: RoutingPreset = asClone ? { ...found, method: 'clone', resolveSource: true } : found;
  const [source, meta, me] = await Promise.all([
    deps.jira.getIssue(issueKey),
    targetMeta(deps, preset),
    deps.jira.myself(),
  ]);
  if (!source.ok) return failure('jira', `Cannot read ${issueKey}: ${source.error.message}`);
  if (!meta.ok) return meta;
  const refused = refusedEntries(input.entered ?? {}, meta.value);
  if (refused.length)
    return failure(
      'unknownField',
      `${preset.target.project} has no field to fill by hand with the id ${refused.map((id) => `"${id}"`).join(', ')}.`,
      { fields: refused },
    );
  const contract = await deps.sidecar.getContract(issueKey);
  const plan = buildRoutingPlan({
    preset,
    source: {
      ...sourceFacts(source.value),
      id: source.value.id,
      key: source.value.key,
      fieldNames: source.value.names,
    },
    target: meta.value,
    contract: contract.ok ? (contract.value ?? undefined) : undefined,
    actor: {
      accountId: context.accountId ?? '',
      displayName: me.ok ? me.value.displayName : 'a coordinator',
    },
    selections: { parts: input.parts, entered: input.entered },
  });
  if (!plan.ok)
    return failure(plan.error.code, describePlanError(plan.error), planErrorDetails(plan.error, meta.value));
  return { ok: true, value: { plan: plan.value, meta: meta.value, source: source.value } };
}

type RecordBase = Omit<RouteRecord, 'view'>;

async function startMove(
  deps: ResolverDeps,
  base: RecordBase,
  plan: MovePlan,
  meta: TargetMeta,
): Promise<ResolverAnswer<RouteView>> {
  const submitted = await deps.jira.submitBulkMove(bulkMoveRequest(plan, base.sourceId));
  if (!submitted.ok && moveNotAllowed(submitted.error))
    return failure('moveNotAllowed', `Jira does not allow this move: ${submitted.error.message}`);
  if (!submitted.ok)
    return failure(
      'jiraRejected',
      `Jira refused the move: ${namedFieldErrors(submitted.error.fieldErrors, meta) || submitted.error.message}`,
    );
  const record: RouteRecord = {
    ...base,
    view: { state: 'moving', presetId: plan.presetId, taskId: submitted.value.taskId, percent: 0 },
  };
  await deps.store.set(storeKeys.routeRecord(base.sourceId), record, {
    ttlSeconds: MOVING_RECORD_TTL_SECONDS,
  });
  return { ok: true, value: await followMove(deps, record, deps.moveWaitMs ?? MOVE_WAIT_BUDGET_MS) };
}

/** Polls the bulk task until it ends or the budget runs out; finishes the route when it ends. */
async function followMove(deps: ResolverDeps, record: RouteRecord, budgetMs: number): Promise<RouteView> {
  if (record.view.state !== 'moving') return record.view;
  const taskId = record.view.taskId;
  const deadline = deps.now().getTime() + budgetMs;
  for (;;) {
    const task = await deps.jira.getBulkTask(taskId);
    if (task.ok && TERMINAL.includes(task.value.status)) return finishMove(deps, record, task.value);
    const percent = task.ok ? task.value.progressPercent : record.view.percent;
    if (deps.now().getTime() + MOVE_POLL_INTERVAL_MS > deadline) return { ...record.view, percent };
    await deps.sleep(MOVE_POLL_INTERVAL_MS);
  }
}

async function finishMove(
  deps: ResolverDeps,
  record: RouteRecord,
  task: BulkTaskProgress,
): Promise<RouteView> {
  const plan = record.plan as MovePlan;
  const recordKey = storeKeys.routeRecord(record.sourceId);
  // Two pollers may see the task end at once; only one posts the comments and the notice.
  const finishKey = `${storeKeys.routeLock(record.sourceId)}:finish`;
  if (!(await deps.store.claim(finishKey, true, LOCK_TTL_SECONDS))) return { ...(record.view as RouteView) };
  try {
    const failures = Object.entries(task.failedAccessibleIssues ?? {}).map(([issue, messages]) => ({
      issue: issue === record.sourceId ? record.sourceKey : issue,
      messages,
    }));
    const moved =
      task.status === 'COMPLETE' &&
      failures.length === 0 &&
      (task.processedAccessibleIssues ?? []).map(String).includes(record.sourceId);
    if (!moved) {
      const view: RouteView = {
        state: 'failed',
        presetId: plan.presetId,
        message: `Jira did not move ${record.sourceKey} (task ${task.status.toLowerCase()}); the issue stays where it was.`,
        failures,
      };
      await deps.store.set(recordKey, { ...record, view }, { ttlSeconds: DONE_RECORD_TTL_SECONDS });
      return view;
    }
    const warnings: string[] = [];
    const movedIssue = await deps.jira.getIssue(record.sourceId);
    const targetKey = movedIssue.ok ? movedIssue.value.key : record.sourceKey;
    const edit = editAfterMoveRequest(plan);
    if (edit) {
      const edited = await deps.jira.editIssue(targetKey, edit);
      if (!edited.ok) warnings.push(`Some fields were not set after the move: ${edited.error.message}`);
    }
    for (const text of [plan.sourceComment, plan.targetComment]) {
      if (text) await comment(deps, targetKey, text, warnings);
    }
    await notify(deps, record, plan, targetKey, warnings);
    const view: RouteView = {
      state: 'done',
      presetId: plan.presetId,
      method: 'move',
      sourceKey: record.sourceKey,
      targetKey,
      warnings,
    };
    await deps.store.set(recordKey, { ...record, view }, { ttlSeconds: DONE_RECORD_TTL_SECONDS });
    return view;
  } finally {
    await deps.store.delete(finishKey);
  }
}

async function runClone(
  deps: ResolverDeps,
  base: RecordBase,
  plan: ClonePlan,
  meta: TargetMeta,
  notes: string[] = [],
): Promise<ResolverAnswer<RouteView>> {
  const created = await deps.jira.createIssue(createIssueRequest(plan));
  if (!created.ok)
    return failure(
      'jiraRejected',
      `Jira refused to create the ${plan.targetProject} issue: ${namedFieldErrors(created.error.fieldErrors, meta) || created.error.message}`,
      created.error.fieldErrors,
    );
  const targetKey = created.value.key;
  const warnings: string[] = [...notes];
  const linked = await deps.jira.linkIssues(issueLinkRequest(plan, targetKey));
  if (!linked.ok)
    warnings.push(`${targetKey} was created but not linked to ${base.sourceKey}: ${linked.error.message}`);
  if (plan.sourceComment) await comment(deps, base.sourceKey, plan.sourceComment, warnings);
  if (plan.targetComment) await comment(deps, targetKey, plan.targetComment, warnings);
  if (plan.sourceTransition || plan.resolveSource) await settleSource(deps, base.sourceKey, plan, warnings);
  await notify(deps, base, plan, targetKey, warnings);
  const view: RouteView = {
    state: 'done',
    presetId: plan.presetId,
    method: 'clone',
    sourceKey: base.sourceKey,
    targetKey,
    warnings,
  };
  await deps.store.set(
    storeKeys.routeRecord(base.sourceId),
    { ...base, view },
    { ttlSeconds: DONE_RECORD_TTL_SECONDS },
  );
  return { ok: true, value: view };
}

/** Transitions the source to the preset's status, or (resolve) to the first "done" status offered. */
async function settleSource(
  deps: ResolverDeps,
  key: string,
  plan: ClonePlan,
  warnings: string[],
): Promise<void> {
  const offered = await deps.jira.getTransitions(key);
  if (!offered.ok) {
    warnings.push(`${key} was not moved on: ${offered.error.message}`);
    return;
  }
  const wanted = plan.sourceTransition;
  const transition = offered.value.transitions.find((t) =>
    wanted
      ? t.to.name.toLowerCase() === wanted.toLowerCase() || t.name.toLowerCase() === wanted.toLowerCase()
      : t.to.statusCategory?.key === 'done',
  );
  if (!transition) {
    warnings.push(`${key} has no transition to "${wanted ?? 'a done status'}" from its current status.`);
    return;
  }
  const done = await deps.jira.transitionIssue(key, transition.id);
  if (!done.ok) warnings.push(`${key} was not moved to "${transition.to.name}": ${done.error.message}`);
}

async function comment(deps: ResolverDeps, key: string, text: string, warnings: string[]): Promise<void> {
  const posted = await deps.jira.addComment(key, textToAdf(text), true);
  if (!posted.ok) warnings.push(`The comment on ${key} was not posted: ${posted.error.message}`);
}

async function notify(
  deps: ResolverDeps,
  record: RecordBase,
  plan: RoutingPlan,
  targetKey: string,
  warnings: string[],
): Promise<void> {
  const sent = await deps.sidecar.notifyRouted({
    presetId: plan.presetId,
    channel: plan.notification?.channel ?? null,
    sourceKey: record.sourceKey,
    targetKey,
    targetProject: plan.targetProject,
    method: plan.method,
    summary: plan.notification?.summary ?? targetKey,
    actorAccountId: record.actorAccountId,
    routedAt: deps.now().toISOString(),
  });
  if (!sent.ok)
    warnings.push(
      `The ${plan.targetProject} team was not notified (${sent.error.message}); tell them yourself.`,
    );
}

async function progress(
  deps: ResolverDeps,
  context: InvocationContext,
): Promise<ResolverAnswer<RouteView | null>> {
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const record = await deps.store.get<RouteRecord>(storeKeys.routeRecord(issue.value.id));
  if (!record) return { ok: true, value: null };
  return { ok: true, value: await followMove(deps, record, 0) };
}

/** The target project's create metadata for the preset's issue type. */
async function targetMeta(deps: ResolverDeps, preset: RoutingPreset): Promise<ResolverAnswer<TargetMeta>> {
  const project = preset.target.project;
  const types = await deps.jira.getCreateMetaIssueTypes(project);
  if (!types.ok) return failure('jira', `Cannot read ${project}'s issue types: ${types.error.message}`);
  const issueTypes = types.value.issueTypes ?? [];
  const wanted = preset.target.issueType;
  const chosen = issueTypes.find((t) =>
    'id' in wanted ? t.id === wanted.id : t.name.toLowerCase() === wanted.name.toLowerCase(),
  );
  const fields = chosen ? await deps.jira.getCreateMetaFields(project, chosen.id) : undefined;
  if (fields && !fields.ok)
    return failure('jira', `Cannot read ${project}'s create screen: ${fields.error.message}`);
  const parsed = TargetMetaSchema.safeParse({
    project: { key: project },
    issueTypes,
    fields: fields?.ok ? (fields.value.fields ?? []) : [],
  });
  if (!parsed.success) return failure('jira', `${project}'s create metadata was not understood`);
  return { ok: true, value: parsed.data };
}

/** How an allowed value reads in a list: its value, else its name, else its id. */
function allowedLabel(value: { id: string; name?: string; value?: string }): string {
  return value.value ?? value.name ?? value.id;
}

/** The input a person can fill a target field with, or null (users, cascades, unknown types). */
export function inputSpec(field: TargetFieldMeta): FieldInputSpec | null {
  const options = field.allowedValues?.map((v) => ({ value: v.id, label: allowedLabel(v) }));
  const { type, items } = field.schema;
  if (type === 'array') return options && items !== 'string' ? { kind: 'multiselect', options } : null;
  if (options) return { kind: 'select', options };
  if (type === 'string' || type === 'number' || type === 'date')
    return { kind: type === 'string' ? 'text' : type };
  return null;
}

/** Entered field ids the dialog could not have offered: not on the target's screen, or not typeable. */
function refusedEntries(entered: Record<string, unknown>, meta: TargetMeta): string[] {
  return Object.keys(entered).filter((id) => {
    const field = meta.fields.find((f) => f.fieldId === id);
    return !field || SET_BY_PLAN.has(id) || !inputSpec(field);
  });
}

// The plan sets the target project and issue type itself; the dialog never asks for them.
const SET_BY_PLAN = new Set(['project', 'issuetype']);

/** The plan's error for the UI; fields it could not fill carry the input that asks for them. */
function planErrorDetails(error: RoutingPlanError, meta: TargetMeta): unknown {
  if (error.code !== 'missingRequiredFields' && error.code !== 'invalidFieldValues') return error;
  const listed = error.code === 'missingRequiredFields' ? error.missing : error.invalid;
  const fields: MissingTargetField[] = listed.map((m) => {
    const field = meta.fields.find((f) => f.fieldId === m.fieldId);
    return { fieldId: m.fieldId, name: m.name, why: m.why, input: field ? inputSpec(field) : null };
  });
  return { ...error, fields };
}

function findMeta(meta: TargetMeta, ref: string) {
  const r = ref.trim().toLowerCase();
  return (
    meta.fields.find((f) => f.fieldId.toLowerCase() === r) ??
    meta.fields.find((f) => f.name.toLowerCase() === r)
  );
}

function sourceValue(issue: JiraIssue, ref: string): unknown {
  if (Object.hasOwn(issue.fields, ref)) return issue.fields[ref];
  const id = Object.entries(issue.names ?? {}).find(
    ([, name]) => name.toLowerCase() === ref.toLowerCase(),
  )?.[0];
  return id === undefined ? undefined : issue.fields[id];
}

function sourceFacts(issue: JiraIssue) {
  const f = issue.fields as { project?: { key?: string }; issuetype?: { name?: string } };
  return { project: f.project?.key ?? '', issueType: f.issuetype?.name ?? '', fields: issue.fields };
}

/** Whether Jira refused a bulk move as not permitted (rather than for a field value). */
function moveNotAllowed(error: {
  status: number;
  message: string;
  fieldErrors: Record<string, string>;
}): boolean {
  if (error.status === 403) return true;
  return (
    error.status === 400 &&
    Object.keys(error.fieldErrors).length === 0 &&
    /permission|not allowed|not permitted|cannot be moved/i.test(error.message)
  );
}

/** Jira's per-field errors with field names from the create screen ("Serial number: is required"). */
function namedFieldErrors(fieldErrors: Record<string, string>, meta: TargetMeta): string {
  return Object.entries(fieldErrors)
    .map(([id, message]) => `${meta.fields.find((f) => f.fieldId === id)?.name ?? id}: ${message}`)
    .join('; ');
}

/** One sentence for the modal that names what blocks the plan. */
export function describePlanError(error: RoutingPlanError): string {
  switch (error.code) {
    case 'notApplicable':
      return `This preset does not apply to this issue: ${error.why}.`;
    case 'wrongTarget':
      return error.why;
    case 'issueTypeNotFound':
      return `The target has no issue type "${error.wanted}" (it has: ${error.available.join(', ') || 'none'}).`;
    case 'missingRequiredFields':
      return `Nothing was changed. Required in the target but not filled: ${error.missing
        .map((m) => `${m.name} (${m.why})`)
        .join('; ')}.`;
    case 'invalidFieldValues':
      return `Nothing was changed. These values do not fit the target: ${error.invalid
        .map((m) => `${m.name} (${m.why})`)
        .join('; ')}.`;
    case 'templateError': {
      const problems = [
        error.unknown.length ? `uses unknown variables: ${error.unknown.join(', ')}` : '',
        error.missing.length
          ? `needs values this issue does not have (no contract?): ${error.missing.join(', ')}`
          : '',
      ];
      return `The preset's text in ${error.where} ${problems.filter(Boolean).join('; ')}.`;
    }
  }
}
