// A route by Jira bulk move: submit the move, follow Jira's task until it ends (within a budget,
// after which the modal polls), then finish once — fields the move cannot set, comments, the notice.
import type { MovePlan, TargetMeta } from '@frontline/shared';
import { bulkMoveRequest, editAfterMoveRequest } from '@frontline/shared';
import type { BulkTaskProgress } from '../../jira/jira-client.js';
import { storeKeys } from '../../storage/app-store.js';
import type { RouteNote, RouteView } from '../../ui-contract.js';
import type { ResolverAnswer, ResolverDeps } from '../resolver-kit.js';
import { notifyTargetTeam, postComment } from './follow-up.js';
import { namedFieldErrors, note, routeFailure } from './plan-errors.js';
import type { RecordBase, RouteRecord } from './record.js';
import { LOCK_TTL_SECONDS, saveRouteRecord } from './record.js';

/** How long `execute` itself waits for a bulk move before handing polling over to the modal. */
export const MOVE_WAIT_BUDGET_MS = 15_000;
const MOVE_POLL_INTERVAL_MS = 1_000;
const TERMINAL: readonly BulkTaskProgress['status'][] = ['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD'];

/**
 * Submits the move and follows it. `moveNotAllowed` means Jira refused the move as such (not a
 * field value), which the caller answers by creating the issue in the target instead.
 */
export async function startMove(
  deps: ResolverDeps,
  base: RecordBase,
  plan: MovePlan,
  meta: TargetMeta,
): Promise<ResolverAnswer<RouteView>> {
  const submitted = await deps.jira.submitBulkMove(bulkMoveRequest(plan, base.sourceId));
  if (!submitted.ok && moveNotAllowed(submitted.error))
    return routeFailure(
      'moveNotAllowed',
      { reason: submitted.error.message },
      `Jira does not allow this move: ${submitted.error.message}`,
    );
  if (!submitted.ok) {
    const reason = namedFieldErrors(submitted.error.fieldErrors, meta) || submitted.error.message;
    return routeFailure('moveRejected', { reason }, `Jira refused the move: ${reason}`);
  }
  const record: RouteRecord = {
    ...base,
    view: { state: 'moving', presetId: plan.presetId, taskId: submitted.value.taskId, percent: 0 },
  };
  await saveRouteRecord(deps, record);
  return { ok: true, value: await followMove(deps, record, deps.moveWaitMs ?? MOVE_WAIT_BUDGET_MS) };
}

/** Polls the bulk task until it ends or the budget runs out; finishes the route when it ends. */
export async function followMove(
  deps: ResolverDeps,
  record: RouteRecord,
  budgetMs: number,
): Promise<RouteView> {
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
  // Two pollers may see the task end at once; only one posts the comments and the notice.
  const finishKey = `${storeKeys.routeLock(record.sourceId)}:finish`;
  if (!(await deps.store.claim(finishKey, true, LOCK_TTL_SECONDS))) return { ...record.view };
  try {
    const failures = Object.entries(task.failedAccessibleIssues ?? {}).map(([issue, messages]) => ({
      issue: issue === record.sourceId ? record.sourceKey : issue,
      messages,
    }));
    // COMPLETE alone does not mean this issue moved: Jira lists per-issue failures apart.
    const moved =
      task.status === 'COMPLETE' &&
      failures.length === 0 &&
      (task.processedAccessibleIssues ?? []).map(String).includes(record.sourceId);
    if (!moved) {
      const view: RouteView = {
        state: 'failed',
        presetId: plan.presetId,
        note: note('moveFailed', { key: record.sourceKey, status: task.status.toLowerCase() }),
        message: `Jira did not move ${record.sourceKey} (task ${task.status.toLowerCase()}); the issue stays where it was.`,
        failures,
      };
      await saveRouteRecord(deps, { ...record, view });
      return view;
    }
    const warnings: RouteNote[] = [];
    const movedIssue = await deps.jira.getIssue(record.sourceId);
    const targetKey = movedIssue.ok ? movedIssue.value.key : record.sourceKey;
    const edit = editAfterMoveRequest(plan);
    if (edit) {
      const edited = await deps.jira.editIssue(targetKey, edit);
      if (!edited.ok) warnings.push(note('fieldsNotSet', { reason: edited.error.message }));
    }
    // A moved issue is one issue: both comments go on it, under its new key.
    for (const text of [plan.sourceComment, plan.targetComment]) {
      if (text) await postComment(deps, targetKey, text, warnings);
    }
    await notifyTargetTeam(deps, record, plan, targetKey, warnings);
    const view: RouteView = {
      state: 'done',
      presetId: plan.presetId,
      method: 'move',
      sourceKey: record.sourceKey,
      targetKey,
      warnings,
    };
    await saveRouteRecord(deps, { ...record, view });
    return view;
  } finally {
    await deps.store.delete(finishKey);
  }
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
