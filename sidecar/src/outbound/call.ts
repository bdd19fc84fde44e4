// One HTTP exchange with a deadline: every outbound call (Jira, Telegram, Slack) goes through
// `httpCall`, so each has a timeout that also covers reading the body, and network trouble comes
// back as a described, classified value instead of an exception.
import type { Result } from '@frontline/shared';
import { describeNetworkError, OutboundTimeout } from './classify.js';
import type { NetworkFailure } from './classify.js';

export type FetchLike = typeof fetch;

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, headers and body, must end within this. */
  timeoutMs: number;
  /** Ends the call early (shutdown); reported as a network failure like the timeout. */
  signal?: AbortSignal;
  fetch?: FetchLike;
}

/** A response that arrived whole. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body as text ('' when there is none). */
  text: string;
}

/** Sends one request; only "no whole response" is an error here, any status is an answer. */
export async function httpCall(request: HttpRequest): Promise<Result<HttpAnswer, NetworkFailure>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new OutboundTimeout(request.timeoutMs)), request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline.signal, request.signal]) : deadline.signal;
  try {
    const response = await (request.fetch ?? fetch)(request.url, {
      method: request.method ?? 'GET',
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal,
    });
    const text = await response.text();
    return { ok: true, value: { status: response.status, headers: response.headers, text } };
  } catch (error) {
    // An abort surfaces as a generic AbortError; the reason we aborted with says which deadline it was.
    if (deadline.signal.aborted) return { ok: false, error: describeNetworkError(deadline.signal.reason) };
    if (request.signal?.aborted) {
      return { ok: false, error: { message: 'call cancelled', beforeSend: false, timedOut: false } };
    }
    return { ok: false, error: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A body parsed as JSON when it is JSON, else the text itself (error pages are often HTML). */
export function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
