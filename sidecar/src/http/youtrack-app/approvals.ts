// Paid work approved before it starts, for YouTrack issues: the YouTrack app's side of the customer's
// approval. Mounted inside /youtrack/api, behind the same signature check as the app's other calls.
//   GET  /youtrack/api/issues/:id/approval         the latest request: none | requested | approved |
//                                                   declined | expired, with the estimate, who asked and
//                                                   when, who decided, when and how, and its audit
//   POST /youtrack/api/issues/:id/approval         { estimate, contact, actor } → the customer is asked,
//                                                   by the use case the Forge Contract panel calls (the
//                                                   same e-mail, signed link and page, public comment)
//   POST /youtrack/api/issues/:id/approval/check   { state } → whether the issue may move into `state`:
//                                                   the app's paid-work guard rule asks this on every
//                                                   State change and refuses the change when told
// The check decides as Jira's workflow validator does: only a move into one of the in-progress
// states (`trackers.youtrack.inProgressStates`) of paid work is checked; an approved request lets it
// through at once; covered work, work outside the contract dates and issues without a contract move
// freely; paid work without an approved request is refused with what to do, in English and Russian
// (YouTrack shows the message as given, and the rule does not know the reader's language). When the
// issue cannot be read from YouTrack, only an open, declined or expired request refuses the move.
import { Router } from 'express';
import { z } from 'zod';
import { coverageVerdict, customerText, EstimateSchema, parseWith, workMayStart } from '@frontline/shared';
import type { Contract, SettingsDocument, TransitionRefusal } from '@frontline/shared';
import { matchContract } from '../../assignment/contract-match.js';
import { approvalProperty } from '../../customer/approvals.js';
import type { Approvals } from '../../customer/approvals.js';
import { approvalsOfIssue, auditOf } from '../../customer/repository.js';
import type { ApprovalRow } from '../../customer/repository.js';
import type { Logger } from '../../logger.js';
import type { IssueSource, Tracker, WorldSource } from '../../ports.js';
import type { Db } from '../../store/db.js';
import { customerProblemError } from '../customer/api.js';
import { validationError } from '../admin/http-helpers.js';
import { HttpError } from '../errors.js';

export interface YouTrackApprovalRoutesDeps {
  db: Db;
  log: Logger;
  world: WorldSource<{ settings: SettingsDocument; contracts: readonly Contract[] }>;
  /** YouTrack as the sidecar's own account; undefined when no YouTrack is configured. */
  tracker: Tracker | undefined;
  issues: Pick<IssueSource, 'openTickets' | 'readTicket'>;
  /** The approvals use case bound to YouTrack; undefined while the customer side is off (no FRONTLINE_SECRET_KEY). */
  approvals?: Approvals | undefined;
  now?: () => Date;
}

/** What the app is told of an issue's approval. */
export type YouTrackApprovalState = 'none' | 'requested' | 'approved' | 'declined' | 'expired';

/** HW-15, NET-7: a YouTrack project's short name, a dash, the number in the project. */
const ISSUE_ID = /^[A-Za-z][A-Za-z0-9_]{0,49}-[1-9][0-9]{0,9}$/;

const RequestBodySchema = z.strictObject({
  estimate: EstimateSchema,
  contact: z.strictObject({
    email: z.email({ error: 'Give the customer contact’s e-mail address' }).max(254),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  actor: z.string().trim().min(1, 'Give the YouTrack login of the person asking').max(200),
});

const CheckBodySchema = z.strictObject({
  state: z.string().trim().min(1, 'Give the name of the state the issue moves into').max(100),
});

function issueIdOf(raw: string | string[] | undefined): string {
  const id = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  if (!ISSUE_ID.test(id))
    throw new HttpError(400, 'invalid_issue_id', `"${id}" is not a YouTrack issue id (like HW-15)`, [
      { path: 'id', message: 'an issue id like HW-15' },
    ]);
  return id.toUpperCase();
}

/** The request's state now: an awaiting request past its link's time reads expired. */
function stateOf(row: ApprovalRow | undefined, now: Date): YouTrackApprovalState {
  if (!row || row.state === 'withdrawn') return 'none';
  if (row.state === 'awaiting')
    return new Date(row.expires_at).getTime() <= now.getTime() ? 'expired' : 'requested';
  return row.state;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The refusal in both languages, one line each, as Jira's validator words it for Jira. */
function refusalMessage(key: string, code: TransitionRefusal): string {
  const text = `validator.youtrack.${code}`;
  return `${customerText('en', text, { key })}\n${customerText('ru', text, { key })}`;
}

/** Builds the approval routes; mount inside the app's signed /youtrack/api router. */
export function createYouTrackApprovalRoutes(deps: YouTrackApprovalRoutesDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = Router();

  /**
   * Whether the issue is paid work under the contract it falls under, as the Contract panel works it
   * out; undefined when YouTrack could not be asked or did not answer with the issue.
   */
  async function isPaidWork(id: string): Promise<boolean | undefined> {
    if (!deps.tracker) return undefined;
    const { settings, contracts } = await deps.world.load();
    const got = await deps.tracker.getIssue(id, {
      fields: deps.issues.openTickets(undefined, settings).fields,
    });
    if (!got.ok) {
      deps.log.warn({ issueKey: id, status: got.error.status }, 'paid-work check: issue not read');
      return undefined;
    }
    const ticket = deps.issues.readTicket(got.value, now(), settings);
    if (!ticket) return undefined;
    const { snapshot } = ticket;
    const match = matchContract(contracts, snapshot.customer, snapshot.createdAt);
    if (!match) return false;
    const verdict = coverageVerdict(match.contract, {
      requestType: snapshot.requestType ?? '',
      at: snapshot.createdAt,
    });
    return verdict.verdict === 'paidWork';
  }

  router.get('/issues/:id/approval', async (req, res) => {
    const id = issueIdOf(req.params.id);
    const at = now();
    const latest = (await approvalsOfIssue(deps.db, id))[0];
    const state = stateOf(latest, at);
    if (!latest || state === 'none') {
      res.json({ issueKey: id, state: 'none', request: null });
      return;
    }
    const audit = await auditOf(deps.db, latest.id);
    res.json({
      issueKey: id,
      state,
      request: {
        id: latest.id,
        estimate: latest.estimate,
        contact: { email: latest.contact_email, name: latest.contact_name },
        requestedBy: latest.requested_by,
        requestedAt: iso(latest.requested_at),
        expiresAt: iso(latest.expires_at),
        decidedBy: latest.decided_by,
        decidedAt: iso(latest.decided_at),
        decidedVia: latest.decided_via,
        note: latest.decision_note,
        audit: audit.map((a) => ({
          at: iso(a.at),
          action: a.action,
          actor: a.actor,
          via: a.via,
          note: a.note,
        })),
      },
    });
  });

  router.post('/issues/:id/approval', async (req, res) => {
    const id = issueIdOf(req.params.id);
    const body = parseWith(RequestBodySchema, req.body ?? {});
    if (!body.ok) throw validationError('invalid_approval_request', 'The approval request', body.error);
    if (!deps.approvals)
      throw new HttpError(
        503,
        'customer_side_off',
        'FRONTLINE_SECRET_KEY is not set: no approval link can be signed',
      );
    if (!deps.tracker)
      throw new HttpError(
        503,
        'youtrack_unavailable',
        'No YouTrack connection is configured (YOUTRACK_BASE_URL)',
      );
    const done = await deps.approvals.request({
      issueKey: id,
      installationId: undefined,
      requestedBy: `youtrack:${body.value.actor}`,
      estimate: body.value.estimate,
      contact: body.value.contact,
    });
    if (!done.ok) throw customerProblemError(done.error);
    deps.log.info(
      { issueKey: id, approvalId: done.value.id, actor: body.value.actor },
      `approval of paid work on ${id} requested from YouTrack`,
    );
    res.status(201).json({
      issueKey: id,
      state: 'requested',
      request: {
        id: done.value.id,
        estimate: done.value.estimate,
        contact: done.value.contact,
        requestedBy: done.value.requestedBy,
        requestedAt: done.value.requestedAt,
        expiresAt: done.value.expiresAt,
      },
    });
  });

  router.post('/issues/:id/approval/check', async (req, res) => {
    const id = issueIdOf(req.params.id);
    const body = parseWith(CheckBodySchema, req.body ?? {});
    if (!body.ok) throw validationError('invalid_approval_check', 'The check', body.error);
    const { settings } = await deps.world.load();
    const target = body.value.state.toLowerCase();
    const startsWork = settings.trackers.youtrack.inProgressStates.some((s) => s.toLowerCase() === target);
    const at = now();
    const latest = (await approvalsOfIssue(deps.db, id))[0];
    const state = stateOf(latest, at);
    const allow = () => res.json({ issueKey: id, allowed: true, approval: state });
    if (!startsWork) return allow();

    const property =
      latest && state !== 'none'
        ? approvalProperty(
            latest,
            state === 'requested' ? 'awaiting' : state,
            new Date(latest.decided_at ?? latest.requested_at),
          )
        : undefined;
    const withProperty = workMayStart({ paidWork: true, targetCategory: 'indeterminate', property });
    if (withProperty.ok) return allow();
    // Whether it is paid work at all decides the rest; without an answer from YouTrack only an open,
    // declined or expired request stops the move (as the Jira validator does without the sidecar).
    const paid = await isPaidWork(id);
    if (paid === false || (paid === undefined && property === undefined)) return allow();
    res.json({
      issueKey: id,
      allowed: false,
      approval: state,
      refusal: withProperty.refusal,
      message: refusalMessage(id, withProperty.refusal),
    });
  });

  return router;
}
