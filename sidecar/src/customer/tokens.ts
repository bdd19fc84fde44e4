// Signed links for the customer's page. A token is `<claims>.<mac>`: the claims (purpose, subject,
// recipient hash, expiry) as base64url JSON, and an HMAC-SHA256 over them with a key derived from
// FRONTLINE_SECRET_KEY for this one use (HKDF, its own label), so no other part of Frontline — and
// no token of another purpose — can make or reuse one. Verification is timing-safe; anything
// malformed reads as forged. Whether a token was used is the store's to say.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { checkClaims, TokenClaimsSchema } from '@frontline/shared';
import type { TokenClaims, TokenPurpose } from '@frontline/shared';

const KEY_LABEL = 'frontline/customer-links/v1';
/** A token longer than this is not one of ours (and is not worth hashing). */
export const MAX_TOKEN_LENGTH = 512;

export interface LinkSigner {
  sign(input: { purpose: TokenPurpose; subject: string; recipient: string; expiresAt: Date }): string;
  /** The claims of a genuine, unexpired token for `purpose`, or why not. */
  verify(
    token: string,
    now: Date,
  ):
    | { ok: true; claims: TokenClaims }
    | { ok: false; problem: 'forged' }
    | { ok: false; problem: 'expired'; claims: TokenClaims };
}

/** A short, stable hash of an e-mail address (lower-cased): binds a token to one recipient without naming them. */
export function recipientHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('base64url').slice(0, 22);
}

/** The signer for customer links, keyed from the deployment's secret. */
export function createLinkSigner(secretKey: string): LinkSigner {
  const key = Buffer.from(hkdfSync('sha256', secretKey, KEY_LABEL, 'hmac', 32));
  const mac = (body: string) => createHmac('sha256', key).update(body, 'utf8').digest();
  return {
    sign({ purpose, subject, recipient, expiresAt }) {
      const claims: TokenClaims = {
        v: 1,
        p: purpose,
        s: subject,
        r: recipientHash(recipient),
        e: Math.floor(expiresAt.getTime() / 1000),
      };
      const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token, now) {
      if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
        return { ok: false, problem: 'forged' };
      const [body, given] = token.split('.') as [string, string];
      const expected = mac(body);
      const actual = Buffer.from(given, 'base64url');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
        return { ok: false, problem: 'forged' };
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, problem: 'forged' };
      }
      const claims = TokenClaimsSchema.safeParse(parsed);
      if (!claims.success) return { ok: false, problem: 'forged' };
      const fresh = checkClaims(claims.data, now);
      // Genuine but late: the claims still say whose link it was (the page can answer in their language).
      return fresh.ok
        ? { ok: true, claims: claims.data }
        : { ok: false, problem: 'expired', claims: claims.data };
    },
  };
}
