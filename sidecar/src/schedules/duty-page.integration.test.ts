// The duty page is sent once per ticket and duty engineer whichever path sees it first: the processing
// of the ticket's event (here on two replicas at once, as when a delivery is retried elsewhere) and the
// schedules tick (on both replicas too) all race for it, on PGlite and on PostgreSQL; the outbox's
// idempotency key lets exactly one of them queue it. An update that makes a ticket urgent (its
// priority raised at night) pages while the update is processed.
import { randomUUID } from 'node:crypto';
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
import { createWorldLoader } from '../assignment/world.js';
import { handleIssueCreated } from '../intake/handlers/issue-created.js';
import { handleIssueUpdated } from '../intake/handlers/issue-updated.js';
import type { IssueEvent, IssueSource } from '../ports.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { evaluateTracked } from './clocks.js';
import { pageDutyForEvent } from './duty-page.js';
import { runSchedulesTick } from './tick.js';

const msk = (local: string) => new Date(`${local}+03:00`);
const quiet = { info: () => {}, warn: () => {} };
// Tuesday 02:00 in Moscow: the desk opens at 09:00; Irina is on duty (Monday night's slot).
const NIGHT = msk('2026-11-03T02:00:00');

function bankTicket(key: string, priority: IssueSnapshot['priority']): IssueSnapshot {
  return {
    key,
    project: 'SUP',
    summary: 'Card processing cluster lost a node',
    priority,
    status: 'Open',
    resolved: false,
    assigneeId: null,
    labels: [],
    requestType: 'Incident',
    createdAt: new Date(NIGHT.getTime() - 60_000),
    customer: { organizationIds: ['3'] },
  };
}

describe.each(storeKinds('duty page'))('duty page on %s', (kind) => {
  let store: StoreUnderTest;
  /** Two replicas: two connections to one store (one handle for the embedded store, which allows one). */
  let replicas: [OpenDb, OpenDb];

  beforeAll(async () => {
    store = await freshStore(kind);
    const open = () => openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
    const first = await open();
    replicas = [first, kind === 'postgres' ? await open() : first];
    const base = assignmentTestSettings();
    const written = await createSettingsService(first).replace(
      {
        ...base,
        assignment: [{ project: 'SUP', mode: 'suggest', deskCalendar: 'moscow-5x2' }],
        channels: {
          ...base.channels,
          routes: [{ event: 'dutyPage', audience: { kind: 'dutyEngineer' }, channel: 'email' }],
        },
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    await createContractRepository(first).upsertAll(DEMO_CONTRACTS, 'test');
  }, 60_000);

  afterAll(async () => {
    await replicas?.[0].close();
    if (replicas?.[1] !== replicas?.[0]) await replicas?.[1].close();
    await store?.dispose();
  });

  /** Tracks the ticket as the event's processing does and returns what that processing pages with. */
  async function track(s: IssueSnapshot) {
    const [db] = replicas;
    const issue = await upsertSnapshot(
      db,
      s,
      {
        customerId: 'severny-bank',
        customerName: 'Severny Bank',
        contractId: 'SB-2026-03',
        serviceManagerId: DEMO_ACCOUNTS.sergey,
        temperature: 60,
        lastPublicUpdateAt: s.createdAt,
      },
      s.createdAt,
      NIGHT,
    );
    const world = await createWorldLoader(db).load();
    const evaluation = (await evaluateTracked(db, world, issue, NIGHT))!;
    return { issue, evaluation, world };
  }

  const pagesOf = async (key: string) =>
    (
      await replicas[0].query<{ idempotency_key: string; recipient: string }>(
        'SELECT idempotency_key, recipient FROM notify_outbox WHERE idempotency_key LIKE $1',
        [`duty-page:${key}:%`],
      )
    ).rows;

  it('queues one page when two deliveries of the event and two ticks race for it', async () => {
    const input = await track(bankTicket('SUP-41', 'high'));
    const onEvent = (db: OpenDb) =>
      db.transaction((tx) =>
        pageDutyForEvent(
          tx,
          { notifier: createNotifier({ db, now: () => NIGHT }), log: quiet, siteUrl: undefined },
          { ...input, now: NIGHT },
        ),
      );
    const tick = (db: OpenDb) =>
      runSchedulesTick({
        db,
        now: () => NIGHT,
        world: createWorldLoader(db),
        notifier: createNotifier({ db, now: () => NIGHT }),
        siteUrl: undefined,
        log: quiet,
      }).then((summary) => summary.messages);
    const added = await Promise.all([
      onEvent(replicas[0]),
      onEvent(replicas[1]),
      tick(replicas[0]),
      tick(replicas[1]),
    ]);
    expect(added.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await pagesOf('SUP-41')).toEqual([
      {
        idempotency_key: `duty-page:SUP-41:dutyEngineer:${DEMO_ACCOUNTS.irina}:email:i.sokolova@northwind.example`,
        recipient: 'i.sokolova@northwind.example',
      },
    ]);
    // Later events about the ticket page nobody again.
    expect(await onEvent(replicas[1])).toBe(0);
  });

  it('pages nobody for a ticket whose first response can wait for the desk to open', async () => {
    // Lowest priority: the bank answers within 8 hours, by 10:00 — after the desk opens at 09:00.
    const input = await track(bankTicket('SUP-42', 'lowest'));
    const [db] = replicas;
    const added = await db.transaction((tx) =>
      pageDutyForEvent(
        tx,
        { notifier: createNotifier({ db, now: () => NIGHT }), log: quiet, siteUrl: undefined },
        { ...input, now: NIGHT },
      ),
    );
    expect(added).toBe(0);
    expect(await pagesOf('SUP-42')).toEqual([]);
  });

  it('pages while an update is processed that makes a night ticket unable to wait for the desk', async () => {
    const [db] = replicas;
    // The event's payload is already in our words: this source hands it over as it is.
    const unused = () => {
      throw new Error('the handlers read events only');
    };
    const source: IssueSource = {
      readEvent: (payload: unknown) => payload as IssueEvent,
      openTickets: unused,
      readTicket: unused,
    };
    const notices = { notifier: createNotifier({ db, now: () => NIGHT }), siteUrl: undefined };
    const world = await createWorldLoader(db).load();
    const process = (handler: ReturnType<typeof handleIssueCreated>, id: string, payload: IssueEvent) =>
      db.transaction((tx) =>
        handler.record(
          tx,
          { id, source: 'test', eventType: 'test', payload, receivedAt: NIGHT },
          { world, now: NIGHT, log: quiet },
        ),
      );
    const lowest = bankTicket('SUP-43', 'lowest');
    await process(handleIssueCreated(source, notices), randomUUID(), {
      snapshot: lowest,
      changes: [],
      at: lowest.createdAt,
    });
    expect(await pagesOf('SUP-43')).toEqual([]);

    await process(handleIssueUpdated(source, notices), randomUUID(), {
      snapshot: { ...lowest, priority: 'high' },
      changes: [{ field: 'priority', fromString: 'Lowest', toString: 'High' }],
      at: NIGHT,
    });
    expect((await pagesOf('SUP-43')).map((r) => r.recipient)).toEqual(['i.sokolova@northwind.example']);
  });
});
