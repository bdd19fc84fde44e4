// What every finished route does after Jira has the issue where it belongs: comments and the notice
// to the target team. Neither undoes the route when it fails; each failure becomes a warning the
// modal shows, so the person who clicked can make up for it by hand.
import type { RoutingPlan } from '@frontline/shared';
import { textToAdf } from '@frontline/shared';
import type { ResolverDeps } from '../resolver-kit.js';
import type { RouteNote } from '../../ui-contract.js';
import { note } from './plan-errors.js';
import type { RecordBase } from './record.js';

export async function postComment(
  deps: ResolverDeps,
  key: string,
  text: string,
  warnings: RouteNote[],
): Promise<void> {
  const posted = await deps.jira.addComment(key, textToAdf(text), true);
  if (!posted.ok) warnings.push(note('commentNotPosted', { key, reason: posted.error.message }));
}

/** Tells the sidecar, which notifies the target team through its channels. */
export async function notifyTargetTeam(
  deps: ResolverDeps,
  record: RecordBase,
  plan: RoutingPlan,
  targetKey: string,
  warnings: RouteNote[],
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
    warnings.push(note('teamNotNotified', { project: plan.targetProject, reason: sent.error.message }));
}
