// Engineers' loads kept by the store's trigger agree with the shared `weightedLoads` over the open
// issues themselves, whatever sequence of snapshots (assign, reassign, reprioritise, warm up or
// cool down, resolve, reopen, late deliveries) reaches the store, and whichever load rule the
// policy sets (by temperature band under any bands, or by priority only).
import fc from 'fast-check';
import {
  DEFAULT_BAND_LOAD_WEIGHTS,
  DEFAULT_LOAD_WEIGHTS,
  DEFAULT_TEMPERATURE_POLICY,
  PRIORITIES,
  weightedLoads,
} from '@frontline/shared';
import type { LoadRule, Priority } from '@frontline/shared';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import type { IssueSnapshot } from './issue-facts.js';
import { engineerLoads, upsertSnapshot } from './repository.js';

describe('engineer loads (PGlite)', () => {
  let db: OpenDb;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
  }, 60_000);
  afterAll(() => db.close());

  const snapshot = (
    key: string,
    assigneeId: string | null,
    priority: Priority,
    resolved: boolean,
  ): IssueSnapshot => ({
    key,
    project: 'SUP',
    summary: key,
    priority,
    status: resolved ? 'Resolved' : 'Open',
    resolved,
    assigneeId,
    labels: [],
    createdAt: new Date('2026-11-23T07:00:00Z'),
    customer: { organizationIds: [] },
  });

  it('keeps a change when the creation of the same instant is processed after it', async () => {
    // The tracker sends "created" and then "assignee set" stamped with the same millisecond, and
    // the two jobs may run in either order: the creation describes the issue before the change.
    const at = new Date('2026-11-23T08:00:00.000Z');
    const extras = { temperature: 30, lastPublicUpdateAt: at };
    await upsertSnapshot(db, snapshot('TIE-1', 'olga', 'high', false), extras, at, at);
    const after = await upsertSnapshot(
      db,
      snapshot('TIE-1', null, 'high', false),
      { ...extras, asCreated: true },
      at,
      at,
    );
    expect(after.assigneeId).toBe('olga');
    expect(after.unassignedSince).toBeNull();
    // In the usual order the change still lands on the creation.
    await upsertSnapshot(db, snapshot('TIE-2', null, 'high', false), { ...extras, asCreated: true }, at, at);
    const changed = await upsertSnapshot(db, snapshot('TIE-2', 'olga', 'high', false), extras, at, at);
    expect(changed.assigneeId).toBe('olga');
  });

  it('property: loads equal the weighted sum over open assigned issues after any sequence of updates', async () => {
    const step = fc.record({
      issue: fc.integer({ min: 1, max: 6 }),
      assignee: fc.constantFrom(null, 'olga', 'irina', 'pavel'),
      priority: fc.constantFrom(...PRIORITIES),
      resolved: fc.boolean(),
      temperature: fc.integer({ min: 0, max: 100 }),
      // Some deliveries are late: older than what is stored, so they must change nothing.
      minutes: fc.integer({ min: 0, max: 50 }),
    });
    // Rising band thresholds, and weights in halves so sums are exact in floating point.
    const half = fc.integer({ min: 0, max: 20 }).map((n) => n / 2);
    const rule: fc.Arbitrary<LoadRule> = fc.record({
      byPriority: fc.constant(DEFAULT_LOAD_WEIGHTS),
      byBand: fc.option(
        fc.oneof(
          fc.constant(DEFAULT_BAND_LOAD_WEIGHTS),
          fc.record({ cold: half, warm: half, hot: half, critical: half }),
        ),
        { nil: null },
      ),
      temperature: fc
        .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 })
        .map(([a, b, c]) => [a!, b!, c!].sort((x, y) => x - y))
        .map(([warm, hot, critical]) => ({
          ...DEFAULT_TEMPERATURE_POLICY,
          bands: { warm: warm!, hot: hot!, critical: critical! },
        })),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), rule, async (steps, loadRule) => {
        run += 1;
        await db.query('DELETE FROM tracked_issues');
        for (const s of steps) {
          const at = new Date(Date.UTC(2026, 10, 23, 8, s.minutes));
          await upsertSnapshot(
            db,
            snapshot(`R${run}-${s.issue}`, s.assignee, s.priority, s.resolved),
            { temperature: s.temperature, lastPublicUpdateAt: at },
            at,
            at,
          );
        }
        const open = await db.query<{
          assignee_id: string | null;
          priority: Priority;
          resolved: boolean;
          temperature: number;
        }>('SELECT assignee_id, priority, resolved, temperature FROM tracked_issues');
        const expected = weightedLoads(
          open.rows
            .filter((r) => !r.resolved)
            .map((r) => ({
              assigneeAccountId: r.assignee_id,
              priority: r.priority,
              temperature: r.temperature,
            })),
          loadRule,
        );
        const actual = await engineerLoads(db, loadRule);
        const nonZero = (loads: Record<string, number>) =>
          Object.fromEntries(Object.entries(loads).filter(([, v]) => v !== 0));
        expect(nonZero(actual)).toEqual(nonZero(expected));
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
