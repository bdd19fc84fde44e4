// The store seam every sidecar module uses. Two implementations: embedded PGlite (default, one
// process) and a real PostgreSQL server via `pg` (several replicas). SQL is plain Postgres for both.

import type { Queryable } from '../ports.js';

export type { QueryResult, Queryable } from '../ports.js';

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATEs that mean "the server or the connection went away", not "this statement is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the backend was terminated (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

/** Node socket codes of a server that cannot be reached or hung up. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What `pg` and its pool say when a connection dies, cannot be made, or cannot be had in time. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /is not currently accepting connections/,
  /^the database system is (starting up|shutting down|in recovery mode)/,
];

/**
 * True when `err` says the store cannot be reached right now (connection refused, cut, timed out,
 * or the server refusing connections), as opposed to a statement that failed on its own merits.
 * Callers answer these with "retry later" instead of treating them as bugs.
 */
export function isStoreUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      // Class 08: connection exceptions.
      if (code.startsWith('08') && code.length === 5) return true;
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
      return true;
    // A refused connection to a host with several addresses arrives as an AggregateError.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isStoreUnavailable(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
