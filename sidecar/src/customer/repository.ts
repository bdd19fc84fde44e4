// The customer-side tables (migration 500): approval requests and their audit trail, rating
// requests and NPS invitations. This module is the only writer of them.
import type { Estimate, Language, Reason, Register } from '@frontline/shared';
import type { Queryable } from '../ports.js';

export interface ApprovalRow {
  id: string;
  issue_key: string;
  installation_id: string | null;
  summary: string;
  contract_id: string;
  contract_number: string;
  customer_id: string;
  customer_name: string;
  estimate: Estimate;
  reason: Reason;
  zone: string[];
  language: Language;
  register: Register;
  contact_email: string;
  contact_name: string | null;
  manager_name: string;
  manager_email: string | null;
  pauses_resolution: boolean;
  state: 'awaiting' | 'approved' | 'declined' | 'expired' | 'withdrawn';
  requested_by: string;
  requested_at: Date;
  expires_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decided_via: string | null;
  decision_note: string | null;
  property_written: boolean;
}

export interface AuditRow {
  at: Date;
  action: string;
  actor: string;
  via: string;
  note: string | null;
}

export type NewApproval = Omit<
  ApprovalRow,
  'state' | 'decided_at' | 'decided_by' | 'decided_via' | 'decision_note' | 'property_written'
>;

export async function insertApproval(q: Queryable, a: NewApproval): Promise<void> {
  await q.query(
    `INSERT INTO customer_approvals (id, issue_key, installation_id, summary, contract_id, contract_number,
       customer_id, customer_name, estimate, reason, zone, language, register, contact_email, contact_name,
       manager_name, manager_email, pauses_resolution, state, requested_by, requested_at, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,'awaiting',$19,$20,$21)`,
    [
      a.id,
      a.issue_key,
      a.installation_id,
      a.summary,
      a.contract_id,
      a.contract_number,
      a.customer_id,
      a.customer_name,
      JSON.stringify(a.estimate),
      JSON.stringify(a.reason),
      JSON.stringify(a.zone),
      a.language,
      a.register,
      a.contact_email,
      a.contact_name,
      a.manager_name,
      a.manager_email,
      a.pauses_resolution,
      a.requested_by,
      a.requested_at,
      a.expires_at,
    ],
  );
}

export async function approvalById(q: Queryable, id: string): Promise<ApprovalRow | undefined> {
  const r = await q.query<ApprovalRow>('SELECT * FROM customer_approvals WHERE id = $1', [id]);
  return r.rows[0];
}

export async function approvalsOfIssue(q: Queryable, issueKey: string): Promise<ApprovalRow[]> {
  const r = await q.query<ApprovalRow>(
    'SELECT * FROM customer_approvals WHERE issue_key = $1 ORDER BY requested_at DESC LIMIT 20',
    [issueKey],
  );
  return r.rows;
}

/** Moves an awaiting request to its decision; false when it was no longer awaiting (one decision per request). */
export async function decideApproval(
  q: Queryable,
  d: {
    id: string;
    state: 'approved' | 'declined' | 'expired' | 'withdrawn';
    at: Date;
    by: string;
    via: string;
    note: string | undefined;
  },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE customer_approvals SET state = $2, decided_at = $3, decided_by = $4, decided_via = $5,
       decision_note = $6, property_written = false
     WHERE id = $1 AND state = 'awaiting'`,
    [d.id, d.state, d.at, d.by, d.via, d.note ?? null],
  );
  return r.rowCount === 1;
}

/** Marks the issue's awaiting requests whose link ran out as expired; returns them. */
export async function expireOverdue(q: Queryable, issueKey: string, now: Date): Promise<ApprovalRow[]> {
  const r = await q.query<ApprovalRow>(
    `UPDATE customer_approvals SET state = 'expired', decided_at = expires_at, decided_via = 'expiry',
       property_written = false
     WHERE issue_key = $1 AND state = 'awaiting' AND expires_at <= $2 RETURNING *`,
    [issueKey, now],
  );
  return r.rows;
}

export async function markPropertyWritten(q: Queryable, id: string, state: string): Promise<void> {
  await q.query('UPDATE customer_approvals SET property_written = true WHERE id = $1 AND state = $2', [
    id,
    state,
  ]);
}

export async function addAudit(
  q: Queryable,
  a: { approvalId: string; at: Date; action: string; actor: string; via: string; note?: string | undefined },
): Promise<void> {
  await q.query(
    'INSERT INTO customer_approval_audit (approval_id, at, action, actor, via, note) VALUES ($1,$2,$3,$4,$5,$6)',
    [a.approvalId, a.at, a.action, a.actor, a.via, a.note ?? null],
  );
}

export async function auditOf(q: Queryable, approvalId: string): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>(
    'SELECT at, action, actor, via, note FROM customer_approval_audit WHERE approval_id = $1 ORDER BY id',
    [approvalId],
  );
  return r.rows;
}

// ——— ratings ———

export interface RatingRow {
  id: string;
  issue_key: string;
  summary: string;
  customer_id: string | null;
  customer_name: string | null;
  engineer_id: string | null;
  team: string;
  contact_email: string;
  language: Language;
  register: Register;
  manager_name: string | null;
  manager_email: string | null;
  requested_at: Date;
  expires_at: Date;
  score: number | null;
  comment: string | null;
  answered_at: Date | null;
}

export type NewRating = Omit<RatingRow, 'score' | 'comment' | 'answered_at'>;

/** Inserts the request unless the issue was asked already; true when this call inserted it. */
export async function insertRatingRequest(q: Queryable, r: NewRating): Promise<boolean> {
  const res = await q.query(
    `INSERT INTO customer_ratings (id, issue_key, summary, customer_id, customer_name, engineer_id, team,
       contact_email, language, register, manager_name, manager_email, requested_at, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (issue_key) DO NOTHING`,
    [
      r.id,
      r.issue_key,
      r.summary,
      r.customer_id,
      r.customer_name,
      r.engineer_id,
      r.team,
      r.contact_email,
      r.language,
      r.register,
      r.manager_name,
      r.manager_email,
      r.requested_at,
      r.expires_at,
    ],
  );
  return res.rowCount === 1;
}

export async function ratingById(q: Queryable, id: string): Promise<RatingRow | undefined> {
  return (await q.query<RatingRow>('SELECT * FROM customer_ratings WHERE id = $1', [id])).rows[0];
}

export async function answerRating(
  q: Queryable,
  a: { id: string; score: number; comment: string | undefined; at: Date },
): Promise<boolean> {
  const r = await q.query(
    'UPDATE customer_ratings SET score = $2, comment = $3, answered_at = $4 WHERE id = $1 AND answered_at IS NULL',
    [a.id, a.score, a.comment ?? null, a.at],
  );
  return r.rowCount === 1;
}

// ——— NPS ———

export interface NpsRow {
  id: string;
  period: string;
  customer_id: string;
  customer_name: string;
  contact_email: string;
  language: Language;
  register: Register;
  manager_name: string | null;
  sent_at: Date;
  expires_at: Date;
  score: number | null;
  comment: string | null;
  answered_at: Date | null;
}

export type NewNps = Omit<NpsRow, 'score' | 'comment' | 'answered_at'>;

/** One invitation per period, customer and contact; true when this call inserted it. */
export async function insertNpsInvitation(q: Queryable, n: NewNps): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO customer_nps (id, period, customer_id, customer_name, contact_email, language, register,
       manager_name, sent_at, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (period, customer_id, contact_email) DO NOTHING`,
    [
      n.id,
      n.period,
      n.customer_id,
      n.customer_name,
      n.contact_email,
      n.language,
      n.register,
      n.manager_name,
      n.sent_at,
      n.expires_at,
    ],
  );
  return r.rowCount === 1;
}

export async function npsById(q: Queryable, id: string): Promise<NpsRow | undefined> {
  return (await q.query<NpsRow>('SELECT * FROM customer_nps WHERE id = $1', [id])).rows[0];
}

export async function answerNps(
  q: Queryable,
  a: { id: string; score: number; comment: string | undefined; at: Date },
): Promise<boolean> {
  const r = await q.query(
    'UPDATE customer_nps SET score = $2, comment = $3, answered_at = $4 WHERE id = $1 AND answered_at IS NULL',
    [a.id, a.score, a.comment ?? null, a.at],
  );
  return r.rowCount === 1;
}

/** The people we have written to for a customer over the last year (requesters and approvers). */
export async function customerContacts(
  q: Queryable,
  customerId: string,
  since: Date,
): Promise<{ email: string; language: Language; register: Register }[]> {
  const r = await q.query<{ email: string; language: Language; register: Register }>(
    `SELECT DISTINCT ON (lower(email)) email, language, register FROM (
       SELECT contact_email AS email, language, register, requested_at AS at FROM customer_ratings
         WHERE customer_id = $1 AND requested_at >= $2
       UNION ALL
       SELECT contact_email, language, register, requested_at FROM customer_approvals
         WHERE customer_id = $1 AND requested_at >= $2
     ) c ORDER BY lower(email), at DESC`,
    [customerId, since],
  );
  return r.rows;
}

/** Ratings and NPS answers in [from, to), for the reports. */
export async function answeredRatings(q: Queryable, from: Date, to: Date): Promise<RatingRow[]> {
  return (
    await q.query<RatingRow>(
      `SELECT * FROM customer_ratings WHERE answered_at >= $1 AND answered_at < $2 ORDER BY answered_at LIMIT 50000`,
      [from, to],
    )
  ).rows;
}

export async function answeredNps(q: Queryable, from: Date, to: Date): Promise<NpsRow[]> {
  return (
    await q.query<NpsRow>(
      `SELECT * FROM customer_nps WHERE answered_at >= $1 AND answered_at < $2 ORDER BY answered_at LIMIT 50000`,
      [from, to],
    )
  ).rows;
}
