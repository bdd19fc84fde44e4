import fc from 'fast-check';
import { isoInstant } from './iso.js';

describe('isoInstant', () => {
  it('writes what Date#toISOString writes, on and off the fast path', () => {
    const instants = fc.oneof(
      fc.integer({ min: Date.UTC(1969, 0, 1), max: Date.UTC(2101, 0, 1) }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.double({ min: 0, max: 4.1e12, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(instants, { minLength: 1, maxLength: 5 }), (list) => {
        for (const ms of list) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the edges of a day and of the fast range', () => {
    for (const ms of [
      0,
      86_399_999,
      86_400_000,
      Date.UTC(2100, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      -1,
    ])
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });
});
