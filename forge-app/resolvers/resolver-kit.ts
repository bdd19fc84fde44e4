// What every resolver group shares: its dependencies, the invocation context, and the rule that
// nothing is ever thrown across the bridge — the UI always gets `{ ok, value | error }`.
import { makeResolver } from '@forge/resolver';
import type { z } from 'zod';
import type { Result } from '@frontline/shared';
import { toFieldIssues } from '@frontline/shared';
import type { JiraClient } from '../jira/jira-client.js';
import type { AppStore } from '../storage/app-store.js';
import type { SidecarClient } from '../remote/sidecar-client.js';

/** Everything a resolver may touch; the composition root passes the real ones, tests pass fakes. */
export interface ResolverDeps {
  jira: JiraClient;
  store: AppStore;
  sidecar: SidecarClient;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** How long `route.execute` waits for a bulk move before the modal takes over polling. */
  moveWaitMs?: number;
}

/** The invocation context Forge passes (only the parts Frontline reads). */
export interface InvocationContext {
  accountId?: string;
  extension?: { issue?: { id?: string | number; key?: string }; project?: { key?: string } };
}

import type { ResolverAnswer, ResolverError } from '../ui-contract.js';
export type { ResolverAnswer, ResolverError };

export type ResolverHandler = (
  payload: unknown,
  context: InvocationContext,
) => Promise<ResolverAnswer<unknown>>;

/** A typed failure for the UI. */
export const failure = (
  code: string,
  message: string,
  details?: unknown,
): { ok: false; error: ResolverError } => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Parses a payload with a zod schema into a typed value or a `badRequest` failure naming each field. */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  payload: unknown,
): Result<z.output<S>, ResolverError> {
  const parsed = schema.safeParse(payload);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : failure('badRequest', 'The request was not understood', toFieldIssues(parsed.error));
}

/** The issue the module was opened on, from the trusted context rather than the payload. */
export function contextIssue(context: InvocationContext): Result<{ id: string; key: string }, ResolverError> {
  const issue = context.extension?.issue;
  if (!issue?.key || issue.id === undefined)
    return failure('noIssue', 'This action must be opened from an issue');
  return { ok: true, value: { id: String(issue.id), key: issue.key } };
}

/** Turns named handlers into the Forge function handler; an exception becomes an `internal` failure. */
export function toForgeHandler(handlers: Record<string, ResolverHandler>) {
  const guarded = Object.fromEntries(
    Object.entries(handlers).map(([key, handler]) => [
      key,
      async ({ payload, context }: { payload: unknown; context: InvocationContext }) => {
        try {
          return await handler(payload, context);
        } catch (error) {
          console.error(`resolver ${key} failed`, error);
          return failure(
            'internal',
            'Something went wrong on our side; nothing more was changed. Try again.',
          );
        }
      },
    ]),
  );
  return makeResolver(guarded);
}
