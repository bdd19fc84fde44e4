// The customer side's API for the desk.
// Under /forge/api (FIT-verified, the Contract panel and the Service report):
//   GET  /issues/:key/approvals          the issue's approval requests, each with its audit
//   POST /issues/:key/approvals          ask the customer to approve paid work { estimate, contact }
//   POST /issues/:key/approvals/record   record a decision given another way (phone, letter)
//   GET  /customer/ratings?from&to       ratings and NPS per customer, engineer and team
// Under /api (admin token): GET /ratings?from&to, the same figures.
import { Router } from 'express';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { EstimateSchema, parseWith, RecordedDecisionSchema } from '@frontline/shared';
import type { Approvals, CustomerProblem } from '../../customer/approvals.js';
import type { Feedback } from '../../customer/feedback.js';
import { requireAdminToken } from '../admin/auth.js';
import { HttpError } from '../errors.js';
import { forgeClaims } from '../forge/index.js';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

const RequestSchema = z.strictObject({
  estimate: EstimateSchema,
  contact: z.strictObject({
    email: z.email({ error: 'Give the contact’s e-mail address' }).max(254),
    name: z.string().trim().min(1).max(200).optional(),
  }),
});

const PROBLEM_STATUS: Record<CustomerProblem['code'], number> = {
  not_paid_work: 409,
  no_contract: 409,
  already_awaiting: 409,
  not_awaiting: 409,
  not_found: 404,
  no_tracker: 503,
  issue_unreadable: 502,
};

function issueKey(req: Request): string {
  const key = String(req.params.key);
  if (!ISSUE_KEY.test(key))
    throw new HttpError(400, 'invalid_issue_key', `"${key}" is not an issue key (like SUP-42)`);
  return key;
}

function body<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = parseWith(schema, req.body ?? {});
  if (!parsed.ok) throw new HttpError(422, 'invalid_request', 'The request is not valid', parsed.error);
  return parsed.value;
}

/** `from`/`to` query dates (ISO); default: the last 90 days up to now. */
function period(req: Request, now: Date): { from: Date; to: Date } {
  const read = (name: 'from' | 'to', fallback: Date): Date => {
    const raw = req.query[name];
    if (raw === undefined) return fallback;
    const at = typeof raw === 'string' ? new Date(raw) : new Date(Number.NaN);
    if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 2000 || at.getUTCFullYear() > 2100) {
      const message = `Query parameter "${name}" must be an ISO 8601 date between 2000 and 2100`;
      throw new HttpError(400, 'invalid_query', message, [{ path: name, message }]);
    }
    return at;
  };
  const to = read('to', now);
  const from = read('from', new Date(to.getTime() - 90 * 86_400_000));
  if (from >= to) {
    const message = '"from" must be before "to"';
    throw new HttpError(400, 'invalid_query', message, [{ path: 'from', message }]);
  }
  return { from, to };
}

/** A customer-side problem as the HTTP error every router answers it with. */
export function customerProblemError(problem: CustomerProblem): HttpError {
  return new HttpError(PROBLEM_STATUS[problem.code], problem.code, problem.message);
}

function fail(res: Response, problem: CustomerProblem): void {
  throw customerProblemError(problem);
}

export interface CustomerApiDeps {
  approvals: Approvals;
  feedback: Feedback;
  adminToken: string | undefined;
  now: () => Date;
}

/** Routes for the Forge app (mount under /forge/api). */
export function createCustomerForgeRouter(deps: CustomerApiDeps): Router {
  const router = Router();
  router.get('/issues/:key/approvals', async (req, res) => {
    const key = issueKey(req);
    res.json({
      issueKey: key,
      approvals: await deps.approvals.ofIssue(key, forgeClaims(res).installationId),
    });
  });
  router.post('/issues/:key/approvals', async (req, res) => {
    const key = issueKey(req);
    const input = body(RequestSchema, req);
    const claims = forgeClaims(res);
    const done = await deps.approvals.request({
      issueKey: key,
      installationId: claims.installationId,
      requestedBy: claims.principal ?? 'app',
      estimate: input.estimate,
      contact: input.contact,
    });
    if (!done.ok) return fail(res, done.error);
    res.status(201).json(done.value);
  });
  router.post('/issues/:key/approvals/record', async (req, res) => {
    const key = issueKey(req);
    const decision = body(RecordedDecisionSchema, req);
    const claims = forgeClaims(res);
    const done = await deps.approvals.record({
      issueKey: key,
      installationId: claims.installationId,
      recordedBy: claims.principal ?? 'app',
      decision,
    });
    if (!done.ok) return fail(res, done.error);
    res.json(done.value);
  });
  router.get('/customer/ratings', async (req, res) => {
    const { from, to } = period(req, deps.now());
    res.json(await deps.feedback.report(from, to));
  });
  return router;
}

/** The admin route (mount under /api). */
export function createCustomerAdminRouter(deps: CustomerApiDeps): Router {
  const router = Router();
  router.get(
    '/ratings',
    requireAdminToken(deps.adminToken ? [{ name: 'admin-token', token: deps.adminToken }] : []),
    async (req, res) => {
      const { from, to } = period(req, deps.now());
      res.json(await deps.feedback.report(from, to));
    },
  );
  return router;
}
