import { isRetryableStatus, parseRetryAfter } from './http-call.js';

const NOW = new Date('2026-11-23T09:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta seconds, including fractions', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:45 GMT', NOW)).toBe(45_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 08:00:00 GMT', NOW)).toBe(0);
  });
  it('ignores missing and unreadable values', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    const retryable = [200, 400, 401, 403, 404, 408, 410, 429, 500, 502, 503].filter(isRetryableStatus);
    expect(retryable).toEqual([408, 429, 500, 502, 503]);
  });
});
