import fc from 'fast-check';
import { matchCredential } from './auth.js';
import { parseIfMatch } from './settings.js';

describe('admin token matching', () => {
  const credentials = [
    { name: 'ops-token', token: 'northwind-admin-token-0123456789' },
    { name: 'ci-token', token: 'northwind-ci-token-9876543210abc' },
  ];

  it('finds the credential whose token was presented', () => {
    expect(matchCredential(credentials, 'northwind-ci-token-9876543210abc')?.name).toBe('ci-token');
    expect(matchCredential(credentials, 'northwind-admin-token-0123456789')?.name).toBe('ops-token');
  });

  it('matches nothing but an exact token: no prefix, suffix, case or length tricks', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (presented) => {
        const expected = credentials.find((c) => c.token === presented);
        expect(matchCredential(credentials, presented)).toBe(expected);
      }),
    );
    for (const near of [
      'northwind-admin-token-012345678',
      'northwind-admin-token-01234567890',
      'NORTHWIND-ADMIN-TOKEN-0123456789',
      '',
    ]) {
      expect(matchCredential(credentials, near)).toBeUndefined();
    }
  });

  it('reads If-Match versions', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch('7')).toBe(7);
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(() => parseIfMatch('"v3"')).toThrow(/If-Match/);
  });
});
