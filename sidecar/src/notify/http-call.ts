// How the HTTP channels (Telegram, Slack) make requests: through the outbound toolkit, so every
// call has a deadline and network trouble becomes a retryable `SendFailure` instead of an exception.
import { err, ok } from '@frontline/shared';
import type { Result } from '@frontline/shared';
import { classifyAttempt, httpCall, parseMaybeJson } from '../outbound/index.js';
import type { FetchLike } from '../outbound/index.js';
import type { SendFailure } from './types.js';

export type { FetchLike } from '../outbound/index.js';
export { isRetryableStatus, parseRetryAfter } from '../outbound/index.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON when it is JSON, else the raw text. */
  body: unknown;
}

/**
 * POSTs `body` as JSON with a hard timeout; only transport failures are errors here. Every transport
 * failure is `retryable`; one after the request may have reached the server (a timeout, a reset) is
 * also `outcomeUnknown`, and the outbox decides whether a message may go twice.
 */
export async function postJson(
  fetchFn: FetchLike,
  url: string,
  body: unknown,
  opts: { timeoutMs: number; headers?: Record<string, string>; label: string; signal?: AbortSignal },
): Promise<Result<HttpAnswer, SendFailure>> {
  const answer = await httpCall({
    fetch: fetchFn,
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...opts.headers },
    body: JSON.stringify(body),
    timeoutMs: opts.timeoutMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!answer.ok) {
    const { outcomeUnknown } = classifyAttempt({ network: answer.error });
    return err({ kind: 'retryable', reason: `${opts.label}: ${answer.error.message}`, outcomeUnknown });
  }
  const { status, headers, text } = answer.value;
  return ok({ status, headers, body: parseMaybeJson(text) });
}
