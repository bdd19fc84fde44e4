// Requests from the YouTrack app's backend handler are signed with a secret the app and the sidecar
// share (YOUTRACK_WEBHOOK_SECRETS): HMAC-SHA256 over the method, the path with its query, the time
// and the raw body, one per line, so a signature can be replayed neither on another route nor later.
//   X-Frontline-Timestamp: <epoch milliseconds>
//   X-Frontline-Signature: sha256=<hex HMAC-SHA256(secret, "METHOD\npath?query\ntimestamp\nbody")>
// Every configured secret is tried (rotation), with no early exit, timing-safe.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-frontline-timestamp';
export const SIGNATURE_HEADER = 'x-frontline-signature';
/** How far the sender's clock may be from ours, either way. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
const TIMESTAMP = /^\d{1,16}$/;

/** The text the signature covers. */
export function canonicalRequest(
  method: string,
  path: string,
  timestamp: string,
  body: Buffer | string,
): Buffer {
  const head = Buffer.from(`${method.toUpperCase()}\n${path}\n${timestamp}\n`, 'utf8');
  return Buffer.concat([head, typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

/** The signature header value for a request (what the app's backend sends). */
export function signRequest(
  secret: string,
  method: string,
  path: string,
  timestamp: string,
  body: Buffer | string,
): string {
  const mac = createHmac('sha256', secret).update(canonicalRequest(method, path, timestamp, body));
  return `sha256=${mac.digest('hex')}`;
}

export type RequestCheck =
  | { ok: true }
  | {
      ok: false;
      code: 'signature_missing' | 'signature_invalid' | 'timestamp_invalid' | 'timestamp_outside_window';
      message: string;
    };

/** Checks a request's timestamp against `now` (± {@link REPLAY_WINDOW_MS}) and its signature under any of `secrets`. */
export function checkSignedRequest(input: {
  secrets: readonly string[];
  method: string;
  path: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  now: Date;
}): RequestCheck {
  const { timestamp, signature } = input;
  if (!signature)
    return { ok: false, code: 'signature_missing', message: 'X-Frontline-Signature is missing' };
  if (!timestamp || !TIMESTAMP.test(timestamp))
    return {
      ok: false,
      code: 'timestamp_invalid',
      message: 'X-Frontline-Timestamp must be the time of the request in epoch milliseconds',
    };
  if (Math.abs(Number(timestamp) - input.now.getTime()) > REPLAY_WINDOW_MS)
    return {
      ok: false,
      code: 'timestamp_outside_window',
      message: 'X-Frontline-Timestamp is more than 5 minutes from the sidecar’s clock',
    };
  const match = SIGNATURE.exec(signature.trim());
  if (!match)
    return { ok: false, code: 'signature_invalid', message: 'X-Frontline-Signature is not sha256=<hex>' };
  const given = Buffer.from(match[1]!, 'hex');
  const text = canonicalRequest(input.method, input.path, timestamp, input.body);
  let verified = false;
  for (const secret of input.secrets) {
    const expected = createHmac('sha256', secret).update(text).digest();
    if (timingSafeEqual(expected, given)) verified = true;
  }
  return verified
    ? { ok: true }
    : {
        ok: false,
        code: 'signature_invalid',
        message: 'X-Frontline-Signature does not match the request under any configured secret',
      };
}
