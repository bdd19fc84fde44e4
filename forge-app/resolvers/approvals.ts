// The Contract panel's approval part: list the issue's requests to approve paid work (with their
// audit), send a new one (estimate and the customer's contact), and record a decision that came by
// phone or letter. Payloads are checked here with the shared schemas; the sidecar decides the rest
// (is this paid work, does a request already await an answer) and keeps the audit.
import { z } from 'zod';
import { EstimateSchema, RecordedDecisionSchema } from '@frontline/shared';
import type { CustomerClient } from '../remote/customer-client.js';
import type { RemoteError } from '../remote/sidecar-client.js';
import { sidecarFailure } from './issue-views.js';
import type { ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { contextIssue, failure, parsePayload } from './resolver-kit.js';

const RequestPayload = z.strictObject({
  estimate: EstimateSchema,
  contact: z.strictObject({
    email: z.email({ error: 'Give the contact’s e-mail address' }),
    name: z.string().trim().min(1).max(200).optional(),
  }),
});

/** A refusal the person can act on (409: not paid work, already awaiting, nothing awaiting). */
function answerOf(
  got: { ok: true; value: unknown } | { ok: false; error: RemoteError },
): ResolverAnswer<unknown> {
  if (got.ok) return { ok: true, value: got.value };
  if (got.error.status === 409 || got.error.status === 422)
    return failure('refused', got.error.message, got.error.details);
  return sidecarFailure(got.error);
}

export function approvalResolvers(
  deps: Pick<ResolverDeps, 'now'> & { customer: CustomerClient },
): Record<string, ResolverHandler> {
  return {
    'approvals.load': async (_payload, context) => {
      const issue = contextIssue(context);
      return issue.ok ? answerOf(await deps.customer.approvals(issue.value.key)) : issue;
    },
    'approvals.request': async (payload, context) => {
      const issue = contextIssue(context);
      if (!issue.ok) return issue;
      const input = parsePayload(RequestPayload, payload);
      if (!input.ok) return input;
      return answerOf(await deps.customer.requestApproval(issue.value.key, input.value));
    },
    'approvals.record': async (payload, context) => {
      const issue = contextIssue(context);
      if (!issue.ok) return issue;
      const input = parsePayload(RecordedDecisionSchema, payload);
      if (!input.ok) return input;
      if (Date.parse(input.value.decidedAt) > deps.now().getTime() + 60_000)
        return failure('badRequest', 'The decision cannot be in the future', [
          { path: 'decidedAt', message: 'The decision cannot be in the future' },
        ]);
      return answerOf(await deps.customer.recordApproval(issue.value.key, input.value));
    },
  };
}
