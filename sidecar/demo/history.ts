// A quarter of Northwind Service's history for the service report, so the demo's report page has
// something to show on the first start: closed tickets per customer (a few SLA breaches around
// TransLogistic's month-end close, a slow week with two engineers on a trip) and parts orders for
// Severny Bank's arrays (a RAID controller, disks, a power supply — one delivered late against the
// two-business-day target). Deterministic (a seeded generator), written once into an empty store
// through the report's own repository.
import {
  addBusinessMinutes,
  compileCalendar,
  DEMO_ACCOUNTS,
  DEMO_SETTINGS,
  SettingsDocumentSchema,
  ticketLifecycle,
} from '@frontline/shared';
import type { CalendarLike, Priority, SlaEvent } from '@frontline/shared';
import type { Logger } from '../src/logger.js';
import { upsertPartsOrder, upsertTicketLifecycle } from '../src/reports/lifecycle-repository.js';
import type { Db } from '../src/store/db.js';
import { DEMO_CONTRACTS } from './contracts.js';

/** A small deterministic generator (mulberry32), so every demo start seeds the same history. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;
const ENGINEERS = [
  DEMO_ACCOUNTS.alexei,
  DEMO_ACCOUNTS.olga,
  DEMO_ACCOUNTS.dmitry,
  DEMO_ACCOUNTS.irina,
  DEMO_ACCOUNTS.pavel,
];
const PRIORITIES: Priority[] = ['high', 'medium', 'medium', 'medium', 'low', 'highest'];
const TEAMS = ['SUP', 'SUP', 'HW', 'DB'];

export interface DemoHistoryCounts {
  tickets: number;
  partsOrders: number;
}

/** Writes the history (see the file comment) for the 13 weeks before `now`, unless the report already has rows. */
export async function seedDemoHistory(db: Db, now: Date, log?: Logger): Promise<DemoHistoryCounts> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM report_tickets');
  if (Number(rows[0]?.n ?? 0) > 0) return { tickets: 0, partsOrders: 0 };
  const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
  const calendars: Record<string, CalendarLike> = Object.fromEntries(
    Object.entries(settings.calendars).map(([id, c]) => [id, compileCalendar(c)]),
  );
  const random = generator(20261204);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const start = Math.floor(now.getTime() / DAY) * DAY - 91 * DAY;
  // Two engineers on a trip: the sixth week answers and assigns slowly.
  const slowFrom = start + 35 * DAY;
  const slowTo = slowFrom + 7 * DAY;
  let tickets = 0;
  await db.transaction(async (tx) => {
    for (let day = 0; day < 91; day++) {
      for (const contract of DEMO_CONTRACTS) {
        const perDay = contract.customer.id === 'severny-bank' ? 2 : 1 + Math.floor(random() * 2);
        for (let i = 0; i < perDay; i++) {
          const calendar = calendars[contract.calendarId]!;
          const policy = settings.slaPolicies.find((p) => p.id === contract.slaPolicyId)!;
          const raw = new Date(start + day * DAY + (6 + random() * 10) * 3_600_000);
          const createdAt = addBusinessMinutes(calendar, raw, 0);
          if (createdAt.getTime() >= now.getTime() - DAY) continue;
          const priority = pick(PRIORITIES);
          const slow = createdAt.getTime() >= slowFrom && createdAt.getTime() < slowTo ? 3 : 1;
          // The last two days of a month: TransLogistic's close stretches the desk.
          const dom = new Date(createdAt.getTime() + 2 * DAY).getUTCDate();
          const closing = contract.customer.id === 'translogistic' && dom <= 2 ? 4 : 1;
          const frTarget = policy.targets.firstResponse?.[priority] ?? 240;
          const resTarget = policy.targets.resolution?.[priority] ?? 1440;
          const fr = Math.round(frTarget * (0.2 + random() * 0.7) * slow * closing);
          const assign = Math.round(fr * (0.3 + random() * 0.5) * slow);
          const startAfter = Math.round(30 + random() * 200 * slow);
          const resolution = Math.round(resTarget * (0.3 + random() * 0.6) * closing);
          const firstResponseAt = addBusinessMinutes(calendar, createdAt, fr);
          const firstAssignedAt = addBusinessMinutes(calendar, createdAt, assign);
          const workStartedAt = addBusinessMinutes(calendar, firstAssignedAt, startAfter);
          const resolvedAt = addBusinessMinutes(calendar, createdAt, Math.max(resolution, fr + 10));
          const resolved = resolvedAt.getTime() < now.getTime();
          const history: SlaEvent[] = [
            { type: 'created', at: createdAt.toISOString(), priority },
            { type: 'comment', at: firstResponseAt.toISOString(), author: 'agent', public: true },
            ...(resolved ? [{ type: 'resolved' as const, at: resolvedAt.toISOString() }] : []),
          ];
          const resMinutes = Math.max(resolution, fr + 10);
          const key = `SUP-${1000 + tickets}`;
          const lifecycle = ticketLifecycle({
            issueKey: key,
            project: 'SUP',
            team: pick(TEAMS),
            customerId: contract.customer.id,
            customerName: contract.customer.name,
            contractId: contract.id,
            engineerId: pick(ENGINEERS),
            priority,
            requestType: 'Incident',
            createdAt,
            history,
            resolved,
            firstAssignedAt,
            workStartedAt,
            clocks: [
              {
                target: 'firstResponse',
                targetMinutes: frTarget,
                elapsedMinutes: fr,
                breached: fr > frTarget,
                met: fr <= frTarget,
              },
              ...(resolved
                ? [
                    {
                      target: 'resolution' as const,
                      targetMinutes: resTarget,
                      elapsedMinutes: resMinutes,
                      breached: resMinutes > resTarget,
                      met: resMinutes <= resTarget,
                    },
                  ]
                : []),
            ],
            calendar,
            targets: contract.serviceTargets,
          });
          await upsertTicketLifecycle(tx, lifecycle, 'backfill', now);
          tickets++;
        }
      }
    }
    const bank = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;
    const logistics = DEMO_CONTRACTS.find((c) => c.customer.id === 'translogistic')!;
    const orders = [
      { contract: bank, day: 10, days: 1, parts: [{ part: 'RAID controller battery', quantity: 1 }] },
      { contract: bank, day: 24, days: 2, parts: [{ part: 'HDD 2.4TB SAS 10k (array shelf)', quantity: 4 }] },
      { contract: bank, day: 47, days: 5, parts: [{ part: 'PSU 800W hot-plug', quantity: 1 }] },
      { contract: bank, day: 70, days: 1, parts: [{ part: 'HDD 2.4TB SAS 10k (array shelf)', quantity: 2 }] },
      { contract: logistics, day: 55, days: 2, parts: [{ part: 'System board, 2-socket x86', quantity: 1 }] },
    ];
    for (const [i, o] of orders.entries()) {
      const calendar = calendars[o.contract.calendarId];
      const orderedAt = new Date(start + o.day * DAY + 9 * 3_600_000);
      await upsertPartsOrder(
        tx,
        {
          orderKey: `PARTS-${100 + i}`,
          project: 'PARTS',
          ticketKey: null,
          customerId: o.contract.customer.id,
          customerName: o.contract.customer.name,
          contractId: o.contract.id,
          orderedAt,
          deliveredAt: new Date(orderedAt.getTime() + o.days * DAY),
          parts: o.parts,
        },
        calendar,
        now,
      );
    }
  });
  log?.info(
    `demo: ${tickets} closed and open tickets and 5 parts orders of the last quarter seeded for the service report`,
  );
  return { tickets, partsOrders: 5 };
}
