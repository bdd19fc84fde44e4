// One process per embedded data directory: two PGlite instances writing the same files corrupt
// them silently, so the directory is locked for as long as the store is open.
//
// The lock is a file naming its holder (pid, host, start time and a random nonce, so no two
// holders ever write the same bytes). A newcomer on the same host takes it over only when that pid
// is no longer alive, so a restart after SIGKILL proceeds at once. (An mtime-refreshed lock was
// tried first: PGlite's first start blocks the event loop for longer than any sensible staleness
// window, so the refresh timer could not keep it fresh.)
//
// Why each step is atomic on a local filesystem:
// - Files appear whole: the content is written to a private temporary file which is then hard-
//   linked to the public name. link() fails with EEXIST when the name exists, so it is an
//   exclusive create, and nobody ever reads a half-written (empty) lock — a crash between create
//   and write used to leave an empty lock that blocked every later start.
// - A takeover must be exclusive, or two starters that both read the dead holder would each move
//   "the" lock aside and the second would move the first one's fresh lock. So removing a dead
//   holder's lock needs a claim: a file `store.lock.takeover.<key>.<n>`, where key is a hash of
//   the exact lock bytes being removed, created with the same exclusive link. Only the claimant
//   may move that lock aside; it checks, holding the claim, that the lock still has those bytes
//   (nobody else may change them: the holder is dead and no one else holds a claim on them), so
//   check-then-rename cannot hit a newer lock. Once moved, those bytes never return (the nonce).
// - A claimant can die too. Its claim names its pid; when that pid is dead the next starter
//   claims attempt n+1 with the same exclusive link, so a stale claim never blocks, and still only
//   one starter wins each attempt. Claims are never deleted while their lock is in place, so the
//   attempt numbers only grow until the takeover is done.
// - Whoever ends up holding the lock deletes every claim: any claim on other bytes is harmless by
//   then (its re-check fails), and no one claims the lock of a live holder.
// Holders on other hosts (a shared volume) are never presumed dead, so none of this is attempted
// across machines.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'store.lock';

const CLAIM_PREFIX = `${LOCK_FILE}.takeover.`;
const TEMP_PREFIX = `.${LOCK_FILE}.`;
/** How often a starter that must wait for a live holder looks again. */
const HOLDER_POLL_MS = 250;
/** Another starter's takeover is a few file operations; waiting this long for it is always enough. */
const TAKEOVER_GRACE_MS = 5_000;
const TAKEOVER_POLL_MS = 10;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    holder: LockHolder | undefined,
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
    super(
      `The data directory ${dataDir} is in use by ${who} (lock ${join(dataDir, LOCK_FILE)}). ` +
        'Stop that process, or point FRONTLINE_DATA_DIR elsewhere.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** Directories this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

function errorCode(err: unknown): string | undefined {
  return (err as { code?: string }).code;
}

function readRaw(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

function parseHolder(raw: string | undefined): LockHolder | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? (parsed as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/**
 * A process that can be proved gone: same host, and either its pid is dead or it is our own pid
 * (a previous run in a container that reuses pids) while `stillOurs` says this process is not
 * the one that wrote it.
 */
function isGone(holder: LockHolder | undefined, stillOurs: boolean): boolean {
  if (!holder) return false;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !stillOurs;
  return !isAlive(holder.pid);
}

function identity(): string {
  return JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  });
}

/** Creates `path` holding `content` if no file has that name: whole or not at all. */
function place(path: string, dir: string, content: string): boolean {
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The name of attempt `attempt` at claiming the lock whose file holds exactly `lockBytes`. */
export function claimFileName(lockBytes: string, attempt: number): string {
  const key = createHash('sha256').update(lockBytes).digest('hex').slice(0, 16);
  return `${CLAIM_PREFIX}${key}.${attempt}`;
}

type Takeover = { done: true } | { done: false; claimant: LockHolder | undefined };

/**
 * Moves the lock with exactly the bytes `raw` (whose holder is gone) aside, if this process wins
 * the claim on it. Runs without awaiting, so no other takeover in this process interleaves.
 */
function takeOver(dir: string, path: string, raw: string, holder: LockHolder, me: string): Takeover {
  const prefix = claimFileName(raw, 0).slice(0, -1);
  const claims = () => readdirSync(dir).filter((name) => name.startsWith(prefix));
  const attempts = claims()
    .map((name) => Number(name.slice(prefix.length)))
    .filter(Number.isInteger);
  const last = attempts.length ? Math.max(...attempts) : 0;
  if (last > 0) {
    // A claim with our own pid is an earlier process's: none of ours is in progress, as takeovers
    // here never await.
    const claimant = parseHolder(readRaw(join(dir, `${prefix}${last}`)));
    if (!isGone(claimant, false)) return { done: false, claimant };
  }
  if (!place(join(dir, `${prefix}${last + 1}`), dir, me)) return { done: false, claimant: undefined };
  try {
    // Moved aside rather than deleted, so the evidence of the crash stays for whoever looks.
    if (readRaw(path) === raw) renameSync(path, `${path}.${holder.pid}.stale`);
  } finally {
    for (const name of claims()) rmSync(join(dir, name), { force: true });
  }
  return { done: true };
}

/** Claims and temporary files left by processes that died mid-way; safe once we hold the lock. */
function sweepLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(CLAIM_PREFIX)) rmSync(join(dir, name), { force: true });
    else if (name.startsWith(TEMP_PREFIX)) {
      const pid = Number(name.slice(TEMP_PREFIX.length).split('.')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
        rmSync(join(dir, name), { force: true });
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Locks `dataDir`, waiting up to `waitMs` (default 0) for a live holder to let go. */
export async function lockDataDir(dataDir: string, opts: { waitMs?: number } = {}): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  const me = identity();
  for (;;) {
    let holder: LockHolder | undefined;
    if (heldHere.has(dir)) holder = parseHolder(readRaw(path));
    else {
      if (place(path, dir, me)) break;
      const raw = readRaw(path);
      if (raw === undefined) continue; // released or moved aside a moment ago: try again at once
      holder = parseHolder(raw);
      if (isGone(holder, false)) {
        const takeover = takeOver(dir, path, raw, holder!, me);
        if (takeover.done) continue;
        // Another starter is taking it over; its outcome (its lock, or its death) is moments away.
        if (Date.now() < deadline + TAKEOVER_GRACE_MS) {
          await sleep(TAKEOVER_POLL_MS);
          continue;
        }
        holder = takeover.claimant ?? holder;
      }
    }
    if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, holder);
    await sleep(HOLDER_POLL_MS);
  }
  heldHere.add(dir);
  sweepLeftovers(dir);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(dir);
      // Only our own bytes: after a takeover by mistake (never expected) the file is someone else's.
      if (readRaw(path) === me) rmSync(path, { force: true });
    },
  };
}
