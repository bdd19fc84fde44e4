// Small request helpers the admin and Forge routers share.
import type { Request } from 'express';
import type { FieldIssue } from '@frontline/shared';
import { HttpError } from '../errors.js';
import { jsonProblemToHttp, unstorableParam } from '../json-body.js';

/** Requires a JSON body (415 otherwise); the router's body parser has parsed it by now. */
export function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  return req.body;
}

/** The largest value of a PostgreSQL `integer` (int4) column, such as `settings_versions.version`. */
export const INT4_MAX = 2_147_483_647;

/**
 * A whole number in `[min, max]` from a path or query parameter's text, or undefined when it is
 * not one. Only plain digits count (no sign, exponent or spaces), and the bound applies before any
 * value reaches a statement: a number the column cannot hold makes PostgreSQL fail the query.
 */
function boundedInt(raw: unknown, min: number, max: number): number | undefined {
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

const rangeText = (min: number, max: number) => `an integer from ${min} to ${max}`;

/**
 * Parses an optional integer query parameter within `[min, max]` (default 1 to INT4_MAX); 400
 * naming the parameter when present but not one.
 */
export function intQuery(
  req: Request,
  name: string,
  opts: { min?: number; max?: number } = {},
): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const min = opts.min ?? 1;
  const max = opts.max ?? INT4_MAX;
  const value = boundedInt(raw, min, max);
  if (value === undefined) {
    const message = `Query parameter "${name}" must be ${rangeText(min, max)}`;
    throw new HttpError(400, 'invalid_query', message, [{ path: name, message }]);
  }
  return value;
}

/** Parses a required integer path parameter within `[min, max]`; 400 with `code`, naming it, otherwise. */
export function intParam(
  req: Request,
  name: string,
  opts: { code: string; what: string; min?: number; max?: number },
): number {
  const min = opts.min ?? 1;
  const max = opts.max ?? INT4_MAX;
  const value = boundedInt(req.params[name], min, max);
  if (value === undefined) {
    const message = `Path parameter "${name}" (${opts.what}) must be ${rangeText(min, max)}`;
    throw new HttpError(400, opts.code, message, [{ path: name, message }]);
  }
  return value;
}

/** A text path parameter the store can hold (no NUL, no lone surrogate); 400 naming it otherwise. */
export function textParam(req: Request, name: string): string {
  // A wildcard parameter arrives as its segments; the store sees them joined.
  const raw = req.params[name];
  const value = Array.isArray(raw) ? raw.join('/') : (raw ?? '');
  const problem = unstorableParam(name, value);
  if (problem) throw jsonProblemToHttp(problem);
  return value;
}

/** 422 with one `{path, message}` per failing field. */
export function validationError(code: string, what: string, issues: FieldIssue[]): HttpError {
  const count = issues.length === 1 ? '1 field' : `${issues.length} fields`;
  return new HttpError(422, code, `${what}: ${count} failed validation`, issues);
}
