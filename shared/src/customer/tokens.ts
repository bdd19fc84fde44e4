import { z } from 'zod';

// What a signed link carries. The sidecar signs and verifies (HMAC with a key derived for this one
// purpose); this module holds the claims and the checks that need no key: purpose, subject, expiry.

export const TOKEN_PURPOSES = ['approval', 'rating', 'nps'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Short field names keep the link short enough for every mail client. */
export const TokenClaimsSchema = z.strictObject({
  v: z.literal(1),
  /** Purpose: one link answers one kind of question. */
  p: z.enum(TOKEN_PURPOSES),
  /** Subject: the approval request, rating request or survey invitation id. */
  s: z.string().min(1).max(64),
  /** Recipient: the e-mail address the link was sent to, as a short hash (no address in the link). */
  r: z.string().min(1).max(64),
  /** Expiry, seconds since the epoch. */
  e: z.number().int().positive(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

/** Why a link does not work. */
export type TokenProblem = 'forged' | 'expired' | 'used';

/** Checks claims that verified: not expired at `now`. (Reuse is the store's to say.) */
export function checkClaims(
  claims: TokenClaims,
  now: Date,
): { ok: true } | { ok: false; problem: 'expired' } {
  return claims.e * 1000 > now.getTime() ? { ok: true } : { ok: false, problem: 'expired' };
}
