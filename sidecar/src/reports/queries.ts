// The service report's aggregates over `report_tickets` and `report_parts_orders`: one hashed scan
// of the period's tickets gives its cells (see `ticketFigures`), from which shared code derives every
// row the report shows; two small queries give the parts figures. Percentiles equal PostgreSQL's
// `percentile_cont` (shared `percentileCont` and `sampleStats` compute the same).
import {
  figuresFromCells,
  periodStarts,
  REPORT_MEASURES,
  reportRatings,
  SLA_TARGETS,
} from '@frontline/shared';
import type {
  PartsFigures,
  PartsUsage,
  ReportCell,
  ReportFigures,
  ReportQuery,
  ReportRatings,
  ServiceReport,
  SlaTargetName,
} from '@frontline/shared';
import type { Db, Queryable } from '../store/db.js';

const SLICE_COLUMN: Record<ReportQuery['slice'], string> = {
  none: 'NULL::text',
  project: 'project',
  team: 'team',
  customer: 'customer_id',
  engineer: 'engineer_id',
  priority: 'priority',
};

const SLA_COLUMN: Record<SlaTargetName, string> = {
  firstResponse: 'sla_first_response',
  update: 'sla_update',
  resolution: 'sla_resolution',
};

interface CellRow {
  p: number | string;
  slice: string | null;
  team: string;
  customer_id: string | null;
  customer_name: string | null;
  tickets: string | number;
  resolved: string | number;
  reopened: string | number | null;
  within_target: string | number;
  [column: string]: unknown;
}

const n = (v: unknown): number => Number(v ?? 0);
const pct = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** `{1.5,NULL}` as PGlite may hand an array back. */
function parsePgArray(text: string): (string | null)[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((s) => (s === 'NULL' ? null : s));
}

/** Where clause and parameters for the query's period and filters (the period in its time zone). */
function ticketFilter(query: ReportQuery, column: string, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.from, query.to, query.timeZone];
  const parts = [
    `${column} >= ($${first}::date)::timestamp AT TIME ZONE $${first + 2}`,
    `${column} < ($${first + 1}::date + 1)::timestamp AT TIME ZONE $${first + 2}`,
  ];
  return { sql: parts.join(' AND '), params };
}

/** A store that runs statements one by one or together in a transaction. */
export type Transactional = Queryable & Pick<Db, 'transaction'>;

/**
 * Runs the cells query with the plan it needs. The planner cannot know that the period buckets are
 * a few dozen, so it guesses a group per ticket and sorts every row of the period (spilling to disk
 * under the default work memory) to group them; the cells are at most periods × slices × teams ×
 * customers, a few thousand, which a hash table holds in a few megabytes. So, for this transaction
 * only: no sort where a hash will do, and room for the hash table of a large period.
 */
async function inCellsPlan<T>(db: Transactional, run: (q: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('enable_sort', 'off', true), set_config('work_mem', '32MB', true)`);
    return run(tx);
  });
}

/**
 * A cell's durations from its packed stream: per ticket, its four measures as `float8send` values
 * (big-endian IEEE 754) in `REPORT_MEASURES` order, NaN standing for not measured.
 */
function samplesOf(value: unknown): ReportCell['samples'] {
  const bytes = value instanceof Uint8Array ? value : new Uint8Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tickets = Math.floor(bytes.byteLength / 32);
  const out = REPORT_MEASURES.map(() => new Float64Array(tickets));
  const counts = REPORT_MEASURES.map(() => 0);
  for (let t = 0; t < tickets; t++)
    for (let m = 0; m < 4; m++) {
      const v = view.getFloat64(t * 32 + m * 8, false);
      if (!Number.isNaN(v)) out[m]![counts[m]!++] = v;
    }
  return Object.fromEntries(
    REPORT_MEASURES.map((m, i) => [m, out[i]!.subarray(0, counts[i])]),
  ) as ReportCell['samples'];
}

/**
 * Every ticket figure of the report: one scan of the period's tickets, hashed into cells of period ×
 * slice × team × customer with plain counts and each cell's durations as packed float8 values; the
 * shared `figuresFromCells` sums the counts and selects the order statistics per period and slice,
 * per period, in total, and by team and customer. The period of a ticket is found by
 * `width_bucket` over the period starts (local dates in the query's time zone) rather than by
 * converting every row's time; the figures equal `percentile_cont` over the same rows.
 */
export async function ticketFigures(
  db: Transactional,
  query: ReportQuery,
): Promise<Pick<ServiceReport, 'totals' | 'groups' | 'periods' | 'slaByTeam' | 'slaByCustomer'>> {
  const filter = ticketFilter(query, 'created_at', 1);
  const params = [...filter.params];
  const where = [filter.sql];
  for (const [key, column] of [
    ['project', 'project'],
    ['team', 'team'],
    ['customer', 'customer_id'],
  ] as const) {
    const value = query[key];
    if (value !== undefined) {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
  }
  const starts = periodStarts(query);
  params.push(starts);
  const bounds = `(SELECT array_agg((d::timestamp AT TIME ZONE $3) ORDER BY d) FROM unnest($${params.length}::date[]) AS d)`;
  // One stream per cell: each ticket's four measures as the row packed them when it was written.
  const samples = `string_agg(durations, '') AS samples`;
  const clocks = SLA_TARGETS.map(
    (t) =>
      `count(*) FILTER (WHERE ${SLA_COLUMN[t]} = 'met') AS "${t}_met", count(*) FILTER (WHERE ${SLA_COLUMN[t]} = 'breached') AS "${t}_breached"`,
  ).join(',\n            ');
  const { rows } = await inCellsPlan(db, (q) =>
    q.query<CellRow>(
      `SELECT width_bucket(created_at, ${bounds}) AS p, ${SLICE_COLUMN[query.slice]} AS slice, team, customer_id,
            max(customer_name) AS customer_name, count(*) AS tickets, count(resolved_at) AS resolved,
            sum(reopened_count) AS reopened,
            count(*) FILTER (WHERE work_start_min <= work_start_target_min) AS within_target,
            ${clocks},
            ${samples}
       FROM report_tickets WHERE ${where.join(' AND ')}
      GROUP BY 1, 2, 3, 4`,
      params,
    ),
  );
  const cells: ReportCell[] = rows.map((row) => ({
    period: starts[n(row.p) - 1] ?? starts[0]!,
    slice: row.slice,
    team: row.team,
    customerId: row.customer_id,
    customerName: row.customer_name,
    tickets: n(row.tickets),
    resolved: n(row.resolved),
    reopened: n(row.reopened),
    withinTarget: n(row.within_target),
    sla: Object.fromEntries(
      SLA_TARGETS.map((t) => [t, { met: n(row[`${t}_met`]), breached: n(row[`${t}_breached`]) }]),
    ) as ReportCell['sla'],
    samples: samplesOf(row.samples),
  }));
  return figuresFromCells(cells, query.slice);
}

export function emptyFigures(): ReportFigures {
  const none = { count: 0, median: null, p90: null };
  return {
    tickets: 0,
    resolved: 0,
    reopened: 0,
    firstResponse: none,
    assign: none,
    workStart: { ...none, withinTarget: 0 },
    resolution: none,
    sla: Object.fromEntries(SLA_TARGETS.map((t) => [t, { met: 0, breached: 0 }])) as ReportFigures['sla'],
  };
}

/** Parts orders raised in the period: delivery on time, and which parts each customer used. */
export async function partsFigures(q: Queryable, query: ReportQuery): Promise<PartsFigures> {
  const filter = ticketFilter(query, 'o.ordered_at', 1);
  const params = [...filter.params];
  const where = [filter.sql];
  if (query.customer !== undefined) {
    params.push(query.customer);
    where.push(`o.customer_id = $${params.length}`);
  }
  if (query.project !== undefined) {
    params.push(query.project);
    where.push(
      `EXISTS (SELECT 1 FROM report_tickets r WHERE r.issue_key = o.ticket_key AND r.project = $${params.length})`,
    );
  }
  const sql = where.join(' AND ');
  const [totals, usage] = await Promise.all([
    q.query<Record<string, unknown>>(
      `SELECT count(*) AS orders, count(delivered_at) AS delivered,
              count(*) FILTER (WHERE on_time) AS on_time, count(*) FILTER (WHERE NOT on_time) AS late,
              count(delivery_min) AS delivery_count,
              percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY delivery_min) AS delivery_pct
         FROM report_parts_orders o WHERE ${sql}`,
      params,
    ),
    q.query<{
      customer_id: string | null;
      customer_name: string | null;
      part: string;
      quantity: string | number;
    }>(
      `SELECT o.customer_id, max(o.customer_name) AS customer_name, l.part, sum(l.quantity) AS quantity
         FROM report_parts_orders o JOIN report_parts_lines l ON l.order_key = o.order_key
        WHERE ${sql}
        GROUP BY o.customer_id, l.part
        ORDER BY max(o.customer_name), o.customer_id, l.part`,
      params,
    ),
  ]);
  const t = totals.rows[0] ?? {};
  const arr = t.delivery_pct as (number | string | null)[] | string | null;
  const values = Array.isArray(arr) ? arr : typeof arr === 'string' ? parsePgArray(arr) : [null, null];
  const byCustomer = new Map<string, PartsUsage>();
  for (const row of usage.rows) {
    const id = row.customer_id ?? '';
    const entry = byCustomer.get(id) ?? { customerId: id, customerName: row.customer_name ?? id, parts: [] };
    entry.parts.push({ part: row.part, quantity: Number(row.quantity) });
    byCustomer.set(id, entry);
  }
  return {
    orders: n(t.orders),
    delivered: n(t.delivered),
    onTime: n(t.on_time),
    late: n(t.late),
    delivery: { count: n(t.delivery_count), median: pct(values[0]), p90: pct(values[1]) },
    byCustomer: [...byCustomer.values()],
  };
}

/**
 * Ratings answered in the period (filtered by project — the issue key's — team and customer) and
 * NPS answers given in it (by customer only: the survey is about the customer's whole service).
 */
export async function ratingsFigures(
  q: Queryable,
  query: ReportQuery,
  engineerNames: ReadonlyMap<string, string> = new Map(),
): Promise<ReportRatings> {
  const ratingFilter = ticketFilter(query, 'answered_at', 1);
  const ratingParams = [...ratingFilter.params];
  const ratingWhere = [ratingFilter.sql, 'score IS NOT NULL'];
  for (const [key, column] of [
    ['project', "split_part(issue_key, '-', 1)"],
    ['team', 'team'],
    ['customer', 'customer_id'],
  ] as const) {
    const value = query[key];
    if (value !== undefined) {
      ratingParams.push(value);
      ratingWhere.push(`${column} = $${ratingParams.length}`);
    }
  }
  const ratings = await q.query<{
    score: number;
    customer_id: string | null;
    customer_name: string | null;
    engineer_id: string | null;
    team: string;
  }>(
    `SELECT score, customer_id, customer_name, engineer_id, team FROM customer_ratings
      WHERE ${ratingWhere.join(' AND ')}`,
    ratingParams,
  );
  const npsFilter = ticketFilter(query, 'answered_at', 1);
  const npsParams = [...npsFilter.params];
  const npsWhere = [npsFilter.sql, 'score IS NOT NULL'];
  if (query.customer !== undefined) {
    npsParams.push(query.customer);
    npsWhere.push(`customer_id = $${npsParams.length}`);
  }
  const nps = await q.query<{ score: number; customer_id: string; customer_name: string }>(
    `SELECT score, customer_id, customer_name FROM customer_nps WHERE ${npsWhere.join(' AND ')}`,
    npsParams,
  );
  return reportRatings(
    ratings.rows.map((r) => ({
      score: Number(r.score),
      customerId: r.customer_id,
      customerName: r.customer_name,
      engineerId: r.engineer_id,
      team: r.team,
    })),
    nps.rows.map((r) => ({
      score: Number(r.score),
      customerId: r.customer_id,
      customerName: r.customer_name,
    })),
    engineerNames,
  );
}

/** The whole report for a query (`engineerNames` labels the ratings by engineer). */
export async function serviceReport(
  q: Transactional,
  query: ReportQuery,
  now: Date,
  engineerNames: ReadonlyMap<string, string> = new Map(),
): Promise<ServiceReport> {
  // Sequential: the embedded store has one connection.
  const tickets = await ticketFigures(q, query);
  const parts = await partsFigures(q, query);
  const ratings = await ratingsFigures(q, query, engineerNames);
  return { query, generatedAt: now.toISOString(), ...tickets, parts, ratings };
}
