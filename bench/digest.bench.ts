// Building one service manager's morning digest over 5,000 unassigned tickets (target: < 500 ms):
// business hours without an engineer per ticket on the desk calendar (with its holidays), marks,
// grouping by customer, sorting and rendering. The baseline is the same digest with business hours
// counted the straightforward way: day by day, summing each local day's working intervals. A second
// figure adds reading the tickets from the store (embedded PGlite), as the tick job does.
import {
  AssignmentPolicySchema,
  BusinessCalendarSchema,
  DEFAULT_TEMPERATURE_POLICY,
  compileCalendars,
  demoMoscowCalendar,
  localDateTime,
  workingIntervalsOfDate,
} from '@frontline/shared';
import type { BusinessCalendar, CalendarLike } from '@frontline/shared';
import { buildDigest } from '../sidecar/src/schedules/digest.js';
import type { ScheduledTicket } from '../sidecar/src/schedules/digest.js';
import { DEFAULT_SCHEDULE_OPTIONS } from '../sidecar/src/schedules/options.js';
import { renderDigest } from '../sidecar/src/schedules/wording.js';
import { openTickets } from '../sidecar/src/schedules/tick.js';
import { openDb } from '../sidecar/src/store/open.js';
import { percentile, timeMillis, withRatio, type BenchSuite } from './lib.js';

const TICKETS = 5_000;
const MANAGER = 'sm-bench';
const CUSTOMERS = Array.from({ length: 40 }, (_, i) => ({ id: `customer-${i}`, name: `Customer ${i}` }));

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function tickets(now: Date, random: () => number): ScheduledTicket[] {
  const priorities = ['highest', 'high', 'medium', 'low'] as const;
  return Array.from({ length: TICKETS }, (_, i) => {
    const since = new Date(now.getTime() - Math.floor(random() * 30 * 24) * 3_600_000);
    const customer = CUSTOMERS[Math.floor(random() * CUSTOMERS.length)]!;
    return {
      key: `SUP-${i + 1}`,
      summary: `Ticket ${i + 1}: the planning database does not start after power loss`,
      project: 'SUP',
      priority: priorities[Math.floor(random() * priorities.length)]!,
      status: 'Open',
      statusSince: since,
      assigneeId: null,
      requestType: random() < 0.1 ? 'Scheduled maintenance' : 'Incident',
      labels: random() < 0.05 ? ['preventive'] : [],
      customerId: customer.id,
      customerName: customer.name,
      serviceManagerId: MANAGER,
      routedTeam: null,
      temperature: Math.floor(random() * 100),
      createdAt: since,
      unassignedSince: since,
      lastPublicUpdateAt: since,
    };
  });
}

/** Business minutes in [from, to), one local day at a time (the reference). */
function dayByDayMinutes(calendar: CalendarLike, from: Date, to: Date): number {
  const zone = (calendar as BusinessCalendar).timeZone;
  let total = 0;
  let date = localDateTime(zone, from).date;
  const last = localDateTime(zone, to).date;
  while (date <= last) {
    for (const { start, end } of workingIntervalsOfDate(calendar, date)) {
      const a = Math.max(start.getTime(), from.getTime());
      const b = Math.min(end.getTime(), to.getTime());
      if (b > a) total += (b - a) / 60_000;
    }
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return total;
}

const suite: BenchSuite = {
  name: 'digest',
  async run() {
    const now = new Date('2026-11-30T09:05:00+03:00');
    const list = tickets(now, lcg(5000));
    const stored: Record<string, BusinessCalendar> = {
      'moscow-5x2': BusinessCalendarSchema.parse(demoMoscowCalendar),
    };
    const compiled = compileCalendars(stored);
    const policies = [
      AssignmentPolicySchema.parse({ project: 'SUP', mode: 'suggest', deskCalendar: 'moscow-5x2' }),
    ];
    const build = (minutesBetween?: (calendar: CalendarLike, from: Date, to: Date) => number) => {
      const digest = buildDigest({
        ...(minutesBetween ? { minutesBetween } : {}),
        managerId: MANAGER,
        managerTimeZone: 'Europe/Moscow',
        tickets: list,
        now,
        policies,
        calendars: compiled,
        options: DEFAULT_SCHEDULE_OPTIONS,
        bands: DEFAULT_TEMPERATURE_POLICY.bands,
      });
      if (!digest) throw new Error('the benchmark digest is empty');
      return renderDigest(digest, 'ru');
    };
    const runs = async (fn: () => unknown, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const ms = await timeMillis(fn);
        if (i >= 2) times.push(ms);
      }
      return percentile(times, 50);
    };
    // Same answer both ways, or the comparison means nothing.
    if (build().text !== build(dayByDayMinutes).text)
      throw new Error('the reference disagrees with the digest');
    const baseline = await runs(() => build(dayByDayMinutes), 5);
    const measured = await runs(() => build(), 15);

    const db = await openDb({ dataDir: 'memory://' });
    let withStore: number;
    try {
      for (let start = 0; start < list.length; start += 1000) {
        const chunk = list.slice(start, start + 1000);
        await db.query(
          `INSERT INTO tracked_issues (issue_key, project, summary, priority, customer_id, customer_name,
              service_manager_id, temperature, created_at, unassigned_since, last_public_update_at, fact_at, updated_at)
           SELECT k, 'SUP', s, p, c, n, $7, t, u, u, u, u, u
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $8::timestamptz[])
               AS x(k, s, p, c, n, t, u)`,
          [
            chunk.map((t) => t.key),
            chunk.map((t) => t.summary),
            chunk.map((t) => t.priority),
            chunk.map((t) => t.customerId),
            chunk.map((t) => t.customerName),
            chunk.map((t) => t.temperature),
            MANAGER,
            chunk.map((t) => t.unassignedSince),
          ],
        );
      }
      withStore = await runs(async () => {
        const open = await openTickets(db);
        return buildDigest({
          managerId: MANAGER,
          managerTimeZone: 'Europe/Moscow',
          tickets: open,
          now,
          policies,
          calendars: compiled,
          options: DEFAULT_SCHEDULE_OPTIONS,
          bands: DEFAULT_TEMPERATURE_POLICY.bands,
        });
      }, 5);
    } finally {
      await db.close();
    }
    return [
      withRatio({
        name: `digest over ${TICKETS} unassigned tickets (build + render, p50)`,
        value: measured,
        unit: 'ms',
        baseline,
        target: '< 500 ms',
      }),
      {
        name: `digest over ${TICKETS} tickets read from the store (PGlite, p50)`,
        value: withStore,
        unit: 'ms',
        target: '< 500 ms',
      },
    ];
  },
};

export default suite;
