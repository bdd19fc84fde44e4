// Bearer-token guard for the admin API and who a request acts as. Tokens are compared as SHA-256
// digests with timingSafeEqual, against every configured token without stopping early, so neither
// the token's length nor how much of it matched leaks through response time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../errors.js';

/** A token the admin API accepts and the name versions record for it. */
export interface AdminCredential {
  name: string;
  token: string;
}

export const ACTOR_HEADER = 'x-frontline-actor';
const MAX_ACTOR_LENGTH = 200;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The credential whose token equals `presented`, checked in constant time over all of them. */
export function matchCredential(
  credentials: readonly AdminCredential[],
  presented: string,
): AdminCredential | undefined {
  const presentedDigest = digest(presented);
  let match: AdminCredential | undefined;
  for (const credential of credentials) {
    if (timingSafeEqual(digest(credential.token), presentedDigest) && !match) match = credential;
  }
  return match;
}

/** Rejects requests without a valid `Authorization: Bearer <token>` with 401; remembers the match. */
export function requireAdminToken(credentials: readonly AdminCredential[]): RequestHandler {
  const usable = credentials.filter((c) => c.token.length > 0);
  return (req, res, next) => {
    if (usable.length === 0) {
      throw new HttpError(401, 'unauthorized', 'The admin API is disabled: FRONTLINE_ADMIN_TOKEN is not set');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      res.set('WWW-Authenticate', 'Bearer realm="frontline-admin"');
      throw new HttpError(401, 'unauthorized', 'Send Authorization: Bearer <FRONTLINE_ADMIN_TOKEN>');
    }
    const credential = matchCredential(usable, match[1]!);
    if (!credential) {
      res.set('WWW-Authenticate', 'Bearer realm="frontline-admin", error="invalid_token"');
      throw new HttpError(401, 'unauthorized', 'The bearer token is not valid');
    }
    res.locals.adminCredential = credential.name;
    next();
  };
}

/** Who an admin request acts as: the `X-Frontline-Actor` header if sent, else the token's name. */
export function adminActor(req: Request, res: Response): string {
  const header = req.get(ACTOR_HEADER)?.trim();
  const tokenName = String(res.locals.adminCredential ?? 'admin');
  if (!header) return tokenName;
  return `${header.slice(0, MAX_ACTOR_LENGTH)} (via ${tokenName})`;
}
