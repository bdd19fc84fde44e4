import fc from 'fast-check';
import { appFieldBatches } from './index.js';
import {
  JIRA_WRITE_WINDOWS,
  nextWriteSlot,
  parseRetryAfter,
  retryDelay,
  Semaphore,
  WritePacer,
} from './pacing.js';
import type { WriteWindow } from './types.js';

const windowsArb = fc.array(
  fc.record({ limit: fc.integer({ min: 1, max: 6 }), windowMs: fc.integer({ min: 1, max: 5_000 }) }),
  { minLength: 1, maxLength: 3 },
);
/** Arrival times of writes to one issue, ascending. */
const arrivalsArb = fc
  .array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 40 })
  .map((gaps) => gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []));

/** Schedules every arrival through a pacer the way the transport does. */
function schedule(arrivals: readonly number[], windows: readonly WriteWindow[]): number[] {
  const pacer = new WritePacer(windows);
  return arrivals.map((now) => now + pacer.reserve('SUP-1', now));
}

describe('per-issue write pacing', () => {
  it('never lets a window hold more writes than its limit', () => {
    fc.assert(
      fc.property(arrivalsArb, windowsArb, (arrivals, windows) => {
        const slots = schedule(arrivals, windows);
        for (const { limit, windowMs } of windows) {
          for (const end of slots) {
            const inWindow = slots.filter((s) => s > end - windowMs && s <= end).length;
            if (inWindow > limit) return false;
          }
        }
        return true;
      }),
    );
  });

  it('starts no write before it was asked for, and keeps writes to one issue in order', () => {
    fc.assert(
      fc.property(arrivalsArb, windowsArb, (arrivals, windows) => {
        const slots = schedule(arrivals, windows);
        return slots.every((s, i) => s >= arrivals[i]! && (i === 0 || s >= slots[i - 1]!));
      }),
    );
  });

  it('waits no longer than needed: one millisecond earlier would break a window or the order', () => {
    fc.assert(
      fc.property(arrivalsArb, windowsArb, (arrivals, windows) => {
        const slots = schedule(arrivals, windows);
        return slots.every((slot, i) => {
          if (slot === arrivals[i] || (i > 0 && slot === slots[i - 1])) return true;
          const earlier = [...slots.slice(0, i), slot - 1];
          return windows.some(
            ({ limit, windowMs }) =>
              earlier.filter((s) => s > slot - 1 - windowMs && s <= slot - 1).length > limit,
          );
        });
      }),
    );
  });

  it("uses Jira's limits by default: the 21st write within 2 s waits for the first to age out", () => {
    const history = Array.from({ length: 20 }, (_, i) => 1_000 + i * 10);
    expect(nextWriteSlot(history, 1_200, JIRA_WRITE_WINDOWS)).toBe(3_000);
    expect(nextWriteSlot(history.slice(1), 1_200, JIRA_WRITE_WINDOWS)).toBe(1_200);
  });

  it('paces each issue on its own', () => {
    const pacer = new WritePacer([{ limit: 1, windowMs: 1_000 }]);
    expect(pacer.reserve('SUP-1', 0)).toBe(0);
    expect(pacer.reserve('SUP-2', 0)).toBe(0);
    expect(pacer.reserve('SUP-1', 10)).toBe(990);
  });
});

describe('retry delay', () => {
  const policy = { baseDelayMs: 2_000, maxDelayMs: 60_000 };

  it("never waits less than Jira's Retry-After", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, retryAfter, random) => retryDelay(attempt, retryAfter, policy, random) >= retryAfter,
      ),
    );
  });

  it('backs off exponentially within [half, full] of the capped step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          const d = retryDelay(attempt, undefined, policy, random);
          return d >= Math.floor(step / 2) && d <= step;
        },
      ),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.UTC(2026, 10, 22, 10, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('semaphore', () => {
  it('never has more holders than its limit and serves everyone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 20 }),
        async (limit, tasks) => {
          const semaphore = new Semaphore(limit);
          let active = 0;
          let peak = 0;
          let done = 0;
          await Promise.all(
            Array.from({ length: tasks }, async (_, i) => {
              const release = await semaphore.acquire();
              active += 1;
              peak = Math.max(peak, active);
              for (let k = 0; k < i % 3; k += 1) await Promise.resolve();
              active -= 1;
              done += 1;
              release();
            }),
          );
          return peak <= limit && done === tasks && semaphore.inFlight === 0;
        },
      ),
    );
  });
});

describe('app field batches', () => {
  const valuesArb = fc.array(
    fc.record({
      issueId: fc.integer({ min: 10_000, max: 99_999 }),
      value: fc.constantFrom(0, 12.5, 40, 97, null),
    }),
    { maxLength: 120 },
  );

  it('sends every issue exactly once with its own value, at most batchSize issues per request', () => {
    fc.assert(
      fc.property(valuesArb, fc.integer({ min: 1, max: 30 }), (values, batchSize) => {
        const unique = [...new Map(values.map((v) => [v.issueId, v])).values()];
        const batches = appFieldBatches('customfield_10060', unique, batchSize);
        const sent = batches.flatMap((b) =>
          b.flatMap((u) => u.issueIds.map((id) => ({ id, value: u.value }))),
        );
        const expected = unique.map((v) => ({ id: v.issueId, value: v.value }));
        const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;
        return (
          batches.every((b) => b.reduce((n, u) => n + u.issueIds.length, 0) <= batchSize) &&
          batches.every((b) => b.every((u) => u.customField === 'customfield_10060')) &&
          JSON.stringify([...sent].sort(byId)) === JSON.stringify([...expected].sort(byId))
        );
      }),
    );
  });
});
