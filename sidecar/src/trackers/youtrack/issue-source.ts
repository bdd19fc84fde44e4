// How YouTrack's issues read as ticket facts: the events Frontline's YouTrack app sends (see
// shared/src/schemas/youtrack-events.ts) and the sweep's search (`GET /api/issues` with a `fields`
// projection and a query in YouTrack's query language). YouTrack names custom fields per project;
// Frontline reads the default ones (Priority, State, Assignee, Type) by name.
import { PRIORITIES, withinHorizon, YouTrackEventSchema } from '@frontline/shared';
import type { Priority, SettingsDocument, SlaEvent } from '@frontline/shared';
import type {
  IssueEvent,
  IssueSnapshot,
  IssueSource,
  SweptTicket,
  TicketChange,
  TrackerIssue,
} from '../../ports.js';

/** YouTrack's default priorities, and the shared names. Unknown names count as medium. */
const PRIORITY_NAMES: Readonly<Record<string, Priority>> = {
  'show-stopper': 'highest',
  critical: 'high',
  major: 'medium',
  normal: 'medium',
  minor: 'low',
  trivial: 'lowest',
};

export function priorityFromYouTrack(name: string | null | undefined): Priority {
  const lower = (name ?? '').trim().toLowerCase();
  if ((PRIORITIES as readonly string[]).includes(lower)) return lower as Priority;
  return PRIORITY_NAMES[lower] ?? 'medium';
}

/** The YouTrack issue as REST returns it (and as events carry it), loosely. */
interface YtIssue {
  id?: unknown;
  idReadable?: unknown;
  summary?: unknown;
  created?: unknown;
  updated?: unknown;
  resolved?: unknown;
  project?: { shortName?: unknown } | null;
  reporter?: { login?: unknown; email?: unknown } | null;
  customFields?: unknown;
  tags?: unknown;
  comments?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A custom field's value by the field's name (case-insensitive). */
export function customFieldValue(issue: { customFields?: unknown }, name: string): unknown {
  if (!Array.isArray(issue.customFields)) return undefined;
  const lower = name.toLowerCase();
  const field = issue.customFields.find((f) => isObj(f) && str(f.name)?.toLowerCase() === lower) as
    Obj | undefined;
  return field?.value;
}

/** The name, login or text of a value (first of a multi-value field). */
function valueText(value: unknown): string | undefined {
  if (Array.isArray(value)) return valueText(value[0]);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() || undefined;
  if (isObj(value)) return str(value.name) ?? str(value.login) ?? str(value.text) ?? str(value.presentation);
  return undefined;
}

function loginOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return loginOf(value[0]);
  return isObj(value) ? str(value.login) : typeof value === 'string' ? value : undefined;
}

/** A time YouTrack sent (ms), or `fallback` when missing or outside the calendar's horizon. */
function timeOr(ms: unknown, fallback: Date): Date {
  return typeof ms === 'number' && Number.isFinite(ms) && withinHorizon(ms) ? new Date(ms) : fallback;
}

/** Frontline's accountId for a YouTrack login (settings map them); the login itself when unmapped. */
function accountIdFor(login: string | undefined, settings: SettingsDocument | undefined): string | null {
  if (!login) return null;
  const logins = settings?.trackers.youtrack.logins ?? {};
  return Object.entries(logins).find(([, l]) => l === login)?.[0] ?? login;
}

/** Jira's status category for a YouTrack state: resolved states are done, the configured ones in progress. */
function statusCategoryOf(
  state: string | undefined,
  resolved: boolean,
  settings: SettingsDocument | undefined,
): NonNullable<IssueSnapshot['statusCategory']> {
  if (resolved) return 'done';
  const started = settings?.trackers.youtrack.inProgressStates ?? ['In Progress'];
  const name = state?.trim().toLowerCase();
  return name && started.some((s) => s.toLowerCase() === name) ? 'inProgress' : 'todo';
}

/** The snapshot of a YouTrack issue; undefined without a readable id. */
export function snapshotOf(
  issue: YtIssue,
  at: Date,
  settings: SettingsDocument | undefined,
): IssueSnapshot | undefined {
  const key = str(issue.idReadable);
  if (!key || !/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(key)) return undefined;
  const state = customFieldValue(issue, 'State');
  const email = str(issue.reporter?.email);
  const domain = email?.includes('@') ? email.split('@').pop()!.toLowerCase() : undefined;
  const customerField = settings?.trackers.youtrack.customerField;
  const customerFieldValue = customerField ? valueText(customFieldValue(issue, customerField)) : undefined;
  const requestType = valueText(customFieldValue(issue, 'Type'));
  const labels = Array.isArray(issue.tags)
    ? issue.tags.flatMap((t) => (isObj(t) && str(t.name) ? [str(t.name)!] : []))
    : [];
  const resolvedAt = issue.resolved;
  const resolved = (isObj(state) && state.isResolved === true) || typeof resolvedAt === 'number';
  return {
    key,
    ...(str(issue.id) ? { id: str(issue.id)! } : {}),
    project: str(issue.project?.shortName) ?? key.split('-')[0]!,
    summary: str(issue.summary) ?? '',
    priority: priorityFromYouTrack(valueText(customFieldValue(issue, 'Priority'))),
    status: valueText(state) ?? null,
    statusCategory: statusCategoryOf(valueText(state), resolved, settings),
    resolved,
    assigneeId: accountIdFor(loginOf(customFieldValue(issue, 'Assignee')), settings),
    labels,
    ...(requestType ? { requestType } : {}),
    createdAt: timeOr(issue.created, at),
    customer: {
      organizationIds: [],
      ...(domain ? { reporterEmailDomain: domain } : {}),
      ...(customerFieldValue ? { customerFieldValue } : {}),
    },
  };
}

/** One change of the workflow's event in our words (`State` → `status`, values as names). */
function ticketChange(
  change: { field: string; removed?: unknown; added?: unknown },
  settings: SettingsDocument | undefined,
): TicketChange {
  const field = change.field.toLowerCase();
  if (field === 'assignee') {
    const from = accountIdFor(loginOf(change.removed), settings);
    const to = accountIdFor(loginOf(change.added), settings);
    return { field: 'assignee', from, fromString: from, to, toString: to };
  }
  if (field === 'resolved') {
    // The issue left a resolved state (reopened) when `resolved` went from a time to none.
    const was = change.removed !== null && change.removed !== undefined;
    const is = change.added !== null && change.added !== undefined;
    return {
      field: 'resolution',
      fromString: was ? 'Resolved' : null,
      toString: is ? 'Resolved' : null,
      ...(is ? { to: 'resolved' } : {}),
    };
  }
  const fromName = valueText(change.removed) ?? null;
  const toName = valueText(change.added) ?? null;
  const ours = field === 'state' ? 'status' : field;
  if (ours === 'priority')
    return {
      field: 'priority',
      fromString: fromName ? priorityFromYouTrack(fromName) : null,
      toString: toName ? priorityFromYouTrack(toName) : null,
    };
  return { field: ours, from: fromName, fromString: fromName, to: toName, toString: toName };
}

/** Reads an event of Frontline's YouTrack app; undefined when it is not one. */
export function readYouTrackEvent(
  payload: unknown,
  receivedAt: Date,
  settings?: SettingsDocument,
): IssueEvent | undefined {
  const parsed = YouTrackEventSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const at = withinHorizon(e.timestamp) ? new Date(e.timestamp) : receivedAt;
  const snapshot = snapshotOf(e.issue as YtIssue, at, settings);
  if (!snapshot) return undefined;
  const comment = e.type === 'issue.commented' ? e.comment : undefined;
  return {
    snapshot,
    changes: (e.changes ?? []).map((c) => ticketChange(c, settings)),
    ...(comment
      ? {
          comment: {
            // YouTrack has no customer account type: the reporter speaking is the customer.
            authorIsCustomer: comment.author.login === e.issue.reporter?.login,
            public: comment.visibility === 'public',
            at: timeOr(comment.created, at),
          },
        }
      : {}),
    at,
  };
}

/** The `fields` projection the sweep asks for (nothing else: it pages through thousands). */
export const SWEEP_FIELDS = [
  'id',
  'idReadable',
  'summary',
  'created',
  'updated',
  'resolved',
  'project(shortName)',
  'reporter(login,email)',
  'tags(name)',
  'customFields(name,value(name,login,isResolved))',
  'comments(created,author(login),visibility($type))',
];

/** Open issues of `projects` (all projects when none), in a stable order. */
export function openIssuesQuery(projects?: readonly string[]): string {
  const scope = projects && projects.length > 0 ? `project: ${projects.map(braced).join(', ')} ` : '';
  return `${scope}#Unresolved sort by: created asc`;
}

/** A name in a query, braced when it holds anything but letters, digits, dashes and underscores. */
export function braced(name: string): string {
  return /^[\w-]+$/.test(name) ? name : `{${name.replace(/[{}]/g, '')}}`;
}

/**
 * The creation and the comments a YouTrack issue's own fields tell (the reporter speaking is the
 * customer; a comment with limited visibility is internal).
 */
export function creationAndComments(
  issue: YtIssue,
  snapshot: Pick<IssueSnapshot, 'createdAt' | 'priority' | 'requestType'>,
): SlaEvent[] {
  const history: SlaEvent[] = [
    {
      type: 'created',
      at: snapshot.createdAt.toISOString(),
      priority: snapshot.priority,
      ...(snapshot.requestType ? { requestType: snapshot.requestType } : {}),
    },
  ];
  const reporter = isObj(issue.reporter) ? str(issue.reporter.login) : undefined;
  for (const c of Array.isArray(issue.comments) ? issue.comments : []) {
    if (!isObj(c) || typeof c.created !== 'number' || !withinHorizon(c.created)) continue;
    const limited = isObj(c.visibility) && str(c.visibility.$type)?.endsWith('LimitedVisibility');
    const author = isObj(c.author) ? str(c.author.login) : undefined;
    history.push({
      type: 'comment',
      at: new Date(c.created).toISOString(),
      author: author !== undefined && author === reporter ? 'customer' : 'agent',
      public: !limited,
    });
  }
  return history;
}

/** The history a YouTrack issue's fields tell: creation, public comments, the state since the last update. */
function historyOf(snapshot: IssueSnapshot, issue: YtIssue): SlaEvent[] {
  const history = creationAndComments(issue, snapshot);
  const statusAt = timeOr(issue.updated, snapshot.createdAt).toISOString();
  if (snapshot.status) history.push({ type: 'status', at: statusAt, from: '', to: snapshot.status });
  return history;
}

/** YouTrack's issues as ticket facts. */
export function createYouTrackIssueSource(): IssueSource {
  return {
    readEvent: readYouTrackEvent,
    openTickets: (projects) => ({ query: openIssuesQuery(projects), fields: SWEEP_FIELDS }),
    readTicket(issue: TrackerIssue, receivedAt: Date, settings?: SettingsDocument): SweptTicket | undefined {
      const raw = (issue.fields ?? {}) as YtIssue;
      const snapshot = snapshotOf(raw, receivedAt, settings);
      if (!snapshot) return undefined;
      return { id: issue.id, snapshot, fieldHistory: historyOf(snapshot, raw) };
    },
  };
}
