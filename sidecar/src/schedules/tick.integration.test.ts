// A schedules tick over a real store: the digest and reminders land in the outbox once, even when
// two replicas tick at the same moment and when ticks repeat, on PGlite and on PostgreSQL.
import { DEMO_ACCOUNTS } from '@frontline/shared';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { createSettingsService } from '../settings/service.js';
import { createContractRepository } from '../contracts/repository.js';
import { createNotifier } from '../notify/index.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { assignmentTestSettings } from '../assignment/testing.js';
import { upsertSnapshot } from '../assignment/repository.js';
import type { IssueSnapshot } from '../assignment/issue-facts.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { runSchedulesTick } from './tick.js';
import type { TickDeps } from './tick.js';
import { createWorldLoader } from '../assignment/world.js';

const msk = (local: string) => new Date(`${local}+03:00`);
const quiet = { info: () => {}, warn: () => {} };

function snapshot(over: Partial<IssueSnapshot> & Pick<IssueSnapshot, 'key'>): IssueSnapshot {
  return {
    project: 'SUP',
    summary: `Summary of ${over.key}`,
    priority: 'medium',
    status: 'Open',
    resolved: false,
    assigneeId: null,
    labels: [],
    requestType: 'Incident',
    createdAt: msk('2026-11-05T09:00:00'),
    customer: { organizationIds: ['3'] },
    ...over,
  };
}

describe.each(storeKinds('schedules tick'))('schedules tick on %s', (kind) => {
  let store: StoreUnderTest;
  let db: OpenDb;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
    const base = assignmentTestSettings();
    const written = await createSettingsService(db).replace(
      {
        ...base,
        channels: {
          ...base.channels,
          routes: [
            { event: 'unassignedDigest', audience: { kind: 'serviceManager' }, channel: 'email' },
            { event: 'customerReplied', audience: { kind: 'assignee' }, channel: 'email' },
            { event: 'customerReplied', audience: { kind: 'serviceManager' }, channel: 'email' },
            { event: 'statusUpdateDue', audience: { kind: 'assignee' }, channel: 'email' },
            {
              event: 'issueRouted',
              audience: { kind: 'team', team: 'HW' },
              channel: 'email',
              address: 'hardware@northwind.example',
            },
          ],
        },
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    await createContractRepository(db).upsertAll(DEMO_CONTRACTS, 'test');
    const at = msk('2026-11-05T09:00:00');
    const later = msk('2026-11-06T09:00:00');
    const track = (s: IssueSnapshot, factAt: Date, routedTeam?: string) =>
      upsertSnapshot(
        db,
        s,
        {
          customerId: 'severny-bank',
          customerName: 'Severny Bank',
          contractId: 'SB-2026-03',
          serviceManagerId: DEMO_ACCOUNTS.sergey,
          temperature: s.priority === 'highest' ? 80 : 30,
          lastPublicUpdateAt: s.createdAt,
          routedTeam,
        },
        factAt,
        factAt,
      );
    // Unassigned since Thursday 09:00: 27 business hours by Monday 09:10 (the Saturday is a working one).
    await track(snapshot({ key: 'SUP-1' }), at);
    await track(snapshot({ key: 'SUP-2', priority: 'highest', labels: ['hardware'] }), at);
    // Assigned, the customer replied on Friday 09:00 and nobody answered.
    await track(
      snapshot({ key: 'SUP-3', assigneeId: DEMO_ACCOUNTS.irina, status: 'Waiting for support' }),
      later,
    );
    // Routed to the hardware team.
    await track(snapshot({ key: 'HW-7', project: 'HW', assigneeId: DEMO_ACCOUNTS.alexei }), at, 'HW');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  const deps = (now: Date): TickDeps => ({
    db,
    now: () => now,
    world: createWorldLoader(db),
    notifier: createNotifier({ db, now: () => now }),
    siteUrl: 'https://northwind.atlassian.net',
    log: quiet,
  });
  const outbox = async () =>
    (
      await db.query<{
        idempotency_key: string;
        recipient: string;
        message: { subject: string; text: string };
      }>('SELECT idempotency_key, recipient, message FROM notify_outbox ORDER BY idempotency_key')
    ).rows;

  it('sends the digest once and each due reminder once when two replicas tick together and ticks repeat', async () => {
    const now = msk('2026-11-09T09:10:00');
    const [a, b] = await Promise.all([runSchedulesTick(deps(now)), runSchedulesTick(deps(now))]);
    expect(a.digests + b.digests).toBe(1);
    const again = await runSchedulesTick(deps(msk('2026-11-09T09:15:00')));
    expect(again).toEqual({ digests: 0, reminders: 0, alerts: 0, messages: 0 });

    const rows = await outbox();
    const digests = rows.filter((r) => r.idempotency_key.startsWith('digest:'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.recipient).toBe('s.lebedev@northwind.example');
    expect(digests[0]!.idempotency_key).toContain(':2026-11-09:');
    const text = digests[0]!.message.text;
    // Sergey reads Russian; the highest-priority ticket comes first and is marked critical.
    expect(text.split('\n')[0]).toBe('*Severny Bank*');
    expect(text.split('\n')[1]).toMatch(/^🔴 SUP-2 /);
    expect(text).toContain('SUP-1');
    expect(text).not.toContain('SUP-3');

    const keys = rows.map((r) => r.idempotency_key.split(':email:')[0]);
    expect(keys).toContain('routed:HW-7:HW');
    expect(keys.filter((k) => k?.startsWith('replied:SUP-3:'))).toHaveLength(2);
    expect(rows.find((r) => r.idempotency_key.startsWith('routed:'))!.recipient).toBe(
      'hardware@northwind.example',
    );
    expect(a.messages + b.messages).toBe(rows.length);
  }, 30_000);

  it('sends no digest on a day when nothing waits too long, and none twice on the same local date', async () => {
    const before = (await outbox()).length;
    // Tuesday 09:05: the same tickets still wait — a new local date, so a new digest.
    const tuesday = await runSchedulesTick(deps(msk('2026-11-10T09:05:00')));
    expect(tuesday.digests).toBe(1);
    await db.query("UPDATE tracked_issues SET assignee_id = 'someone', unassigned_since = NULL");
    const wednesday = await runSchedulesTick(deps(msk('2026-11-11T09:05:00')));
    expect(wednesday.digests).toBe(0);
    const runs = await db.query<{ slot: string; outcome: { tickets: number } }>(
      "SELECT slot, outcome FROM schedule_runs WHERE name = 'digest' AND run_key = $1 ORDER BY slot",
      [DEMO_ACCOUNTS.sergey],
    );
    expect(runs.rows.map((r) => [r.slot, r.outcome.tickets])).toEqual([
      ['2026-11-09', 2],
      ['2026-11-10', 2],
      ['2026-11-11', 0],
    ]);
    expect((await outbox()).filter((r) => r.idempotency_key.startsWith('digest:')).length).toBe(2);
    expect((await outbox()).length).toBeGreaterThan(before);
  }, 30_000);
});
