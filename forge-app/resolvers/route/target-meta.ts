// The target project's create screen for a preset's issue type, read from Jira and parsed, so the
// plan and the dialog judge fields by what Jira will actually ask for.
import type { RoutingPreset, TargetMeta } from '@frontline/shared';
import { findIssueType, TargetMetaSchema } from '@frontline/shared';
import type { ResolverAnswer, ResolverDeps } from '../resolver-kit.js';
import { failure } from '../resolver-kit.js';

/**
 * The target's issue types and, for the one the preset names, its create-screen fields. A type the
 * target lacks yields no fields; the plan then names the type that is missing.
 */
export async function readTargetMeta(
  deps: ResolverDeps,
  preset: RoutingPreset,
): Promise<ResolverAnswer<TargetMeta>> {
  const project = preset.target.project;
  const types = await deps.jira.getCreateMetaIssueTypes(project);
  if (!types.ok) return failure('jira', `Cannot read ${project}'s issue types: ${types.error.message}`);
  const issueTypes = types.value.issueTypes ?? [];
  const chosen = findIssueType(issueTypes, preset.target.issueType);
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
