// The public shape of the Jira gateway: the only door from the sidecar to Jira's REST API.
import type { Result } from '@frontline/shared';
import type { AdfDocument } from './adf.js';

export type { AdfDocument, AdfNode } from './adf.js';

export type JiraAuth =
  | { type: 'basic'; email: string; apiToken: string }
  /** The Forge app's system token (`x-forge-oauth-system`), sent as a bearer token. */
  | { type: 'appToken'; token: string };

/** The pino subset the gateway uses; a pino logger fits. */
export interface JiraLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JiraGatewayHooks {
  /** Every HTTP attempt: operation name, status (0 for a network failure or timeout), duration. */
  onCall?(op: string, status: number, ms: number): void;
  /** Every deliberate wait after a 429 (or a quota pause), with Jira's `RateLimit-Reason` if any. */
  onRateLimitWait?(ms: number, reason: string | undefined): void;
}

/** Per-issue write limits; Jira's are 20 writes per 2 s and 100 per 30 s. */
export interface WriteWindow {
  limit: number;
  windowMs: number;
}

export interface JiraGatewayOptions {
  baseUrl: string;
  auth: JiraAuth;
  /** Per attempt (default 10 000 ms). */
  timeoutMs?: number;
  /** Requests in flight at once (default 8). */
  maxConcurrency?: number;
  logger: JiraLogger;
  hooks?: JiraGatewayHooks;
  /**
   * Attempts per call for retryable failures (default 5) and backoff bounds. A wait longer than
   * `maxWaitMs` (default 120 000, e.g. a quota reset an hour away) is not sat out inside the call:
   * the call fails as retryable with `retryAfterMs`, so a job can be rescheduled instead.
   */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxWaitMs?: number };
  /** Default pause when a quota 429 has no `Retry-After` (default 60 000 ms). */
  quotaPauseMs?: number;
  /** Default Jira's per-issue write limits. */
  writeWindows?: readonly WriteWindow[];
  /** Seams for tests: clock, sleep and jitter source. */
  clock?: { now(): number; sleep(ms: number): Promise<void>; random(): number };
}

/**
 * Why a Jira call failed. `retryable` failures (429, 5xx, network, timeout) may succeed later;
 * `permanent` ones (400, 401, 403, 404, 409, 422 …) will not without a change.
 * `outcomeUnknown` marks a non-idempotent write that may have been applied before it failed
 * (a timeout or 5xx after a create/comment): check before trying again.
 */
export interface JiraFailure {
  kind: 'retryable' | 'permanent';
  op: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  message: string;
  /** Jira's `errorMessages` and `errors` when it sent them. */
  errorMessages: string[];
  errors: Record<string, string>;
  rateLimitReason?: string;
  retryAfterMs?: number;
  outcomeUnknown: boolean;
  /** Requests sent; 0 when a quota pause refused the call before sending anything. */
  attempts: number;
}

export type JiraResult<T> = Result<T, JiraFailure>;

/** Thrown only by the search iterator (an iterator cannot return a Result per page). */
export class JiraCallError extends Error {
  readonly failure: JiraFailure;
  constructor(failure: JiraFailure) {
    super(`${failure.op} failed (${failure.status}): ${failure.message}`);
    this.name = 'JiraCallError';
    this.failure = failure;
  }
}

/** An issue as Jira returns it (fields as requested). */
export interface JiraIssue {
  id: string;
  key?: string;
  self?: string;
  fields?: Record<string, unknown>;
}

export interface CreatedIssueRef {
  id: string;
  key: string;
  self: string;
}

export interface JiraUser {
  accountId: string;
  displayName?: string;
  emailAddress?: string;
  accountType?: string;
  active?: boolean;
  timeZone?: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
}

export interface JiraField {
  id: string;
  key?: string;
  name: string;
  custom: boolean;
  schema?: { type: string; custom?: string; customId?: number; items?: string };
}

export interface CreateMetaIssueType {
  id: string;
  name: string;
  subtask?: boolean;
}

export interface CreateMetaField {
  fieldId: string;
  key: string;
  name: string;
  required: boolean;
  schema: { type: string; custom?: string; items?: string };
  allowedValues?: unknown[];
}

export interface JiraTransition {
  id: string;
  name: string;
  to: { id: string; name: string; statusCategory?: { key: string } };
}

export interface BulkMoveRequest {
  /** Target project key or id. */
  targetProject: string;
  targetIssueTypeId: string;
  issueIdsOrKeys: readonly string[];
  /** Values for fields the target requires and the source lacks, in Jira's `targetMandatoryFields` shape. */
  targetMandatoryFields?: unknown[];
  sendBulkNotification?: boolean;
}

export interface BulkMoveOutcome {
  taskId: string;
  status: 'COMPLETE' | 'FAILED' | 'CANCELLED' | 'DEAD';
  /** Issue ids Jira processed (moved). */
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
  /** Fields to return; Jira returns ids only when omitted. */
  fields?: readonly string[];
  /** Page size asked of Jira (default 100). */
  pageSize?: number;
}

export interface JiraGateway {
  getIssue(issueIdOrKey: string, opts?: { fields?: readonly string[] }): Promise<JiraResult<JiraIssue>>;
  createIssue(input: {
    fields: Record<string, unknown>;
    update?: Record<string, unknown>;
  }): Promise<JiraResult<CreatedIssueRef>>;
  editIssue(
    issueIdOrKey: string,
    input: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
    opts?: { notifyUsers?: boolean },
  ): Promise<JiraResult<void>>;
  /** `null` unassigns. */
  assignIssue(issueIdOrKey: string, accountId: string | null): Promise<JiraResult<void>>;
  /** A string is plain text, turned into ADF paragraphs. `internal` makes a JSM internal note. */
  addComment(
    issueIdOrKey: string,
    body: string | AdfDocument,
    opts?: { internal?: boolean },
  ): Promise<JiraResult<{ id: string }>>;
  getTransitions(issueIdOrKey: string): Promise<JiraResult<JiraTransition[]>>;
  transitionIssue(
    issueIdOrKey: string,
    transitionId: string,
    opts?: { fields?: Record<string, unknown> },
  ): Promise<JiraResult<void>>;
  linkIssues(input: {
    type: string;
    inwardIssue: string;
    outwardIssue: string;
    comment?: string;
  }): Promise<JiraResult<void>>;
  /** Every issue matching `jql`, page after page; throws {@link JiraCallError} if a page fails. */
  searchJql(jql: string, opts?: SearchOptions): AsyncIterable<JiraIssue>;
  /** Submits a bulk move and polls until Jira finishes; per-issue failures are in the outcome. */
  moveIssues(
    request: BulkMoveRequest,
    opts?: { pollIntervalMs?: number; maxWaitMs?: number },
  ): Promise<JiraResult<BulkMoveOutcome>>;
  /** Writes the app's own custom field (Forge app token only), `batchSize` issues per request. */
  setAppFieldValues(
    fieldIdOrKey: string,
    values: readonly AppFieldValue[],
    opts?: { batchSize?: number },
  ): Promise<JiraResult<{ requests: number }>>;
  getCreateMetaIssueTypes(projectIdOrKey: string): Promise<JiraResult<CreateMetaIssueType[]>>;
  getCreateMetaFields(projectIdOrKey: string, issueTypeId: string): Promise<JiraResult<CreateMetaField[]>>;
  getUser(accountId: string): Promise<JiraResult<JiraUser>>;
  findUsers(query: string): Promise<JiraResult<JiraUser[]>>;
  getProject(projectIdOrKey: string): Promise<JiraResult<JiraProject>>;
  searchProjects(): Promise<JiraResult<JiraProject[]>>;
  getFields(): Promise<JiraResult<JiraField[]>>;
  /**
   * The same gateway acting as the Forge app with a per-call token at the site's `apiBaseUrl`.
   * Shares this gateway's concurrency limit, quota pause and per-issue pacing.
   */
  forAppToken(token: string, apiBaseUrl: string): JiraGateway;
}
