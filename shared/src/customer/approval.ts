import { z } from 'zod';

// Paid work and the customer's approval of it: the estimate sent, the decision taken (on the page or
// recorded by a service manager after a call or a letter), the issue property the workflow
// validator reads, and the rule that keeps work from starting before "Approve".

/** The issue property the sidecar writes and the workflow validator reads. */
export const APPROVAL_PROPERTY_KEY = 'frontline.approval';

const text = (what: string, max: number) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);

/** What the customer is asked to approve: hours, a cost, a note — at least one of them. */
export const EstimateSchema = z
  .strictObject({
    hours: z
      .number({ error: 'Hours is a number' })
      .positive('Hours must be above 0')
      .max(10_000, 'Hours is at most 10,000')
      .optional(),
    cost: text('Cost', 100).optional(),
    note: text('Note', 2_000).optional(),
  })
  .refine((e) => e.hours !== undefined || e.cost !== undefined || e.note !== undefined, {
    error: 'Give the hours, the cost or a note',
  });
export type Estimate = z.output<typeof EstimateSchema>;

export const APPROVAL_STATES = ['awaiting', 'approved', 'declined', 'expired', 'withdrawn'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** How a decision reached us. */
export const DECISION_CHANNELS = ['page', 'phone', 'letter', 'email', 'meeting'] as const;
export const DecisionChannelSchema = z.enum(DECISION_CHANNELS, {
  error: `How the decision came is one of: ${DECISION_CHANNELS.join(', ')}`,
});
export type DecisionChannel = z.infer<typeof DecisionChannelSchema>;

/** A decision a service manager records for an answer that came another way (phone, letter). */
export const RecordedDecisionSchema = z.strictObject({
  decision: z.enum(['approved', 'declined'], { error: 'Decision is "approved" or "declined"' }),
  via: DecisionChannelSchema.exclude(['page']),
  /** Who at the customer gave it. */
  decidedBy: text('Who decided', 200),
  /** When they gave it (ISO 8601 with a zone). */
  decidedAt: z.iso.datetime({ offset: true, error: 'Give an ISO 8601 date-time with a zone' }),
  note: text('Note', 2_000).optional(),
});
export type RecordedDecision = z.output<typeof RecordedDecisionSchema>;

/** The issue property: small, readable by anyone who sees the issue (no secrets, no e-mail addresses). */
export const ApprovalPropertySchema = z.looseObject({
  v: z.literal(1),
  requestId: z.string(),
  state: z.enum(APPROVAL_STATES),
  /** ISO instant of the last change. */
  at: z.string(),
});
export type ApprovalProperty = z.infer<typeof ApprovalPropertySchema>;

/** The Jira status categories (`statusCategory.key`). */
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done' | string;

/** Why a transition is refused. */
export type TransitionRefusal =
  'approvalNotRequested' | 'approvalAwaiting' | 'approvalDeclined' | 'approvalExpired';

/**
 * Whether work may start: a transition into the In Progress category (`indeterminate`) of a paid-work
 * ticket needs an approved request. Other transitions, and tickets that are not paid work, pass.
 */
export function workMayStart(input: {
  paidWork: boolean;
  targetCategory: StatusCategoryKey | undefined;
  property: unknown;
}): { ok: true } | { ok: false; refusal: TransitionRefusal } {
  if (!input.paidWork || input.targetCategory !== 'indeterminate') return { ok: true };
  const parsed = ApprovalPropertySchema.safeParse(input.property);
  if (!parsed.success || parsed.data.state === 'withdrawn')
    return { ok: false, refusal: 'approvalNotRequested' };
  switch (parsed.data.state) {
    case 'approved':
      return { ok: true };
    case 'awaiting':
      return { ok: false, refusal: 'approvalAwaiting' };
    case 'declined':
      return { ok: false, refusal: 'approvalDeclined' };
    case 'expired':
      return { ok: false, refusal: 'approvalExpired' };
  }
}

/** The label that marks a ticket as paid work for the validator (set by the sidecar with the request). */
export const PAID_WORK_LABEL = 'paid-work';
