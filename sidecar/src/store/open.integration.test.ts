// Opening the store: migrations applied once and recorded; the embedded data directory is locked.
import { freshStore, storeKinds } from '../../test/stores.js';
import { openDb } from './open.js';
import { openPglite } from './pglite.js';
import { DataDirLockedError } from './lock.js';
import { readMigrations } from './migrate.js';

describe.each(storeKinds('store'))('openDb on %s', (kind) => {
  it('applies every migration once, records it, and applies nothing on a second open', async () => {
    const store = await freshStore(kind, { onDisk: kind === 'pglite' });
    try {
      const first = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
      const recorded = await first.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(recorded.rows.map((r) => Number(r.version))).toEqual(readMigrations().map((m) => m.version));
      await first.query(
        `INSERT INTO intake_events (id, source, idempotency_key, event_type, payload, received_at)
         VALUES ('0b7f4a8e-0000-4000-8000-000000000001', 'jira-webhook', 'k-1', 'jira:issue_created', '{}', now())`,
      );
      await first.close();

      const again = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
      const count = await again.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(count.rows[0]!.n)).toBe(recorded.rows.length);
      const kept = await again.query<{ n: string }>('SELECT count(*) AS n FROM intake_events');
      expect(Number(kept.rows[0]!.n)).toBe(1);
      await again.close();
    } finally {
      await store.dispose();
    }
  }, 90_000);

  it('moves events not yet relayed into the outbox when the outbox gets its own table (003)', async () => {
    const store = await freshStore(kind, { onDisk: kind === 'pglite' });
    try {
      const before = await openDb({
        databaseUrl: store.databaseUrl,
        dataDir: store.dataDir,
        migrations: readMigrations().filter((m) => m.version < 3),
      });
      await before.query(
        `INSERT INTO intake_events (id, source, idempotency_key, event_type, payload, received_at, enqueued_at)
         VALUES ('0b7f4a8e-0000-4000-8000-000000000011', 'jira-webhook', 'relayed', 'jira:issue_created', '{}', now(), now()),
                ('0b7f4a8e-0000-4000-8000-000000000012', 'jira-webhook', 'pending-2', 'jira:issue_created', '{}', now(), NULL),
                ('0b7f4a8e-0000-4000-8000-000000000013', 'jira-webhook', 'pending-1', 'jira:issue_created', '{}', now() - interval '1 minute', NULL)`,
      );
      await before.close();

      const after = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
      const outbox = await after.query<{ event_id: string }>(
        'SELECT event_id FROM intake_outbox ORDER BY position',
      );
      expect(outbox.rows.map((row) => row.event_id)).toEqual([
        '0b7f4a8e-0000-4000-8000-000000000013',
        '0b7f4a8e-0000-4000-8000-000000000012',
      ]);
      const events = await after.query<{ n: string }>('SELECT count(*) AS n FROM intake_events');
      expect(Number(events.rows[0]!.n)).toBe(3);
      await after.close();
    } finally {
      await store.dispose();
    }
  }, 90_000);

  it('rolls back a migration that fails, leaving nothing half-applied', async () => {
    const store = await freshStore(kind);
    try {
      const broken = [
        { version: 1, name: 'good', sql: 'CREATE TABLE probe_a (id int)' },
        { version: 2, name: 'bad', sql: 'CREATE TABLE probe_b (id int); SELECT * FROM no_such_table' },
      ];
      await expect(
        openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, migrations: broken }),
      ).rejects.toThrow(/no_such_table/);
      const db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, migrations: [] });
      const tables = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('probe_a', 'probe_b')",
      );
      expect(Number(tables.rows[0]!.n)).toBe(0);
      await db.close();
    } finally {
      await store.dispose();
    }
  }, 60_000);
});

describe('the embedded data directory lock', () => {
  it('stops a second opener of the same directory, and frees it on close', async () => {
    const store = await freshStore('pglite', { onDisk: true });
    try {
      const first = await openPglite({ dataDir: store.dataDir, lockWaitMs: 0 });
      await expect(openPglite({ dataDir: store.dataDir, lockWaitMs: 0 })).rejects.toBeInstanceOf(
        DataDirLockedError,
      );
      await first.close();
      const second = await openPglite({ dataDir: store.dataDir, lockWaitMs: 0 });
      await second.close();
    } finally {
      await store.dispose();
    }
  }, 90_000);
});
