// Engineers' loads kept by the store's trigger agree with the shared `weightedLoads` over the open
// issues themselves, whatever sequence of snapshots (assign, reassign, reprioritise, resolve,
// reopen, late deliveries) reaches the store.
import fc from 'fast-check';
import { DEFAULT_LOAD_WEIGHTS, PRIORITIES, weightedLoads } from '@frontline/shared';
import type { Priority } from '@frontline/shared';
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

  it('property: loads equal the weighted sum over open assigned issues after any sequence of updates', async () => {
    const step = fc.record({
      issue: fc.integer({ min: 1, max: 6 }),
      assignee: fc.constantFrom(null, 'olga', 'irina', 'pavel'),
      priority: fc.constantFrom(...PRIORITIES),
      resolved: fc.boolean(),
      // Some deliveries are late: older than what is stored, so they must change nothing.
      minutes: fc.integer({ min: 0, max: 50 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        run += 1;
        await db.query('DELETE FROM tracked_issues');
        for (const s of steps) {
          const at = new Date(Date.UTC(2026, 10, 23, 8, s.minutes));
          await upsertSnapshot(
            db,
            snapshot(`R${run}-${s.issue}`, s.assignee, s.priority, s.resolved),
            { temperature: 0, lastPublicUpdateAt: at },
            at,
            at,
          );
        }
        const open = await db.query<{ assignee_id: string | null; priority: Priority; resolved: boolean }>(
          'SELECT assignee_id, priority, resolved FROM tracked_issues',
        );
        const expected = weightedLoads(
          open.rows
            .filter((r) => !r.resolved)
            .map((r) => ({ assigneeAccountId: r.assignee_id, priority: r.priority })),
          DEFAULT_LOAD_WEIGHTS,
        );
        const actual = await engineerLoads(db, DEFAULT_LOAD_WEIGHTS);
        const nonZero = (loads: Record<string, number>) =>
          Object.fromEntries(Object.entries(loads).filter(([, v]) => v !== 0));
        expect(nonZero(actual)).toEqual(nonZero(expected));
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
