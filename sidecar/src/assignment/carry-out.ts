// Carrying an assignment out in Jira, step by recorded step, so a retry after a crash resumes where
// the last attempt stopped and never acts twice:
//   pending → (Jira assignee set, decision recorded, assignee notified) → assigned
//   assigned → (internal comment posted, unless one with the same text is already there) → done
// A person who assigned someone else in the meantime wins: the action is marked superseded.
import { bilingual, err, ok } from '@frontline/shared';
import type { Engineer, Language, Result, SettingsDocument, WordedMessage } from '@frontline/shared';
import { adfFromText } from '../trackers/jira/adf.js';
import type { AssignVia, Clock, Notifier, Tracker, TrackerFailure } from '../ports.js';
import { issueLinkOf } from '../notify/issue-links.js';
import type { IssueLinkDeps } from '../notify/issue-links.js';
import { renderTicketNotice } from '../notify/render.js';
import type { Db, Queryable } from '../store/db.js';
import { deliveriesFor, engineerReader } from './notices.js';
import { rankOf, recordDecision, setActionState } from './repository.js';
import type { StoredRanking } from './repository.js';
import { recordAssignee, trackedIssue } from './tracked-issues.js';
import type { TrackedIssue } from './tracked-issues.js';
import { reasonText } from './track.js';

/** What carrying out assignments needs. */
export interface AssignmentDeps extends IssueLinkDeps {
  db: Db;
  now: Clock;
  /** The tracker as the sidecar's own account (undefined: steps that need it are left to people). */
  jira: Tracker | undefined;
  /** The outbox (undefined: the assignee is not told). */
  notifier: Notifier | undefined;
  /** Observes every recorded assignment (the time-to-assign histogram). */
  onAssigned: (via: AssignVia, timeToAssignMs: number) => void;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** A Jira failure as a job error: retryable ones are retried by the queue, others fail at once. */
export class JiraStepError extends Error {
  readonly retryable: boolean;
  constructor(step: string, failure: TrackerFailure) {
    super(`${step}: Jira answered ${failure.status} ${failure.message}`);
    this.name = 'JiraStepError';
    this.retryable = failure.kind === 'retryable';
  }
}

/** Records a decision and tells the new assignee, in the caller's transaction. */
export async function recordAndNotify(
  tx: Queryable,
  deps: AssignmentDeps,
  input: {
    issue: TrackedIssue;
    accountId: string;
    actor: string;
    via: AssignVia;
    suggestedRank: number | null;
    idempotencyKey: string;
    settings: SettingsDocument;
    engineers: readonly Engineer[];
    /** Why this engineer, in each language the notice may be written in. */
    reason?: Readonly<Record<Language, string>>;
  },
): Promise<void> {
  const now = deps.now();
  const waitingSince = input.issue.unassignedSince ?? input.issue.createdAt;
  const recorded = await recordDecision(tx, {
    issueKey: input.issue.key,
    accountId: input.accountId,
    actor: input.actor,
    via: input.via,
    suggestedRank: input.suggestedRank,
    waitingSince,
    decidedAt: now,
    idempotencyKey: input.idempotencyKey,
  });
  if (!recorded) return;
  deps.onAssigned(input.via, Math.max(0, now.getTime() - waitingSince.getTime()));
  // Load stays current before Jira's own event about the change arrives.
  await recordAssignee(tx, input.issue.key, input.accountId, now);
  const engineer = input.engineers.find((e) => e.accountId === input.accountId);
  if (!engineer || !deps.notifier) return;
  const reader = engineerReader(engineer);
  const { deliveries } = deliveriesFor(
    input.settings.channels,
    'issueAssigned',
    { kind: 'assignee', reader },
    input.issue.customerId,
  );
  for (const delivery of deliveries) {
    const message = renderTicketNotice(
      'ticket-assigned',
      {
        key: input.issue.key,
        summary: input.issue.summary,
        url: issueLinkOf(deps, input.issue.key, input.settings.trackers),
        priority: input.issue.priority,
        ...(input.issue.customerName ? { customer: input.issue.customerName } : {}),
        ...(input.reason ? { reason: input.reason[reader.language] } : {}),
      },
      { language: reader.language, timeZone: reader.timeZone },
    );
    if (!message.ok) continue;
    await deps.notifier.notify(
      {
        idempotencyKey: `${input.idempotencyKey}:${delivery.channel}:${delivery.recipient}`,
        channel: delivery.channel,
        recipient: delivery.recipient,
        message: message.value,
      },
      tx,
    );
  }
}

/** Whether the issue already carries an internal note with exactly this text. */
async function hasComment(
  jira: Tracker,
  key: string,
  text: string,
): Promise<Result<boolean, TrackerFailure>> {
  const issue = await jira.getIssue(key, { fields: ['comment'] });
  if (!issue.ok) return issue;
  const comments = ((issue.value.fields?.comment as { comments?: unknown[] } | undefined)?.comments ??
    []) as {
    body?: unknown;
  }[];
  const wanted = JSON.stringify(adfFromText(text));
  return ok(comments.some((c) => JSON.stringify(c.body) === wanted || c.body === text));
}

/** Whether an assignment of the issue to `accountId` was recorded at or after `since`. */
async function recordedSince(
  q: Queryable,
  issueKey: string,
  accountId: string,
  since: Date,
): Promise<boolean> {
  const found = await q.query(
    'SELECT 1 FROM assignment_decisions WHERE issue_key = $1 AND account_id = $2 AND decided_at >= $3 LIMIT 1',
    [issueKey, accountId, since],
  );
  return found.rows.length > 0;
}

/** Resumes (or starts) the auto assignment of a stored ranking. Throws JiraStepError to be retried. */
export async function carryOutAutoAssignment(
  deps: AssignmentDeps,
  action: StoredRanking,
  world: { settings: SettingsDocument; engineers: readonly Engineer[] },
): Promise<'done' | 'superseded' | 'skipped'> {
  const jira = deps.jira;
  const accountId = action.actionAccount;
  if (!jira || !accountId) {
    deps.log.warn(
      { issueKey: action.issueKey },
      'no Jira gateway: the auto assignment is left to the coordinator',
    );
    return 'skipped';
  }
  const log = { issueKey: action.issueKey, accountId };
  let state = action.actionState;
  if (state === 'pending') {
    const current = await jira.getIssue(action.issueKey, { fields: ['assignee'] });
    if (!current.ok) throw new JiraStepError('read the assignee', current.error);
    const assignee = (current.value.fields?.assignee as { accountId?: string } | null | undefined)?.accountId;
    if (assignee && assignee !== accountId) {
      await setActionState(deps.db, action.id, 'superseded', deps.now());
      deps.log.info({ ...log, assignee }, `${action.issueKey}: someone assigned it meanwhile; leaving it`);
      return 'superseded';
    }
    if (
      assignee === accountId &&
      (await recordedSince(deps.db, action.issueKey, accountId, action.createdAt))
    ) {
      // Another delivery of the same change got there first and recorded it.
      await setActionState(deps.db, action.id, 'superseded', deps.now());
      return 'superseded';
    }
    if (!assignee) {
      const assigned = await jira.assignIssue(action.issueKey, accountId);
      if (!assigned.ok) throw new JiraStepError('assign', assigned.error);
    }
    const issue = await trackedIssue(deps.db, action.issueKey);
    const pick = action.ranking.ranked.find((r) => r.accountId === accountId);
    await deps.db.transaction(async (tx) => {
      if (issue)
        await recordAndNotify(tx, deps, {
          issue,
          accountId,
          actor: 'frontline',
          via: 'auto',
          suggestedRank: rankOf(action.ranking, accountId),
          idempotencyKey: `assign:${action.id}`,
          settings: world.settings,
          engineers: world.engineers,
          reason: { en: reasonText(pick, 'en'), ru: reasonText(pick, 'ru') },
        });
      await setActionState(tx, action.id, 'assigned', deps.now());
    });
    deps.log.info(log, `${action.issueKey} assigned to ${pick?.name ?? accountId} by the project's policy`);
    state = 'assigned';
  }
  if (state === 'assigned' || state === 'commented') {
    const text = action.commentText;
    if (text) {
      const already = await hasComment(jira, action.issueKey, text);
      if (!already.ok) throw new JiraStepError('read the comments', already.error);
      if (!already.value) {
        const posted = await jira.addComment(action.issueKey, text, { internal: true });
        if (!posted.ok) throw new JiraStepError('comment', posted.error);
        await setActionState(deps.db, action.id, 'done', deps.now(), posted.value.id);
        return 'done';
      }
    }
    await setActionState(deps.db, action.id, 'done', deps.now());
  }
  return 'done';
}

/**
 * Why a person's assignment was refused: a code and parameters (`assignment.notAnEngineer`,
 * `assignment.trackerRefused`) with their English and Russian words from the catalogues.
 */
export interface AssignRefusal {
  reason: WordedMessage;
  status: 400 | 404 | 409 | 502 | 503;
}

/**
 * Assigns an issue for a person (Forge "Assign", Telegram "Take") through `jira` — acting as that
 * person where the caller has their token — and records the decision for the time-to-assign metric.
 */
export async function assignForPerson(
  deps: AssignmentDeps & { jira: Tracker },
  input: {
    issueKey: string;
    accountId: string;
    actor: string;
    via: AssignVia;
    settings: SettingsDocument;
    engineers: readonly Engineer[];
    /** The ranking the person chose from (stored, or made on request): the chosen rank is recorded. */
    suggestions?: Pick<StoredRanking, 'ranking'> | undefined;
    /** A unique id for this request, so a retried request records once. */
    requestId: string;
  },
): Promise<Result<{ suggestedRank: number | null }, AssignRefusal>> {
  const engineer = input.engineers.find((e) => e.accountId === input.accountId);
  if (!engineer)
    return err({
      reason: bilingual({ code: 'assignment.notAnEngineer', params: { accountId: input.accountId } }),
      status: 400,
    });
  const excluded = input.suggestions?.ranking.excluded.find((e) => e.accountId === input.accountId);
  const assigned = await deps.jira.assignIssue(input.issueKey, input.accountId);
  if (!assigned.ok) {
    const f = assigned.error;
    const status = f.status === 404 ? 404 : f.kind === 'retryable' ? 503 : f.status === 400 ? 400 : 502;
    // The tracker's own message is kept as it came: it is the tracker's words, not ours.
    return err({
      reason: bilingual({ code: 'assignment.trackerRefused', params: { detail: f.message } }),
      status,
    });
  }
  const suggestedRank = rankOf(input.suggestions?.ranking, input.accountId);
  const issue = await trackedIssue(deps.db, input.issueKey);
  if (issue)
    await deps.db.transaction((tx) =>
      recordAndNotify(tx, deps, {
        issue,
        accountId: input.accountId,
        actor: input.actor,
        via: input.via,
        suggestedRank,
        idempotencyKey: `${input.via}:${input.requestId}`,
        settings: input.settings,
        engineers: input.engineers,
        ...(excluded
          ? {
              reason: {
                en: excluded.reasons.map((r) => r.en).join('; '),
                ru: excluded.reasons.map((r) => r.ru).join('; '),
              },
            }
          : {}),
      }),
    );
  deps.log.info(
    { issueKey: input.issueKey, accountId: input.accountId, via: input.via, suggestedRank },
    `${input.issueKey} assigned to ${engineer.name} by ${input.actor}`,
  );
  return ok({ suggestedRank });
}
