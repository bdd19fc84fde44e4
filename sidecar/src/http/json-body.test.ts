import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeUtf8, findUnstorableText, jsonDepth, parseJsonText, unstorableParam } from './json-body.js';

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
  });
  it('stops early past the limit on a very deep document', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(jsonDepth(deep, 64)).toBe(65);
  });
});

describe('parseJsonText', () => {
  it('refuses a document nested deeper than the cap before parsing it', () => {
    const result = parseJsonText('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    expect(result).toMatchObject({ ok: false, error: { code: 'too_deep' } });
  });
  it('names the field holding a NUL or a lone surrogate', () => {
    expect(parseJsonText('{"issue":{"fields":{"summary":"a\\u0000b"}}}')).toMatchObject({
      ok: false,
      error: { code: 'unstorable_text', path: 'issue.fields.summary' },
    });
    expect(parseJsonText('{"list":["ok","\\ud800"]}')).toMatchObject({
      ok: false,
      error: { path: 'list.1' },
    });
    expect(findUnstorableText({ ['k\u0000']: 1 })).toMatchObject({ code: 'unstorable_text' });
  });
  it('accepts well-formed pairs, brackets in strings and ordinary documents', () => {
    expect(parseJsonText('{"emoji":"\\ud83d\\ude00","t":"[{"}')).toEqual({
      ok: true,
      value: { emoji: '😀', t: '[{' },
    });
  });
  it('refuses malformed text', () => {
    expect(parseJsonText('{"a":')).toMatchObject({ ok: false, error: { code: 'malformed_json' } });
  });
});

describe('decodeUtf8 and unstorableParam', () => {
  it('refuses a declared charset other than UTF-8 and bytes that are not UTF-8', () => {
    expect(decodeUtf8(Buffer.from('{}'), 'application/json; charset=windows-1251')).toMatchObject({
      ok: false,
      error: { code: 'not_utf8' },
    });
    expect(decodeUtf8(Buffer.from([0x7b, 0xcf, 0xf0, 0x7d]), 'application/json')).toMatchObject({
      ok: false,
    });
    expect(decodeUtf8(Buffer.from('{"a":"ё"}'), 'application/json; charset=UTF-8')).toEqual({
      ok: true,
      value: '{"a":"ё"}',
    });
  });
  it('names a query parameter holding a NUL', () => {
    expect(unstorableParam('customer', 'a\u0000')).toMatchObject({ path: 'customer' });
    expect(unstorableParam('customer', 'acme')).toBeUndefined();
  });
});

describe('parseJsonText fast path', () => {
  it('still finds NUL and lone surrogates written with upper-case or mixed escapes', () => {
    expect(parseJsonText('{"a":"x\\u0000"}')).toMatchObject({ ok: false, error: { path: 'a' } });
    expect(parseJsonText('{"a":"\\uDBFF"}')).toMatchObject({ ok: false, error: { path: 'a' } });
    expect(parseJsonText('{"a":"\\uDc00"}')).toMatchObject({ ok: false, error: { path: 'a' } });
    expect(parseJsonText('{"a":"\ud800"}')).toMatchObject({ ok: false, error: { path: 'a' } });
  });
  it('does not mistake an escaped backslash before u0000 for a NUL', () => {
    expect(parseJsonText('{"a":"\\\\u0000"}')).toEqual({ ok: true, value: { a: '\\u0000' } });
  });
  it('agrees with the full walk on any document', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\u0000', '\ud800', '\udfff', '😀', 'a'),
    );
    fc.assert(
      fc.property(
        fc.jsonValue().chain((v) => fc.dictionary(text, fc.oneof(text, fc.constant(v)))),
        (doc) => {
          const parsed = parseJsonText(JSON.stringify(doc));
          expect(parsed.ok).toBe(findUnstorableText(doc) === undefined);
        },
      ),
      { numRuns: 500 },
    );
  });
});
