// What a failed call means for the next step. Three questions, answered the same way for Jira and
// every notification channel:
//   - worth trying again? 408, 429, 5xx and network trouble are; other 4xx mean the request
//     itself is wrong and will be refused again;
//   - may the server have acted on it? Not when it refused before acting (429, 408) or when the
//     connection never opened; yes after a 5xx, a timeout or a connection lost mid-call;
//   - may it be sent again? Only when it is idempotent or the server cannot have acted: a comment
//     or a chat message sent twice is seen twice.

/** 408, 429 and 5xx are worth another try later; other statuses mean the request itself is wrong. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Statuses that say the server refused the request before doing anything with it. */
export function refusedBeforeActing(status: number): boolean {
  return status === 408 || status === 429;
}

/** Error codes of a connection that never opened: nothing was sent, so nothing can have happened. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Why a call produced no response. */
export interface NetworkFailure {
  /** A short, secret-free description: the error code and message, or the timeout. */
  message: string;
  /** The system error code found on the error or its causes (`ECONNRESET`, …). */
  code?: string;
  /** The connection never opened, so the server cannot have seen the request. */
  beforeSend: boolean;
  /** Our own deadline ran out. */
  timedOut: boolean;
}

/** The error our per-call deadline aborts a request with. */
export class OutboundTimeout extends Error {
  override readonly name = 'OutboundTimeout';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };

/**
 * Describes an error thrown by fetch (or any client) for logs and classification. fetch hides the
 * reason in `cause`, sometimes deeper; the walk is duck-typed rather than `instanceof Error`, since
 * the error may come from another realm (undici's), where that check is false.
 */
export function describeNetworkError(error: unknown): NetworkFailure {
  if (error instanceof OutboundTimeout) return { message: error.message, beforeSend: false, timedOut: true };
  let cursor = error as ErrorLike | undefined;
  for (let depth = 0; typeof cursor === 'object' && cursor !== null && depth < 5; depth += 1) {
    const code = cursor.code;
    if (typeof code === 'string') {
      const detail = typeof cursor.message === 'string' && cursor.message !== '' ? `: ${cursor.message}` : '';
      return {
        message: `${code}${detail}`,
        code,
        beforeSend: NEVER_CONNECTED.has(code),
        timedOut: code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT',
      };
    }
    cursor = cursor.cause as ErrorLike | undefined;
  }
  const top = error as ErrorLike | undefined;
  const message = typeof top?.message === 'string' && top.message !== '' ? top.message : 'network error';
  return { message, beforeSend: false, timedOut: top?.name === 'TimeoutError' };
}

/** How one attempt ended, as far as retrying is concerned. */
export type AttemptEnd = { status: number } | { network: NetworkFailure };

export interface AttemptVerdict {
  kind: 'ok' | 'retryable' | 'permanent';
  /** The server may have acted on the request although the call failed. */
  outcomeUnknown: boolean;
}

/** Classifies one attempt: success, worth another try, or wrong for good; and whether it may have acted. */
export function classifyAttempt(end: AttemptEnd): AttemptVerdict {
  if ('network' in end) return { kind: 'retryable', outcomeUnknown: !end.network.beforeSend };
  const { status } = end;
  if (status >= 200 && status < 300) return { kind: 'ok', outcomeUnknown: false };
  if (!isRetryableStatus(status)) return { kind: 'permanent', outcomeUnknown: false };
  return { kind: 'retryable', outcomeUnknown: !refusedBeforeActing(status) };
}

/**
 * Whether a failed call may be sent again: it must be worth retrying, and either safe to repeat
 * (reads, puts of a value) or certainly not acted on. Never re-send a non-idempotent call after an
 * unknown outcome.
 */
export function maySendAgain(verdict: AttemptVerdict, idempotent: boolean): boolean {
  return verdict.kind === 'retryable' && (idempotent || !verdict.outcomeUnknown);
}
