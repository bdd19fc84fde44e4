// An engineer picked in the YouTrack app's issue view is recorded as a YouTrack decision, on both
// stores: the decisions table takes `youtrack` beside auto, forge and telegram, and still refuses
// a way of assigning it does not know.
import { decisionsFor, recordDecision } from '../../assignment/repository.js';
import type { DecisionRecord } from '../../assignment/repository.js';
import { openDb, type OpenDb } from '../../store/open.js';
import { freshStore, storeKinds } from '../../../test/stores.js';
import type { StoreUnderTest } from '../../../test/stores.js';

const decision = (over: Partial<DecisionRecord>): DecisionRecord => ({
  issueKey: 'HWQ-7',
  accountId: '712020:alexei-smirnov',
  actor: 'youtrack:alexei',
  via: 'youtrack',
  suggestedRank: 1,
  waitingSince: new Date('2026-11-24T07:00:00Z'),
  decidedAt: new Date('2026-11-24T07:04:00Z'),
  idempotencyKey: 'youtrack:req-1',
  ...over,
});

describe.each(storeKinds('youtrack decisions'))('decisions made in YouTrack (%s)', (kind) => {
  let store: StoreUnderTest;
  let db: OpenDb;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('records a pick from the YouTrack issue view as made in YouTrack', async () => {
    expect(await recordDecision(db, decision({}))).toBe(true);
    expect(await decisionsFor(db, 'HWQ-7')).toMatchObject([
      { actor: 'youtrack:alexei', via: 'youtrack', suggestedRank: 1, timeToAssignMs: 240_000 },
    ]);
  });

  it('still refuses a way of assigning the table does not know', async () => {
    await expect(
      recordDecision(
        db,
        decision({ issueKey: 'HWQ-8', via: 'email' as DecisionRecord['via'], idempotencyKey: 'x:2' }),
      ),
    ).rejects.toThrow(/assignment_decisions_via_check/);
    expect(await decisionsFor(db, 'HWQ-8')).toEqual([]);
  });
});
