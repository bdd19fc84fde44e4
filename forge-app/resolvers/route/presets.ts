// `route.presets`: the presets that apply to the issue the modal was opened on, each with its parts
// catalog where it has one, and the route already under way or just finished for this issue.
import type { JiraFields, RoutingPreset, RoutingSource } from '@frontline/shared';
import {
  allowedValueLabel,
  checkApplies,
  findTargetField,
  partsFieldOf,
  routingSourceOf,
  suggestedParts,
} from '@frontline/shared';
import type { PresetOption, RouteView } from '../../ui-contract.js';
import type { InvocationContext, ResolverAnswer, ResolverDeps } from '../resolver-kit.js';
import { contextIssue, failure } from '../resolver-kit.js';
import { jiraFieldsOf, loadSettings, routingPresetsOf } from '../settings-source.js';
import { readRouteRecord } from './record.js';
import { readTargetMeta } from './target-meta.js';

export async function listRoutePresets(
  deps: ResolverDeps,
  context: InvocationContext,
): Promise<ResolverAnswer<{ presets: PresetOption[]; current: RouteView | null }>> {
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const settings = await loadSettings(deps);
  if (!settings.ok) return failure('noSettings', settings.error);
  const read = await deps.jira.getIssue(issue.value.key);
  if (!read.ok) return failure('jira', `Cannot read ${issue.value.key}: ${read.error.message}`);
  const source = routingSourceOf(read.value);
  const applicable = routingPresetsOf(settings.value.document).filter((p) => checkApplies(p, source).ok);
  const jiraFields = jiraFieldsOf(settings.value.document);
  const presets = await Promise.all(applicable.map((p) => presetOption(deps, p, source, jiraFields)));
  const record = await readRouteRecord(deps, issue.value.id);
  return { ok: true, value: { presets, current: record?.view ?? null } };
}

/**
 * One preset as the modal lists it. A parts order also gets the target's catalog (the options of the
 * site's parts field) and, ticked in advance, the parts the plan itself would pick from the ticket if
 * the user picked none.
 */
async function presetOption(
  deps: ResolverDeps,
  preset: RoutingPreset,
  source: RoutingSource,
  jiraFields: Partial<JiraFields>,
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
  const meta = await readTargetMeta(deps, preset);
  const field = partsFieldOf(picker, jiraFields);
  const catalog = meta.ok && field !== undefined ? findTargetField(meta.value.fields, field) : undefined;
  const options = (catalog?.allowedValues ?? []).map(allowedValueLabel);
  const suggested = catalog ? suggestedParts(catalog, source, picker.suggestFromSourceField) : [];
  return { ...option, parts: { options, suggested, min: picker.minParts } };
}
