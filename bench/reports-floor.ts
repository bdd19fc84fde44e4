// The physical floor of the service report's ticket figures on the machine that runs the bench:
// the least work any exact median or p90 of the four durations (first response, assignment, work
// start, resolution) must do for a period. An order statistic depends on every value of its sample,
// so every exact method reads every duration of the period's tickets at least once:
// - floor (a), the scan: one pass over the period's rows that reads the four durations on the
//   server and folds them into a trivial aggregate (count and sums), so nothing is sorted, grouped
//   or sent. It bounds every exact method, in SQL or in the client.
// - floor (b), the scan and one transfer: the same values sent to the client once, read to the end.
//   It bounds every method that selects the order statistics in the client, as the report does.
//   The values travel as one stream of the rows' packed durations (four float8 values, 32 bytes a
//   ticket, packed when the row was written), the cheapest transfer tried on this machine: packing
//   them in the query took about 1.15× as long over the full year, a plain SELECT of the four
//   columns (one row a ticket) about 1.4×, `array_agg` of each column (text arrays) about 3.6×.
// Both filter the period exactly as the report does (created_at between the period's local dates in
// its time zone), so the server picks the same access path.
import type { ReportQuery } from '@frontline/shared';
import type { Queryable } from '../sidecar/src/store/db.js';

const DURATIONS = ['first_response_min', 'assign_min', 'work_start_min', 'resolution_min'] as const;

const PERIOD = `created_at >= ($1::date)::timestamp AT TIME ZONE $3
            AND created_at < ($2::date + 1)::timestamp AT TIME ZONE $3`;

const periodParams = (query: ReportQuery): unknown[] => [query.from, query.to, query.timeZone];

/** Floor (a): the period's four durations read on the server into a count and four sums. */
export async function floorScan(db: Queryable, query: ReportQuery): Promise<{ tickets: number }> {
  const { rows } = await db.query<{ tickets: string | number }>(
    `SELECT count(*) AS tickets, ${DURATIONS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
       FROM report_tickets WHERE ${PERIOD}`,
    periodParams(query),
  );
  return { tickets: Number(rows[0]?.tickets ?? 0) };
}

/** Floor (b): the period's four durations sent to the client once as one packed float8 stream. */
export async function floorTransfer(db: Queryable, query: ReportQuery): Promise<{ bytes: number }> {
  const { rows } = await db.query<{ durations: Uint8Array | null }>(
    `SELECT string_agg(durations, '') AS durations FROM report_tickets WHERE ${PERIOD}`,
    periodParams(query),
  );
  return { bytes: rows[0]?.durations?.byteLength ?? 0 };
}
