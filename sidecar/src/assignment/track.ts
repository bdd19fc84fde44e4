// Recording one issue event: its SLA facts, the refreshed snapshot (contract, temperature, assignee)
// and, when the event calls for it, the ranking and the policy's decision. Runs inside the
// transaction that marks the event processed, so all of it happens exactly once per event.
import { loadRuleOf, renderReply, translate } from '@frontline/shared';
import type { Language, RankedEngineer, SettingsDocument, SlaEvent } from '@frontline/shared';
import type { Queryable } from '../store/db.js';
import { changeOf, slaFactsOf } from './issue-facts.js';
import type { IssueEvent, IssueSnapshot, RankingTrigger } from './issue-facts.js';
import { planAssignment } from './plan.js';
import type { AssignmentPlan, AssignmentWorld, IssueEvaluation } from './plan.js';
import { appendHistory, engineerLoads, insertRanking, loadHistory, rankingStands } from './repository.js';
import { recordTicketLifecycle } from '../reports/lifecycle-repository.js';
import { retireIssue, upsertSnapshot } from './tracked-issues.js';
import type { TrackedIssue } from './tracked-issues.js';

export type IssueEventKind = 'created' | 'updated' | 'commented';

export interface TrackOutcome {
  issue: TrackedIssue;
  /** The ticket's evaluation (clocks and temperature) at this event, whatever the event asked for. */
  evaluation: IssueEvaluation;
  trigger?: RankingTrigger;
  plan?: AssignmentPlan;
  /** The key the issue had before a move into this project. */
  movedFrom?: string;
  /** When this event is the issue's first public agent reply: how long after creation it came. */
  firstResponseMs?: number;
}

/** Why this event asks for a ranking, if it does (only unassigned, open issues are ranked). */
export function rankingTrigger(kind: IssueEventKind, event: IssueEvent): RankingTrigger | undefined {
  const s = event.snapshot;
  if (s.assigneeId !== null || s.resolved) return undefined;
  if (kind === 'created') return 'created';
  if (kind !== 'updated') return undefined;
  if (changeOf(event.changes, 'project')) return 'routedIn';
  const assignee = changeOf(event.changes, 'assignee');
  if (assignee && (assignee.from || assignee.fromString) && !assignee.to) return 'assigneeRemoved';
  return undefined;
}

/** Short words for why the top engineer was chosen, from the ranking's reasons. */
export function reasonText(pick: RankedEngineer | undefined, language: Language): string {
  if (!pick || pick.reasons.length === 0) return translate(language, { code: 'assignment.rankedFirst' });
  return pick.reasons.map((r) => r[language]).join('; ');
}

/** The internal note an auto assignment leaves: the policy's template, or a plain sentence. */
export function autoAssignComment(
  settings: SettingsDocument,
  templateKey: string | null,
  pick: RankedEngineer | undefined,
  issue: { key: string; summary: string },
  language: Language,
): string {
  const name = pick?.name ?? '';
  const reason = reasonText(pick, language);
  const template = templateKey ? settings.replyTemplates.find((t) => t.id === templateKey) : undefined;
  if (template) {
    const rendered = renderReply(template, {
      language,
      style: { detail: 'brief', register: 'formal' },
      variables: {
        'engineer.name': name,
        'agent.name': name,
        reason,
        'issue.key': issue.key,
        'issue.summary': issue.summary,
      },
    });
    if (rendered.ok) return rendered.value.text;
  }
  return translate(language, { code: 'assignment.autoComment', params: { name, reason } });
}

/**
 * Makes sure the stored history starts with a creation: an issue we never saw created (tracked since
 * an update or comment) starts at its creation time, the best start we know. Returns `history`.
 */
export function withCreation(
  history: SlaEvent[],
  s: Pick<IssueSnapshot, 'createdAt' | 'priority'>,
): SlaEvent[] {
  if (!history.some((h) => h.type === 'created'))
    history.unshift({ type: 'created', at: s.createdAt.toISOString(), priority: s.priority });
  return history;
}

/** Records an issue event (see the file comment); `tx` is the processing transaction. */
export async function trackIssueEvent(
  tx: Queryable,
  input: {
    eventId: string;
    kind: IssueEventKind;
    event: IssueEvent;
    world: AssignmentWorld;
    now: Date;
  },
): Promise<TrackOutcome> {
  const { eventId, kind, event, world, now } = input;
  const s = event.snapshot;
  const keyChange = changeOf(event.changes, 'issuekey') ?? changeOf(event.changes, 'key');
  const movedFrom =
    changeOf(event.changes, 'project') && keyChange?.fromString && keyChange.fromString !== s.key
      ? keyChange.fromString
      : undefined;
  await appendHistory(tx, s.key, eventId, slaFactsOf(kind, event));
  if (movedFrom) await retireIssue(tx, movedFrom, now);
  const history = await loadHistory(tx, movedFrom ? [s.key, movedFrom] : [s.key]);
  const reply = kind === 'commented' ? event.comment : undefined;
  const firstReply =
    reply !== undefined &&
    reply.public &&
    !reply.authorIsCustomer &&
    history.filter((h) => h.type === 'comment' && h.public && h.author === 'agent').length === 1;
  const extra = {
    ...(movedFrom ? { movedFrom } : {}),
    ...(firstReply ? { firstResponseMs: Math.max(0, reply.at.getTime() - s.createdAt.getTime()) } : {}),
  };
  withCreation(history, s);
  const trigger = rankingTrigger(kind, event);
  const policy = world.settings.assignment.find((p) => p.project === s.project);
  const loads =
    trigger && policy ? await engineerLoads(tx, loadRuleOf(policy, world.settings.temperature)) : {};
  const plan = planAssignment({ world, snapshot: s, history, loads, now });
  const contract = plan.contract?.contract;
  const issue = await upsertSnapshot(
    tx,
    s,
    {
      customerId: contract?.customer.id,
      customerName: contract?.customer.name,
      contractId: contract?.id,
      serviceManagerId: contract?.serviceManager.accountId,
      temperature: plan.temperature.score,
      lastPublicUpdateAt: new Date(plan.temperature.lastPublicUpdateAt),
      routedTeam: movedFrom ? s.project : undefined,
      asCreated: kind === 'created',
    },
    event.at,
    now,
  );
  // The service report's row for the ticket, from this same evaluation.
  await recordTicketLifecycle(tx, {
    eventId,
    issue,
    history,
    clocks: plan.temperature.sla?.clocks ?? [],
    calendar: contract ? world.calendars[contract.calendarId] : undefined,
    settings: world.settings,
    statusCategory: s.statusCategory ?? null,
    linkedKeys: s.linkedKeys ?? [],
    at: event.at,
    now,
  });
  // A newer stored state says the issue has an assignee (another delivery of the same change was
  // handled first): nothing to rank.
  if (!trigger || !plan.ranking || !plan.decision || issue.assigneeId !== null)
    return { issue, evaluation: plan.temperature, ...extra };
  // Another event already decided for this issue (see rankingStands). The snapshot upsert above
  // holds the issue's row until this transaction ends, so two events about one issue decide one
  // after the other, and the second sees the first's ranking here.
  if (await rankingStands(tx, s.key, trigger)) return { issue, evaluation: plan.temperature, ...extra };
  const decision = plan.decision;
  const language: Language = contract?.communication.language ?? 'ru';
  const commentText =
    decision.action === 'assign' && policy?.commentOnAutoAssign.enabled
      ? autoAssignComment(
          world.settings,
          decision.commentTemplate,
          plan.ranking.ranked.find((r) => r.accountId === decision.accountId),
          s,
          language,
        )
      : null;
  await insertRanking(
    tx,
    {
      issueKey: s.key,
      triggerEvent: eventId,
      triggerKind: trigger,
      ranking: plan.ranking,
      decision,
      commentText,
    },
    now,
  );
  return { issue, evaluation: plan.temperature, trigger, plan, ...extra };
}
