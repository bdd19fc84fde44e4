// The interfaces the use cases need from the world around them: the issue tracker, the notifier,
// the job queue, the clock, the assignment world and the failed-work lists. Use cases type their
// dependencies with these; compose.ts binds them to implementations (the Jira gateway, the outbox,
// pg-boss). This module imports nothing at run time, so it can sit under every other one without
// closing an import cycle.
import type { AdfDocument, Priority, Result, SettingsDocument, SlaEvent, Trackers } from '@frontline/shared';

// ——— store ———

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** A connection or an open transaction: what a repository writes through. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

// ——— clock ———

/** The host clock, passed in so use cases stay testable. */
export type Clock = () => Date;

// ——— tracker ———

/**
 * Why a tracker call failed. `retryable` failures (429, 5xx, network, timeout) may succeed later;
 * `permanent` ones (400, 401, 403, 404, 409, 422 …) will not without a change. `outcomeUnknown`
 * marks a non-idempotent write that may have been applied before it failed: check before trying again.
 */
export interface TrackerFailure {
  kind: 'retryable' | 'permanent';
  op: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  message: string;
  /** The tracker's own error messages and per-field errors, when it sent them. */
  errorMessages: string[];
  errors: Record<string, string>;
  rateLimitReason?: string;
  retryAfterMs?: number;
  outcomeUnknown: boolean;
  /** Requests sent; 0 when a quota pause refused the call before sending anything. */
  attempts: number;
}

export type TrackerResult<T> = Result<T, TrackerFailure>;

/** Thrown only by the search iterator (an iterator cannot return a Result per page). */
export class TrackerCallError extends Error {
  readonly failure: TrackerFailure;
  constructor(failure: TrackerFailure) {
    super(`${failure.op} failed (${failure.status}): ${failure.message}`);
    this.name = 'TrackerCallError';
    this.failure = failure;
  }
}

/** An issue as the tracker returns it (fields as requested, changelog when asked for). */
export interface TrackerIssue {
  id: string;
  key?: string;
  self?: string;
  fields?: Record<string, unknown>;
  changelog?: { histories?: unknown[] };
}

export interface CreatedIssueRef {
  id: string;
  key: string;
  self: string;
}

export interface TrackerTransition {
  id: string;
  name: string;
  to: { id: string; name: string; statusCategory?: { key: string } };
}

export interface MoveRequest {
  /** Target project key or id. */
  targetProject: string;
  targetIssueTypeId: string;
  issueIdsOrKeys: readonly string[];
  /** Values for fields the target requires and the source lacks, in the tracker's own shape. */
  targetMandatoryFields?: unknown[];
  sendBulkNotification?: boolean;
}

export interface MoveOutcome {
  taskId: string;
  status: 'COMPLETE' | 'FAILED' | 'CANCELLED' | 'DEAD';
  /** Issue ids the tracker moved. */
  moved: string[];
  /** Per-issue failures by issue id: COMPLETE does not mean every issue moved. */
  failed: Record<string, string[]>;
  invalidOrInaccessibleCount: number;
}

export interface AppFieldValue {
  issueId: number | string;
  value: unknown;
}

export interface SearchOptions {
  /** Fields to return; only ids come back when omitted. */
  fields?: readonly string[];
  /** Page size asked of the tracker (default 100). */
  pageSize?: number;
  /** What each issue comes with besides its fields; `['changelog']` adds its history. */
  expand?: readonly string[];
}

/**
 * The issue tracker as the domain speaks to it. `trackers/jira` implements it for Jira Cloud; a
 * second tracker implements the same methods (and its own stand-in under sidecar/sandbox).
 */
export interface Tracker {
  /** Every issue matching `query` (in the tracker's query language), page after page; throws {@link TrackerCallError} if a page fails. */
  search(query: string, opts?: SearchOptions): AsyncIterable<TrackerIssue>;
  /** One issue; `expand: ['changelog']` adds its history. */
  getIssue(
    issueIdOrKey: string,
    opts?: { fields?: readonly string[]; expand?: readonly string[] },
  ): Promise<TrackerResult<TrackerIssue>>;
  /** `null` unassigns. */
  assignIssue(issueIdOrKey: string, accountId: string | null): Promise<TrackerResult<void>>;
  /** A string is plain text, turned into rich-text paragraphs. `internal` makes an internal note. */
  addComment(
    issueIdOrKey: string,
    body: string | AdfDocument,
    opts?: { internal?: boolean },
  ): Promise<TrackerResult<{ id: string }>>;
  /** Writes the app's own field, `batchSize` issues per request. */
  setAppFieldValues(
    fieldIdOrKey: string,
    values: readonly AppFieldValue[],
    opts?: { batchSize?: number },
  ): Promise<TrackerResult<{ requests: number }>>;
  getTransitions(issueIdOrKey: string): Promise<TrackerResult<TrackerTransition[]>>;
  transitionIssue(
    issueIdOrKey: string,
    transitionId: string,
    opts?: { fields?: Record<string, unknown> },
  ): Promise<TrackerResult<void>>;
  /** Moves issues to another project and waits until the tracker finishes. */
  moveIssues(
    request: MoveRequest,
    opts?: { pollIntervalMs?: number; maxWaitMs?: number },
  ): Promise<TrackerResult<MoveOutcome>>;
  /** Creates an issue (a clone, when a move is not possible). */
  createIssue(input: {
    fields: Record<string, unknown>;
    update?: Record<string, unknown>;
  }): Promise<TrackerResult<CreatedIssueRef>>;
  linkIssues(input: {
    type: string;
    inwardIssue: string;
    outwardIssue: string;
    comment?: string;
  }): Promise<TrackerResult<void>>;
  /** Sets one of the issue's properties (small JSON, readable by anyone who sees the issue). */
  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<TrackerResult<void>>;
}

/** Where a person opens an issue: its page in the tracker its project lives in (settings `trackers`). */
export interface IssueLinks {
  issueLink(issueKey: string, trackers: Trackers | undefined): string;
}

// ——— ticket facts (tracker-neutral) ———

/** Where, in our words, the customer is identified on an issue. */
export interface CustomerMarks {
  organizationIds: string[];
  reporterEmailDomain?: string;
  customerFieldValue?: string;
}

/** An issue as the desk sees it at one moment, whichever tracker holds it. */
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
  /** Where the status stands among the tracker's three steps; absent when the event does not say. */
  statusCategory?: 'todo' | 'inProgress' | 'done';
  /** Keys of the issues linked to this one, when the event carries its links. */
  linkedKeys?: string[];
}

/**
 * One field's change in an update. `field` is in our words: `status`, `resolution`, `priority`,
 * `assignee`, `project`, `issuekey`; `fromString`/`toString` of a priority change are shared
 * priorities (`high`, `medium` …), the rest the tracker's display values.
 */
export interface TicketChange {
  field: string;
  fieldId?: string | null;
  from?: string | null;
  fromString?: string | null;
  to?: string | null;
  toString?: string | null;
}

/** One event as the handlers see it. */
export interface IssueEvent {
  snapshot: IssueSnapshot;
  changes: TicketChange[];
  comment?: { authorIsCustomer: boolean; public: boolean; at: Date };
  /** When the vendor says it happened (else when we received it). */
  at: Date;
}

/** An issue from the sweep's search, read into our words, with the history its fields tell. */
export interface SweptTicket {
  /** The tracker's id, which the Temperature write addresses. */
  id: string;
  snapshot: IssueSnapshot;
  fieldHistory: SlaEvent[];
}

/**
 * How one tracker's issues read as ticket facts: its events (webhook bodies, product events) and
 * the sweep's search (query, fields, mapping). `trackers/<name>/` implements it, so use cases
 * never read a tracker's field names.
 */
export interface IssueSource {
  /**
   * The facts an accepted event carries; undefined when it carries no readable issue. `settings`
   * holds what a tracker may need to put them in our words (e.g. people's YouTrack logins).
   */
  readEvent(payload: unknown, receivedAt: Date, settings?: SettingsDocument): IssueEvent | undefined;
  /** The sweep's search: open issues (of `projects` when given), in a stable order, with the fields read. */
  openTickets(projects?: readonly string[], settings?: SettingsDocument): { query: string; fields: string[] };
  /** One search result; undefined when it lacks what a temperature needs. */
  readTicket(issue: TrackerIssue, receivedAt: Date, settings?: SettingsDocument): SweptTicket | undefined;
}

/** One existing issue as the report backfill reads it from a tracker, in our words. */
export interface BackfillTicket {
  snapshot: IssueSnapshot;
  /** Creation, comments, state changes, resolutions and reopenings. */
  history: SlaEvent[];
  firstAssignedAt: Date | null;
  workStartedAt: Date | null;
}

/** A page of the backfill: how many issues it read, and the tickets of those it could read. */
export interface BackfillPage {
  read: number;
  tickets: BackfillTicket[];
}

/**
 * A tracker's existing issues for the report backfill: pages in a stable order, each with the
 * history of its issues read in bulk (never a call per issue). `skip` issues already counted are
 * not read again; a failed call throws `TrackerCallError`.
 */
export interface BackfillReader {
  pages(settings: SettingsDocument, opts: { skip: number }): AsyncIterable<BackfillPage>;
}

/**
 * The tracker acting as the app (or as the person behind a Forge call) for one installation, with
 * the tokens the platform left sealed in the store; undefined when no live token is held.
 */
export interface AppTrackers {
  forInstallation(installationId: string): Promise<Tracker | undefined>;
  /** As the person when their token is held, else as the app, else the sidecar's own account. */
  forPerson(installationId: string, principal: string | undefined): Promise<Tracker | undefined>;
  /**
   * The same choice, saying whose identity it acts under: `person` with their Forge user token
   * (`appUserToken`), `app` otherwise — so a screen can tell the person that Jira shows the app.
   */
  actingFor(
    installationId: string,
    principal: string | undefined,
  ): Promise<{ tracker: Tracker; actingAs: 'person' | 'app' } | undefined>;
}

// ——— notifier ———

/** The channels Frontline can speak through. */
export type ChannelKind = 'email' | 'telegram' | 'slack';

/** A rendered message, ready for any channel. Stored as-is in the outbox so a retry sends the same words. */
export interface OutboundMessage {
  /** E-mail subject; the other channels show it as the first, bold-worthy line. */
  subject: string;
  /** Plain-text body, short lines, key facts first. */
  text: string;
  /** The issue this message is about (lets a "Take" edit every copy of it). */
  issueKey?: string;
  /** Link to the issue, shown as the last line and as a button where the channel has buttons. */
  link?: { url: string; label: string };
  /** Telegram: add a "Take" button whose callback data is `take:<issueKey>`. */
  takeButton?: { label: string };
  /** The language it was written in, so later edits ("taken by …") match it. */
  language?: 'en' | 'ru';
}

export interface NewOutboxMessage {
  /** Same key twice → one message. Build it from what makes the message unique, e.g. `assigned:SUP-42:acc-7`. */
  idempotencyKey: string;
  channel: ChannelKind;
  /** E-mail address, Telegram chat id, Slack channel id (or `webhook` for an incoming webhook). */
  recipient: string;
  message: OutboundMessage;
  maxAttempts?: number;
  /** Earliest send time; defaults to `now`. */
  notBefore?: Date;
}

/** What assignment and schedules call to send something. */
export interface Notifier {
  /**
   * Puts a message in the outbox (inside the caller's transaction when `tx` is given, so the
   * decision and its notice commit together) and nudges the worker.
   */
  notify(input: NewOutboxMessage, tx?: Queryable): Promise<{ id: string; duplicate: boolean }>;
}

// ——— queue ———

/** Enqueues a job as part of the caller's transaction: it exists only if that commits. */
export type EnqueueInTransaction<Jobs> = <N extends keyof Jobs & string>(
  tx: Queryable,
  name: N,
  data: Jobs[N],
) => Promise<string>;

/** Enqueues a job on its own. */
export type Enqueue<Jobs> = <N extends keyof Jobs & string>(name: N, data: Jobs[N]) => Promise<string>;

// ——— world ———

/** The settings, contracts and calendars a decision is made in; cached while none of them changes. */
export interface WorldSource<World> {
  load(): Promise<World>;
}

// ——— failed work ———

/** A job or message that exhausted its retries (or failed permanently), as the admin API lists it. */
export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  error: string;
  /** ISO 8601. */
  failedAt: string;
  retryCount: number;
}

/** Something that lists failed work and retries it: the job queue, or the notifications. */
export interface FailedWorkSource {
  listFailed(opts?: { limit?: number }): Promise<FailedJob[]>;
  retry(id: string): Promise<boolean>;
}

// ——— observers ———

export type AssignVia = 'auto' | 'forge' | 'telegram' | 'youtrack';

/** Metric observers the use cases report to. */
export interface Observers {
  /** Every recorded assignment (the time-to-assign histogram). */
  onAssigned(via: AssignVia, timeToAssignMs: number): void;
  /** An issue's first public agent reply (the time-to-first-response histogram). */
  onFirstResponse(project: string, ms: number): void;
}
