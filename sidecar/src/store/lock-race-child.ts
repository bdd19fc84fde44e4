// A starter for the lock race test: one process that, for each `go <dir> <at>` line on stdin, tries
// to lock that directory at the wall-clock instant `at` (ms) and answers with one JSON line saying
// whether it won. Every starter gets the same instant, so they reach the lock together rather than
// in the order their lines were written. Locks it wins are held until stdin says `exit` (or
// closes), as a running store would hold them.
import { createInterface } from 'node:readline';
import { DataDirLockedError, lockDataDir } from './lock.js';

const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, dir, at] = line.split(' ');
  if (command === 'exit') process.exit(0);
  if (command !== 'go' || !dir) return;
  // Timers fire late by a millisecond or more; the last stretch is spun so the start is sharp.
  const startAt = Number(at ?? 0);
  const later = () => new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now() - 3)));
  void later()
    .then(() => {
      while (Date.now() < startAt);
      return lockDataDir(dir, { waitMs: 0 });
    })
    .then(
      () => say({ dir, pid: process.pid, won: true }),
      (err: unknown) =>
        say({
          dir,
          pid: process.pid,
          won: false,
          refused: err instanceof DataDirLockedError,
          error: String(err),
        }),
    );
});
lines.on('close', () => process.exit(0));
say({ ready: true, pid: process.pid });
