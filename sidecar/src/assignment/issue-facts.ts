// What assignment needs to know about an issue, read from a Jira webhook or a Forge product event.
// Vendor payloads are parsed loosely: only the fields relied on are pinned, the rest is ignored.
import { z } from 'zod';
import { PRIORITIES, withinHorizon } from '@frontline/shared';
import type { Priority, SlaEvent } from '@frontline/shared';

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
export type ChangeItem = z.output<typeof ChangeItemSchema>;

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

/** Where, in our words, the customer is identified on an issue. */
export interface CustomerMarks {
  organizationIds: string[];
  reporterEmailDomain?: string;
  customerFieldValue?: string;
}

/** An issue as the desk sees it at one moment. */
export interface IssueSnapshot {
  key: string;
  id?: string;
  project: string;
  summary: string;
  priority: Priority;
  status: string | null;
  resolved: boolean;
  assigneeId: string | null;
  labels: string[];
  requestType?: string;
  createdAt: Date;
  customer: CustomerMarks;
}

/** One event as the handlers see it. */
export interface IssueEvent {
  snapshot: IssueSnapshot;
  changes: ChangeItem[];
  comment?: { authorIsCustomer: boolean; public: boolean; at: Date };
  /** When the vendor says it happened (else when we received it). */
  at: Date;
}

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
  };
  return {
    snapshot,
    changes: changelog?.items ?? [],
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

/** The change of one field in an update, if the changelog has it. */
export function changeOf(changes: readonly ChangeItem[], field: string): ChangeItem | undefined {
  const lower = field.toLowerCase();
  return changes.find((c) => c.field.toLowerCase() === lower || c.fieldId?.toLowerCase() === lower);
}

/** Why an event calls for a ranking, if it does. */
export type RankingTrigger = 'created' | 'routedIn' | 'assigneeRemoved';

/** The SLA facts an event adds to the issue's history (shared `SlaEvent`s). */
export function slaFactsOf(kind: 'created' | 'updated' | 'commented', event: IssueEvent): SlaEvent[] {
  const at = event.at.toISOString();
  const s = event.snapshot;
  if (kind === 'created') {
    return [
      {
        type: 'created',
        at: s.createdAt.toISOString(),
        priority: s.priority,
        ...(s.status ? { status: s.status } : {}),
        ...(s.requestType ? { requestType: s.requestType } : {}),
      },
    ];
  }
  if (kind === 'commented') {
    const c = event.comment;
    if (!c) return [];
    return [
      {
        type: 'comment',
        at: c.at.toISOString(),
        author: c.authorIsCustomer ? 'customer' : 'agent',
        public: c.public,
      },
    ];
  }
  const facts: SlaEvent[] = [];
  const status = changeOf(event.changes, 'status');
  if (status?.toString) {
    facts.push({ type: 'status', at, from: status.fromString ?? '', to: status.toString });
    if (s.resolved) facts.push({ type: 'resolved', at });
  }
  const resolution = changeOf(event.changes, 'resolution');
  if (resolution && !resolution.to && !resolution.toString && resolution.fromString)
    facts.push({ type: 'reopened', at, ...(s.status ? { status: s.status } : {}) });
  const priority = changeOf(event.changes, 'priority');
  if (priority?.toString)
    facts.push({
      type: 'priority',
      at,
      ...(priority.fromString ? { from: priorityFromJira(priority.fromString) } : {}),
      to: priorityFromJira(priority.toString),
    });
  return facts;
}
