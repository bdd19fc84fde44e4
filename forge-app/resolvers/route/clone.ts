// A route by creating the issue in the target: create, link to the source, comment on both, settle
// the source (the preset's status, or resolved), tell the team. Only the create can fail the
// route; every later step that fails leaves a warning, since the team already has its ticket.
import type { ClonePlan, TargetMeta } from '@frontline/shared';
import { createIssueRequest, issueLinkRequest, sourceTransitionOf } from '@frontline/shared';
import type { RouteNote, RouteView } from '../../ui-contract.js';
import type { ResolverAnswer, ResolverDeps } from '../resolver-kit.js';
import { notifyTargetTeam, postComment } from './follow-up.js';
import { namedFieldErrors, note, routeFailure } from './plan-errors.js';
import type { RecordBase } from './record.js';
import { saveRouteRecord } from './record.js';

/** Carries out a clone plan; `notes` are warnings known before it starts (why a move became a clone). */
export async function runClone(
  deps: ResolverDeps,
  base: RecordBase,
  plan: ClonePlan,
  meta: TargetMeta,
  notes: RouteNote[] = [],
): Promise<ResolverAnswer<RouteView>> {
  const created = await deps.jira.createIssue(createIssueRequest(plan));
  if (!created.ok) {
    const reason = namedFieldErrors(created.error.fieldErrors, meta) || created.error.message;
    return routeFailure(
      'createRejected',
      { project: plan.targetProject, reason },
      `Jira refused to create the ${plan.targetProject} issue: ${reason}`,
      created.error.fieldErrors,
    );
  }
  const targetKey = created.value.key;
  const warnings: RouteNote[] = [...notes];
  const linked = await deps.jira.linkIssues(issueLinkRequest(plan, targetKey));
  if (!linked.ok)
    warnings.push(
      note('notLinked', { target: targetKey, source: base.sourceKey, reason: linked.error.message }),
    );
  if (plan.sourceComment) await postComment(deps, base.sourceKey, plan.sourceComment, warnings);
  if (plan.targetComment) await postComment(deps, targetKey, plan.targetComment, warnings);
  if (plan.sourceTransition || plan.resolveSource) await settleSource(deps, base.sourceKey, plan, warnings);
  await notifyTargetTeam(deps, base, plan, targetKey, warnings);
  const view: RouteView = {
    state: 'done',
    presetId: plan.presetId,
    method: 'clone',
    sourceKey: base.sourceKey,
    targetKey,
    warnings,
  };
  await saveRouteRecord(deps, { ...base, view });
  return { ok: true, value: view };
}

/** Transitions the source to the preset's status, or (resolve) to the first "done" status offered. */
async function settleSource(
  deps: ResolverDeps,
  key: string,
  plan: ClonePlan,
  warnings: RouteNote[],
): Promise<void> {
  const offered = await deps.jira.getTransitions(key);
  if (!offered.ok) {
    warnings.push(note('notMovedOn', { key, reason: offered.error.message }));
    return;
  }
  const transition = sourceTransitionOf(plan, offered.value.transitions);
  if (!transition) {
    warnings.push(
      plan.sourceTransition
        ? note('noTransition', { key, status: plan.sourceTransition })
        : note('noDoneTransition', { key }),
    );
    return;
  }
  const done = await deps.jira.transitionIssue(key, transition.id);
  if (!done.ok)
    warnings.push(note('notTransitioned', { key, status: transition.to.name, reason: done.error.message }));
}
