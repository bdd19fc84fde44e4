// One process per embedded data directory: two PGlite instances writing the same files corrupt
// them silently, so the directory is locked for as long as the store is open. The lock is a
// directory whose mtime the holder refreshes; a holder killed with SIGKILL stops refreshing and the
// lock goes stale, so a restart waits at most `staleMs` instead of needing a manual clean-up.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export const LOCK_STALE_MS = 5_000;

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Frontline process (lock ${join(dataDir, 'store.lock')}). ` +
        'Stop that process, or point FRONTLINE_DATA_DIR elsewhere.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Locks `dataDir`, waiting up to `waitMs` for a lock left by a dead process to go stale.
 * `onLost` runs if the lock is taken away while held (the disk vanished, or the clock jumped).
 */
export async function lockDataDir(
  dataDir: string,
  opts: { waitMs?: number; onLost?: (err: Error) => void } = {},
): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const waitMs = opts.waitMs ?? LOCK_STALE_MS + 2_000;
  const attempts = Math.max(0, Math.ceil(waitMs / 500));
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'store.lock'),
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 4,
      realpath: false,
      retries: attempts === 0 ? 0 : { retries: attempts, factor: 1, minTimeout: 500, maxTimeout: 500 },
      onCompromised: (err) => {
        if (opts.onLost) opts.onLost(err);
        else throw err;
      },
    });
    return { release: () => release().catch(() => undefined) };
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw err;
  }
}
