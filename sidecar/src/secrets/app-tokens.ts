// Forge app tokens that must outlive the request that brought them (the temperature sweep writes
// field values with the system token later, from a job). Stored sealed, one row per installation
// and kind (and user, for user tokens), replaced by newer ones and purged once expired.
import type { Db } from '../store/db.js';
import type { SecretBox } from './secret-box.js';
import { tokenExpiry } from './token-expiry.js';

export type AppTokenKind = 'system' | 'user';

/** Who a token belongs to. `principal` is the Atlassian account id for user tokens. */
export interface AppTokenKey {
  installationId: string;
  kind: AppTokenKind;
  principal?: string;
}

/** A usable token: call Jira at `${apiBaseUrl}/rest/api/3/…` with `Authorization: Bearer <token>`. */
export interface AppToken {
  token: string;
  apiBaseUrl: string;
  expiresAt: Date;
}

export interface AppTokenStore {
  /** Keeps `token` sealed until its expiry, replacing an older one for the same key. */
  save(key: AppTokenKey, token: string, apiBaseUrl: string): Promise<void>;
  /** The live token for `key`, or undefined when none is stored, it expired or it cannot be opened. */
  get(key: AppTokenKey): Promise<AppToken | undefined>;
  /** Deletes every expired token; returns how many went. */
  purgeExpired(): Promise<number>;
}

interface TokenRow {
  api_base_url: string;
  sealed_token: string;
  expires_at: Date | string;
}

/** The context a sealed token is bound to, so a row copied to another key does not open. */
function sealContext(key: AppTokenKey): string {
  return `forge-app-token:${key.installationId}:${key.kind}:${key.principal ?? ''}`;
}

/** Creates the token store over `db`, sealing with `box`; `now` is injectable for tests. */
export function createAppTokenStore(deps: { db: Db; box: SecretBox; now?: () => Date }): AppTokenStore {
  const now = deps.now ?? (() => new Date());
  return {
    async save(key, token, apiBaseUrl) {
      const at = now();
      const expiresAt = tokenExpiry(token, at);
      if (expiresAt <= at) return; // already useless; keeping it would only widen exposure
      await deps.db.query(
        `INSERT INTO forge_app_tokens (installation_id, kind, principal, api_base_url, sealed_token, expires_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (installation_id, kind, principal) DO UPDATE
           SET api_base_url = EXCLUDED.api_base_url, sealed_token = EXCLUDED.sealed_token,
               expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
         WHERE forge_app_tokens.expires_at <= EXCLUDED.expires_at`,
        [
          key.installationId,
          key.kind,
          key.principal ?? '',
          apiBaseUrl,
          deps.box.seal(token, sealContext(key)),
          expiresAt.toISOString(),
          at.toISOString(),
        ],
      );
    },
    async get(key) {
      const { rows } = await deps.db.query<TokenRow>(
        `SELECT api_base_url, sealed_token, expires_at FROM forge_app_tokens
         WHERE installation_id = $1 AND kind = $2 AND principal = $3 AND expires_at > $4`,
        [key.installationId, key.kind, key.principal ?? '', now().toISOString()],
      );
      const row = rows[0];
      if (!row) return undefined;
      const opened = deps.box.open(row.sealed_token, sealContext(key));
      if (!opened.ok) return undefined;
      return { token: opened.value, apiBaseUrl: row.api_base_url, expiresAt: new Date(row.expires_at) };
    },
    async purgeExpired() {
      const { rowCount } = await deps.db.query('DELETE FROM forge_app_tokens WHERE expires_at <= $1', [
        now().toISOString(),
      ]);
      return rowCount;
    },
  };
}
