// The sweep against the Jira stand-in: Jira calls counted by operation, only changed values
// written, full batches, a 429 storm, and overlapping sweeps of one scope.
import { DEMO_FIELD_IDS } from '../../sandbox/index.js';
import { createJiraIssueSource, issueFromJira, temperatureFields } from '../trackers/jira/issue-source.js';
import { readIssueTemperature } from './reading.js';
import { sweepTemperatures, type SweepOptions } from './sweep.js';
import { openDb, type OpenDb } from '../store/open.js';
import { freshStore, storeKinds, type StoreUnderTest } from '../../test/stores.js';
import { clearSweepTables, startSweepBench, type SweepBench } from './testing.js';

const FIELD = DEMO_FIELD_IDS.temperature;
const PAGE = 25;
const BATCH = 20;
const options: SweepOptions = { fieldKey: FIELD, pageSize: PAGE, batchSize: BATCH };
const source = createJiraIssueSource();

let db: OpenDb;
let bench: SweepBench;
let now: Date;

function sweep(holder = 'job-1', scope = 'local') {
  return sweepTemperatures(
    { db: bench.db, tracker: bench.app, source, world: bench.world, now: () => now, scope, holder },
    options,
  );
}

/** What the field should say for each issue, computed independently of the sweep's change filter. */
async function expectedScores(): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  const fields = temperatureFields();
  for (const issue of bench.standIn.state.issues()) {
    const got = await bench.app.getIssue(issue.key, { fields });
    if (!got.ok) throw new Error(got.error.message);
    const read = issueFromJira(got.value, now)!;
    expected.set(
      issue.id,
      readIssueTemperature(bench.world, read.snapshot, read.fieldHistory, now).temperature.score,
    );
  }
  return expected;
}

const fieldValues = () =>
  new Map(bench.standIn.state.issues().map((i) => [i.id, i.custom[FIELD] as number | undefined]));

describe.each(storeKinds('Temperature sweep'))('temperature sweep against the stand-in, %s store', (kind) => {
  let store: StoreUnderTest;
  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  }, 60_000);
  afterAll(async () => {
    await db.close();
    await store.dispose();
  });
  afterEach(async () => {
    await bench.close();
    await clearSweepTables(db);
  });
  beforeEach(async () => {
    bench = await startSweepBench({ issues: 110, db });
    now = new Date(Date.now() + 3 * 3_600_000);
  });

  it('first sweep writes every issue in full batches: calls = pages + ceil(changed / batch)', async () => {
    const result = await sweep();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ issues: 110, changed: 110, unreadable: 0 });
    expect(bench.count('searchJql')).toBe(Math.ceil(110 / PAGE));
    expect(bench.count('setAppFieldValues')).toBe(Math.ceil(110 / BATCH));
    expect(result.value.writeRequests).toBe(Math.ceil(110 / BATCH));
    const values = fieldValues();
    const expected = await expectedScores();
    for (const [id, score] of expected) expect(values.get(id)).toBe(score);
  });

  it('a second sweep with nothing changed only searches; a changed priority writes just that issue', async () => {
    expect((await sweep()).ok).toBe(true);
    bench.calls.length = 0;
    const again = await sweep('job-2');
    expect(again).toMatchObject({ ok: true, value: { issues: 110, changed: 0, writeRequests: 0 } });
    expect(bench.count('setAppFieldValues')).toBe(0);
    expect(bench.count('searchJql')).toBe(Math.ceil(110 / PAGE));

    const [a, b] = bench.standIn.state.issues().filter((i) => i.priorityId === '4');
    a!.priorityId = '1';
    b!.priorityId = '1';
    const before = fieldValues();
    bench.calls.length = 0;
    const third = await sweep('job-3');
    expect(third).toMatchObject({ ok: true, value: { changed: 2, writeRequests: 1 } });
    expect(bench.count('setAppFieldValues')).toBe(1);
    const after = fieldValues();
    const changedIds = [...after].filter(([id, v]) => before.get(id) !== v).map(([id]) => id);
    expect(changedIds.sort()).toEqual([a!.id, b!.id].sort());
    expect(after.get(a!.id)).toBeGreaterThan(before.get(a!.id)!);
  });

  it('rides out a 429 storm on search and writes: Retry-After honoured, every value written once', async () => {
    const searchStorm = bench.standIn.faults.inject({
      path: '/rest/api/3/search/jql',
      status: 429,
      retryAfterSeconds: 1,
      rateLimitReason: 'jira-burst-based',
      times: 2,
    });
    const writeStorm = bench.standIn.faults.inject({
      path: '/rest/api/3/app/field/value',
      status: 429,
      retryAfterSeconds: 1,
      times: 2,
    });
    const started = Date.now();
    const result = await sweep();
    expect(result).toMatchObject({ ok: true, value: { changed: 110 } });
    expect(searchStorm.hits).toBe(2);
    expect(writeStorm.hits).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 1_000);
    const refused = bench.calls.filter((c) => c.status === 429).length;
    expect(bench.calls.length - refused).toBe(Math.ceil(110 / PAGE) + Math.ceil(110 / BATCH));
    const expected = await expectedScores();
    const values = fieldValues();
    for (const [id, score] of expected) expect(values.get(id)).toBe(score);
  }, 30_000);

  it('one sweep per scope at a time: an overlapping tick is refused as busy and writes nothing', async () => {
    // The first sweep's search answers slowly, so the second tick arrives while it runs.
    bench.standIn.faults.inject({ path: '/rest/api/3/search/jql', delayMs: 300, times: 1 });
    const first = sweep('job-1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await sweep('job-2');
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await first).toMatchObject({ ok: true, value: { changed: 110 } });
    expect(bench.count('setAppFieldValues')).toBe(Math.ceil(110 / BATCH));
    // The lease is given back: the next tick sweeps again.
    expect((await sweep('job-3')).ok).toBe(true);
  });

  it('a failed write is reported, and the retry writes only what Jira has not accepted yet', async () => {
    // Let the third write fail for good (past the gateway's retries): two batches are in.
    let writes = 0;
    const failing = {
      ...bench.app,
      setAppFieldValues: async (...args: Parameters<typeof bench.app.setAppFieldValues>) => {
        writes += 1;
        if (writes === 3)
          return {
            ok: false as const,
            error: {
              kind: 'retryable' as const,
              op: 'setAppFieldValues',
              status: 503,
              message: 'Service Unavailable',
              errorMessages: [],
              errors: {},
              outcomeUnknown: false,
              attempts: 5,
            },
          };
        return bench.app.setAppFieldValues(...args);
      },
    };
    const failed = await sweepTemperatures(
      {
        db: bench.db,
        tracker: failing,
        source,
        world: bench.world,
        now: () => now,

        scope: 'local',
        holder: 'j',
      },
      options,
    );
    expect(failed).toMatchObject({ ok: false, error: { code: 'jira', failure: { status: 503 } } });
    const retried = await sweep('j');
    expect(retried).toMatchObject({ ok: true, value: { changed: 110 - 2 * BATCH } });
  });

  it("refreshes tracked issues' temperature, and with it the engineer's weighted load", async () => {
    const [assigned, unassigned] = bench.standIn.state.issues();
    const track = (issueKey: string, assignee: string | null) =>
      db.query(
        `INSERT INTO tracked_issues (issue_key, project, priority, assignee_id, temperature, created_at,
           last_public_update_at, fact_at, updated_at)
         VALUES ($1, 'SUP', 'Medium', $2, 0, $3, $3, $3, $3)`,
        [issueKey, assignee, new Date(now.getTime() - 86_400_000).toISOString()],
      );
    try {
      await track(assigned!.key, 'acc-olga');
      await track(unassigned!.key, null);
      const expected = await expectedScores();
      const first = await sweep();
      expect(first).toMatchObject({ ok: true, value: { trackedUpdated: 2 } });
      const stored = await db.query<{ issue_key: string; temperature: number }>(
        'SELECT issue_key, temperature FROM tracked_issues ORDER BY issue_key',
      );
      expect(new Map(stored.rows.map((r) => [r.issue_key, Number(r.temperature)]))).toEqual(
        new Map([
          [assigned!.key, expected.get(assigned!.id)],
          [unassigned!.key, expected.get(unassigned!.id)],
        ]),
      );
      const load = await db.query<{ temperature: number; open_count: number }>(
        "SELECT temperature, open_count FROM engineer_load WHERE account_id = 'acc-olga'",
      );
      expect(load.rows.map((r) => [Number(r.temperature), Number(r.open_count)])).toEqual([
        [expected.get(assigned!.id), 1],
      ]);
      // Nothing moved since: the second sweep leaves the tracked rows alone.
      expect(await sweep('job-2')).toMatchObject({ ok: true, value: { trackedUpdated: 0 } });
    } finally {
      await db.query('DELETE FROM tracked_issues');
    }
  });
});
