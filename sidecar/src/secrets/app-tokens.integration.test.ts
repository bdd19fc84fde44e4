import { jest } from '@jest/globals';
import { openTestStore, testStoreKinds, type TestStore } from '../http/admin/testing.js';
import { createAppTokenStore } from './app-tokens.js';
import { createSecretBox } from './secret-box.js';

const box = createSecretBox('northwind-service-test-key-0001');
const jwtExpiring = (iso: string): string =>
  [{ alg: 'RS256' }, { exp: Date.parse(iso) / 1000, sub: 'app' }]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.') + '.signature-part';

// Opening a store (PGlite's first start, a new Postgres database) is slow on a busy machine.
jest.setTimeout(60_000);

describe.each(testStoreKinds('app tokens'))('app token store on %s', (kind) => {
  let store: TestStore;
  let clock = new Date('2026-03-02T09:00:00Z');
  const key = { installationId: 'ari:cloud:ecosystem::installation/northwind', kind: 'system' as const };

  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store.dispose());
  beforeEach(async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    await store.db.query('DELETE FROM forge_app_tokens');
  });
  const tokens = () => createAppTokenStore({ db: store.db, box, now: () => clock });

  it('keeps the token sealed at rest and returns it until it expires', async () => {
    const token = jwtExpiring('2026-03-02T11:00:00Z');
    await tokens().save(key, token, 'https://api.atlassian.com/ex/jira/cloud-1');
    const raw = await store.db.query<{ sealed_token: string }>('SELECT sealed_token FROM forge_app_tokens');
    expect(raw.rows[0]?.sealed_token).not.toContain(token.split('.')[1]);
    expect(await tokens().get(key)).toEqual({
      token,
      apiBaseUrl: 'https://api.atlassian.com/ex/jira/cloud-1',
      expiresAt: new Date('2026-03-02T11:00:00Z'),
    });
    clock = new Date('2026-03-02T11:00:01Z');
    expect(await tokens().get(key)).toBeUndefined();
  });

  it('purges expired tokens and keeps live ones', async () => {
    await tokens().save(key, jwtExpiring('2026-03-02T09:30:00Z'), 'https://a');
    await tokens().save(
      { ...key, kind: 'user', principal: '5b10ac8d82e05b22cc7d4ef5' },
      jwtExpiring('2026-03-02T12:00:00Z'),
      'https://a',
    );
    clock = new Date('2026-03-02T10:00:00Z');
    expect(await tokens().purgeExpired()).toBe(1);
    const left = await store.db.query<{ kind: string }>('SELECT kind FROM forge_app_tokens');
    expect(left.rows.map((r) => r.kind)).toEqual(['user']);
  });

  it('replaces an older token with a newer one, never the reverse', async () => {
    const later = jwtExpiring('2026-03-02T12:00:00Z');
    await tokens().save(key, later, 'https://a');
    await tokens().save(key, jwtExpiring('2026-03-02T10:00:00Z'), 'https://a');
    expect((await tokens().get(key))?.token).toBe(later);
  });

  it('does not store a token that has already expired', async () => {
    await tokens().save(key, jwtExpiring('2026-03-02T08:00:00Z'), 'https://a');
    expect((await store.db.query('SELECT 1 FROM forge_app_tokens')).rowCount).toBe(0);
  });

  it('treats a tampered or moved row as absent', async () => {
    await tokens().save(key, jwtExpiring('2026-03-02T12:00:00Z'), 'https://a');
    await store.db.query(
      `UPDATE forge_app_tokens SET installation_id = 'ari:cloud:ecosystem::installation/other'`,
    );
    expect(
      await tokens().get({ ...key, installationId: 'ari:cloud:ecosystem::installation/other' }),
    ).toBeUndefined();
  });
});
