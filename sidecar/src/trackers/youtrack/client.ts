// A thin typed client for YouTrack's REST API (`/api/…`): one request per call through the outbound
// toolkit (deadline, `Retry-After`, backoff with jitter), a permanent token as Bearer, and every
// outcome as a typed result. A write that is not idempotent (a comment, a new issue) is never sent
// again once its outcome is unknown; reads and commands that set a value are.
import { err, ok } from '@frontline/shared';
import {
  classifyAttempt,
  httpCall,
  maySendAgain,
  parseMaybeJson,
  parseRetryAfter,
  retryDelayMs,
} from '../../outbound/index.js';
import type { BackoffPolicy, FetchLike } from '../../outbound/index.js';
import type { TrackerFailure, TrackerResult } from '../../ports.js';

/** The pino subset the client logs with. */
export interface YouTrackLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface YouTrackClientOptions {
  /** `https://northwind.youtrack.cloud` (or a Server URL with its context path), no trailing slash. */
  baseUrl: string;
  /** A permanent token (`perm:…`). */
  token: string;
  logger: YouTrackLogger;
  /** Per attempt, headers and body included (default 10 s). */
  timeoutMs?: number;
  /** Attempts per call, the first included (default 4). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  fetch?: FetchLike;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about each attempt's answer (metrics). */
  onCall?: (op: string, status: number) => void;
}

export interface YouTrackRequest {
  /** Our name for the call, in failures and logs. */
  op: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the base URL, e.g. `/api/issues`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Safe to send twice (reads; commands that set a value). */
  idempotent: boolean;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000, maxRetryAfterMs: 60_000 };

/** YouTrack's error body: `{"error": "...", "error_description": "..."}`. */
function errorTexts(body: unknown): string[] {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? [body.slice(0, 300)] : [];
  const o = body as { error?: unknown; error_description?: unknown };
  return [o.error_description, o.error].filter((t): t is string => typeof t === 'string' && t !== '');
}

/** The field YouTrack names in its refusal (`error_field`), with its message. */
function fieldErrors(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  const o = body as { error_field?: unknown; error_description?: unknown; error?: unknown };
  if (typeof o.error_field !== 'string' || o.error_field === '') return {};
  const text = [o.error_description, o.error].find((t): t is string => typeof t === 'string' && t !== '');
  return { [o.error_field]: text ?? 'refused' };
}

/** An issue's page in YouTrack, e.g. https://youtrack.example/issue/HWQ-12. */
export function youtrackIssueUrl(baseUrl: string, idReadable: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/issue/${encodeURIComponent(idReadable)}`;
}

export class YouTrackClient {
  private readonly opts: YouTrackClientOptions;
  constructor(opts: YouTrackClientOptions) {
    this.opts = { ...opts, baseUrl: opts.baseUrl.replace(/\/+$/, '') };
  }

  /** The web address of an issue, for links in notices. */
  issueUrl(idReadable: string): string {
    return youtrackIssueUrl(this.opts.baseUrl, idReadable);
  }

  async call<T>(req: YouTrackRequest): Promise<TrackerResult<T>> {
    const maxAttempts = this.opts.maxAttempts ?? 4;
    const policy = this.opts.backoff ?? DEFAULT_BACKOFF;
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const random = this.opts.random ?? Math.random;
    const url = new URL(`${this.opts.baseUrl}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    let outcomeUnknown = false;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await httpCall({
        url: url.toString(),
        method: req.method,
        headers: {
          Authorization: `Bearer ${this.opts.token}`,
          Accept: 'application/json',
          ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        timeoutMs: this.opts.timeoutMs ?? 10_000,
        ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
      });
      const status = answer.ok ? answer.value.status : 0;
      this.opts.onCall?.(req.op, status);
      const verdict = classifyAttempt(answer.ok ? { status } : { network: answer.error });
      if (verdict.kind === 'ok') {
        const text = answer.ok ? answer.value.text : '';
        return ok((text ? parseMaybeJson(text) : undefined) as T);
      }
      outcomeUnknown ||= verdict.outcomeUnknown;
      const body = answer.ok ? parseMaybeJson(answer.value.text) : undefined;
      const retryAfterMs = answer.ok
        ? parseRetryAfter(answer.value.headers.get('retry-after'), Date.now(), policy.maxRetryAfterMs)
        : undefined;
      const failure: TrackerFailure = {
        kind: verdict.kind,
        op: req.op,
        status,
        message: answer.ok ? (errorTexts(body)[0] ?? `YouTrack answered ${status}`) : answer.error.message,
        errorMessages: errorTexts(body),
        errors: fieldErrors(body),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        outcomeUnknown,
        attempts: attempt,
      };
      // Never again after an unknown outcome of a call that is not safe to repeat.
      if (attempt >= maxAttempts || !maySendAgain({ ...verdict, outcomeUnknown }, req.idempotent))
        return err(failure);
      const delay = retryDelayMs(attempt, retryAfterMs, random(), policy);
      this.opts.logger.debug({ op: req.op, status, attempt, delay }, 'YouTrack call failed; trying again');
      await sleep(delay);
    }
  }
}
