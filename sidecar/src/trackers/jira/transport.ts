// The HTTP layer under jira.js: jira.js builds each request (path, query, body, response schema)
// and hands it to `sendRequest`, which is ours. Here live the timeout, the concurrency bound, the
// quota pause, per-issue write pacing and retries. The deadline, `Retry-After`, backoff and the
// classification of failures are the outbound toolkit's (../outbound/), shared with the channels.
//
// jira.js's own transport is not used: it has no timeout option, never retries 429, drops
// `RateLimit-Reason`, and (6.2.0) crashes with `TypeError: code.startsWith is not a function`
// when a request is aborted through `AbortSignal.timeout` — the DOMException's numeric `code`
// reaches a string check. The toolkit's deadline aborts with an error of its own and classifies it.
import type { Client, SendRequestOptions } from 'jira.js/core';
import {
  classifyAttempt,
  httpCall,
  maySendAgain,
  parseMaybeJson,
  parseRetryAfter,
} from '../../outbound/index.js';
import type { NetworkFailure } from '../../outbound/index.js';
import { JIRA_WRITE_WINDOWS, retryDelay, Semaphore, WritePacer } from './pacing.js';
import type { JiraFailure, JiraGatewayHooks, JiraGatewayOptions, JiraLogger } from './types.js';
import { JiraCallError } from './types.js';

/** Where and as whom a call goes. */
export interface Endpoint {
  baseUrl: string;
  authorization: string;
}

/** What the gateway knows about a call that the URL alone does not say. */
export interface CallContext {
  op: string;
  /** Safe to send twice: GET/PUT, searches, value sets. Creates, comments, transitions and moves are not. */
  idempotent: boolean;
  /** The issue a write changes, for per-issue pacing. */
  writesIssue?: string;
}

const QUOTA_REASON = /^jira-quota/i;

function errorBody(body: unknown): { errorMessages: string[]; errors: Record<string, string> } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errorMessages = Array.isArray(b.errorMessages) ? b.errorMessages.map(String) : [];
  const errors =
    typeof b.errors === 'object' && b.errors !== null
      ? Object.fromEntries(
          Object.entries(b.errors as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        )
      : {};
  return { errorMessages, errors };
}

/** Query string the way jira.js serializes it: arrays repeat the key, objects go as JSON. */
function queryString(params: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(key, String(item)));
    else search.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export interface TransportOptions {
  timeoutMs: number;
  maxConcurrency: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
  quotaPauseMs: number;
  logger: JiraLogger;
  hooks: JiraGatewayHooks;
  clock: { now(): number; sleep(ms: number): Promise<void>; random(): number };
  pacer: WritePacer;
}

/** Reads the gateway options into transport settings with Jira-appropriate defaults. */
export function transportOptions(opts: JiraGatewayOptions): TransportOptions {
  return {
    timeoutMs: opts.timeoutMs ?? 10_000,
    maxConcurrency: opts.maxConcurrency ?? 8,
    maxAttempts: opts.retry?.maxAttempts ?? 5,
    baseDelayMs: opts.retry?.baseDelayMs ?? 2_000,
    maxDelayMs: opts.retry?.maxDelayMs ?? 60_000,
    maxWaitMs: opts.retry?.maxWaitMs ?? 120_000,
    quotaPauseMs: opts.quotaPauseMs ?? 60_000,
    logger: opts.logger,
    hooks: opts.hooks ?? {},
    clock: opts.clock ?? {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: () => Math.random(),
    },
    pacer: new WritePacer(opts.writeWindows ?? JIRA_WRITE_WINDOWS),
  };
}

/** Shared by a gateway and every `forAppToken` view of it: one concurrency bound, one quota pause. */
export class Transport {
  private readonly semaphore: Semaphore;
  private pausedUntil = 0;
  private pauseReason: string | undefined;

  constructor(private readonly opts: TransportOptions) {
    this.semaphore = new Semaphore(opts.maxConcurrency);
  }

  /** A jira.js `Client` bound to one endpoint and one call's context. */
  client(endpoint: Endpoint, ctx: CallContext): Client {
    return { sendRequest: <T>(options: SendRequestOptions<T>) => this.send(endpoint, ctx, options) };
  }

  private async wait(ms: number, reason: string | undefined, rateLimited: boolean): Promise<void> {
    if (ms <= 0) return;
    if (rateLimited) this.opts.hooks.onRateLimitWait?.(ms, reason);
    await this.opts.clock.sleep(ms);
  }

  /**
   * Waits out a quota pause any call has started (all calls share it), or, when the pause is
   * longer than a call should wait, fails it as retryable without sending anything.
   */
  private async respectPause(op: string, attempts: number): Promise<void> {
    for (;;) {
      const remaining = this.pausedUntil - this.opts.clock.now();
      if (remaining <= 0) return;
      if (remaining > this.opts.maxWaitMs) {
        throw new JiraCallError({
          op,
          kind: 'retryable',
          status: 429,
          message: `Jira quota exhausted (${this.pauseReason ?? 'quota'}): calls paused for ${remaining} ms`,
          errorMessages: [],
          errors: {},
          rateLimitReason: this.pauseReason,
          retryAfterMs: remaining,
          outcomeUnknown: false,
          attempts,
        });
      }
      await this.wait(remaining, this.pauseReason, true);
    }
  }

  private async send<T>(endpoint: Endpoint, ctx: CallContext, options: SendRequestOptions<T>): Promise<T> {
    const method = options.method ?? 'GET';
    const path = options.url.startsWith('/') ? options.url : `/${options.url}`;
    const url = `${endpoint.baseUrl.replace(/\/$/, '')}${path}${queryString(options.searchParams)}`;
    const { clock, logger, hooks } = this.opts;
    const fail = (failure: Omit<JiraFailure, 'op'>): never => {
      throw new JiraCallError({ op: ctx.op, ...failure });
    };

    for (let attempt = 1; ; attempt += 1) {
      await this.respectPause(ctx.op, attempt - 1);
      if (ctx.writesIssue !== undefined) {
        await this.wait(
          this.opts.pacer.reserve(ctx.writesIssue, clock.now()),
          'per-issue write pacing',
          false,
        );
      }
      const release = await this.semaphore.acquire();
      const started = clock.now();
      let answer;
      try {
        answer = await httpCall({
          url,
          method,
          headers: {
            Accept: 'application/json',
            Authorization: endpoint.authorization,
            ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...options.headers,
          },
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
          timeoutMs: this.opts.timeoutMs,
        });
      } finally {
        release();
      }
      const status = answer.ok ? answer.value.status : 0;
      const headers = answer.ok ? answer.value.headers : undefined;
      const noResponse: NetworkFailure | undefined = answer.ok ? undefined : answer.error;
      const responseBody =
        answer.ok && answer.value.text !== '' ? parseMaybeJson(answer.value.text) : undefined;
      hooks.onCall?.(ctx.op, status, clock.now() - started);

      if (status >= 200 && status < 300) return this.parse(ctx, options, responseBody);

      const retryAfterMs = headers ? parseRetryAfter(headers.get('retry-after'), clock.now()) : undefined;
      const rateLimitReason = headers?.get('ratelimit-reason') ?? undefined;
      const { errorMessages, errors } = errorBody(responseBody);
      const message =
        noResponse?.message ??
        (errorMessages[0] || Object.values(errors)[0] || `HTTP ${status} from ${method} ${path}`);
      // 429 means Jira refused before acting; a connection that never opened carried nothing.
      // Anything else after a non-idempotent write may have been applied: do not send it again.
      const verdict = classifyAttempt(noResponse ? { network: noResponse } : { status });
      const base = {
        status,
        errorMessages,
        errors,
        rateLimitReason,
        retryAfterMs,
        attempts: attempt,
        message,
      };

      if (verdict.kind !== 'retryable') return fail({ ...base, kind: 'permanent', outcomeUnknown: false });
      if (!maySendAgain(verdict, ctx.idempotent))
        return fail({ ...base, kind: 'retryable', outcomeUnknown: true });

      const quota = status === 429 && rateLimitReason !== undefined && QUOTA_REASON.test(rateLimitReason);
      if (quota) {
        // A quota is the whole app's budget: every call waits until it resets.
        const pause = retryAfterMs ?? this.opts.quotaPauseMs;
        this.pausedUntil = Math.max(this.pausedUntil, clock.now() + pause);
        this.pauseReason = rateLimitReason;
        logger.warn(
          { op: ctx.op, reason: rateLimitReason, pauseMs: pause },
          'jira quota exhausted: pausing all calls',
        );
      }
      if (attempt >= this.opts.maxAttempts)
        return fail({ ...base, kind: 'retryable', outcomeUnknown: false });
      if (quota) continue; // the next attempt waits out the shared pause

      const delay = retryDelay(attempt, retryAfterMs, this.opts, clock.random());
      if (delay > this.opts.maxWaitMs) return fail({ ...base, kind: 'retryable', outcomeUnknown: false });
      logger.warn(
        { op: ctx.op, status, attempt, delayMs: delay, reason: rateLimitReason ?? noResponse?.message },
        'jira call failed: retrying',
      );
      await this.wait(delay, rateLimitReason, status === 429);
    }
  }

  /** Checks a 2xx body against jira.js's schema; a mismatch is logged, never fatal (Jira grows fields). */
  private parse<T>(ctx: CallContext, options: SendRequestOptions<T>, body: unknown): T {
    if (options.schema === undefined || body === undefined) return body as T;
    const parsed = options.schema.safeParse(body);
    if (parsed.success) return parsed.data;
    this.opts.logger.debug(
      { op: ctx.op, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
      'jira response differs from the published schema',
    );
    return body as T;
  }
}
