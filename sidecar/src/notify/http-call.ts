// The one place the HTTP channels (Telegram, Slack) make requests: every call has a timeout, and
// network trouble becomes a retryable `SendFailure` instead of an exception.
import { err, ok } from '@frontline/shared';
import type { Result } from '@frontline/shared';
import type { SendFailure } from './types.js';

export type FetchLike = typeof fetch;

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON when it is JSON, else the raw text. */
  body: unknown;
}

/** POSTs `body` as JSON with a hard timeout; only transport failures are errors here. */
export async function postJson(
  fetchFn: FetchLike,
  url: string,
  body: unknown,
  opts: { timeoutMs: number; headers?: Record<string, string>; label: string; signal?: AbortSignal },
): Promise<Result<HttpAnswer, SendFailure>> {
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...opts.headers },
      body: JSON.stringify(body),
      signal: opts.signal
        ? AbortSignal.any([AbortSignal.timeout(opts.timeoutMs), opts.signal])
        : AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await response.text();
    return ok({ status: response.status, headers: response.headers, body: parseMaybeJson(text) });
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `${opts.label}: no answer within ${opts.timeoutMs} ms`
        : `${opts.label}: ${describeNetworkError(error)}`;
    return err({ kind: 'retryable', reason });
  }
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code ?? (error instanceof Error ? error.message : 'network error');
}

/** Reads a `Retry-After` header (delta seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** 429, 408 and 5xx are worth another try later; other 4xx mean the request itself is wrong. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}
