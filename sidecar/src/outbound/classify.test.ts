import fc from 'fast-check';
import {
  classifyAttempt,
  describeNetworkError,
  isRetryableStatus,
  maySendAgain,
  OutboundTimeout,
} from './classify.js';

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    const statuses = [200, 301, 400, 401, 403, 404, 408, 409, 410, 422, 429, 500, 501, 502, 503, 504, 599];
    expect(statuses.filter(isRetryableStatus)).toEqual([408, 429, 500, 501, 502, 503, 504, 599]);
  });
});

describe('describeNetworkError', () => {
  it('finds the system code under fetch’s generic error', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(describeNetworkError(error)).toEqual({
      message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
      code: 'ECONNREFUSED',
      beforeSend: true,
      timedOut: false,
    });
  });

  it('counts a reset connection as possibly sent', () => {
    const error = new TypeError('fetch failed', {
      cause: { code: 'ECONNRESET', message: 'read ECONNRESET' },
    });
    expect(describeNetworkError(error)).toMatchObject({ code: 'ECONNRESET', beforeSend: false });
  });

  it('reads our own deadline as a timeout after sending', () => {
    expect(describeNetworkError(new OutboundTimeout(250))).toEqual({
      message: 'no answer within 250 ms',
      beforeSend: false,
      timedOut: true,
    });
  });

  it('ignores the numeric code of a DOMException and never throws on odd throwables', () => {
    expect(describeNetworkError(new DOMException('aborted', 'AbortError'))).toMatchObject({
      message: 'aborted',
      beforeSend: false,
    });
    fc.assert(
      fc.property(fc.anything(), (thrown) => typeof describeNetworkError(thrown).message === 'string'),
    );
  });
});

describe('never re-send a non-idempotent call after an unknown outcome', () => {
  const network = (beforeSend: boolean) => ({
    network: { message: 'x', beforeSend, timedOut: !beforeSend },
  });

  it.each([
    [{ status: 201 }, 'ok', false],
    [{ status: 404 }, 'permanent', false],
    [{ status: 429 }, 'retryable', false],
    [{ status: 408 }, 'retryable', false],
    [{ status: 503 }, 'retryable', true],
    [network(true), 'retryable', false],
    [network(false), 'retryable', true],
  ] as const)('%j is %s, outcome unknown: %s', (end, kind, outcomeUnknown) => {
    expect(classifyAttempt(end)).toEqual({ kind, outcomeUnknown });
  });

  it('sends an idempotent call again after any retryable failure', () => {
    expect(maySendAgain(classifyAttempt(network(false)), true)).toBe(true);
    expect(maySendAgain(classifyAttempt({ status: 500 }), true)).toBe(true);
  });

  it('sends a non-idempotent call again only when the server cannot have acted', () => {
    expect(maySendAgain(classifyAttempt({ status: 429 }), false)).toBe(true);
    expect(maySendAgain(classifyAttempt(network(true)), false)).toBe(true);
    expect(maySendAgain(classifyAttempt({ status: 500 }), false)).toBe(false);
    expect(maySendAgain(classifyAttempt(network(false)), false)).toBe(false);
  });

  it('never sends a permanent failure again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 499 }), fc.boolean(), (status, idempotent) =>
        status === 408 || status === 429 ? true : !maySendAgain(classifyAttempt({ status }), idempotent),
      ),
    );
  });
});
