// The only module that calls Jira (`requestJira`). Each call is written out literally — a `route`
// template and a literal `method` — so `@forge/lint` can check every endpoint against the scopes
// in manifest.yml. Callers get typed results; a Jira error never escapes as an exception.
import { route } from '@forge/api';
import type { Route } from '@forge/api';
import type { Result } from '@frontline/shared';

/** What `requestJira` answers (a subset of the fetch Response). */
export interface JiraResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

/** One identity's `requestJira` (the user who clicked, or the app). */
export interface JiraRequester {
  requestJira(
    url: Route,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<JiraResponse>;
}

/** The part of `@forge/api` this module needs (requests as the user who clicked); tests pass a fetch-backed stand-in. */
export interface ForgeProductApi {
  asUser(): JiraRequester;
}

/** A failed Jira call: HTTP status (0 when the call itself failed) and Jira's own messages. */
export interface JiraError {
  status: number;
  message: string;
  /** Field id → message, as Jira reports per-field validation failures. */
  fieldErrors: Record<string, string>;
}

export type JiraResult<T> = Promise<Result<T, JiraError>>;

/** A Jira issue with field values keyed by id and, with `expand=names`, their display names. */
export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  names?: Record<string, string>;
}

export interface BulkTaskProgress {
  taskId: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCEL_REQUESTED' | 'CANCELLED' | 'DEAD';
  progressPercent: number;
  /** Issue id → Jira's messages for issues the task could not move. */
  failedAccessibleIssues: Record<string, string[]>;
  processedAccessibleIssues: number[];
  invalidOrInaccessibleIssueCount: number;
}

export interface JiraTransition {
  id: string;
  name: string;
  to: { name: string; statusCategory?: { key: string } };
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  locale?: string;
  timeZone?: string;
}

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** A Jira answer as a typed result (Jira's error body as a readable message). */
export async function read<T>(response: Promise<JiraResponse>): JiraResult<T> {
  let res: JiraResponse;
  try {
    res = await response;
  } catch (error) {
    return { ok: false, error: { status: 0, message: String(error), fieldErrors: {} } };
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (res.ok) return { ok: true, value: body as T };
  return { ok: false, error: jiraError(res.status, body) };
}

/** Jira's error body (`errorMessages`, `errors`) as one readable message plus per-field messages. */
export function jiraError(status: number, body: unknown): JiraError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    errorMessages?: unknown;
    errors?: unknown;
    message?: unknown;
  };
  const fieldErrors = Object.fromEntries(
    Object.entries(typeof b.errors === 'object' && b.errors !== null ? b.errors : {}).map(([k, v]) => [
      k,
      String(v),
    ]),
  );
  const messages = [
    ...(Array.isArray(b.errorMessages) ? b.errorMessages.map(String) : []),
    ...(typeof b.message === 'string' ? [b.message] : []),
    ...Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v}`),
  ];
  const message = messages.length
    ? messages.join('; ')
    : typeof body === 'string' && body
      ? body
      : `HTTP ${status}`;
  return { status, message, fieldErrors };
}

/** Jira calls made as the user who clicked (their permissions apply) or as the app. */
export function createJiraClient(api: ForgeProductApi) {
  const user = () => api.asUser();
  return {
    getIssue: (key: string) =>
      read<JiraIssue>(
        user().requestJira(route`/rest/api/3/issue/${key}?expand=names`, { method: 'GET', headers: json }),
      ),

    getCreateMetaIssueTypes: (project: string) =>
      read<{ issueTypes?: { id: string; name: string; subtask?: boolean }[] }>(
        user().requestJira(route`/rest/api/3/issue/createmeta/${project}/issuetypes?maxResults=200`, {
          method: 'GET',
          headers: json,
        }),
      ),

    getCreateMetaFields: (project: string, issueTypeId: string) =>
      read<{ fields?: unknown[] }>(
        user().requestJira(
          route`/rest/api/3/issue/createmeta/${project}/issuetypes/${issueTypeId}?maxResults=200`,
          {
            method: 'GET',
            headers: json,
          },
        ),
      ),

    submitBulkMove: (body: unknown) =>
      read<{ taskId: string }>(
        user().requestJira(route`/rest/api/3/bulk/issues/move`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify(body),
        }),
      ),

    getBulkTask: (taskId: string) =>
      read<BulkTaskProgress>(
        user().requestJira(route`/rest/api/3/bulk/queue/${taskId}`, { method: 'GET', headers: json }),
      ),

    createIssue: (body: unknown) =>
      read<{ id: string; key: string }>(
        user().requestJira(route`/rest/api/3/issue`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify(body),
        }),
      ),

    editIssue: (key: string, body: unknown) =>
      read<void>(
        user().requestJira(route`/rest/api/3/issue/${key}`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify(body),
        }),
      ),

    linkIssues: (body: unknown) =>
      read<void>(
        user().requestJira(route`/rest/api/3/issueLink`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify(body),
        }),
      ),

    getTransitions: (key: string) =>
      read<{ transitions: JiraTransition[] }>(
        user().requestJira(route`/rest/api/3/issue/${key}/transitions`, { method: 'GET', headers: json }),
      ),

    transitionIssue: (key: string, transitionId: string) =>
      read<void>(
        user().requestJira(route`/rest/api/3/issue/${key}/transitions`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ transition: { id: transitionId } }),
        }),
      ),

    /**
     * Adds a comment; `internal` makes it a JSM internal note (the `sd.public.comment` property).
     * `properties` are stored with the comment in the same request (comment entity properties).
     */
    addComment: (
      key: string,
      adfBody: unknown,
      internal = false,
      properties: readonly { key: string; value: unknown }[] = [],
    ) => {
      const all = [
        ...(internal ? [{ key: 'sd.public.comment', value: { internal: true } }] : []),
        ...properties,
      ];
      return read<{ id: string }>(
        user().requestJira(route`/rest/api/3/issue/${key}/comment`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ body: adfBody, ...(all.length ? { properties: all } : {}) }),
        }),
      );
    },

    /** The site's fields, system and custom (`GET /rest/api/3/field`). */
    getFields: () =>
      read<{ id: string; name: string; custom?: boolean }[]>(
        user().requestJira(route`/rest/api/3/field`, { method: 'GET', headers: json }),
      ),

    myself: () =>
      read<JiraUser>(user().requestJira(route`/rest/api/3/myself`, { method: 'GET', headers: json })),
  };
}

export type JiraClient = ReturnType<typeof createJiraClient>;
