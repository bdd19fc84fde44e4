// pino, with every field that can hold a credential redacted at any depth a log call is likely to
// use (case-insensitively in log objects; by key at the top level of child bindings). Child loggers carry the delivery or job they belong to, so one grep follows one event.
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values are credentials wherever they appear in a log object. */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'x-forge-oauth-system',
  'x-forge-oauth-user',
  'x-hub-signature',
  'token',
  'apiToken',
  'accessToken',
  'appToken',
  'adminToken',
  'secret',
  'secrets',
  'webhookSecret',
  'webhookSecrets',
  'secretKey',
  'password',
  'passphrase',
  'databaseUrl',
  'connectionString',
];

const SECRET_KEY_SET = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));
const CENSOR = '[redacted]';
/** Deeper than any log object the sidecar builds; a cycle or a huge payload stops here. */
const MAX_DEPTH = 8;

/**
 * A copy of `value` with every credential-named key censored, at any depth up to MAX_DEPTH. Copy on
 * write: objects without secrets are returned as they are, and the caller's objects are never changed.
 * One walk over the log object costs a few microseconds, where pino's path-based redaction with a
 * wildcard path per key and depth cost about a hundred per line.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const clean = redactSecrets(item, depth + 1);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = SECRET_KEY_SET.has(key.toLowerCase()) ? CENSOR : redactSecrets(item, depth + 1);
    if (clean !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = clean;
  }
  return copy ?? value;
}

/** The sidecar's root logger; `destination` lets tests capture lines. */
export function createLogger(opts: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: 'frontline-sidecar' },
      // Child bindings (delivery and job ids) are redacted by key at their top level; log objects at any depth.
      redact: {
        paths: SECRET_KEYS.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`)),
        censor: CENSOR,
      },
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
    },
    opts.destination,
  );
}
