// Untrusted JSON text → a value the store can hold, with bounded work. Every router that takes a
// JSON body parses it here (directly, or through `jsonBody()`), so one set of rules holds at every
// edge: UTF-8 only, nesting capped before parsing (a deep document would otherwise overflow the
// stack in JSON.parse, in canonical hashing or in the store's own parser), and no string or key
// that PostgreSQL refuses (NUL; a lone UTF-16 surrogate) reaches a statement.
import { isUtf8 } from 'node:buffer';
import express from 'express';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';
import {
  findUnstorableText as findStorableProblem,
  unstorableParam as paramProblem,
} from '../store/storable-text.js';

/** Deeper documents are refused before parsing; no Jira, Forge or admin body comes near it. */
export const MAX_JSON_DEPTH = 64;

export type JsonProblemCode = 'malformed_json' | 'too_deep' | 'unstorable_text' | 'not_utf8';

export interface JsonProblem {
  code: JsonProblemCode;
  /** Where: a dotted path into the document (`issue.fields.summary`), or `(body)`. */
  path: string;
  message: string;
}

/**
 * The deepest nesting of arrays and objects in JSON text, counted in one pass without recursion;
 * brackets inside strings do not count. Stops early once `limit` is exceeded.
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** The rules themselves live with the store; they are re-exported for the routers. */
export function findUnstorableText(value: unknown): JsonProblem | undefined {
  const found = findStorableProblem(value);
  return found && { code: 'unstorable_text', ...found };
}

/** A single text value (a query or path parameter) the store can hold; the problem names `field`. */
export function unstorableParam(field: string, value: string): JsonProblem | undefined {
  const found = paramProblem(field, value);
  return found && { code: 'unstorable_text', ...found };
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: JsonProblem };

/** Parses untrusted JSON text under the rules above. */
export function parseJsonText(text: string, opts: { maxDepth?: number } = {}): ParsedJson {
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  if (jsonDepth(text, maxDepth) > maxDepth) {
    return {
      ok: false,
      error: { code: 'too_deep', path: '(body)', message: `JSON is nested deeper than ${maxDepth} levels` },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: { code: 'malformed_json', path: '(body)', message: 'Body is not valid JSON' },
    };
  }
  // Only an escape (`\u0000`, `\ud8xx`…) or a surrogate already in the text can put NUL or a lone
  // surrogate into the parsed value (JSON forbids raw control characters in strings), so a body
  // with neither skips the walk: the common case costs one regular-expression scan.
  const unstorable = MAY_HOLD_UNSTORABLE.test(text) ? findUnstorableText(value) : undefined;
  return unstorable ? { ok: false, error: unstorable } : { ok: true, value };
}

const MAY_HOLD_UNSTORABLE = /\\u(?:0000|[dD][89abcdefABCDEF])|[\uD800-\uDFFF]/;

/** Decodes a body that must be UTF-8 (the only charset JSON allows between systems, RFC 8259 §8.1). */
export function decodeUtf8(body: Buffer, contentType: string | undefined): ParsedJson {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if ((charset && charset !== 'utf-8' && charset !== 'utf8') || !isUtf8(body)) {
    return {
      ok: false,
      error: {
        code: 'not_utf8',
        path: '(body)',
        message:
          charset && charset !== 'utf-8'
            ? `charset ${charset} is not accepted; send UTF-8`
            : 'Body is not valid UTF-8',
      },
    };
  }
  return { ok: true, value: body.toString('utf8') };
}

/** The HTTP answer for a JSON problem: 415 for a charset, 400 naming the field otherwise. */
export function jsonProblemToHttp(problem: JsonProblem): HttpError {
  const status = problem.code === 'not_utf8' ? 415 : 400;
  return new HttpError(status, problem.code, problem.message, [
    { path: problem.path, message: problem.message },
  ]);
}

/**
 * Drop-in for `express.json()`: parses `application/json` (and `+json`) bodies under the rules
 * above into `req.body`; other types leave `req.body` undefined for the route to refuse.
 */
export function jsonBody(opts: { limit: string | number; maxDepth?: number }): RequestHandler {
  const raw = express.raw({ type: ['application/json', 'application/*+json'], limit: opts.limit });
  return (req, res, next) => {
    raw(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!Buffer.isBuffer(req.body)) {
        req.body = undefined;
        return next();
      }
      // As express.json: an empty body reads as an empty object.
      if (req.body.length === 0) {
        req.body = {};
        return next();
      }
      const text = decodeUtf8(req.body, req.headers['content-type']);
      if (!text.ok) return next(jsonProblemToHttp(text.error));
      const parsed = parseJsonText(text.value as string, { maxDepth: opts.maxDepth });
      if (!parsed.ok) return next(jsonProblemToHttp(parsed.error));
      req.body = parsed.value;
      next();
    });
  };
}
