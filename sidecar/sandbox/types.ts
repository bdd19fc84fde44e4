// The public shape of the Jira stand-in: what tests, the local demo (`npm start` without a Jira
// site) and other parts of the sidecar may rely on. The implementation lives next to this file.
import type { AdfDocument } from '@frontline/shared';

export type { AdfDocument, AdfNode } from '@frontline/shared';

/** Webhook events the stand-in can send, in Jira's own names. */
export const STAND_IN_WEBHOOK_EVENTS = [
  'jira:issue_created',
  'jira:issue_updated',
  'comment_created',
] as const;
export type StandInWebhookEvent = (typeof STAND_IN_WEBHOOK_EVENTS)[number];

/** Where signed admin webhooks go. `events` defaults to all of {@link STAND_IN_WEBHOOK_EVENTS}. */
export interface WebhookTarget {
  url: string;
  /** HMAC-SHA256 key for `X-Hub-Signature: sha256=<hex>` over the raw body. */
  secret: string;
  events?: readonly StandInWebhookEvent[];
  name?: string;
}

export interface StandInOptions {
  /** 0 (default) picks a free port. The stand-in always listens on 127.0.0.1. */
  port?: number;
  /** Seed the Northwind Service demo world (projects, fields, users, a few tickets). Default true. */
  seed?: boolean;
  /** Register one webhook at start, as an admin would in Jira's settings. */
  webhook?: WebhookTarget;
  /** Keep every request/response pair in `exchanges` (for the OpenAPI contract test). */
  record?: boolean;
  /** API tokens accepted for basic auth; default {@link DEMO_CREDENTIALS}. */
  credentials?: readonly { email: string; apiToken: string }[];
  /** Bearer tokens accepted as the Forge app's system token; default [{@link DEMO_APP_TOKEN}]. */
  appTokens?: readonly string[];
  /** Forge user tokens (bearer) and the person each acts as: Jira records that person as the actor. */
  userTokens?: Readonly<Record<string, string>>;
  /** Webhook delivery retries (Jira retries on 408/409/425/429/5xx). */
  webhookRetry?: { maxAttempts?: number; baseDelayMs?: number };
  /** How long a submitted bulk move stays queued before it runs (default 20 ms). */
  bulkTaskDelayMs?: number;
  /** Readable one-line notes of what the stand-in does (webhook deliveries, moves). */
  log?: (line: string) => void;
}

/** One injected failure or delay; matched by method and path (string prefix or RegExp on the path). */
export interface FaultSpec {
  path?: string | RegExp;
  method?: string;
  /** Answer with this status instead of handling the request; omit to only delay it. */
  status?: 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
  /** `RateLimit-Reason` header, e.g. `jira-burst-based`, `jira-quota-tenant-based`. */
  rateLimitReason?: string;
  /** Wait this long before answering (the fault status, or the real answer when no status). */
  delayMs?: number;
  /** How many matching requests this fault applies to. */
  times: number;
}

export interface FaultHandle {
  /** Matching requests this fault has answered so far. */
  readonly hits: number;
  readonly remaining: number;
}

export interface FaultInjector {
  inject(spec: FaultSpec): FaultHandle;
  clear(): void;
}

/** A request the stand-in handled and what it answered, as seen on the wire. */
export interface RecordedExchange {
  method: string;
  /** Path without the query string, e.g. `/rest/api/3/issue/SUP-1`. */
  path: string;
  query: Record<string, string | string[]>;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
  /** True when an injected fault produced the answer. */
  injected: boolean;
}

/** One webhook delivery attempt the stand-in made. */
export interface WebhookDeliveryAttempt {
  identifier: string;
  event: StandInWebhookEvent;
  url: string;
  attempt: number;
  /** HTTP status, or 0 when the connection failed. */
  status: number;
}

export interface WebhookRegistration {
  id: number;
  self: string;
  name: string;
  url: string;
  events: readonly StandInWebhookEvent[];
}

export interface StandInUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType: 'atlassian' | 'app' | 'customer';
  timeZone: string;
  active: boolean;
}

export interface StandInComment {
  id: string;
  authorId: string;
  body: AdfDocument;
  /** JSM: false for internal notes (`sd.public.comment` property `{internal: true}`). */
  public: boolean;
  created: string;
}

export interface StandInIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  description: AdfDocument | null;
  reporterId: string | null;
  assigneeId: string | null;
  priorityId: string;
  labels: string[];
  /** Custom field values by field id (`customfield_10050`), including app field values. */
  custom: Record<string, unknown>;
  comments: StandInComment[];
  created: string;
  updated: string;
}

export interface StandInIssueLink {
  id: string;
  typeName: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

/** What a demo ticket needs; everything else gets defaults. */
export interface NewIssueInput {
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description?: string;
  reporterId?: string;
  assigneeId?: string | null;
  priorityId?: string;
  labels?: string[];
  custom?: Record<string, unknown>;
}

/** Read access to the in-memory Jira, plus direct writes for test set-up (no webhooks, no auth). */
export interface StandInState {
  issue(idOrKey: string): StandInIssue | undefined;
  issues(): readonly StandInIssue[];
  links(): readonly StandInIssueLink[];
  user(accountId: string): StandInUser | undefined;
  /** Creates an issue as set-up (sends `jira:issue_created` like a UI-created issue would). */
  createIssue(input: NewIssueInput): StandInIssue;
  /** Webhook attempts made so far, in order. */
  deliveries(): readonly WebhookDeliveryAttempt[];
}

export interface JiraStandIn {
  /** Base URL, e.g. `http://127.0.0.1:41234` (REST paths hang below it). */
  url: string;
  state: StandInState;
  faults: FaultInjector;
  /** Recorded pairs when started with `record: true`; empty otherwise. */
  exchanges: RecordedExchange[];
  registerWebhook(target: WebhookTarget): WebhookRegistration;
  /** Creates a handful of demo tickets across SUP/HW/DB and returns them. */
  createDemoTickets(): StandInIssue[];
  /** Resolves when no webhook delivery is pending or scheduled for retry. */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Basic-auth credentials the stand-in accepts by default (an automation account's API token). */
export const DEMO_CREDENTIALS = {
  email: 'automation@northwind.example',
  apiToken: 'stand-in-api-token',
} as const;

/** The bearer token the stand-in accepts by default as the Forge app's system token. */
export const DEMO_APP_TOKEN = 'stand-in-forge-app-token';
