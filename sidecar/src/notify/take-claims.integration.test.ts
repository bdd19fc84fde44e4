// The first press wins: two replicas (two pools on one PostgreSQL database) claim the same tickets
// at the same moment; each ticket goes to exactly one of them, and the loser learns who has it.
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { claimTake, releaseTake } from './take-claims.js';
import { testDatabaseUrl } from './testing/db.js';

const url = testDatabaseUrl('take claims');
const describeOnPostgres = url ? describe : describe.skip;

describeOnPostgres('Take claims on PostgreSQL', () => {
  let store: StoreUnderTest;
  let a: OpenDb;
  let b: OpenDb;

  beforeAll(async () => {
    store = await freshStore('postgres');
    a = await openDb({ databaseUrl: store.databaseUrl, dataDir: 'unused' });
    b = await openDb({ databaseUrl: store.databaseUrl, dataDir: 'unused' });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.dispose();
  }, 30_000);

  it('gives each ticket to exactly one of two simultaneous presses', async () => {
    const now = new Date();
    const keys = Array.from({ length: 25 }, (_, i) => `SUP-${i + 1}`);
    const outcomes = await Promise.all(
      keys.map((key) =>
        Promise.all([claimTake(a, key, 'acc-olga', now), claimTake(b, key, 'acc-pavel', now)]),
      ),
    );
    for (const [olga, pavel] of outcomes) {
      expect([olga.ok, pavel.ok].filter(Boolean)).toHaveLength(1);
      const loser = olga.ok ? pavel : olga;
      expect(loser).toEqual({ ok: false, holder: olga.ok ? 'acc-olga' : 'acc-pavel' });
    }
  }, 30_000);

  it('lets the next person claim a ticket whose claim was released (the assignment failed)', async () => {
    const now = new Date();
    expect(await claimTake(a, 'DB-1', 'acc-olga', now)).toEqual({ ok: true });
    expect(await claimTake(b, 'DB-1', 'acc-pavel', now)).toEqual({ ok: false, holder: 'acc-olga' });
    await releaseTake(a, 'DB-1', 'acc-olga');
    expect(await claimTake(b, 'DB-1', 'acc-pavel', now)).toEqual({ ok: true });
  });
});
