// Test support: a JWKS served on loopback and Forge Invocation Tokens signed by it, so FIT
// verification runs against real HTTP and real signatures, including key rotation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { FIT_ISSUER } from './fit.js';

export const TEST_APP_ID = 'ari:cloud:ecosystem::app/8db33809-1f32-48bb-8c52-5877dab48107';
export const TEST_INSTALLATION_ID = 'ari:cloud:ecosystem::installation/0a3a7799-53ae-4a5b-9e7e-03338980abb5';
export const TEST_API_BASE_URL = 'https://api.atlassian.com/ex/jira/4c822e2f-510f-48b9-b8d2-8419d0932949';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** A loopback JWKS host whose published keys a test can change, counting fetches. */
export interface TestJwks {
  url: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  /** Creates a key; it is published only when `publish` is true (default). */
  addKey(kid: string, publish?: boolean): Promise<void>;
  /** Publishes a key created earlier with `publish: false` (a rotation Forge announces). */
  publish(kid: string): void;
  /** Signs a FIT with key `kid`; `claims` and `options` override the defaults of a valid token. */
  sign(kid: string, claims?: Record<string, unknown>, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export interface SignOptions {
  /** Seconds since epoch; defaults to now. */
  issuedAt?: number;
  /** Lifetime in seconds (default 60). */
  ttlSec?: number;
  notBefore?: number;
  audience?: string;
  issuer?: string;
}

/** The FIT body Forge sends for a scheduled trigger or product event, as documented by Atlassian. */
export function fitClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    app: {
      id: TEST_APP_ID,
      installationId: TEST_INSTALLATION_ID,
      apiBaseUrl: TEST_API_BASE_URL,
      appVersion: '1.0.0',
      environment: { type: 'DEVELOPMENT', id: 'ari:cloud:ecosystem::environment/test' },
      module: { type: 'core:endpoint', key: 'frontline-sidecar-events' },
      installation: { id: TEST_INSTALLATION_ID, contexts: [] },
    },
    context: { cloudId: '4c822e2f-510f-48b9-b8d2-8419d0932949', siteUrl: 'https://northwind.atlassian.net' },
    ...overrides,
  };
}

/** Starts a JWKS host on 127.0.0.1 with no keys yet. */
export async function startTestJwks(): Promise<TestJwks> {
  const keys = new Map<string, SigningKey>();
  const published = new Set<string>();
  let fetchCount = 0;
  const server: Server = createServer((_req, res) => {
    fetchCount += 1;
    const body = { keys: [...published].map((kid) => keys.get(kid)?.publicJwk) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetchCount,
    async addKey(kid, publish = true) {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
      keys.set(kid, { kid, privateKey, publicJwk });
      if (publish) published.add(kid);
    },
    publish: (kid) => void published.add(kid),
    async sign(kid, claims = {}, options = {}) {
      const key = keys.get(kid);
      if (!key) throw new Error(`no test key ${kid}`);
      const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...fitClaims(), ...claims })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(options.issuer ?? FIT_ISSUER)
        .setAudience(options.audience ?? TEST_APP_ID)
        .setIssuedAt(iat)
        .setNotBefore(options.notBefore ?? iat)
        .setExpirationTime(iat + (options.ttlSec ?? 60))
        .setJti(`jti-${iat}-${Math.random().toString(16).slice(2)}`);
      return jwt.sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
