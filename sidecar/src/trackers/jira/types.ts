// The public shape of the Jira gateway: the only door from the sidecar to Jira's REST API. It is the
// tracker port (ports.ts) for Jira, plus what only Jira has (create metadata, users, projects, fields,
// acting as the Forge app with a per-call token). The port's vocabulary keeps its Jira names here.
import type {
  MoveOutcome,
  MoveRequest,
  Tracker,
  TrackerFailure,
  TrackerIssue,
  TrackerResult,
  TrackerTransition,
} from '../../ports.js';

export { TrackerCallError as JiraCallError } from '../../ports.js';
export type { AppFieldValue, CreatedIssueRef, SearchOptions } from '../../ports.js';
export type JiraFailure = TrackerFailure;
export type JiraResult<T> = TrackerResult<T>;
export type JiraIssue = TrackerIssue;
export type JiraTransition = TrackerTransition;
export type BulkMoveRequest = MoveRequest;
export type BulkMoveOutcome = MoveOutcome;

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

export interface JiraGateway extends Tracker {
  editIssue(
    issueIdOrKey: string,
    input: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
    opts?: { notifyUsers?: boolean },
  ): Promise<JiraResult<void>>;
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
