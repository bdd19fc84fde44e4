// One process per embedded data directory: two PGlite instances writing the same files corrupt
// them silently, so the directory is locked for as long as the store is open.
//
// The lock is a file created exclusively (O_EXCL) holding the owner's pid and host. A newcomer on
// the same host takes it over only when that pid is no longer alive, so a restart after SIGKILL
// proceeds at once. (An mtime-refreshed lock was tried first: PGlite's first start blocks the event
// loop for longer than any sensible staleness window, so the refresh timer could not keep it fresh.)
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'store.lock';

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

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
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
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * A holder that can be proved gone: same host, and either its pid is dead or it is our own pid
 * (a previous run in a container that reuses pids) without this process holding the directory.
 * Holders on other hosts (a shared volume) are never presumed dead.
 */
function isGone(holder: LockHolder | undefined, dir: string): boolean {
  if (!holder) return false;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(dir);
  return !isAlive(holder.pid);
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return false;
    throw err;
  }
}

/** Locks `dataDir`, waiting up to `waitMs` (default 0) for a live holder to let go. */
export async function lockDataDir(dataDir: string, opts: { waitMs?: number } = {}): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  for (;;) {
    if (!heldHere.has(dir) && tryCreate(path)) break;
    const holder = readHolder(path);
    if (!heldHere.has(dir) && isGone(holder, dir)) {
      // Moved aside rather than deleted, so the evidence of the crash stays for whoever looks.
      renameSync(path, `${path}.${holder!.pid}.stale`);
      continue;
    }
    if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, holder);
    await new Promise((r) => setTimeout(r, 250));
  }
  heldHere.add(dir);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(dir);
      if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}
