// Everything one Route click is decided from: the preset, the issue, the target's create screen, the
// customer's contract and what the user typed — turned into a routing plan by shared/ (the one
// owner of how presets, fields and values match), or refused before anything in Jira changes.
import { z } from 'zod';
import type { RoutingPlan, RoutingPreset, TargetMeta } from '@frontline/shared';
import { buildRoutingPlan, routingSourceOf } from '@frontline/shared';
import type { JiraIssue } from '../../jira/jira-client.js';
import type { InvocationContext, ResolverAnswer, ResolverDeps } from '../resolver-kit.js';
import { failure } from '../resolver-kit.js';
import { jiraFieldsOf, loadSettings, routingPresetsOf } from '../settings-source.js';
import { refusedEntries } from './field-inputs.js';
import { describePlanError, planErrorDetails, routeFailure } from './plan-errors.js';
import { readTargetMeta } from './target-meta.js';

export const ExecutePayload = z.object({
  presetId: z.string().min(1, 'Pick a preset'),
  parts: z.array(z.string()).optional(),
  /** Values typed for target fields a previous attempt reported missing, keyed by field id. */
  entered: z
    .record(z.string().min(1), z.union([z.string().max(32_767), z.array(z.string().max(255)).max(100)]))
    .optional(),
});
export type ExecuteInput = z.output<typeof ExecutePayload>;

export interface PreparedRoute {
  plan: RoutingPlan;
  meta: TargetMeta;
  source: JiraIssue;
}

/**
 * Reads the preset, the issue, the target's create screen and the contract, and builds the plan.
 * `asClone` plans the same preset as create-link-resolve (where Jira refused the move itself).
 */
export async function prepareRoutingPlan(
  deps: ResolverDeps,
  input: ExecuteInput,
  issueKey: string,
  context: InvocationContext,
  asClone = false,
): Promise<ResolverAnswer<PreparedRoute>> {
  const settings = await loadSettings(deps);
  if (!settings.ok) return failure('noSettings', settings.error);
  const found = routingPresetsOf(settings.value.document).find((p) => p.id === input.presetId);
  if (!found)
    return routeFailure(
      'unknownPreset',
      { id: input.presetId },
      `There is no routing preset "${input.presetId}" any more.`,
    );
  const preset: RoutingPreset = asClone ? { ...found, method: 'clone', resolveSource: true } : found;
  const [source, meta, me] = await Promise.all([
    deps.jira.getIssue(issueKey),
    readTargetMeta(deps, preset),
    deps.jira.myself(),
  ]);
  if (!source.ok)
    return routeFailure(
      'cannotRead',
      { key: issueKey, reason: source.error.message },
      `Cannot read ${issueKey}: ${source.error.message}`,
    );
  if (!meta.ok) return meta;
  const refused = refusedEntries(input.entered ?? {}, meta.value);
  if (refused.length)
    return routeFailure(
      'unknownField',
      { project: preset.target.project, ids: refused.join(', ') },
      `${preset.target.project} has no field to fill by hand with the id ${refused.map((id) => `"${id}"`).join(', ')}.`,
      { fields: refused },
    );
  const contract = await deps.sidecar.getContract(issueKey);
  const plan = buildRoutingPlan({
    preset,
    source: routingSourceOf(source.value),
    target: meta.value,
    contract: contract.ok ? (contract.value ?? undefined) : undefined,
    actor: {
      accountId: context.accountId ?? '',
      displayName: me.ok ? me.value.displayName : 'a coordinator',
    },
    selections: { parts: input.parts, entered: input.entered },
    jiraFields: jiraFieldsOf(settings.value.document),
  });
  if (!plan.ok) {
    const { params, message } = describePlanError(plan.error);
    return routeFailure(plan.error.code, params, message, planErrorDetails(plan.error, meta.value));
  }
  return { ok: true, value: { plan: plan.value, meta: meta.value, source: source.value } };
}
