// The customer's page at /c: GET /c/<token> shows the question the signed link asks (approve paid
// work, rate a ticket, answer the NPS question); POST /c takes the answer with the token in the
// form body. GET never changes anything; a token is the only capability (no cookie, no session),
// so a cross-site form cannot act for anyone without the link itself. A forged, expired or used
// link gets a clear page and nothing changes; attempts are limited per token and per address.
import express, { Router } from 'express';
import type { Request, Response } from 'express';
import { customerText, NpsAnswerSchema, RatingAnswerSchema } from '@frontline/shared';
import type { Language, Register, TokenClaims } from '@frontline/shared';
import type { Approvals } from '../../customer/approvals.js';
import type { Feedback } from '../../customer/feedback.js';
import { approvalPage, messagePage, npsPage, PAGE_CSP, ratingPage } from '../../customer/page.js';
import type { RateLimiter } from '../../customer/rate-limit.js';
import { recipientHash } from '../../customer/tokens.js';
import type { LinkSigner } from '../../customer/tokens.js';
import { unstorableParam } from '../json-body.js';

export interface CustomerPageDeps {
  approvals: Approvals;
  feedback: Feedback;
  signer: LinkSigner;
  limiter: RateLimiter;
  now: () => Date;
  /** The provider's name for the NPS question (settings), if set. */
  providerName(): Promise<string | undefined>;
}

/** The language of a page that cannot know its reader (a forged link): the browser's preference. */
function browserLanguage(req: Request): Language {
  return req.acceptsLanguages('en', 'ru') === 'ru' ? 'ru' : 'en';
}

function send(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_CSP,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    })
    .send(html);
}

interface Reader {
  language: Language;
  register: Register;
}

const problemStatus = { forged: 400, expired: 410, used: 409, busy: 429 } as const;

/** What can be wrong with a filled-in form; its words are `customer.problem.<code>`. */
type FormProblem = 'chooseDecision' | 'chooseScore' | 'commentTooLong' | 'commentUnstorable';

/** The longest comment the page takes, in characters. */
const COMMENT_LIMIT = 2_000;

function problem(res: Response, reader: Reader, code: keyof typeof problemStatus, manager?: string): void {
  send(
    res,
    problemStatus[code],
    messagePage(reader.language, reader.register, 'problem', `problem.${code}`, {
      manager: manager ?? customerText(reader.language, 'problem.yourManager', {}, reader.register),
    }),
  );
}

/** A value from the urlencoded form: one string, or undefined. */
function field(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function createCustomerPageRouter(deps: CustomerPageDeps): Router {
  const router = Router();

  /** The reader of a genuine token's request (its language, register and manager), if it exists. */
  async function readerOf(claims: TokenClaims): Promise<(Reader & { manager?: string }) | undefined> {
    const row =
      claims.p === 'approval'
        ? await deps.approvals.byId(claims.s)
        : claims.p === 'rating'
          ? await deps.feedback.ratingById(claims.s)
          : await deps.feedback.npsById(claims.s);
    if (!row || recipientHash(row.contact_email) !== claims.r) return undefined;
    return {
      language: row.language,
      register: row.register,
      ...(row.manager_name ? { manager: row.manager_name } : {}),
    };
  }

  /** Verifies the token and counts the attempt; answers the problem page itself when it fails. */
  async function admit(
    req: Request,
    res: Response,
    token: string | undefined,
  ): Promise<TokenClaims | undefined> {
    const fallback = { language: browserLanguage(req), register: 'formal' as const };
    const keys = [`addr:${req.socket.remoteAddress ?? 'unknown'}`];
    if (token) keys.push(`token:${token.slice(-43)}`);
    if (!deps.limiter.allow(keys, deps.now().getTime())) {
      problem(res, fallback, 'busy');
      return undefined;
    }
    if (!token) {
      problem(res, fallback, 'forged');
      return undefined;
    }
    const verified = deps.signer.verify(token, deps.now());
    if (!verified.ok) {
      const reader = verified.problem === 'expired' ? await readerOf(verified.claims) : undefined;
      problem(res, reader ?? fallback, verified.problem, reader?.manager);
      return undefined;
    }
    return verified.claims;
  }

  /** Shows the question of a valid token (or why it cannot be answered), with an optional form problem. */
  async function show(
    res: Response,
    token: string,
    claims: TokenClaims,
    problemCode?: FormProblem,
  ): Promise<void> {
    const status = problemCode ? 422 : 200;
    /** The form problem in the reader's words, as the page's `error`. */
    const errorFor = (reader: Reader) =>
      problemCode
        ? {
            error: customerText(
              reader.language,
              `problem.${problemCode}`,
              { max: COMMENT_LIMIT },
              reader.register,
            ),
          }
        : {};
    if (claims.p === 'approval') {
      const row = await deps.approvals.byId(claims.s);
      if (!row || recipientHash(row.contact_email) !== claims.r)
        return problem(res, { language: 'en', register: 'formal' }, 'forged');
      const reader = { language: row.language, register: row.register };
      if (row.state !== 'awaiting') return problem(res, reader, 'used');
      if (new Date(row.expires_at).getTime() <= deps.now().getTime())
        return problem(res, reader, 'expired', row.manager_name);
      return send(
        res,
        status,
        approvalPage({
          token,
          language: row.language,
          register: row.register,
          issueKey: row.issue_key,
          summary: row.summary,
          estimate: row.estimate,
          reason: row.reason,
          contractNumber: row.contract_number,
          zone: row.zone,
          ...errorFor(reader),
        }),
      );
    }
    if (claims.p === 'rating') {
      const row = await deps.feedback.ratingById(claims.s);
      if (!row || recipientHash(row.contact_email) !== claims.r)
        return problem(res, { language: 'en', register: 'formal' }, 'forged');
      const reader = { language: row.language, register: row.register };
      if (row.answered_at) return problem(res, reader, 'used');
      return send(
        res,
        status,
        ratingPage({
          token,
          ...reader,
          issueKey: row.issue_key,
          summary: row.summary,
          ...errorFor(reader),
        }),
      );
    }
    const row = await deps.feedback.npsById(claims.s);
    if (!row || recipientHash(row.contact_email) !== claims.r)
      return problem(res, { language: 'en', register: 'formal' }, 'forged');
    const reader = { language: row.language, register: row.register };
    if (row.answered_at) return problem(res, reader, 'used');
    return send(
      res,
      status,
      npsPage({ token, ...reader, provider: await deps.providerName(), ...errorFor(reader) }),
    );
  }

  router.get('/c/:token', async (req, res) => {
    const token = String(req.params.token);
    const claims = await admit(req, res, token);
    if (claims) await show(res, token, claims);
  });

  router.post(
    '/c',
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }),
    async (req, res) => {
      const token = field(req, 'token');
      const claims = await admit(req, res, token);
      if (!claims || !token) return;
      const comment = field(req, 'comment');
      if (comment !== undefined && (comment.length > COMMENT_LIMIT || unstorableParam('comment', comment)))
        return show(
          res,
          token,
          claims,
          comment.length > COMMENT_LIMIT ? 'commentTooLong' : 'commentUnstorable',
        );

      if (claims.p === 'approval') {
        const decision = field(req, 'decision');
        const row = await deps.approvals.byId(claims.s);
        if (!row || recipientHash(row.contact_email) !== claims.r)
          return problem(res, { language: 'en', register: 'formal' }, 'forged');
        const reader = { language: row.language, register: row.register };
        if (decision !== 'approved' && decision !== 'declined')
          return show(res, token, claims, 'chooseDecision');
        const done = await deps.approvals.decide({
          id: row.id,
          decision,
          comment: comment?.trim() || undefined,
        });
        if (!done.ok)
          return done.error === 'not_found'
            ? problem(res, reader, 'forged')
            : problem(res, reader, done.error, row.manager_name);
        return send(
          res,
          200,
          messagePage(reader.language, reader.register, 'done', `approval.done.${decision}`, {
            key: row.issue_key,
          }),
        );
      }

      const schema = claims.p === 'rating' ? RatingAnswerSchema : NpsAnswerSchema;
      const answer = schema.safeParse({ score: field(req, 'score') ?? '', comment });
      const row =
        claims.p === 'rating'
          ? await deps.feedback.ratingById(claims.s)
          : await deps.feedback.npsById(claims.s);
      if (!row || recipientHash(row.contact_email) !== claims.r)
        return problem(res, { language: 'en', register: 'formal' }, 'forged');
      const reader = { language: row.language, register: row.register };
      if (!answer.success) return show(res, token, claims, 'chooseScore');
      const done =
        claims.p === 'rating'
          ? await deps.feedback.rate(claims.s, answer.data)
          : await deps.feedback.answerNps(claims.s, answer.data);
      if (!done.ok) return problem(res, reader, done.error === 'not_found' ? 'forged' : done.error);
      const key = 'issue_key' in row ? row.issue_key : '';
      return send(
        res,
        200,
        messagePage(
          reader.language,
          reader.register,
          'done',
          claims.p === 'rating' ? 'rating.done' : 'nps.done',
          {
            key,
          },
        ),
      );
    },
  );
  return router;
}
