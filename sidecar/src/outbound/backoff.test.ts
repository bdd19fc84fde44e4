import fc from 'fast-check';
import { backoffDelayMs, retryDelayMs } from './backoff.js';
import type { BackoffPolicy } from './backoff.js';

const policyArb = fc
  .record({
    baseMs: fc.integer({ min: 1, max: 10_000 }),
    maxMs: fc.integer({ min: 1, max: 3_600_000 }),
    maxRetryAfterMs: fc.integer({ min: 0, max: 86_400_000 }),
  })
  .filter((p) => p.maxMs >= p.baseMs) satisfies fc.Arbitrary<BackoffPolicy>;
const attempt = fc.integer({ min: 1, max: 2_000 });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoffDelayMs', () => {
  it('stays within [half, all] of the capped exponential step', () => {
    fc.assert(
      fc.property(policyArb, attempt, unit, (policy, n, random) => {
        const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
        const delay = backoffDelayMs(n, random, policy);
        return delay >= Math.floor(step / 2) && delay <= step && delay <= policy.maxMs;
      }),
    );
  });

  it('never shrinks from one attempt to the next for the same jitter', () => {
    fc.assert(
      fc.property(
        policyArb,
        attempt,
        unit,
        (policy, n, random) => backoffDelayMs(n + 1, random, policy) >= backoffDelayMs(n, random, policy),
      ),
    );
  });
});

describe('retryDelayMs', () => {
  it('never comes back before Retry-After, and at most a tenth later, up to the cap', () => {
    fc.assert(
      fc.property(policyArb, attempt, unit, fc.nat({ max: 86_400_000 }), (policy, n, random, asked) => {
        const delay = retryDelayMs(n, asked, random, policy);
        if (asked >= policy.maxRetryAfterMs) return delay === policy.maxRetryAfterMs;
        return delay >= asked && delay <= Math.ceil(asked * 1.1);
      }),
    );
  });

  it('takes Retry-After exactly when asked for no spread', () => {
    const policy = { baseMs: 2_000, maxMs: 60_000, maxRetryAfterMs: 3_600_000, retryAfterSpread: 0 };
    expect(retryDelayMs(3, 7_000, 0.9, policy)).toBe(7_000);
  });

  it('falls back to the exponential schedule without a Retry-After', () => {
    const policy = { baseMs: 2_000, maxMs: 60_000, maxRetryAfterMs: 3_600_000 };
    expect(retryDelayMs(1, undefined, 1 - Number.EPSILON, policy)).toBe(2_000);
    expect(retryDelayMs(3, undefined, 0, policy)).toBe(4_000);
    expect(retryDelayMs(30, undefined, 1 - Number.EPSILON, policy)).toBe(60_000);
  });
});
