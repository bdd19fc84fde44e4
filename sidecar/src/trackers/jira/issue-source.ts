// How Jira's issues read as ticket facts: webhook bodies and Forge product events (REST v2 issue
// shape), and the sweep's JQL search with the fields a temperature needs. Vendor payloads are
// parsed loosely: only the fields relied on are pinned, the rest is ignored.
import { z } from 'zod';
import { PRIORITIES, withinHorizon } from '@frontline/shared';
import type { JiraFields, Priority, SlaEvent } from '@frontline/shared';
import type {
  IssueEvent,
  IssueSnapshot,
  IssueSource,
  SweptTicket,
  TicketChange,
  TrackerIssue,
} from '../../ports.js';

const named = z.looseObject({ name: z.string().optional() }).nullish();
const user = z
  .looseObject({
    accountId: z.string().optional(),
    emailAddress: z.string().optional(),
    accountType: z.string().optional(),
  })
  .nullish();

/** The loosely checked issue object (REST v2 webhook shape; Forge events carry the same fields). */
export const PayloadIssueSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  key: z.string().min(1),
  fields: z
    .looseObject({
      summary: z.string().nullish(),
      project: z.looseObject({ key: z.string().optional(), id: z.string().optional() }).nullish(),
      priority: named,
      status: z
        .looseObject({
          name: z.string().optional(),
          statusCategory: z.looseObject({ key: z.string().optional() }).nullish(),
        })
        .nullish(),
      issuetype: named,
      assignee: user,
      reporter: user,
      labels: z.array(z.string()).nullish(),
      resolution: z.unknown().optional(),
      created: z.string().nullish(),
      updated: z.string().nullish(),
    })
    .default({}),
});

const ChangeItemSchema = z.looseObject({
  field: z.string(),
  fieldId: z.string().nullish(),
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
});

/** The envelope both sources reduce to: issue, changelog, comment, and when it happened. */
const EnvelopeSchema = z.looseObject({
  timestamp: z.number().optional(),
  issue: PayloadIssueSchema,
  changelog: z.looseObject({ items: z.array(ChangeItemSchema).default([]) }).nullish(),
  comment: z
    .looseObject({
      id: z.union([z.string(), z.number()]).optional(),
      author: user,
      jsdPublic: z.boolean().optional(),
      created: z.string().optional(),
    })
    .nullish(),
});

/** Field ids that differ per Jira site. */
export interface IssueFieldIds {
  /** JSM "Organizations" field (array of `{id, name}`). */
  organizations: string;
  /** JSM "Customer Request Type" field; the issue type's name stands in when absent. */
  requestType?: string;
  /** A custom field whose value names the customer, when the site has one. */
  customer?: string;
}

export const DEFAULT_FIELD_IDS: IssueFieldIds = {
  organizations: 'customfield_10002',
  requestType: 'customfield_10010',
};

/** The field ids the settings name (`jiraFields`); the stock JSM ids are only their defaults. */
export function fieldIdsOf(
  jiraFields: Pick<JiraFields, 'organizations' | 'requestType' | 'customer'>,
): IssueFieldIds {
  return {
    organizations: jiraFields.organizations,
    ...(jiraFields.requestType ? { requestType: jiraFields.requestType } : {}),
    ...(jiraFields.customer ? { customer: jiraFields.customer } : {}),
  };
}

/** Open issues, in a stable order so pages do not shift while issues change. */
export const OPEN_ISSUES_JQL = 'statusCategory != Done ORDER BY key ASC';

/** Jira's priority name ("High", "Highest") as the shared priority; unknown names count as medium. */
export function priorityFromJira(name: string | null | undefined): Priority {
  const lower = (name ?? '').trim().toLowerCase();
  return (PRIORITIES as readonly string[]).includes(lower) ? (lower as Priority) : 'medium';
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const nested = o.requestType as Record<string, unknown> | undefined;
    return textOf(o.value) ?? textOf(o.name) ?? textOf(nested?.name);
  }
  return undefined;
}

function organizationIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((org) => {
    const id = (org as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
  });
}

/**
 * A date Jira sent, or `fallback` (the event's own time, bounded at intake) when it is missing, not a
 * date, or outside the calendar's horizon: one absurd `created` must not make every later calendar
 * question about the ticket (SLA, digest, reminders) fail.
 */
function dateOr(text: string | null | undefined, fallback: Date): Date {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isNaN(ms) || !withinHorizon(ms) ? fallback : new Date(ms);
}

/** The issue object of a webhook body, or of a Forge event (`{ event: { issue } }`). */
function envelopeOf(payload: unknown): unknown {
  const p = payload as { event?: { issue?: unknown } } | null;
  return p && typeof p === 'object' && p.event && typeof p.event === 'object' && 'issue' in p.event
    ? p.event
    : payload;
}

/** A changelog item in our words: a priority change carries shared priorities. */
function ticketChange(item: z.output<typeof ChangeItemSchema>): TicketChange {
  const isPriority = item.field.toLowerCase() === 'priority' || item.fieldId?.toLowerCase() === 'priority';
  if (!isPriority) return item;
  return {
    ...item,
    ...(item.fromString ? { fromString: priorityFromJira(item.fromString) } : {}),
    ...(item.toString ? { toString: priorityFromJira(item.toString) } : {}),
  };
}

const STATUS_CATEGORIES: Record<string, NonNullable<IssueSnapshot['statusCategory']>> = {
  new: 'todo',
  indeterminate: 'inProgress',
  done: 'done',
};

/** Jira's status category in our words, and the keys of the linked issues, when the issue carries them. */
function statusAndLinks(
  categoryKey: string | undefined,
  links: unknown,
): Pick<IssueSnapshot, 'statusCategory' | 'linkedKeys'> {
  const statusCategory = categoryKey ? STATUS_CATEGORIES[categoryKey] : undefined;
  const linkedKeys = Array.isArray(links)
    ? links.flatMap((l) => {
        const link = l as { inwardIssue?: { key?: unknown }; outwardIssue?: { key?: unknown } } | null;
        const key = link?.inwardIssue?.key ?? link?.outwardIssue?.key;
        return typeof key === 'string' ? [key] : [];
      })
    : undefined;
  return { ...(statusCategory ? { statusCategory } : {}), ...(linkedKeys ? { linkedKeys } : {}) };
}

/** Reads an issue event from an accepted payload; undefined when it carries no issue. */
export function readIssueEvent(
  payload: unknown,
  receivedAt: Date,
  fieldIds: IssueFieldIds = DEFAULT_FIELD_IDS,
): IssueEvent | undefined {
  const parsed = EnvelopeSchema.safeParse(envelopeOf(payload));
  if (!parsed.success) return undefined;
  const { issue, changelog, comment, timestamp } = parsed.data;
  const f = issue.fields;
  const raw = f as Record<string, unknown>;
  const at = timestamp !== undefined && withinHorizon(timestamp) ? new Date(timestamp) : receivedAt;
  const email = f.reporter?.emailAddress;
  const domain = email?.includes('@') ? email.split('@').pop()!.toLowerCase() : undefined;
  const requestType =
    (fieldIds.requestType ? textOf(raw[fieldIds.requestType]) : undefined) ?? f.issuetype?.name ?? undefined;
  const customerFieldValue = fieldIds.customer ? textOf(raw[fieldIds.customer]) : undefined;
  const snapshot: IssueSnapshot = {
    key: issue.key,
    ...(issue.id !== undefined ? { id: String(issue.id) } : {}),
    project: f.project?.key ?? issue.key.split('-')[0]!,
    summary: f.summary ?? '',
    priority: priorityFromJira(f.priority?.name),
    status: f.status?.name ?? null,
    resolved:
      f.status?.statusCategory?.key === 'done' || (f.resolution !== undefined && f.resolution !== null),
    assigneeId: f.assignee?.accountId ?? null,
    labels: f.labels ?? [],
    ...(requestType ? { requestType } : {}),
    createdAt: dateOr(f.created, at),
    customer: {
      organizationIds: organizationIds(raw[fieldIds.organizations]),
      ...(domain ? { reporterEmailDomain: domain } : {}),
      ...(customerFieldValue ? { customerFieldValue } : {}),
    },
    ...statusAndLinks(f.status?.statusCategory?.key, raw.issuelinks),
  };
  return {
    snapshot,
    changes: (changelog?.items ?? []).map(ticketChange),
    ...(comment
      ? {
          comment: {
            authorIsCustomer: comment.author?.accountType === 'customer',
            public: comment.jsdPublic ?? true,
            at: dateOr(comment.created, at),
          },
        }
      : {}),
    at,
  };
}

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
export type IssueFromJira = SweptTicket;

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
  issue: TrackerIssue,
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

/** The open-issues JQL, narrowed to `projects` when given. */
export function openIssuesJql(projects?: readonly string[]): string {
  if (!projects || projects.length === 0) return OPEN_ISSUES_JQL;
  const quoted = projects.map((p) => `"${p.replace(/["\\]/g, '\\$&')}"`).join(', ');
  return `project in (${quoted}) AND ${OPEN_ISSUES_JQL}`;
}

/** Jira's issues as ticket facts, with the site's field ids. */
export function createJiraIssueSource(fieldIds: IssueFieldIds = DEFAULT_FIELD_IDS): IssueSource {
  return {
    // The settings' field ids (`jiraFields`) when given; the ones this source was built with otherwise.
    readEvent: (payload, receivedAt, settings) =>
      readIssueEvent(payload, receivedAt, settings ? fieldIdsOf(settings.jiraFields) : fieldIds),
    openTickets: (projects, settings) => ({
      query: openIssuesJql(projects),
      fields: temperatureFields(settings ? fieldIdsOf(settings.jiraFields) : fieldIds),
    }),
    readTicket: (issue, receivedAt, settings) =>
      issueFromJira(issue, receivedAt, settings ? fieldIdsOf(settings.jiraFields) : fieldIds),
  };
}
