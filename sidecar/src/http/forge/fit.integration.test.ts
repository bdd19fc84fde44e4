import { SignJWT } from 'jose';
import { createFitVerifier, FIT_ISSUER, type FitVerifierConfig } from './fit.js';
import {
  startTestJwks,
  TEST_API_BASE_URL,
  TEST_APP_ID,
  TEST_INSTALLATION_ID,
  type TestJwks,
} from './testing.js';

describe('Forge Invocation Token verification against a loopback JWKS', () => {
  let jwks: TestJwks;
  const now = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    jwks = await startTestJwks();
    await jwks.addKey('forge-key-1');
  });
  afterAll(() => jwks.close());

  const verifier = (extra: Partial<FitVerifierConfig> = {}) =>
    createFitVerifier({ appId: TEST_APP_ID, jwksUrl: jwks.url, clockToleranceSec: 5, ...extra });
  const reasonFor = async (header: string | undefined, extra: Partial<FitVerifierConfig> = {}) => {
    const result = await verifier(extra).verify(header);
    return result.ok ? 'accepted' : result.error.reason;
  };

  it('accepts a valid token and exposes the installation and principal', async () => {
    const token = await jwks.sign('forge-key-1', { principal: '5b10ac8d82e05b22cc7d4ef5' });
    const result = await verifier().verify(`Bearer ${token}`);
    expect(result.ok && result.value).toMatchObject({
      installationId: TEST_INSTALLATION_ID,
      apiBaseUrl: TEST_API_BASE_URL,
      appId: TEST_APP_ID,
      principal: '5b10ac8d82e05b22cc7d4ef5',
      moduleKey: 'frontline-sidecar-events',
    });
  });

  it('refuses a missing or non-bearer Authorization header', async () => {
    expect(await reasonFor(undefined)).toBe('missing bearer token in the Authorization header');
    expect(await reasonFor('Basic dXNlcjpwYXNz')).toBe('missing bearer token in the Authorization header');
  });

  it('refuses an expired token, but tolerates small clock skew', async () => {
    const expired = await jwks.sign('forge-key-1', {}, { issuedAt: now - 120, ttlSec: 60 });
    expect(await reasonFor(`Bearer ${expired}`)).toBe('token expired');
    const justExpired = await jwks.sign('forge-key-1', {}, { issuedAt: now - 62, ttlSec: 60 });
    expect(await reasonFor(`Bearer ${justExpired}`)).toBe('accepted');
  });

  it('refuses a token issued further in the future than the clock skew allows', async () => {
    const hourAhead = await jwks.sign(
      'forge-key-1',
      {},
      { issuedAt: now + 3_600, notBefore: now, ttlSec: 60 },
    );
    expect(await reasonFor(`Bearer ${hourAhead}`)).toBe('token issued in the future');
    const slightlyAhead = await jwks.sign(
      'forge-key-1',
      {},
      { issuedAt: now + 30, notBefore: now, ttlSec: 60 },
    );
    expect(await reasonFor(`Bearer ${slightlyAhead}`)).toBe('accepted');
  });

  it('refuses a token that is not yet valid', async () => {
    const early = await jwks.sign('forge-key-1', {}, { notBefore: now + 120, ttlSec: 600 });
    expect(await reasonFor(`Bearer ${early}`)).toBe('token not yet valid');
  });

  it('refuses the wrong audience and the wrong issuer', async () => {
    const otherApp = await jwks.sign(
      'forge-key-1',
      {},
      { audience: 'ari:cloud:ecosystem::app/someone-else' },
    );
    expect(await reasonFor(`Bearer ${otherApp}`)).toBe('token audience is not this app');
    const otherIssuer = await jwks.sign('forge-key-1', {}, { issuer: 'forge/context-token' });
    expect(await reasonFor(`Bearer ${otherIssuer}`)).toBe('token issuer is not forge/invocation-token');
  });

  it('refuses a forged signature and garbage', async () => {
    const token = await jwks.sign('forge-key-1');
    const [h, p] = token.split('.');
    const other = await jwks.sign('forge-key-1', { principal: 'attacker' });
    expect(await reasonFor(`Bearer ${h}.${other.split('.')[1]}.${token.split('.')[2]}`)).toBe(
      'token signature is invalid',
    );
    expect(await reasonFor(`Bearer ${h}.${p}`)).toBe('token is malformed');
    expect(await reasonFor('Bearer not-a-jwt')).toBe('token is malformed');
  });

  it('refuses a symmetric (HS256) token, even one keyed with public material', async () => {
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'forge-key-1' })
      .setIssuer(FIT_ISSUER)
      .setAudience(TEST_APP_ID)
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('a-public-looking-secret-0000000000'));
    expect(await reasonFor(`Bearer ${hs}`)).toBe('token algorithm is not allowed');
  });

  it('refuses an unknown kid, then accepts it once the JWKS publishes it (rotation)', async () => {
    const v = verifier({ cooldownMs: 0 });
    await jwks.addKey('forge-key-2', false);
    const rotated = await jwks.sign('forge-key-2');
    const first = await v.verify(`Bearer ${rotated}`);
    expect(first.ok ? 'accepted' : first.error.reason).toBe('token signed by an unknown key (kid)');
    jwks.publish('forge-key-2');
    const before = jwks.fetches();
    expect((await v.verify(`Bearer ${rotated}`)).ok).toBe(true);
    expect(jwks.fetches()).toBe(before + 1);
  });

  it('caches the key set: unknown kids within the cooldown do not refetch', async () => {
    const v = verifier({ cooldownMs: 60_000 });
    expect((await v.verify(`Bearer ${await jwks.sign('forge-key-1')}`)).ok).toBe(true);
    const afterFirst = jwks.fetches();
    await jwks.addKey('forge-key-unpublished', false);
    const unknown = await jwks.sign('forge-key-unpublished');
    for (let i = 0; i < 5; i += 1) expect((await v.verify(`Bearer ${unknown}`)).ok).toBe(false);
    expect((await v.verify(`Bearer ${await jwks.sign('forge-key-1')}`)).ok).toBe(true);
    expect(jwks.fetches()).toBe(afterFirst);
  });

  it('reports an unreachable JWKS as unavailable, not as the caller’s fault', async () => {
    const token = await jwks.sign('forge-key-1');
    const result = await createFitVerifier({
      appId: TEST_APP_ID,
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
    }).verify(`Bearer ${token}`);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'unavailable', reason: 'Forge JWKS could not be fetched' },
    });
  });

  it('refuses a token without an installation', async () => {
    const token = await jwks.sign('forge-key-1', { app: { id: TEST_APP_ID } });
    expect(await reasonFor(`Bearer ${token}`)).toBe('token has no app.installationId');
  });
});
