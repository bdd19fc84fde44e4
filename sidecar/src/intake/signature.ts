// Jira admin webhooks sign the raw body: `X-Hub-Signature: sha256=<hex HMAC>`. Every configured
// secret is tried (rotation: old and new both verify); comparisons are timing-safe.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/** The header value a sender would put on `body` when signing with `secret`. */
export function signBody(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `header` is a sha256 HMAC of `body` under any of `secrets`. */
export function verifySignature(
  body: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  const match = header ? HEADER.exec(header.trim()) : null;
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'hex');
  let verified = false;
  // No early exit: the time taken does not reveal which secret (if any) matched.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (timingSafeEqual(expected, given)) verified = true;
  }
  return verified;
}

/** Dedupe key for a delivery without a webhook identifier: the body's SHA-256. */
export function bodyHash(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}
