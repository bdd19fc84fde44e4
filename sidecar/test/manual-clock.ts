// A clock tests move by hand: timers run when `advance` reaches their time, and the promises they
// start settle before the next one runs. Nothing waits on the wall clock.

/** Lets promise chains started so far run to their next real wait (I/O or a timer). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface ManualClock {
  now(): number;
  after(ms: number, fn: () => void): { cancel(): void };
  /** Moves time forward by `ms`, running every timer due on the way, in order. */
  advance(ms: number): Promise<void>;
}

export function manualClock(start = 0): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const nextDue = (until: number) => {
    let found: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of timers)
      if (entry[1].at <= until && (!found || entry[1].at < found[1].at)) found = entry;
    return found;
  };
  return {
    now: () => now,
    after(ms, fn) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return { cancel: () => void timers.delete(id) };
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const due = nextDue(end);
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
      await settle();
    },
  };
}
