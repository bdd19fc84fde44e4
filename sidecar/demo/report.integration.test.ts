// The demo's service report through the sidecar's admin API: the seeded quarter of Northwind history
// comes back as figures that match those computed here, independently, from the stored lifecycle
// rows; the CSV round-trips; bad queries are refused naming the field. Both stores.
import {
  businessHours,
  hitRate,
  parseCsv,
  percentileCont,
  periodStart,
  localDateTime,
  SLA_TARGETS,
} from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import { startSidecar } from '../src/compose.js';
import type { RunningSidecar } from '../src/compose.js';
import { silentLogger, testConfig } from '../test/sidecar.js';
import { freshStore, storeKinds } from '../test/stores.js';
import type { StoreUnderTest } from '../test/stores.js';
import { seedDemoHistory } from './history.js';

const TOKEN = 'report-admin-token';
const NOW = new Date('2026-12-01T12:00:00Z');

describe.each(storeKinds('service report'))('service report on %s', (kind) => {
  let store: StoreUnderTest;
  let sidecar: RunningSidecar;
  beforeAll(async () => {
    store = await freshStore(kind);
    sidecar = await startSidecar({
      config: testConfig(store, { adminToken: TOKEN }),
      log: silentLogger(),
      lockWaitMs: 0,
      routers: true,
      workers: false,
    });
    const seeded = await seedDemoHistory(sidecar.db, NOW);
    expect(seeded.tickets).toBeGreaterThan(300);
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
  });

  const get = (path: string, token = TOKEN) =>
    fetch(`${sidecar.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers the weekly medians, the SLA outcomes and the parts figures the stored rows give', async () => {
    const q = 'from=2026-09-01&to=2026-11-30&grouping=week&timeZone=Europe/Moscow';
    const res = await get(`/api/reports/service?${q}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as ServiceReport;
    const { rows } = await sidecar.db.query<{
      created_at: Date | string;
      first_response_min: number | null;
      resolution_min: number | null;
      team: string;
      customer_id: string;
      sla_first_response: string | null;
      sla_resolution: string | null;
    }>('SELECT * FROM report_tickets');
    const inPeriod = rows.filter((r) => {
      const day = localDateTime('Europe/Moscow', new Date(r.created_at)).date;
      return day >= '2026-09-01' && day <= '2026-11-30';
    });
    expect(report.totals.tickets).toBe(inPeriod.length);
    expect(report.totals.tickets).toBeGreaterThan(0);
    // Weekly medians of the first response, week by week.
    const weeks = new Map<string, number[]>();
    for (const r of inPeriod) {
      const week = periodStart(localDateTime('Europe/Moscow', new Date(r.created_at)).date, 'week');
      weeks.set(week, [...(weeks.get(week) ?? []), r.first_response_min ?? NaN]);
    }
    expect(report.periods.map((p) => p.period)).toEqual([...weeks.keys()].sort());
    for (const p of report.periods) {
      const values = weeks.get(p.period!)!.filter((v) => !Number.isNaN(v));
      expect(p.firstResponse.median).toBeCloseTo(percentileCont(values, 0.5)!, 6);
      expect(p.firstResponse.p90).toBeCloseTo(percentileCont(values, 0.9)!, 6);
    }
    expect(report.totals.resolution.median).toBeCloseTo(
      percentileCont(
        inPeriod.map((r) => r.resolution_min),
        0.5,
      )!,
      6,
    );
    // SLA hit by team and by customer.
    for (const row of report.slaByTeam) {
      const mine = inPeriod.filter((r) => r.team === row.key);
      const count = (o: string) =>
        mine.filter((r) => r.sla_first_response === o).length +
        mine.filter((r) => r.sla_resolution === o).length;
      expect([row.met, row.breached]).toEqual([count('met'), count('breached')]);
    }
    expect(report.slaByCustomer.map((r) => r.label).sort()).toEqual(
      ['Polar Frost Foods', 'Severny Bank', 'TransLogistic'].sort(),
    );
    const breached = inPeriod.filter((r) => r.sla_first_response === 'breached').length;
    expect(report.totals.sla.firstResponse.breached).toBe(breached);
    expect(breached).toBeGreaterThan(0);
    // Parts: the bank's orders, one of them late; parts per customer.
    expect(report.parts.orders).toBeGreaterThan(0);
    expect(report.parts.late).toBeGreaterThanOrEqual(1);
    const bank = report.parts.byCustomer.find((c) => c.customerName === 'Severny Bank');
    expect(bank?.parts.length).toBeGreaterThan(0);
    // The demo seeds no ratings: the section is there, empty.
    expect(report.ratings.totals.count).toBe(0);
    expect(hitRate(report.parts.onTime, report.parts.late)).toBeLessThan(1);
    expect(SLA_TARGETS).toContain('firstResponse');
  });

  it('exports one CSV row per group that reads back to the same figures (UTF-8 with BOM)', async () => {
    const q = 'from=2026-09-01&to=2026-11-30&grouping=month&slice=customer&timeZone=Europe/Moscow';
    const report = (await (await get(`/api/reports/service?${q}`)).json()) as ServiceReport;
    const res = await get(`/api/reports/service.csv?${q}&lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const [header, ...rest] = rows;
    expect(header![0]).toBe('Начало периода');
    // One row per group and nothing else (the ratings are a file of their own).
    const data = rest;
    expect(data).toHaveLength(report.groups.length);
    expect(report.groups.length).toBeGreaterThan(3);
    data.forEach((cells, i) => {
      const g = report.groups[i]!;
      expect(cells[0]).toBe(g.period);
      expect(cells[1]).toBe(g.sliceLabel);
      expect(cells[2]).toBe(g.slice);
      expect(Number(cells[3])).toBe(g.tickets);
      expect(cells[7] === '' ? null : Number(cells[7])).toBe(businessHours(g.firstResponse.median));
    });
  });

  it('refuses a bad query naming the field, and a request without the admin token', async () => {
    const bad = await get('/api/reports/service?from=2026-09-31&to=2026-09-01&grouping=fortnight');
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['from', 'grouping']));
    expect((await get('/api/reports/service?from=2026-09-01&to=2026-09-30', '')).status).toBe(401);
    const tooLong = await get('/api/reports/service?from=2020-01-01&to=2026-09-30');
    expect(tooLong.status).toBe(422);
    const table = await get('/api/reports/service.csv?from=2026-09-01&to=2026-09-30&table=tickets&lang=de');
    expect(table.status).toBe(422);
    const refused = (await table.json()) as { error: { details: { path: string }[] } };
    expect(refused.error.details.map((d) => d.path)).toEqual(['lang', 'table']);
  });
});
