// One issue's temperature: the customer's contract (matched the way assignment matches it), the SLA
// clocks under that contract's policy, and the shared score. History comes from the store when the
// sidecar saw the issue's events; otherwise it is rebuilt from the fields Jira returns (creation,
// priority, status, public comments), which is what an issue created before Frontline was installed
// has to go on.
import type { SlaEvent, SlaReport, Temperature } from '@frontline/shared';
import type { ContractMatch } from '../assignment/contract-match.js';
import { DEFAULT_FIELD_IDS, readIssueEvent } from '../assignment/issue-facts.js';
import type { IssueFieldIds, IssueSnapshot } from '../assignment/issue-facts.js';
import { evaluateIssue } from '../assignment/plan.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { JiraIssue } from '../trackers/jira/types.js';

/** What a temperature reads from the settings world. */
export type TemperatureWorld = Pick<AssignmentWorld, 'settings' | 'calendars' | 'contracts'>;

/** The fields a temperature needs from Jira (and nothing else: a sweep pages through thousands). */
export function temperatureFields(fieldIds: IssueFieldIds = DEFAULT_FIELD_IDS): string[] {
  return [
    'created',
    'updated',
    'statuscategorychangedate',
    'priority',
    'status',
    'issuetype',
    'reporter',
    'comment',
    fieldIds.organizations,
    ...(fieldIds.requestType ? [fieldIds.requestType] : []),
    ...(fieldIds.customer ? [fieldIds.customer] : []),
  ];
}

/** An issue as Jira returned it, read into our words, with the history its fields tell. */
export interface IssueFromJira {
  id: string;
  snapshot: IssueSnapshot;
  fieldHistory: SlaEvent[];
}

interface CommentField {
  author?: { accountType?: string } | null;
  jsdPublic?: boolean;
  created?: string;
}

const validInstant = (text: unknown): string | undefined =>
  typeof text === 'string' && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : undefined;

/**
 * The SLA facts Jira's fields tell on their own: the creation, public comments (agents' replies stop
 * the first-response clock), and the current status since it last changed (Jira gives the time of
 * the last status-category change; without it the last update is the latest the change can be).
 */
export function historyFromFields(snapshot: IssueSnapshot, fields: Record<string, unknown>): SlaEvent[] {
  const created = snapshot.createdAt.toISOString();
  const history: SlaEvent[] = [
    {
      type: 'created',
      at: created,
      priority: snapshot.priority,
      ...(snapshot.requestType ? { requestType: snapshot.requestType } : {}),
    },
  ];
  const comments = (fields.comment as { comments?: CommentField[] } | null | undefined)?.comments ?? [];
  for (const c of comments) {
    const at = validInstant(c.created);
    if (!at) continue;
    history.push({
      type: 'comment',
      at,
      author: c.author?.accountType === 'customer' ? 'customer' : 'agent',
      public: c.jsdPublic ?? true,
    });
  }
  const statusAt = validInstant(fields.statuscategorychangedate) ?? validInstant(fields.updated) ?? created;
  if (snapshot.status) history.push({ type: 'status', at: statusAt, from: '', to: snapshot.status });
  return history;
}

/** Reads a search or get-issue result; undefined when it lacks what a temperature needs. */
export function issueFromJira(
  issue: JiraIssue,
  receivedAt: Date,
  fieldIds: IssueFieldIds = DEFAULT_FIELD_IDS,
): IssueFromJira | undefined {
  const event = readIssueEvent({ issue }, receivedAt, fieldIds);
  if (!event) return undefined;
  return {
    id: String(issue.id),
    snapshot: event.snapshot,
    fieldHistory: historyFromFields(event.snapshot, issue.fields ?? {}),
  };
}

/** A temperature with what it was computed from. */
export interface IssueTemperature {
  temperature: Temperature;
  contract: ContractMatch | undefined;
  sla: SlaReport | null;
}

/**
 * The temperature of an issue at `now`, by the one ticket evaluation (`evaluateIssue`). `history`
 * should hold a `created` fact (the store's history, or {@link historyFromFields}); without an SLA
 * policy for the customer the score still counts priority, tier, the contract calendar's special
 * periods and silence.
 */
export function readIssueTemperature(
  world: TemperatureWorld,
  snapshot: IssueSnapshot,
  history: readonly SlaEvent[],
  now: Date,
): IssueTemperature {
  const evaluated = evaluateIssue(world, snapshot, history, now);
  return { temperature: evaluated.temperature, contract: evaluated.contract, sla: evaluated.sla };
}

/** The history to replay: the store's when it knows the creation, else what the fields tell. */
export function historyToReplay(stored: readonly SlaEvent[] | undefined, fromFields: SlaEvent[]): SlaEvent[] {
  return stored && stored.some((e) => e.type === 'created') ? [...stored] : fromFields;
}
