// pino, with every field that can hold a credential redacted at any depth a log call is likely to
// use. Child loggers carry the delivery or job they belong to, so one grep follows one event.
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

/** `key`, `*.key`, `*.*.key`, … up to `depth` levels: fast-redact has no deep wildcard. */
export function redactionPaths(keys: readonly string[] = SECRET_KEYS, depth = 4): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let level = 0; level <= depth; level++) {
      const prefix = Array.from({ length: level }, () => '*').join('.');
      paths.push(prefix === '' ? leaf : leaf.startsWith('[') ? `${prefix}${leaf}` : `${prefix}.${leaf}`);
    }
  }
  return paths;
}

/** The sidecar's root logger; `destination` lets tests capture lines. */
export function createLogger(opts: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: 'frontline-sidecar' },
      redact: { paths: redactionPaths(), censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    opts.destination,
  );
}
