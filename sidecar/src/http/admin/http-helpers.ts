// Small request helpers the admin and Forge routers share.
import type { Request } from 'express';
import type { FieldIssue } from '@frontline/shared';
import { HttpError } from '../errors.js';

/** Requires a JSON body (415 otherwise); express.json has parsed it by now. */
export function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  return req.body;
}

/** Parses an optional positive integer query parameter (400 when present but not one). */
export function intQuery(req: Request, name: string, opts: { min?: number } = {}): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < (opts.min ?? 1)) {
    throw new HttpError(
      400,
      'invalid_query',
      `Query parameter "${name}" must be an integer ≥ ${opts.min ?? 1}`,
    );
  }
  return value;
}

/** 422 with one `{path, message}` per failing field. */
export function validationError(code: string, what: string, issues: FieldIssue[]): HttpError {
  const count = issues.length === 1 ? '1 field' : `${issues.length} fields`;
  return new HttpError(422, code, `${what}: ${count} failed validation`, issues);
}
