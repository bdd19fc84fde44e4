// Service report benchmarks.
// - reports:postgres — the report's queries over 200,000 tickets and 20,000 parts orders on
//   PostgreSQL (FRONTLINE_TEST_DATABASE_URL), p50 of each; baselines: the same figures computed by
//   reading the period's events (created, first public agent reply, resolution) and scanning them in
//   JavaScript, and the previous query (GROUPING SETS with `percentile_cont`,
//   baseline/reports/percentile-cont.ts). Every figure is checked equal to both before timing.
//   Beside them, in the same run, the physical floor of the full year and of the quarter
//   (reports-floor.ts): (a) one scan of the period's four durations into a count and sums, which
//   bounds any exact median or p90, and (b) the same values sent to the client once, which bounds
//   any method that selects them in the client; each printed with the report as its baseline, so
//   the ratio says how many times the floor the report costs.
// - reports:embedded — the same queries on the embedded store at 20,000 tickets.
// - reports:backfill — 20,000 issues from the Jira stand-in through the gateway: search calls
//   (pages of 100, no call per issue) and wall time.
import type { ReportQuery } from '@frontline/shared';
import {
  DEMO_SETTINGS,
  percentileCont,
  periodStart,
  SettingsDocumentSchema,
  compileCalendar,
} from '@frontline/shared';
import { startJiraStandIn, DEMO_CREDENTIALS } from '../sidecar/sandbox/index.js';
import { createLogger } from '../sidecar/src/logger.js';
import { runBackfill, startBackfill } from '../sidecar/src/reports/backfill.js';
import { partsFigures, ticketFigures } from '../sidecar/src/reports/queries.js';
import { percentileContTicketFigures } from './baseline/reports/percentile-cont.js';
import { floorScan, floorTransfer } from './reports-floor.js';
import type { Db } from '../sidecar/src/store/db.js';
import { openDb } from '../sidecar/src/store/open.js';
import { createJiraGateway } from '../sidecar/src/trackers/jira/index.js';
import { freshPostgresDatabase } from '../sidecar/test/stores.js';
import type { BenchResult, BenchSuite } from './lib.js';
import { percentile, timeMillis, withRatio } from './lib.js';

const RUNS = 9;
const QUERY: ReportQuery = {
  from: '2026-01-01',
  to: '2026-12-31',
  grouping: 'week',
  slice: 'none',
  timeZone: 'UTC',
};
const BY_CUSTOMER: ReportQuery = { ...QUERY, grouping: 'month', slice: 'customer' };
const QUARTER: ReportQuery = { ...QUERY, from: '2026-10-01', to: '2026-12-31' };

/** Tickets spread over 2026 with first response, resolution and SLA outcomes; their events beside them. */
export async function seed(db: Db, tickets: number, orders: number): Promise<void> {
  await db.query(
    `CREATE TABLE bench_report_events (issue_key text, type text, at timestamptz, author text, public boolean)`,
  );
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `CREATE TABLE bench_seed AS
       SELECT i, 'SUP-' || i AS key,
              timestamptz '2026-01-01 00:00Z' + (random() * 364) * interval '1 day' AS created,
              (5 + random() * 600)::double precision AS fr, (60 + random() * 6000)::double precision AS res,
              (random() * 300)::double precision AS asg, (random() * 400)::double precision AS ws,
              (ARRAY['translogistic','polar-frost','severny-bank','c4','c5','c6','c7','c8'])[1 + (i % 8)] AS customer,
              (ARRAY['SUP','HW','DB'])[1 + (i % 3)] AS team,
              (ARRAY['highest','high','medium','low'])[1 + (i % 4)] AS priority,
              random() < 0.9 AS resolved
         FROM generate_series(1, $1::int) AS i`,
    [tickets],
  );
  await db.query(
    `INSERT INTO report_tickets (issue_key, project, team, customer_id, customer_name, contract_id, engineer_id, priority,
        request_type, created_at, first_response_at, first_assigned_at, work_started_at, resolved_at, reopened_count,
        first_response_min, assign_min, work_start_min, work_start_target_min, resolution_min, business_time,
        sla_first_response, sla_first_response_target, sla_first_response_elapsed,
        sla_resolution, sla_resolution_target, sla_resolution_elapsed, source, updated_at)
     SELECT key, 'SUP', team, customer, upper(customer), 'C-' || customer, 'acc-' || (i % 12), priority, 'Incident',
            created, created + fr * interval '1 minute', created + asg * interval '1 minute',
            created + (asg + ws) * interval '1 minute', CASE WHEN resolved THEN created + res * interval '1 minute' END, 0,
            fr, asg, ws, 240, CASE WHEN resolved THEN res END, false,
            CASE WHEN fr <= 240 THEN 'met' ELSE 'breached' END, 240, fr,
            CASE WHEN NOT resolved THEN NULL WHEN res <= 4800 THEN 'met' ELSE 'breached' END, 4800, res,
            'backfill', now()
       FROM bench_seed`,
  );
  await db.query(
    `INSERT INTO bench_report_events
       SELECT key, 'created', created, NULL, NULL FROM bench_seed
       UNION ALL SELECT key, 'comment', created + fr * interval '1 minute', 'agent', true FROM bench_seed
       UNION ALL SELECT key, 'comment', created + (fr / 2) * interval '1 minute', 'customer', true FROM bench_seed
       UNION ALL SELECT key, 'resolved', created + res * interval '1 minute', NULL, NULL FROM bench_seed WHERE resolved`,
  );
  await db.query(
    `INSERT INTO report_parts_orders (order_key, project, ticket_key, customer_id, customer_name, ordered_at, delivered_at,
        due_at, delivery_min, on_time, parts, updated_at)
     SELECT 'PARTS-' || i, 'PARTS', 'SUP-' || i, (ARRAY['translogistic','polar-frost','severny-bank'])[1 + (i % 3)],
            'Customer ' || (i % 3), o, o + d * interval '1 minute', o + interval '2 days', d, d <= 2880, '[]', now()
       FROM (SELECT i, timestamptz '2026-01-01 00:00Z' + (random() * 364) * interval '1 day' AS o,
                    (60 + random() * 4000)::double precision AS d FROM generate_series(1, $1::int) AS i) s`,
    [orders],
  );
  await db.query(
    `INSERT INTO report_parts_lines (order_key, part, quantity)
     SELECT 'PARTS-' || i, (ARRAY['HDD 2.4TB SAS','PSU 800W','RAID controller battery','System board'])[1 + (i % 4)], 1 + (i % 4)
       FROM generate_series(1, $1::int) AS i`,
    [orders],
  );
  await db.query('DROP TABLE bench_seed');
  await db.query('ANALYZE');
}

interface EventRow {
  issue_key: string;
  type: string;
  at: Date | string;
  author: string | null;
  public: boolean | null;
}

/** The baseline: the period's events read and scanned in JavaScript into weekly medians and totals. */
async function baselineFigures(db: Db, query: ReportQuery) {
  const { rows } = await db.query<EventRow>(
    `SELECT issue_key, type, at, author, public FROM bench_report_events
      WHERE issue_key IN (SELECT issue_key FROM bench_report_events WHERE type = 'created'
                            AND at >= $1::date AND at < $2::date + 1)`,
    [query.from, query.to],
  );
  const tickets = new Map<string, { created?: number; fr?: number; res?: number }>();
  for (const e of rows) {
    const t = tickets.get(e.issue_key) ?? {};
    const at = new Date(e.at).getTime();
    if (e.type === 'created') t.created = at;
    else if (e.type === 'comment' && e.author === 'agent' && e.public && (t.fr === undefined || at < t.fr))
      t.fr = at;
    else if (e.type === 'resolved') t.res = at;
    tickets.set(e.issue_key, t);
  }
  const weeks = new Map<string, { fr: number[]; res: number[] }>();
  const all = { fr: [] as number[], res: [] as number[] };
  for (const t of tickets.values()) {
    if (t.created === undefined) continue;
    const week = periodStart(new Date(t.created).toISOString().slice(0, 10), query.grouping);
    const w = weeks.get(week) ?? { fr: [], res: [] };
    if (t.fr !== undefined) {
      w.fr.push((t.fr - t.created) / 60_000);
      all.fr.push((t.fr - t.created) / 60_000);
    }
    if (t.res !== undefined) {
      w.res.push((t.res - t.created) / 60_000);
      all.res.push((t.res - t.created) / 60_000);
    }
    weeks.set(week, w);
  }
  return {
    tickets: [...tickets.values()].filter((t) => t.created !== undefined).length,
    frMedian: percentileCont(all.fr, 0.5),
    periods: [...weeks.entries()].map(([week, w]) => ({
      week,
      fr: percentileCont(w.fr, 0.5),
      res: percentileCont(w.res, 0.5),
    })),
  };
}

/** The path of the first figure that differs by more than 1e-9 between two results, or null. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) > 1e-9 ? path : null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return a === b ? null : `${path} (${String(a)} vs ${String(b)})`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${path}.${k}`,
    );
    if (d) return d;
  }
  return null;
}

async function p50(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMillis(fn));
  return percentile(times, 50);
}

async function queryFigures(
  db: Db,
  store: string,
  tickets: number,
  targetMs: number,
  baseline: boolean,
  floors = false,
): Promise<BenchResult[]> {
  // The same figures first: SQL and the event scan must agree before either is timed (to 0.001 min:
  // the store keeps microseconds, JavaScript dates milliseconds).
  const sql = await ticketFigures(db, QUERY);
  const js = await baselineFigures(db, QUERY);
  if (
    sql.totals.tickets !== js.tickets ||
    Math.abs((sql.totals.firstResponse.median ?? 0) - (js.frMedian ?? 0)) > 1e-3
  )
    throw new Error(`report and baseline disagree: ${sql.totals.tickets} vs ${js.tickets} tickets`);
  for (const p of js.periods) {
    const mine = sql.periods.find((x) => x.period === p.week);
    if (!mine || Math.abs((mine.firstResponse.median ?? 0) - (p.fr ?? 0)) > 1e-3)
      throw new Error(`weekly median of ${p.week} differs`);
  }
  // And every figure of every query equal to `percentile_cont`'s. The page and CSV round durations to
  // the minute (0.1 business hour in the CSV), so a difference under 0.5 minute could not be seen;
  // the cells select the same ranks and interpolate as PostgreSQL does, so 1e-9 minute is asked.
  for (const query of [QUERY, BY_CUSTOMER, QUARTER]) {
    const diff = firstDifference(
      await ticketFigures(db, query),
      await percentileContTicketFigures(db, query),
    );
    if (diff) throw new Error(`${query.grouping}/${query.slice} ${query.from}: figures differ at ${diff}`);
  }
  // The baseline takes seconds a run: three runs give its median.
  const base = baseline ? await p50(() => baselineFigures(db, QUERY), 3) : undefined;
  const label = `${tickets.toLocaleString('en')} tickets, ${store}`;
  const weekly = await p50(() => ticketFigures(db, QUERY));
  const byCustomer = await p50(() => ticketFigures(db, BY_CUSTOMER));
  const parts = await p50(() => partsFigures(db, QUERY));
  const quarterBase = baseline ? await p50(() => baselineFigures(db, QUARTER), 3) : undefined;
  const quarter = await p50(() => ticketFigures(db, QUARTER));
  const before = {
    weekly: await p50(() => percentileContTicketFigures(db, QUERY)),
    byCustomer: await p50(() => percentileContTicketFigures(db, BY_CUSTOMER)),
    quarter: await p50(() => percentileContTicketFigures(db, QUARTER)),
  };
  const floor = floors ? await floorFigures(db, label) : [];
  const target = `p50 < ${targetMs} ms`;
  const result = (name: string, value: number): BenchResult =>
    withRatio({
      name: `report ${name} (${label})`,
      value: Math.round(value * 10) / 10,
      unit: 'ms',
      ...(base !== undefined ? { baseline: Math.round(base * 10) / 10 } : {}),
      target,
    });
  const previous = (name: string, value: number, baselineMs: number): BenchResult =>
    withRatio({
      name: `report ${name} (${label}), against the percentile_cont query`,
      value: Math.round(value * 10) / 10,
      unit: 'ms',
      baseline: Math.round(baselineMs * 10) / 10,
      target,
    });
  return [
    result('weekly figures, SLA by team and customer, totals', weekly),
    previous('weekly figures, SLA by team and customer, totals', weekly, before.weekly),
    result('monthly figures by customer', byCustomer),
    previous('monthly figures by customer', byCustomer, before.byCustomer),
    previous('weekly figures of one quarter', quarter, before.quarter),
    result('parts delivery and usage per customer', parts),
    withRatio({
      name: `report weekly figures of one quarter (${label})`,
      value: Math.round(quarter * 10) / 10,
      unit: 'ms',
      ...(quarterBase !== undefined ? { baseline: Math.round(quarterBase * 10) / 10 } : {}),
      target,
    }),
    ...floor,
  ];
}

/**
 * p50 of each of `fns` timed in turn, one call of each per round after a warm-up round, so every
 * one of them sees the same load on a shared machine.
 */
async function p50InTurn(fns: readonly (() => Promise<unknown>)[], runs = RUNS): Promise<number[]> {
  for (const fn of fns) await fn(); // warm-up
  const times = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++) for (const [k, fn] of fns.entries()) times[k]!.push(await timeMillis(fn));
  return times.map((t) => percentile(t, 50));
}

/**
 * The floors of the full year and of the quarter (reports-floor.ts), each with the report query it
 * bounds as its baseline: ratio = report p50 / floor p50. The report queries are timed again here in
 * turn with the floors (so the baseline can differ a little from the report's own line above), and
 * both floors are checked to read the same rows as the report (as many tickets, 32 bytes each).
 */
async function floorFigures(db: Db, label: string): Promise<BenchResult[]> {
  const periods = [
    {
      name: 'full year',
      query: QUERY,
      reports: [
        ['weekly figures', QUERY],
        ['monthly figures by customer', BY_CUSTOMER],
      ],
    },
    { name: 'one quarter', query: QUARTER, reports: [['weekly figures of one quarter', QUARTER]] },
  ] as const;
  const out: BenchResult[] = [];
  for (const { name, query, reports } of periods) {
    const { tickets } = (await ticketFigures(db, query)).totals;
    const scanned = (await floorScan(db, query)).tickets;
    const sent = (await floorTransfer(db, query)).bytes;
    if (scanned !== tickets || sent !== tickets * 32)
      throw new Error(
        `${name} floor reads ${scanned} tickets and ${sent} bytes, the report ${tickets} tickets`,
      );
    const [scanMs, transferMs, ...reportMs] = await p50InTurn([
      () => floorScan(db, query),
      () => floorTransfer(db, query),
      ...reports.map(
        ([, q]) =>
          () =>
            ticketFigures(db, q),
      ),
    ]);
    const floors = [
      ['floor (a), one scan of the four durations into a count and sums', scanMs!],
      ['floor (b), the four durations sent to the client once', transferMs!],
    ] as const;
    for (const [floorName, value] of floors)
      for (const [i, [reportName]] of reports.entries())
        out.push(
          withRatio({
            name: `report ${floorName}, ${name} (${label}; baseline: ${reportName}, timed in turn)`,
            value: Math.round(value * 10) / 10,
            unit: 'ms',
            baseline: Math.round(reportMs[i]! * 10) / 10,
          }),
        );
  }
  return out;
}

const postgres: BenchSuite = {
  name: 'reports:postgres',
  async run() {
    const serverUrl = process.env.FRONTLINE_TEST_DATABASE_URL;
    if (!serverUrl) {
      console.error('reports bench: FRONTLINE_TEST_DATABASE_URL is not set; the PostgreSQL run is skipped.');
      return [];
    }
    const database = await freshPostgresDatabase(serverUrl, 'frontline_bench');
    const db = await openDb({ databaseUrl: database.url, dataDir: 'unused' });
    try {
      const seedMs = await timeMillis(() => seed(db, 200_000, 20_000));
      console.error(
        `reports bench: 200,000 tickets and 20,000 parts orders seeded in ${Math.round(seedMs)} ms`,
      );
      return await queryFigures(db, 'PostgreSQL', 200_000, 300, true, true);
    } finally {
      await db.close();
      await database.drop();
    }
  },
};

const embedded: BenchSuite = {
  name: 'reports:embedded',
  async run() {
    const db = await openDb({ dataDir: 'memory://' });
    try {
      await seed(db, 20_000, 2_000);
      return await queryFigures(db, 'embedded', 20_000, 1000, true);
    } finally {
      await db.close();
    }
  },
};

const backfill: BenchSuite = {
  name: 'reports:backfill',
  async run() {
    const issues = 20_000;
    const standIn = await startJiraStandIn({ seed: true });
    const database = process.env.FRONTLINE_TEST_DATABASE_URL
      ? await freshPostgresDatabase(process.env.FRONTLINE_TEST_DATABASE_URL, 'frontline_bench')
      : undefined;
    const db = await openDb({ databaseUrl: database?.url, dataDir: 'memory://' });
    try {
      for (let i = 0; i < issues; i++)
        standIn.state.createIssue({
          projectKey: 'SUP',
          issueTypeId: '10001',
          summary: `Backfill ${i}`,
          priorityId: String(1 + (i % 4)),
        });
      // The search asks for SUP: the seeded world's other projects are not part of it.
      const total = standIn.state.issues().filter((i) => i.key.startsWith('SUP-')).length;
      const calls = new Map<string, number>();
      const tracker = createJiraGateway({
        baseUrl: standIn.url,
        auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
        logger: createLogger({ level: 'silent' }),
        hooks: { onCall: (op) => calls.set(op, (calls.get(op) ?? 0) + 1) },
      });
      const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
      const world = {
        settingsVersion: 1,
        settings,
        calendars: Object.fromEntries(
          Object.entries(settings.calendars).map(([id, c]) => [id, compileCalendar(c)]),
        ),
        contracts: [],
        engineers: settings.engineers,
        skillsByLabel: {},
      };
      await startBackfill(db, 'project = SUP ORDER BY created ASC', new Date());
      const wall = await timeMillis(() =>
        runBackfill({ db, now: () => new Date(), tracker, world: { load: async () => world } }),
      );
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM report_tickets');
      const searchCalls = calls.get('searchJql') ?? 0;
      const other = [...calls.entries()].filter(([op]) => op !== 'searchJql').reduce((n, [, c]) => n + c, 0);
      console.error(
        `reports bench: backfill of ${total} issues → ${rows[0]?.n} rows in ${Math.round(wall)} ms; ${searchCalls} search calls, ${other} other calls`,
      );
      return [
        {
          name: `backfill of ${total.toLocaleString('en')} issues from the stand-in: wall time`,
          value: Math.round(wall),
          unit: 'ms',
        },
        {
          name: `backfill of ${total.toLocaleString('en')} issues: Jira calls`,
          value: searchCalls + other,
          unit: 'calls',
          target: `≤ ${Math.ceil(total / 100)} (pages of 100)`,
        },
      ];
    } finally {
      await db.close();
      await database?.drop();
      await standIn.close();
    }
  },
};

export default [postgres, embedded, backfill];
