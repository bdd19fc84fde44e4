// Forge Invocation Token (FIT) verification. Every request Forge sends to a remote carries
// `Authorization: Bearer <FIT>`, a JWT signed by Atlassian; its keys are published as a JWKS.
// Atlassian documents the JWKS URL, `iss` = `forge/invocation-token` and `aud` = the app id, but not
// the algorithm: its own sample verifies with jose against the JWKS and no algorithm list. Tokens
// seen in practice are RS256. We accept the asymmetric algorithms only — a key from a remote JWKS
// is always public, and jose picks it by `kid` and `alg` and checks the key type — so an HS256
// token (the classic "sign with the public key" confusion) is refused, and a change of algorithm on
// Atlassian's side does not take every Forge call down.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Result } from '@frontline/shared';

export const FORGE_JWKS_URL = 'https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json';
export const FIT_ISSUER = 'forge/invocation-token';

/**
 * How far in the future a token's `iat` may be (clock skew between Atlassian and us). jose checks
 * `iat` only against a maximum token age, so a token "issued" later than now would otherwise pass:
 * a signer with a wrong clock, or a token minted ahead of time to be used later.
 */
export const MAX_FUTURE_IAT_SEC = 60;

/** Public-key signature algorithms: the only kind a JWKS can verify. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export interface FitVerifierConfig {
  /** `FORGE_APP_ID`, e.g. `ari:cloud:ecosystem::app/8db33809-…`: the expected `aud`. */
  appId: string;
  /** `FORGE_JWKS_URL`; Atlassian's by default. */
  jwksUrl?: string;
  /** Allowed clock skew for `exp`/`nbf`, in seconds (default 10). */
  clockToleranceSec?: number;
  /**
   * Minimum time between JWKS fetches caused by an unknown `kid` (default 30 s, jose's default):
   * a rotated key is picked up on the first token after the cooldown, and a flood of tokens with
   * made-up kids cannot make us hammer the JWKS host.
   */
  cooldownMs?: number;
  /** How long fetched keys are trusted before a refetch (default 10 min). */
  cacheMaxAgeMs?: number;
  /** JWKS fetch timeout (default 5 s). */
  timeoutMs?: number;
  /** Accepted `alg` values (default: the asymmetric JWS algorithms). */
  algorithms?: string[];
  /** The clock, for tests. */
  now?: () => Date;
}

/** What a verified FIT tells us, as far as Frontline uses it. */
export interface FitClaims {
  installationId: string;
  apiBaseUrl: string;
  appId: string;
  moduleKey?: string;
  cloudId?: string;
  /** The Atlassian account that invoked a UI module; absent for events and scheduled triggers. */
  principal?: string;
  raw: JWTPayload;
}

/** Why a token was refused; `unavailable` means we could not fetch keys (our side, not the caller's). */
export interface FitError {
  kind: 'invalid' | 'unavailable';
  reason: string;
}

export interface FitVerifier {
  /** Verifies the `Authorization` header's bearer FIT. */
  verify(authorization: string | undefined): Promise<Result<FitClaims, FitError>>;
}

const invalid = (reason: string): { ok: false; error: FitError } => ({
  ok: false,
  error: { kind: 'invalid', reason },
});

/** Builds a verifier that caches the JWKS and refetches it when a token names an unknown key. */
export function createFitVerifier(config: FitVerifierConfig): FitVerifier {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl ?? FORGE_JWKS_URL), {
    cooldownDuration: config.cooldownMs ?? 30_000,
    cacheMaxAge: config.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: config.timeoutMs ?? 5_000,
  });
  const algorithms = config.algorithms ?? ASYMMETRIC_ALGORITHMS;
  return {
    async verify(authorization) {
      const token = bearerToken(authorization);
      if (!token) return invalid('missing bearer token in the Authorization header');
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: FIT_ISSUER,
          audience: config.appId,
          algorithms,
          clockTolerance: config.clockToleranceSec ?? 10,
          requiredClaims: ['exp'],
          ...(config.now ? { currentDate: config.now() } : {}),
        });
        const nowSec = Math.floor((config.now?.() ?? new Date()).getTime() / 1000);
        if (typeof payload.iat === 'number' && payload.iat > nowSec + MAX_FUTURE_IAT_SEC) {
          return invalid('token issued in the future');
        }
        return toClaims(payload);
      } catch (error) {
        return { ok: false, error: describeFailure(error) };
      }
    },
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function toClaims(payload: JWTPayload): Result<FitClaims, FitError> {
  const app = asRecord(payload.app);
  const installationId = str(app?.installationId) ?? str(asRecord(app?.installation)?.id);
  const apiBaseUrl = str(app?.apiBaseUrl);
  if (!installationId) return invalid('token has no app.installationId');
  if (!apiBaseUrl) return invalid('token has no app.apiBaseUrl');
  const context = asRecord(payload.context);
  const claims: FitClaims = { installationId, apiBaseUrl, appId: str(app?.id) ?? '', raw: payload };
  const moduleKey = str(asRecord(app?.module)?.key);
  if (moduleKey) claims.moduleKey = moduleKey;
  const cloudId = str(context?.cloudId);
  if (cloudId) claims.cloudId = cloudId;
  const principal = str(payload.principal);
  if (principal) claims.principal = principal;
  return { ok: true, value: claims };
}

/** Turns jose's failures into a reason a Forge developer can act on. */
function describeFailure(error: unknown): FitError {
  if (error instanceof errors.JWTExpired) return { kind: 'invalid', reason: 'token expired' };
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return { kind: 'invalid', reason: 'token not yet valid' };
    if (error.claim === 'aud') return { kind: 'invalid', reason: 'token audience is not this app' };
    if (error.claim === 'iss') return { kind: 'invalid', reason: `token issuer is not ${FIT_ISSUER}` };
    return { kind: 'invalid', reason: `token claim "${error.claim}" is invalid: ${error.reason}` };
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return { kind: 'invalid', reason: 'token signed by an unknown key (kid)' };
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return { kind: 'invalid', reason: 'token key (kid) is ambiguous' };
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return { kind: 'invalid', reason: 'token signature is invalid' };
  if (error instanceof errors.JOSEAlgNotAllowed)
    return { kind: 'invalid', reason: 'token algorithm is not allowed' };
  if (error instanceof errors.JWKSTimeout)
    return { kind: 'unavailable', reason: 'Forge JWKS did not answer in time' };
  if (error instanceof errors.JWKSInvalid)
    return { kind: 'unavailable', reason: 'Forge JWKS is not a valid key set' };
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return { kind: 'invalid', reason: 'token is malformed' };
  }
  if (error instanceof errors.JOSENotSupported)
    return { kind: 'invalid', reason: 'token uses an unsupported algorithm' };
  // A non-200 or non-JSON JWKS answer is jose's generic error; network failures are plain errors.
  if (error instanceof errors.JOSEError && error.code !== 'ERR_JOSE_GENERIC') {
    return { kind: 'invalid', reason: `token rejected (${error.code})` };
  }
  return { kind: 'unavailable', reason: 'Forge JWKS could not be fetched' };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
