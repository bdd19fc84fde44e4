import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './lock.js';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const holdAs = (pid: number, host = hostname()) =>
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host, since: '2026-11-20T06:00:00.000Z' }));

  it('refuses a second lock in the same process until the first is released', async () => {
    const first = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await lockDataDir(dir);
    await second.release();
  });

  it('refuses while another live process on this host holds it, naming that process', async () => {
    holdAs(process.ppid);
    await expect(lockDataDir(dir)).rejects.toThrow(`process ${process.ppid} on ${hostname()}`);
  });

  it('never presumes a holder on another host dead', async () => {
    holdAs(999_999, 'another-replica.northwind.example');
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
  });

  it('takes over a lock whose process died (SIGKILL), keeping the old lock file aside', async () => {
    holdAs(2_147_483_000); // no such pid
    const lock = await lockDataDir(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.2147483000.stale`]);
    await lock.release();
  });

  it('gets the lock when a live holder lets go while it waits', async () => {
    holdAs(process.ppid);
    setTimeout(() => rmSync(join(dir, LOCK_FILE)), 300);
    const lock = await lockDataDir(dir, { waitMs: 5_000 });
    await lock.release();
  });
});
