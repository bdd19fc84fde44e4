// `route.execute` and `route.progress`: the saga of one click. A repeat click is answered from the
// route record; a KVS lock lets one click route at a time; a move Jira does not allow falls back to
// create-in-target + link + resolve-source, so the team gets a ticket either way.
import type { RouteView } from '../../ui-contract.js';
import { storeKeys } from '../../storage/app-store.js';
import type { InvocationContext, ResolverAnswer, ResolverDeps } from '../resolver-kit.js';
import { contextIssue, parsePayload } from '../resolver-kit.js';
import { runClone } from './clone.js';
import { followMove, startMove } from './move.js';
import { note, routeFailure } from './plan-errors.js';
import { ExecutePayload, prepareRoutingPlan } from './prepare-plan.js';
import { LOCK_TTL_SECONDS, readRouteRecord } from './record.js';

export async function executeRoute(
  deps: ResolverDeps,
  payload: unknown,
  context: InvocationContext,
): Promise<ResolverAnswer<RouteView>> {
  const input = parsePayload(ExecutePayload, payload);
  if (!input.ok) return input;
  const issue = contextIssue(context);
  if (!issue.ok) return issue;

  // A repeat click sees the routing already under way or just finished, and starts nothing.
  const existing = await readRouteRecord(deps, issue.value.id);
  if (existing && existing.view.state !== 'failed')
    return { ok: true, value: await followMove(deps, existing, 0) };

  const lockKey = storeKeys.routeLock(issue.value.id);
  if (!(await deps.store.claim(lockKey, { accountId: context.accountId ?? null }, LOCK_TTL_SECONDS)))
    return routeFailure(
      'busy',
      { key: issue.value.key },
      `${issue.value.key} is already being routed; wait for that to finish.`,
    );
  try {
    const prepared = await prepareRoutingPlan(deps, input.value, issue.value.key, context);
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
    const fallback = await prepareRoutingPlan(deps, input.value, issue.value.key, context, true);
    if (!fallback.ok || fallback.value.plan.method !== 'clone') return fallback.ok ? moved : fallback;
    const clonePlan = fallback.value.plan;
    return await runClone(deps, { ...base, plan: clonePlan }, clonePlan, fallback.value.meta, [
      note('movedAsClone', {
        reason: moved.error.params?.reason ?? moved.error.message,
        project: clonePlan.targetProject,
        source: source.key,
      }),
    ]);
  } finally {
    await deps.store.delete(lockKey);
  }
}

/** Where the issue's route stands now (a reopened modal polls this while a move runs). */
export async function routeProgress(
  deps: ResolverDeps,
  context: InvocationContext,
): Promise<ResolverAnswer<RouteView | null>> {
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const record = await readRouteRecord(deps, issue.value.id);
  if (!record) return { ok: true, value: null };
  return { ok: true, value: await followMove(deps, record, 0) };
}
