import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { claimFileName, DataDirLockedError, LOCK_FILE, lockDataDir } from './lock.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const STARTER = fileURLToPath(new URL('./lock-race-child.ts', import.meta.url));
/** Above Linux's largest pid_max, so no process can have it. */
const DEAD_PID = 2_147_483_000;

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const holdAs = (pid: number, host = hostname()) => {
    const bytes = JSON.stringify({ pid, host, since: '2026-11-20T06:00:00.000Z' });
    writeFileSync(join(dir, LOCK_FILE), bytes);
    return bytes;
  };
  const claimAs = (lockBytes: string, attempt: number, pid: number) =>
    writeFileSync(
      join(dir, claimFileName(lockBytes, attempt)),
      JSON.stringify({ pid, host: hostname(), since: '2026-11-20T06:00:01.000Z' }),
    );

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
    holdAs(DEAD_PID);
    const lock = await lockDataDir(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.${DEAD_PID}.stale`]);
    await lock.release();
  });

  it('is not blocked by takeover claims whose claimants died mid-takeover, and clears them', async () => {
    const lockBytes = holdAs(DEAD_PID);
    claimAs(lockBytes, 1, DEAD_PID - 1);
    claimAs(lockBytes, 2, DEAD_PID - 2);
    const lock = await lockDataDir(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.${DEAD_PID}.stale`]);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('waits for a live claimant to finish its takeover instead of touching the lock', async () => {
    const lockBytes = holdAs(DEAD_PID);
    claimAs(lockBytes, 1, process.ppid);
    const finished = new Promise<void>((resolve) =>
      setTimeout(() => {
        // Still the dead holder's bytes: the newcomer left them to the claimant.
        expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(lockBytes);
        rmSync(join(dir, LOCK_FILE));
        rmSync(join(dir, claimFileName(lockBytes, 1)));
        resolve();
      }, 300),
    );
    const lock = await lockDataDir(dir);
    await finished;
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('releases only its own lock file', async () => {
    const lock = await lockDataDir(dir);
    const other = JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-11-20T06:00:00.000Z' });
    writeFileSync(join(dir, LOCK_FILE), other);
    await lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });

  it('gets the lock when a live holder lets go while it waits', async () => {
    holdAs(process.ppid);
    setTimeout(() => rmSync(join(dir, LOCK_FILE)), 300);
    const lock = await lockDataDir(dir, { waitMs: 5_000 });
    await lock.release();
  });
});

interface Answer {
  dir?: string;
  pid: number;
  ready?: boolean;
  won?: boolean;
  refused?: boolean;
  error?: string;
}

/** A starter process and the answers it has given, in order. */
interface Starter {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<Answer>;
}

function startStarter(): Starter {
  const child = spawn(process.execPath, ['--import', 'tsx', STARTER], { cwd: REPO, stdio: 'pipe' });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const queued: Answer[] = [];
  const waiting: ((answer: Answer) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    const waiter = waiting.shift();
    if (waiter) waiter(answer);
    else queued.push(answer);
  });
  return {
    child,
    next: () => {
      const answer = queued.shift();
      return answer ? Promise.resolve(answer) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

// Several processes starting together after a crash all find the same dead holder; the takeover
// must still leave exactly one of them holding the directory. Each round races every starter
// against a fresh stale lock; the starters stay alive (holding what they won) across rounds.
describe('lockDataDir raced by separate processes', () => {
  const STARTERS = 12;
  const ROUNDS = 20;
  let starters: Starter[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    starters = Array.from({ length: STARTERS }, startStarter);
    const hellos = await Promise.all(starters.map((s) => s.next()));
    expect(hellos.every((hello) => hello.ready)).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      starters.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.stdin.end('exit\n');
          }),
      ),
    );
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of many starters take over a lock whose holder died', async () => {
    const outcomes: {
      round: number;
      winners: number[];
      others: string[];
      lockNames: number | undefined;
      left: string[];
    }[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'frontline-lock-race-'));
      dirs.push(dir);
      const lockBytes = JSON.stringify({
        pid: DEAD_PID,
        host: hostname(),
        since: '2026-11-20T06:00:00.000Z',
      });
      writeFileSync(join(dir, LOCK_FILE), lockBytes);
      // Every other round an earlier starter also died while taking over, leaving its claim.
      if (round % 2 === 1)
        writeFileSync(
          join(dir, claimFileName(lockBytes, 1)),
          JSON.stringify({ pid: DEAD_PID - 1, host: hostname(), since: '2026-11-20T06:00:01.000Z' }),
        );
      const at = Date.now() + 100;
      for (const { child } of starters) child.stdin.write(`go ${dir} ${at}\n`);
      const answers = await Promise.all(starters.map((s) => s.next()));
      const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      const left = readdirSync(dir).filter((name) => name !== LOCK_FILE && !name.endsWith('.stale'));
      outcomes.push({
        round,
        winners: answers.filter((a) => a.won).map((a) => a.pid),
        // Anything but a plain refusal (a crash in the takeover, say) is a failure too.
        others: answers.filter((a) => !a.won && !a.refused).map((a) => a.error ?? 'no answer'),
        lockNames: lock.pid,
        left,
      });
    }
    const wrong = outcomes.filter(
      (o) =>
        o.winners.length !== 1 || o.others.length > 0 || o.lockNames !== o.winners[0] || o.left.length > 0,
    );
    expect(wrong).toEqual([]);
  }, 120_000);
});
