import type { ErrorRequestHandler, RequestHandler } from 'express';

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

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
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

/** Maps body-parser failures to the documented statuses; anything else unknown is a 500 bug. */
function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
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
export function errorMiddleware(log: { error(obj: object, msg: string): void }): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) log.error({ err }, 'request failed');
    const body: { code: string; message: string; details?: unknown } = {
      code: httpError.code,
      message: httpError.message,
    };
    if (httpError.details !== undefined) body.details = httpError.details;
    res.status(httpError.status).json({ error: body });
  };
}
