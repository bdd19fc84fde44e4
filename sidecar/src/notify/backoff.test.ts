import fc from 'fast-check';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';

const attempt = fc.integer({ min: 1, max: 60 });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('retryDelayMs', () => {
  it('stays between half and all of the capped exponential step', () => {
    fc.assert(
      fc.property(attempt, unit, (n, random) => {
        const step = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (n - 1));
        const delay = retryDelayMs(n, undefined, random);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(delay).toBeLessThanOrEqual(step);
      }),
    );
  });

  it('never shrinks from one attempt to the next for the same jitter', () => {
    fc.assert(
      fc.property(attempt, unit, (n, random) => {
        expect(retryDelayMs(n + 1, undefined, random)).toBeGreaterThanOrEqual(
          retryDelayMs(n, undefined, random),
        );
      }),
    );
  });

  it('takes the channel’s Retry-After as given, up to the cap, whatever the attempt', () => {
    fc.assert(
      fc.property(
        attempt,
        unit,
        fc.integer({ min: 0, max: 10 * DEFAULT_BACKOFF.maxRetryAfterMs }),
        (n, random, asked) => {
          expect(retryDelayMs(n, asked, random)).toBe(Math.min(asked, DEFAULT_BACKOFF.maxRetryAfterMs));
        },
      ),
    );
  });

  it('starts at two seconds and reaches the ten-minute ceiling', () => {
    const top = 1 - Number.EPSILON;
    expect(retryDelayMs(1, undefined, top)).toBe(2_000);
    expect(retryDelayMs(2, undefined, 0)).toBe(2_000);
    expect(retryDelayMs(30, undefined, top)).toBe(600_000);
  });
});
