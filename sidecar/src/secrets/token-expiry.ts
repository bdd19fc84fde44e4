// When an app token stops being useful. Forge app tokens are JWTs with an `exp` claim (Atlassian
// says to treat them as opaque, so this only reads `exp` and falls back when it cannot).

/** How long a token without a readable `exp` is kept: short, since we cannot know better. */
export const DEFAULT_TOKEN_TTL_MS = 15 * 60 * 1000;

/** The token's `exp` as a Date if it is a JWT carrying one, otherwise `now + DEFAULT_TOKEN_TTL_MS`. */
export function tokenExpiry(token: string, now: Date): Date {
  const exp = jwtExpSeconds(token);
  return exp === undefined ? new Date(now.getTime() + DEFAULT_TOKEN_TTL_MS) : new Date(exp * 1000);
}

function jwtExpSeconds(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
