// Paid work approved before it starts. A service manager or engineer asks from the Contract panel:
// the request is stored with its audit line, the e-mail with the signed link goes through the
// outbox in the same transaction (and, when the contract says so, the resolution clock pauses);
// then the public comment and the issue property the workflow validator reads are written through
// the tracker. The customer decides once on the page, or a manager records an answer that came by
// phone or letter; either way the property follows, and the audit says who, when and how.
import { createHash, randomUUID } from 'node:crypto';
import {
  APPROVAL_PROPERTY_KEY,
  customerText,
  err,
  estimateText,
  ok,
  pausesWhileAwaitingApproval,
} from '@frontline/shared';
import type {
  ApprovalProperty,
  Contract,
  CoverageVerdict,
  CustomerSide,
  Estimate,
  Reason,
  RecordedDecision,
  Result,
} from '@frontline/shared';
import { appendHistory } from '../assignment/repository.js';
import type { Clock, Notifier, Queryable, Tracker } from '../ports.js';
import type { Db } from '../store/db.js';
import {
  addAudit,
  approvalById,
  approvalsOfIssue,
  auditOf,
  decideApproval,
  expireOverdue,
  insertApproval,
  markPropertyWritten,
} from './repository.js';
import type { ApprovalRow, AuditRow } from './repository.js';
import type { LinkSigner } from './tokens.js';

/** What the approval needs to know about the issue and the contract it falls under. */
export interface ApprovalFacts {
  summary: string;
  requestType: string;
  contract: Contract;
  verdict: CoverageVerdict;
}

export interface CustomerProblem {
  code:
    | 'not_paid_work'
    | 'no_contract'
    | 'already_awaiting'
    | 'not_found'
    | 'not_awaiting'
    | 'no_tracker'
    | 'issue_unreadable';
  message: string;
}

export interface ApprovalDeps {
  db: Db;
  now: Clock;
  notifier: Notifier | undefined;
  signer: LinkSigner;
  /** The page's public base URL (`https://support.example.com`), links are `${base}/c/<token>`. */
  linkBase: string;
  /** The customer-side settings (link validity, which contracts pause the clock). */
  settings(): Promise<CustomerSide>;
  /** Jira as the app for an installation (undefined: the sidecar's own site account). */
  trackerFor(installationId: string | undefined): Promise<Tracker | undefined>;
  /** The issue's summary and the contract it falls under; undefined when the issue cannot be read. */
  facts(tracker: Tracker, issueKey: string): Promise<ApprovalFacts | 'no_contract' | undefined>;
}

export interface ApprovalView {
  id: string;
  state: ApprovalRow['state'];
  estimate: Estimate;
  contact: { email: string; name: string | null };
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedVia: string | null;
  note: string | null;
  pausesResolution: boolean;
  /** False while the issue property still has to be written (Jira was unreachable). */
  propertyWritten: boolean;
  audit: { at: string; action: string; actor: string; via: string; note: string | null }[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function view(row: ApprovalRow, audit: AuditRow[], now: Date): ApprovalView {
  const expired = row.state === 'awaiting' && new Date(row.expires_at).getTime() <= now.getTime();
  return {
    id: row.id,
    state: expired ? 'expired' : row.state,
    estimate: row.estimate,
    contact: { email: row.contact_email, name: row.contact_name },
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at)!,
    expiresAt: iso(row.expires_at)!,
    decidedAt: iso(row.decided_at),
    decidedBy: row.decided_by,
    decidedVia: row.decided_via,
    note: row.decision_note,
    pausesResolution: row.pauses_resolution,
    propertyWritten: row.property_written,
    audit: audit.map((a) => ({ at: iso(a.at)!, action: a.action, actor: a.actor, via: a.via, note: a.note })),
  };
}

/** The property the validator reads for a request in `state`. */
export function approvalProperty(
  row: Pick<ApprovalRow, 'id'>,
  state: ApprovalRow['state'],
  at: Date,
): ApprovalProperty {
  return { v: 1, requestId: row.id, state, at: at.toISOString() };
}

/** Why the work is not covered, in the customer's words (the verdict's own reason is for the desk). */
function customerReason(contract: Contract, facts: ApprovalFacts): Reason {
  const listed = facts.verdict.verdict === 'paidWork' ? facts.verdict.paidWork : undefined;
  const params = {
    number: contract.number,
    title: contract.title,
    requestType: facts.requestType,
    description: listed?.description ?? '',
  };
  const code = listed ? 'approval.reason.listed' : 'approval.reason.notCovered';
  return { en: customerText('en', code, params), ru: customerText('ru', code, params) };
}

/** The history's event id for one approval fact: a UUID derived from its name, so a retry adds nothing. */
function factEventId(name: string): string {
  const h = createHash('sha256').update(`frontline/approval-fact/${name}`, 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A unique violation (PostgreSQL 23505): another request already awaits an answer. */
const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

export function createApprovals(deps: ApprovalDeps) {
  /** Writes the issue property for the request's current state; remembers success. */
  async function syncProperty(row: ApprovalRow, tracker: Tracker | undefined): Promise<boolean> {
    if (!tracker) return false;
    const state = row.state;
    const at = row.decided_at ?? row.requested_at;
    const written = await tracker.setIssueProperty(
      row.issue_key,
      APPROVAL_PROPERTY_KEY,
      approvalProperty(row, state, new Date(at)),
    );
    if (!written.ok) return false;
    await markPropertyWritten(deps.db, row.id, state);
    return true;
  }

  /** Stops the resolution clock's pause (if it paused) when the request is settled. */
  async function settleClock(tx: Queryable, row: ApprovalRow, at: Date): Promise<void> {
    if (row.pauses_resolution)
      await appendHistory(tx, row.issue_key, factEventId(`${row.id}:settled`), [
        { type: 'approval', at: at.toISOString(), awaiting: false },
      ]);
  }

  return {
    /** Asks the customer to approve paid work on `issueKey`. */
    async request(input: {
      issueKey: string;
      installationId: string | undefined;
      requestedBy: string;
      estimate: Estimate;
      contact: { email: string; name?: string | undefined };
    }): Promise<Result<ApprovalView, CustomerProblem>> {
      const tracker = await deps.trackerFor(input.installationId);
      if (!tracker)
        return err({ code: 'no_tracker', message: 'No live app token for this installation yet' });
      const facts = await deps.facts(tracker, input.issueKey);
      if (!facts)
        return err({ code: 'issue_unreadable', message: `Issue ${input.issueKey} could not be read` });
      if (facts === 'no_contract')
        return err({ code: 'no_contract', message: 'No customer contract matches this request' });
      if (facts.verdict.verdict !== 'paidWork')
        return err({
          code: 'not_paid_work',
          message: `This request is ${facts.verdict.verdict === 'covered' ? 'covered by the contract' : 'outside the contract dates'}: no approval is needed`,
        });
      const side = await deps.settings();
      const now = deps.now();
      const { contract } = facts;
      const row = {
        id: randomUUID(),
        issue_key: input.issueKey,
        installation_id: input.installationId ?? null,
        summary: facts.summary,
        contract_id: contract.id,
        contract_number: contract.number,
        customer_id: contract.customer.id,
        customer_name: contract.customer.name,
        estimate: input.estimate,
        reason: customerReason(contract, facts),
        zone: contract.responsibilityZones.ours,
        language: contract.communication.language,
        register: contract.communication.register,
        contact_email: input.contact.email,
        contact_name: input.contact.name ?? null,
        manager_name: contract.serviceManager.name,
        manager_email: contract.serviceManager.email ?? null,
        pauses_resolution: pausesWhileAwaitingApproval(side, contract.id),
        requested_by: input.requestedBy,
        requested_at: now,
        expires_at: new Date(now.getTime() + side.approvalLinkDays * 86_400_000),
      };
      const token = deps.signer.sign({
        purpose: 'approval',
        subject: row.id,
        recipient: row.contact_email,
        expiresAt: row.expires_at,
      });
      const link = `${deps.linkBase}/c/${token}`;
      const lang = row.language;
      const estimate = estimateText(lang, row.estimate);
      const params = {
        key: row.issue_key,
        summary: row.summary,
        number: row.contract_number,
        estimate,
        link,
        until: row.expires_at.toISOString().slice(0, 10),
        contact: row.contact_email,
      };
      try {
        await deps.db.transaction(async (tx) => {
          // A request whose link ran out without an answer ends here, so a new one can be sent.
          for (const overdue of await expireOverdue(tx, row.issue_key, now)) {
            await addAudit(tx, {
              approvalId: overdue.id,
              at: new Date(overdue.expires_at),
              action: 'expired',
              actor: overdue.contact_email,
              via: 'expiry',
            });
            await settleClock(tx, overdue, new Date(overdue.expires_at));
          }
          await insertApproval(tx, row);
          await addAudit(tx, {
            approvalId: row.id,
            at: now,
            action: 'requested',
            actor: input.requestedBy,
            via: 'panel',
            note: estimate,
          });
          if (row.pauses_resolution)
            await appendHistory(tx, row.issue_key, factEventId(`${row.id}:awaiting`), [
              { type: 'approval', at: now.toISOString(), awaiting: true },
            ]);
          await deps.notifier?.notify(
            {
              idempotencyKey: `approval:${row.id}:email`,
              channel: 'email',
              recipient: row.contact_email,
              message: {
                subject: customerText(lang, 'mail.approval.subject', params, row.register),
                text: customerText(lang, 'mail.approval.body', params, row.register),
                issueKey: row.issue_key,
                language: lang,
              },
            },
            tx,
          );
        });
      } catch (e) {
        if (isUniqueViolation(e))
          return err({
            code: 'already_awaiting',
            message: 'A request for this issue already awaits an answer',
          });
        throw e;
      }
      // The public comment (no link: the link is the customer's own capability) and the property.
      await tracker.addComment(row.issue_key, customerText(lang, 'comment.approval', params, row.register));
      const stored = (await approvalById(deps.db, row.id))!;
      await syncProperty(stored, tracker);
      return ok(view((await approvalById(deps.db, row.id))!, await auditOf(deps.db, row.id), now));
    },

    /** The issue's requests, newest first, each with its audit; re-writes a property Jira missed. */
    async ofIssue(issueKey: string, installationId: string | undefined): Promise<ApprovalView[]> {
      const rows = await approvalsOfIssue(deps.db, issueKey);
      const latest = rows[0];
      if (latest && !latest.property_written)
        await syncProperty(latest, await deps.trackerFor(installationId));
      const now = deps.now();
      const fresh = await approvalsOfIssue(deps.db, issueKey);
      return Promise.all(fresh.map(async (r) => view(r, await auditOf(deps.db, r.id), now)));
    },

    /** Records a decision that came another way (phone, letter), by a service manager. */
    async record(input: {
      issueKey: string;
      installationId: string | undefined;
      recordedBy: string;
      decision: RecordedDecision;
    }): Promise<Result<ApprovalView, CustomerProblem>> {
      const rows = await approvalsOfIssue(deps.db, input.issueKey);
      const awaiting = rows.find((r) => r.state === 'awaiting');
      if (!awaiting)
        return err({ code: 'not_awaiting', message: 'No request for this issue awaits an answer' });
      const now = deps.now();
      const d = input.decision;
      const decidedAt = new Date(d.decidedAt);
      const done = await deps.db.transaction(async (tx) => {
        const changed = await decideApproval(tx, {
          id: awaiting.id,
          state: d.decision,
          at: decidedAt,
          by: d.decidedBy,
          via: d.via,
          note: d.note,
        });
        if (!changed) return false;
        await addAudit(tx, {
          approvalId: awaiting.id,
          at: now,
          action: d.decision,
          actor: `${d.decidedBy} (recorded by ${input.recordedBy})`,
          via: d.via,
          note: d.note,
        });
        await settleClock(tx, awaiting, now);
        return true;
      });
      if (!done) return err({ code: 'not_awaiting', message: 'The request was answered meanwhile' });
      const row = (await approvalById(deps.db, awaiting.id))!;
      await syncProperty(row, await deps.trackerFor(input.installationId));
      return ok(view((await approvalById(deps.db, awaiting.id))!, await auditOf(deps.db, awaiting.id), now));
    },

    /** The request a page token names (for showing it). */
    byId: (id: string) => approvalById(deps.db, id),

    /**
     * The customer's decision on the page: once, while the link is valid. `used` when it was
     * decided before (nothing changes), `expired` past its time.
     */
    async decide(input: {
      id: string;
      decision: 'approved' | 'declined';
      comment: string | undefined;
    }): Promise<Result<ApprovalRow, 'used' | 'expired' | 'not_found'>> {
      const row = await approvalById(deps.db, input.id);
      if (!row) return err('not_found');
      const now = deps.now();
      if (row.state !== 'awaiting') return err('used');
      if (new Date(row.expires_at).getTime() <= now.getTime()) return err('expired');
      const done = await deps.db.transaction(async (tx) => {
        const changed = await decideApproval(tx, {
          id: row.id,
          state: input.decision,
          at: now,
          by: row.contact_name ?? row.contact_email,
          via: 'page',
          note: input.comment,
        });
        if (!changed) return false;
        await addAudit(tx, {
          approvalId: row.id,
          at: now,
          action: input.decision,
          actor: row.contact_name ? `${row.contact_name} <${row.contact_email}>` : row.contact_email,
          via: 'page',
          note: input.comment,
        });
        await settleClock(tx, row, now);
        return true;
      });
      if (!done) return err('used');
      const decided = (await approvalById(deps.db, row.id))!;
      await syncProperty(decided, await deps.trackerFor(row.installation_id ?? undefined));
      return ok(decided);
    },
  };
}

export type Approvals = ReturnType<typeof createApprovals>;
