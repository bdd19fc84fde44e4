import fc from 'fast-check';
import { MAX_RETRY_AFTER_MS, parseHttpDate, parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta seconds, fractions included, and an HTTP date from now, never negative', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:45 GMT', NOW)).toBe(45_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 08:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:45 GMT', new Date(NOW))).toBe(45_000);
  });

  it('reads the two obsolete date forms a server may still send', () => {
    expect(parseRetryAfter('Monday, 23-Nov-26 09:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Mon Nov 23 09:00:10 2026', NOW)).toBe(10_000);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it.each([
    '1e3',
    '-5',
    '+5',
    '0x10',
    '5s',
    '.5',
    'soon',
    'Infinity',
    'NaN',
    '7 days',
    '2026-11-23T09:01:00Z',
    'Tue, 31 Feb 2026 09:00:00 GMT',
    'Mon, 23 Nov 2026 25:00:00 GMT',
  ])('ignores %j rather than guess at it', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('ignores missing and empty values', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('  ', NOW)).toBeUndefined();
  });

  it('caps absurd asks, in seconds or as a far date', () => {
    expect(parseRetryAfter('99999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('600', NOW, 60_000)).toBe(60_000);
  });

  it('reads any whole number of seconds as that many seconds, up to the cap', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 24 * 3600 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), NOW)).toBe(Math.min(seconds * 1000, MAX_RETRY_AFTER_MS));
      }),
    );
  });

  it('reads back every instant it would write as an IMF-fixdate, to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3600, max: 2 * 24 * 3600 }), (offsetSeconds) => {
        const at = NOW + offsetSeconds * 1000;
        const header = new Date(at).toUTCString();
        expect(parseRetryAfter(header, NOW)).toBe(Math.min(Math.max(0, at - NOW), MAX_RETRY_AFTER_MS));
      }),
    );
  });

  it('answers a number in [0, cap] or nothing, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const ms = parseRetryAfter(value, NOW);
        return ms === undefined || (Number.isInteger(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS);
      }),
    );
  });
});
