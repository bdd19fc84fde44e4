import fc from 'fast-check';
import { canonicalJson, forgeEventType, forgeIdempotencyKey } from './event-key.js';

const INSTALLATION = 'ari:cloud:ecosystem::installation/northwind';
const issueCreated = {
  eventType: 'avi:jira:created:issue',
  issue: { id: '10042', key: 'SUP-42', fields: { summary: 'Array controller failure' } },
  atlassianId: '5b10ac8d82e05b22cc7d4ef5',
};

describe('Forge event identity', () => {
  it('hashes equal content equally whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it('gives a retry the key of the first attempt', () => {
    const first = forgeIdempotencyKey(INSTALLATION, issueCreated, false);
    const retry = {
      ...issueCreated,
      retryContext: { retryCount: 2, retryReason: 'TIMEOUT_ERROR', retryData: null },
    };
    const nestedRetry = { payload: { ...issueCreated, retryContext: { retryCount: 1 } } };
    expect(forgeIdempotencyKey(INSTALLATION, retry, false)).toBe(first);
    expect(forgeIdempotencyKey(INSTALLATION, nestedRetry, false)).toBe(
      forgeIdempotencyKey(INSTALLATION, { payload: issueCreated }, false),
    );
  });

  it('tells different events, installations and ticks apart', () => {
    const key = forgeIdempotencyKey(INSTALLATION, issueCreated, false);
    const other = { ...issueCreated, issue: { ...issueCreated.issue, key: 'SUP-43' } };
    expect(forgeIdempotencyKey(INSTALLATION, other, false)).not.toBe(key);
    expect(forgeIdempotencyKey(`${INSTALLATION}-2`, issueCreated, false)).not.toBe(key);
    const tick = (token: string) => ({
      context: { cloudId: 'c1', moduleKey: 'temperature-sweep' },
      contextToken: token,
    });
    expect(forgeIdempotencyKey(INSTALLATION, tick('t1'), true)).not.toBe(
      forgeIdempotencyKey(INSTALLATION, tick('t2'), true),
    );
  });

  it('names product events and scheduled ticks, and says what is missing otherwise', () => {
    expect(forgeEventType(issueCreated)).toEqual({
      ok: true,
      value: { eventType: 'avi:jira:created:issue', scheduled: false },
    });
    expect(forgeEventType({ payload: issueCreated })).toEqual({
      ok: true,
      value: { eventType: 'avi:jira:created:issue', scheduled: false },
    });
    expect(forgeEventType({ context: { moduleKey: 'temperature-sweep' }, contextToken: 'x' })).toEqual({
      ok: true,
      value: { eventType: 'scheduled:temperature-sweep', scheduled: true },
    });
    expect(forgeEventType({ issue: {} })).toEqual({
      ok: false,
      error: expect.stringContaining('"eventType"'),
    });
    expect(forgeEventType([1])).toEqual({ ok: false, error: 'body must be a JSON object' });
  });

  it('serialises nesting of any depth without using the call stack', () => {
    let deep: unknown = { leaf: [1, 'two', null] };
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { b: deep, a: i };
    const text = canonicalJson(deep);
    expect(text.startsWith('{"a":99999,"b":[{"a":99997,"b":[')).toBe(true);
    expect(text.endsWith(`{"leaf":[1,"two",null]}${']}'.repeat(50_000)}`)).toBe(true);
    expect(text.length).toBeGreaterThan(100_000);
  });

  it('drops undefined members as JSON does, and writes what JSON cannot hold as null', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, () => 1, NaN], c: 'x' })).toBe(
      JSON.stringify({ a: [undefined, () => 1, NaN], c: 'x' }),
    );
  });
});
