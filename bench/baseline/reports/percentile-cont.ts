// Baseline for bench/reports.bench.ts: the report's ticket figures as the store computed them
// before its cells, kept only so the bench measures the old path in the same run. Not product code. GROUPING SETS over the
// period's tickets with PostgreSQL's `percentile_cont` (a sort per group and measure), SLA by team
// and customer in a second scan. The reports bench times it beside the cells query and checks that
// both give the same figures.
import { SLA_TARGETS } from '@frontline/shared';
import type {
  ReportFigures,
  ReportGroup,
  ReportQuery,
  ServiceReport,
  SlaRow,
  SlaTargetName,
} from '@frontline/shared';
import type { Queryable } from '../../../sidecar/src/store/db.js';

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

const MEASURES = {
  firstResponse: 'first_response_min',
  assign: 'assign_min',
  workStart: 'work_start_min',
  resolution: 'resolution_min',
} as const;

interface GroupRow {
  g_period: number;
  g_slice: number;
  g_team: number;
  g_customer: number;
  period: string | Date | null;
  slice: string | null;
  team: string | null;
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

/** Where clause and parameters for the query's period and filters (the period in its time zone). */
function ticketFilter(query: ReportQuery, column: string, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.from, query.to, query.timeZone];
  const parts = [
    `${column} >= ($${first}::date)::timestamp AT TIME ZONE $${first + 2}`,
    `${column} < ($${first + 1}::date + 1)::timestamp AT TIME ZONE $${first + 2}`,
  ];
  return { sql: parts.join(' AND '), params };
}

function figuresOf(row: GroupRow): ReportFigures {
  const stats = (key: keyof typeof MEASURES) => {
    const arr = row[`${key}_pct`] as (number | string | null)[] | string | null;
    const values = Array.isArray(arr) ? arr : typeof arr === 'string' ? parsePgArray(arr) : [null, null];
    return { count: n(row[`${key}_count`]), median: pct(values[0]), p90: pct(values[1]) };
  };
  return {
    tickets: n(row.tickets),
    resolved: n(row.resolved),
    reopened: n(row.reopened),
    firstResponse: stats('firstResponse'),
    assign: stats('assign'),
    workStart: { ...stats('workStart'), withinTarget: n(row.within_target) },
    resolution: stats('resolution'),
    sla: Object.fromEntries(
      SLA_TARGETS.map((t) => [t, { met: n(row[`${t}_met`]), breached: n(row[`${t}_breached`]) }]),
    ) as ReportFigures['sla'],
  };
}

/** `{1.5,NULL}` as PGlite may hand an array back. */
function parsePgArray(text: string): (string | null)[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((s) => (s === 'NULL' ? null : s));
}

const dayOf = (v: string | Date | null): string | null =>
  v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

/** Every ticket figure of the report, by `percentile_cont` (see the file comment). */
export async function percentileContTicketFigures(
  q: Queryable,
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
  params.push(query.grouping);
  const grouping = `$${params.length}::text`;
  const measures = Object.entries(MEASURES)
    .map(
      ([key, column]) =>
        `count(${column}) AS "${key}_count", percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${column}) AS "${key}_pct"`,
    )
    .join(',\n       ');
  const clocks = SLA_TARGETS.map(
    (t) =>
      `count(*) FILTER (WHERE ${SLA_COLUMN[t]} = 'met') AS "${t}_met", count(*) FILTER (WHERE ${SLA_COLUMN[t]} = 'breached') AS "${t}_breached"`,
  ).join(',\n       ');
  // Only the columns the figures read: the grouping sort then holds narrow rows (no spill to disk).
  const inner = `SELECT date_trunc(${grouping}, created_at AT TIME ZONE $3)::date AS period,
                    ${SLICE_COLUMN[query.slice]} AS slice, team, customer_id, customer_name, resolved_at,
                    reopened_count, first_response_min, assign_min, work_start_min, work_start_target_min,
                    resolution_min, sla_first_response, sla_update, sla_resolution
               FROM report_tickets WHERE ${where.join(' AND ')}`;
  // Percentiles (ordered-set aggregates, a sort per group and measure) only where they are shown:
  // per period (and slice) and in total. SLA by team and by customer are plain counts.
  // Without a slice, `slice` is a NULL constant: (period, slice) is one row per period.
  const sets = query.slice === 'none' ? '(period, slice), ()' : '(period, slice), (period), ()';
  const withPercentiles = await q.query<GroupRow>(
    `SELECT GROUPING(period) AS g_period, GROUPING(slice) AS g_slice, 1 AS g_team, 1 AS g_customer,
            period, slice, NULL AS team, NULL AS customer_id, max(customer_name) AS customer_name,
            count(*) AS tickets, count(resolved_at) AS resolved, sum(reopened_count) AS reopened,
            count(*) FILTER (WHERE work_start_min <= work_start_target_min) AS within_target,
       ${measures},
       ${clocks}
       FROM (${inner}) t
      GROUP BY GROUPING SETS (${sets})`,
    params,
  );
  const counts = await q.query<GroupRow>(
    `SELECT 1 AS g_period, 1 AS g_slice, GROUPING(team) AS g_team, GROUPING(customer_id) AS g_customer,
            NULL AS period, NULL AS slice, team, customer_id, max(customer_name) AS customer_name,
            count(*) AS tickets, 0 AS resolved, 0 AS reopened, 0 AS within_target,
       ${clocks}
       FROM (${inner}) t
      GROUP BY GROUPING SETS ((team), (customer_id))`,
    params,
  );
  const rows = [...withPercentiles.rows, ...counts.rows];
  const groups: ReportGroup[] = [];
  const periods: ReportGroup[] = [];
  const slaByTeam: SlaRow[] = [];
  const slaByCustomer: SlaRow[] = [];
  let totals: ReportFigures | undefined;
  const tally = (f: ReportFigures) => ({
    met: SLA_TARGETS.reduce((s, t) => s + f.sla[t].met, 0),
    breached: SLA_TARGETS.reduce((s, t) => s + f.sla[t].breached, 0),
  });
  for (const row of rows) {
    const figures = figuresOf(row);
    const [gp, gs, gt, gc] = [n(row.g_period), n(row.g_slice), n(row.g_team), n(row.g_customer)];
    if (gp === 0 && gs === 0 && query.slice !== 'none')
      groups.push({
        period: dayOf(row.period),
        slice: row.slice,
        sliceLabel: query.slice === 'customer' ? (row.customer_name ?? row.slice) : row.slice,
        ...figures,
      });
    else if (gp === 0) periods.push({ period: dayOf(row.period), slice: null, sliceLabel: null, ...figures });
    else if (gp === 1 && gs === 1 && gt === 1 && gc === 1) totals = figures;
    else if (gt === 0) slaByTeam.push({ key: row.team ?? '', label: row.team ?? '', ...tally(figures) });
    else if (gc === 0)
      slaByCustomer.push({
        key: row.customer_id ?? '',
        label: row.customer_name ?? row.customer_id ?? '',
        ...tally(figures),
      });
  }
  const byPeriod = (a: ReportGroup, b: ReportGroup) =>
    (a.period ?? '').localeCompare(b.period ?? '') || (a.slice ?? '').localeCompare(b.slice ?? '');
  periods.sort(byPeriod);
  groups.sort(byPeriod);
  slaByTeam.sort((a, b) => a.key.localeCompare(b.key));
  // Tickets with no customer matched stay out of the by-customer bars.
  const customers = slaByCustomer.filter((r) => r.key !== '').sort((a, b) => a.label.localeCompare(b.label));
  return {
    totals: totals ?? emptyFigures(),
    groups: query.slice === 'none' ? periods : groups,
    periods,
    slaByTeam,
    slaByCustomer: customers,
  };
}

function emptyFigures(): ReportFigures {
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
