// The schedules read their rules from the live settings document: an admin who adds a "customer
// replied" status in the settings gets reminders for it from the next tick, with no restart.
import { DEMO_ACCOUNTS } from '@frontline/shared';
import { assignmentTestSettings } from '../assignment/testing.js';
import { upsertSnapshot } from '../assignment/repository.js';
import { createNotifier } from '../notify/index.js';
import { createSettingsService } from '../settings/service.js';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { runSchedulesTick } from './tick.js';
import { createWorldLoader } from '../assignment/world.js';

const msk = (local: string) => new Date(`${local}+03:00`);
const quiet = { info: () => {}, warn: () => {} };

describe('schedules options from the live settings (PGlite)', () => {
  let store: StoreUnderTest;
  let db: OpenDb;

  beforeAll(async () => {
    store = await freshStore('pglite');
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  const writeSettings = async (statuses?: string[]) => {
    const base = assignmentTestSettings();
    const written = await createSettingsService(db).replace(
      {
        ...base,
        channels: {
          ...base.channels,
          routes: [{ event: 'customerReplied', audience: { kind: 'assignee' }, channel: 'email' }],
        },
        ...(statuses ? { schedules: { customerReplied: { statuses } } } : {}),
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
  };

  it('reminds about a status only once the settings name it', async () => {
    await writeSettings();
    const since = msk('2026-11-09T10:00:00');
    await upsertSnapshot(
      db,
      {
        key: 'PARTS-3',
        project: 'PARTS',
        summary: 'Compressor spare part: the customer sent the serial number',
        priority: 'medium',
        status: 'Ответ клиента',
        resolved: false,
        assigneeId: DEMO_ACCOUNTS.irina,
        labels: [],
        requestType: 'Service request',
        createdAt: since,
        customer: { organizationIds: [] },
      },
      { temperature: 20, lastPublicUpdateAt: since },
      since,
      since,
    );
    const tick = (local: string) =>
      runSchedulesTick({
        db,
        now: () => msk(local),
        world: createWorldLoader(db),
        notifier: createNotifier({ db, now: () => msk(local) }),
        siteUrl: undefined,
        log: quiet,
      });

    expect((await tick('2026-11-10T11:00:00')).reminders).toBe(0);
    await writeSettings(['Customer replied', 'Ответ клиента']);
    const after = await tick('2026-11-10T11:05:00');
    expect(after.reminders).toBe(1);
    const rows = await db.query<{ idempotency_key: string }>('SELECT idempotency_key FROM notify_outbox');
    expect(rows.rows.map((r) => r.idempotency_key)).toEqual([
      expect.stringMatching(/^replied:PARTS-3:.*:assignee:email:/),
    ]);
  });
});
