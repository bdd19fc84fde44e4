import { z } from 'zod';

// The customer's side of the settings: how long the links in approval, rating and NPS messages stay
// valid, how often customers are asked the NPS question, and the contracts under which waiting for
// the customer's approval of paid work stops the resolution clock. Every field has a default, so an
// empty section is a working one.

const days = (what: string) =>
  z
    .number({ error: `${what} is a number of days` })
    .int(`${what} is whole days`)
    .min(1, `${what} is at least 1 day`)
    .max(90, `${what} is at most 90 days`);

export const CUSTOMER_SIDE_DEFAULTS = {
  approvalLinkDays: 7,
  ratingLinkDays: 14,
  npsLinkDays: 21,
  npsCadenceMonths: 3,
  pauseResolutionWhileAwaitingApproval: [] as string[],
} as const;

/** The `customerSide` section of the settings document. */
export const CustomerSideSchema = z.strictObject({
  /** The provider's name as customers know it (the NPS question names it); "us" when unset. */
  providerName: z.string().trim().min(1, 'Provider name must not be empty').max(100).optional(),
  /** Days an approval link stays valid (default 7). */
  approvalLinkDays: days('Approval link validity').default(CUSTOMER_SIDE_DEFAULTS.approvalLinkDays),
  /** Days a rating link stays valid (default 14). */
  ratingLinkDays: days('Rating link validity').default(CUSTOMER_SIDE_DEFAULTS.ratingLinkDays),
  /** Days an NPS link stays valid (default 21). */
  npsLinkDays: days('NPS link validity').default(CUSTOMER_SIDE_DEFAULTS.npsLinkDays),
  /** Months between NPS surveys: 3 is quarterly, 12 yearly, 0 turns the survey off. */
  npsCadenceMonths: z
    .union(
      [z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6), z.literal(12)],
      {
        error: 'NPS cadence is 0 (off), 1, 2, 3, 4, 6 or 12 months',
      },
    )
    .default(CUSTOMER_SIDE_DEFAULTS.npsCadenceMonths),
  /**
   * Contract ids (or "*" for every contract) whose terms say the resolution clock stops while the
   * customer has not yet answered a request to approve paid work.
   */
  pauseResolutionWhileAwaitingApproval: z
    .array(z.string().trim().min(1, 'Contract id must not be empty'))
    .default([]),
});
export type CustomerSide = z.output<typeof CustomerSideSchema>;

/** Whether waiting for approval stops the resolution clock under `contractId`. */
export function pausesWhileAwaitingApproval(side: CustomerSide, contractId: string | undefined): boolean {
  const list = side.pauseResolutionWhileAwaitingApproval;
  return list.includes('*') || (contractId !== undefined && list.includes(contractId));
}
