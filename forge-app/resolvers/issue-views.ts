// The issue view's read-mostly screens: the Temperature glance, the Contract panel and Suggested
// assignees. Each answer comes fresh from the sidecar on open (no KVS copy: a stale score, verdict
// or ranking would mislead more than a clear "sidecar unreachable"); assigning goes through the
// sidecar too, which records the decision for time to assign.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RemoteError } from '../remote/sidecar-client.js';
import type { AssignedView, ContractPanelView, SuggestionsView, TemperatureView } from '../ui-contract.js';
import type { ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { contextIssue, failure, parsePayload } from './resolver-kit.js';

const BilingualSchema = z.looseObject({ en: z.string(), ru: z.string() });

const TemperatureSchema = z.looseObject({
  issueKey: z.string(),
  computedAt: z.string(),
  score: z.number(),
  band: z.enum(['cold', 'warm', 'hot', 'critical']),
  bands: z.looseObject({ warm: z.number(), hot: z.number(), critical: z.number() }),
  factors: z.array(z.looseObject({ factor: z.string(), points: z.number(), reason: BilingualSchema })),
  customer: z.looseObject({ id: z.string(), name: z.string() }).nullable(),
});

const PanelSchema = z.looseObject({
  state: z.enum(['matched', 'noContracts', 'noCustomer']),
  contracts: z.array(
    z.looseObject({ id: z.string(), number: z.string(), verdict: z.looseObject({ verdict: z.string() }) }),
  ),
});

const PeopleSchema = z.array(
  z.looseObject({
    accountId: z.string(),
    name: z.string(),
    reasons: z.array(BilingualSchema.extend({ code: z.string() })),
  }),
);
const SuggestionsSchema = z.looseObject({
  rankedAt: z.string(),
  assigneeAccountId: z.string().nullable(),
  offHours: z.boolean(),
  candidates: PeopleSchema,
  excluded: PeopleSchema,
  candidatesTotal: z.number(),
  excludedTotal: z.number(),
});

const AssignPayload = z.object({ accountId: z.string().trim().min(1) });

/** The resolvers of the three issue-view screens. */
export function issueViewResolvers(deps: ResolverDeps): Record<string, ResolverHandler> {
  return {
    'temperature.load': (_payload, context) => withIssue(context, (key) => loadTemperature(deps, key)),
    'contracts.load': (_payload, context) => withIssue(context, (key) => loadContracts(deps, key)),
    'suggestions.load': (_payload, context) => withIssue(context, (key) => loadSuggestions(deps, key)),
    'suggestions.assign': (payload, context) => withIssue(context, (key) => assign(deps, key, payload)),
  };
}

async function withIssue<T>(
  context: Parameters<ResolverHandler>[1],
  run: (issueKey: string) => Promise<ResolverAnswer<T>>,
): Promise<ResolverAnswer<T>> {
  const issue = contextIssue(context);
  return issue.ok ? run(issue.value.key) : issue;
}

/**
 * A failed sidecar call as the screens tell it: `unreachable` (no answer, or a gateway/no-token
 * 5xx — nothing the user can fix but wait), `notFound`, or `sidecar` with the sidecar's message.
 */
export function sidecarFailure(error: RemoteError): { ok: false; error: { code: string; message: string } } {
  if (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504)
    return failure('unreachable', error.message);
  if (error.status === 404) return failure('notFound', error.message);
  return failure('sidecar', error.message);
}

/** Checks the sidecar's answer against what the screen reads; a mismatch is the sidecar's fault. */
function checked<S extends z.ZodType, T>(schema: S, value: unknown): ResolverAnswer<T> {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data as T }
    : failure('sidecar', 'The sidecar answered in a shape this app does not know; update one of them.');
}

async function loadTemperature(deps: ResolverDeps, key: string): Promise<ResolverAnswer<TemperatureView>> {
  const got = await deps.sidecar.getTemperature(key);
  return got.ok ? checked(TemperatureSchema, got.value) : sidecarFailure(got.error);
}

async function loadContracts(deps: ResolverDeps, key: string): Promise<ResolverAnswer<ContractPanelView>> {
  const got = await deps.sidecar.getContractPanel(key);
  return got.ok ? checked(PanelSchema, got.value) : sidecarFailure(got.error);
}

async function loadSuggestions(deps: ResolverDeps, key: string): Promise<ResolverAnswer<SuggestionsView>> {
  const got = await deps.sidecar.getSuggestions(key);
  if (got.ok) {
    const view = checked<typeof SuggestionsSchema, Omit<SuggestionsView & { state: 'ranked' }, 'state'>>(
      SuggestionsSchema,
      got.value,
    );
    return view.ok ? { ok: true, value: { state: 'ranked', ...view.value } } : view;
  }
  // Not ranked yet (a brand-new issue, or one the sidecar has not seen): an empty state, not an error.
  if (got.error.status === 404) return { ok: true, value: { state: 'none' } };
  return sidecarFailure(got.error);
}

/** The sidecar's worded reason in an error's details, when it has the shape the screens read. */
function wordedReason(
  details: unknown,
): { code: string; params: Record<string, unknown>; en: string; ru: string } | undefined {
  const reason = (details as { reason?: unknown } | undefined)?.reason as Record<string, unknown> | undefined;
  if (!reason || typeof reason !== 'object') return undefined;
  const { code, params, en, ru } = reason;
  if (typeof code !== 'string' || typeof en !== 'string' || typeof ru !== 'string') return undefined;
  const fields = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  return { code, params: fields, en, ru };
}

async function assign(
  deps: ResolverDeps,
  key: string,
  payload: unknown,
): Promise<ResolverAnswer<AssignedView>> {
  const input = parsePayload(AssignPayload, payload);
  if (!input.ok) return input;
  const done = await deps.sidecar.assign(key, input.value.accountId, randomUUID());
  if (!done.ok) {
    // A refusal the sidecar words (`details.reason`: code, params, en, ru) goes to the screen whole,
    // whatever the status — the tracker refusing is not the sidecar being unreachable.
    const reason = wordedReason(done.error.details);
    if (reason && done.error.status !== 0) return failure('refused', done.error.message, { reason });
    // 4xx from the sidecar is a refusal with a reason (absent engineer, no permission in Jira).
    if (done.error.status >= 400 && done.error.status < 500 && done.error.status !== 404)
      return failure('refused', done.error.message);
    return sidecarFailure(done.error);
  }
  return {
    ok: true,
    value: {
      accountId: input.value.accountId,
      suggestedRank: done.value.suggestedRank ?? null,
      // An older sidecar does not say; it acted as the app.
      actingAs: done.value.actingAs ?? 'app',
    },
  };
}
