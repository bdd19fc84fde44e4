import { DEFAULT_TOKEN_TTL_MS, tokenExpiry } from './token-expiry.js';

const jwtWith = (claims: object): string =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';

describe('tokenExpiry', () => {
  const now = new Date('2026-03-02T09:00:00Z');

  it('reads exp from a JWT', () => {
    const exp = Date.parse('2026-03-02T11:00:00Z') / 1000;
    expect(tokenExpiry(jwtWith({ exp }), now)).toEqual(new Date('2026-03-02T11:00:00Z'));
  });

  it('falls back to a short lifetime for opaque tokens or JWTs without exp', () => {
    const fallback = new Date(now.getTime() + DEFAULT_TOKEN_TTL_MS);
    expect(tokenExpiry('opaque-token', now)).toEqual(fallback);
    expect(tokenExpiry(jwtWith({ sub: 'app' }), now)).toEqual(fallback);
    expect(tokenExpiry('a.%%%.c', now)).toEqual(fallback);
    expect(tokenExpiry(jwtWith({ exp: 'soon' }), now)).toEqual(fallback);
  });
});
