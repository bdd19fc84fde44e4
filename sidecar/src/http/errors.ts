import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isStoreUnavailable } from '../store/db.js';

/** Seconds a client is asked to wait before retrying while the store cannot be reached. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** One field that failed validation: a dotted path (`periods.0.from`) and a message a person reads. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An expected failure that maps to an HTTP answer. Every error body the sidecar sends has the shape
 * `{"error": {"code", "message", "details"?}}`; throw (or `next`) one of these from any route.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds for a `Retry-After` header, on answers that mean "try again later". */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    opts: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** 404 for any route nobody handled. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Maps body-parser failures to the documented statuses and a store that cannot be reached to 503
 * with Retry-After (senders such as Jira retry those); anything else unknown is a 500 bug.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (isStoreUnavailable(err)) {
    return new HttpError(503, 'store_unavailable', 'The store cannot be reached; retry shortly', undefined, {
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    });
  }
  const e = err as BodyParserError;
  if (e?.type === 'entity.too.large') {
    return new HttpError(413, 'payload_too_large', `Body is larger than the limit of ${e.limit} bytes`);
  }
  if (e?.type === 'entity.parse.failed')
    return new HttpError(400, 'malformed_json', 'Body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new HttpError(415, 'unsupported_encoding', e.message);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, 'bad_request', e.message);
  }
  return new HttpError(500, 'internal', 'Internal error');
}

/** The one error middleware: logs bugs, answers every error as `{"error": {...}}`. */
export function errorMiddleware(log: {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const httpError = toHttpError(err);
    if (httpError.code === 'store_unavailable') {
      // Expected during an outage and answered for a retry; the message and code say enough, and
      // a full error per request would flood the log exactly when it is read.
      const { message, code } = err as { message?: unknown; code?: unknown };
      log.warn?.({ path: req.path, cause: { message, code } }, 'store unavailable; answered 503');
    } else if (httpError.status >= 500) log.error({ err }, 'request failed');
    if (httpError.retryAfterSeconds !== undefined)
      res.set('Retry-After', String(httpError.retryAfterSeconds));
    const body: { code: string; message: string; details?: unknown } = {
      code: httpError.code,
      message: httpError.message,
    };
    if (httpError.details !== undefined) body.details = httpError.details;
    res.status(httpError.status).json({ error: body });
  };
}
