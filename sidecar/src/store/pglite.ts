// The embedded store: PostgreSQL compiled to WASM, in-process, one connection. Good for one
// machine; the data directory is locked so a second process cannot open (and corrupt) it.
//
// A failed statement leaves that one connection as it was: a single statement runs in the extended
// protocol and ends with Sync (its implicit transaction ends with it), and PGlite's transaction()
// rolls back when its callback throws (and refuses to COMMIT an aborted one). What does wedge it is
// a statement that runs out of JavaScript stack inside the WASM: PostgreSQL's own depth check
// measures a different stack, PGlite swallows the RangeError, the statement "succeeds" with no rows,
// and PostgreSQL's error handling is left pointing into unwound frames — the next error of any kind
// then loops for ever on the event loop (100% CPU, deaf to SIGTERM). Parsing deeply nested JSON
// does exactly that (~8,000 levels and more), so such parameters are refused before they are sent.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './db.js';
import type { MigrationTarget, ScriptRunner } from './migrate.js';
import { lockDataDir } from './lock.js';

export interface PgliteDb extends Db, MigrationTarget {
  readonly kind: 'pglite';
  /** The instance itself, for pg-boss's PGlite adapter (it must share the one connection). */
  readonly pglite: PGlite;
}

type PgliteConnection = Pick<PGlite | Transaction, 'query' | 'exec'>;

/**
 * Deepest bracket nesting a text parameter may have. Far below where PGlite's parser exhausts the
 * stack, far above any document the routers let in (they cap JSON at 64 levels).
 */
export const MAX_PARAMETER_NESTING = 1_000;

/** Whether `text` nests `[`/`{` deeper than `limit` outside JSON strings (one pass, early exit). */
function nestsDeeperThan(text: string, limit: number): boolean {
  // Nesting needs at least one character per level.
  if (text.length <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Throws for a parameter (or an element of an array parameter) PGlite cannot parse safely. */
function refuseDeepParameters(params: readonly unknown[]): void {
  params.forEach((param, i) => {
    const texts = Array.isArray(param) ? param : [param];
    for (const value of texts) {
      const text =
        typeof value === 'string'
          ? value
          : value !== null &&
              typeof value === 'object' &&
              !(value instanceof Date) &&
              !ArrayBuffer.isView(value)
            ? JSON.stringify(value)
            : undefined;
      if (text !== undefined && nestsDeeperThan(text, MAX_PARAMETER_NESTING)) {
        throw new Error(
          `parameter $${i + 1} is nested deeper than ${MAX_PARAMETER_NESTING} levels; the embedded store cannot parse it safely`,
        );
      }
    }
  });
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function asRunner(conn: PgliteConnection): ScriptRunner {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      refuseDeepParameters(params);
      // PGlite runs each statement synchronously and settles it as a microtask, so a worker chaining
      // statements would never let the event loop turn: under a backlog, requests and timers starve
      // (minutes without /healthz). One macrotask turn per statement gives them their share.
      await yieldToEventLoop();
      const result = await conn.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
  };
}

/** `memory://` keeps everything in RAM (tests); any other value is a directory on disk. */
export async function openPglite(opts: { dataDir: string; lockWaitMs?: number }): Promise<PgliteDb> {
  const inMemory = opts.dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : await lockDataDir(opts.dataDir, { waitMs: opts.lockWaitMs });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? opts.dataDir : join(opts.dataDir, 'pglite'));
  } catch (err) {
    await lock?.release();
    throw err;
  }
  const runner = asRunner(pglite);
  const transaction = <T>(fn: (tx: ScriptRunner) => Promise<T>): Promise<T> =>
    pglite.transaction((tx) => fn(asRunner(tx)));
  return {
    kind: 'pglite',
    pglite,
    query: runner.query,
    transaction: (fn: (tx: Queryable) => Promise<unknown>) => transaction(fn),
    migrationTransaction: transaction,
    async close() {
      if (!pglite.closed) await pglite.close();
      await lock?.release();
    },
  } as PgliteDb;
}
