// The service report page and the dashboard gadget through UI Kit's reconciler, in English and
// Russian, over the real report resolvers and report client with a fake Forge Remote. The report the
// fake sidecar answers is built here from a handful of tickets; every chart's data is checked
// against figures computed in this test from those tickets.
import type { ServiceReport } from '@frontline/shared';
import { reportRatings } from '@frontline/shared';
import { createReportClient } from '../../remote/report-client';
import type { InvokeRemote } from '../../remote/sidecar-client';
import { reportResolvers } from '../../resolvers/report';
import { fakeSidecar, testDeps } from '../../test/fakes';
import { noJira } from '../../test/issue-view-fixtures';
import { resolverHarness } from '../../test/resolver-harness';
import type { InvocationContext } from '../../resolvers/resolver-kit';
import { renderUi } from '../../test/ui-harness';
import type { ForgeNode } from '../../test/ui-harness';

const { ReportApp } = await import('./ReportApp');
const { GadgetApp } = await import('../report-gadget/GadgetApp');
const { Translated } = await import('../i18n');

/** The tickets behind the fixture: week, team, customer, minutes to first response and resolution, SLA outcome. */
const TICKETS = [
  { week: '2026-11-02', team: 'SUP', customer: 'Severny Bank', fr: 30, res: 300, sla: 'met' },
  { week: '2026-11-02', team: 'SUP', customer: 'TransLogistic', fr: 90, res: 600, sla: 'breached' },
  { week: '2026-11-02', team: 'HW', customer: 'Severny Bank', fr: 60, res: 480, sla: 'met' },
  { week: '2026-11-09', team: 'HW', customer: 'TransLogistic', fr: 150, res: 900, sla: 'breached' },
  { week: '2026-11-09', team: 'DB', customer: 'Polar Frost Foods', fr: 45, res: 240, sla: 'met' },
] as const;
const PARTS = [
  { customer: 'Severny Bank', part: 'HDD 2.4TB SAS 10k (array shelf)', quantity: 4 },
  { customer: 'Severny Bank', part: 'PSU 800W hot-plug', quantity: 1 },
];

/** Answered ratings: customer, engineer's name, team, score; and NPS answers per customer. */
const RATINGS = [
  { customer: 'Severny Bank', engineer: 'Olga Sokolova', team: 'SUP', score: 5 },
  { customer: 'Severny Bank', engineer: 'Ivan Orlov', team: 'HW', score: 2 },
  { customer: 'TransLogistic', engineer: 'Olga Sokolova', team: 'SUP', score: 4 },
  { customer: 'TransLogistic', engineer: 'Olga Sokolova', team: 'SUP', score: 1 },
  { customer: 'TransLogistic', engineer: 'Ivan Orlov', team: 'HW', score: 5 },
] as const;
const NPS = [
  { customer: 'Severny Bank', score: 10 },
  { customer: 'TransLogistic', score: 9 },
  { customer: 'TransLogistic', score: 3 },
] as const;
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
};
/** Business hours are shown with one decimal. */
const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const stats = (xs: number[]) => ({ count: xs.length, median: xs.length ? median(xs) : null, p90: null });
const sla = (rows: readonly (typeof TICKETS)[number][]) => ({
  firstResponse: {
    met: rows.filter((r) => r.sla === 'met').length,
    breached: rows.filter((r) => r.sla === 'breached').length,
  },
  update: { met: 0, breached: 0 },
  resolution: { met: 0, breached: 0 },
});
const figures = (rows: readonly (typeof TICKETS)[number][]) => ({
  tickets: rows.length,
  resolved: rows.length,
  reopened: 0,
  firstResponse: stats(rows.map((r) => r.fr)),
  assign: stats([]),
  workStart: { ...stats([]), withinTarget: 0 },
  resolution: stats(rows.map((r) => r.res)),
  sla: sla(rows),
});
const by = <K extends 'week' | 'team' | 'customer'>(key: K) =>
  [...new Set(TICKETS.map((t) => t[key]))].sort().map((value) => ({
    value,
    rows: TICKETS.filter((t) => t[key] === value),
  }));

function fixture(): ServiceReport {
  const periods = by('week').map((w) => ({
    period: w.value,
    slice: null,
    sliceLabel: null,
    ...figures(w.rows),
  }));
  return {
    query: { from: '2026-09-01', to: '2026-11-30', grouping: 'week', slice: 'none', timeZone: 'UTC' },
    generatedAt: '2026-11-30T10:00:00Z',
    totals: figures(TICKETS),
    groups: periods,
    periods,
    slaByTeam: by('team').map((t) => ({ key: t.value, label: t.value, ...sla(t.rows).firstResponse })),
    slaByCustomer: by('customer').map((c) => ({
      key: c.value,
      label: c.value,
      ...sla(c.rows).firstResponse,
    })),
    parts: {
      orders: 2,
      delivered: 2,
      onTime: 1,
      late: 1,
      delivery: { count: 2, median: 600, p90: 900 },
      byCustomer: [
        {
          customerId: 'severny-bank',
          customerName: 'Severny Bank',
          parts: PARTS.map(({ part, quantity }) => ({ part, quantity })),
        },
      ],
    },
    ratings: reportRatings(
      RATINGS.map((r) => ({
        score: r.score,
        customerId: r.customer,
        customerName: r.customer,
        engineerId: r.engineer,
        team: r.team,
      })),
      NPS.map((n) => ({ score: n.score, customerId: n.customer, customerName: n.customer })),
    ),
  };
}

interface Remote {
  paths: string[];
}

function open(screen: 'page' | 'gadget', locale: string, context: InvocationContext = {}) {
  const remote: Remote = { paths: [] };
  const invokeRemote: InvokeRemote = async (_key, { path }) => {
    remote.paths.push(path);
    const body = path.startsWith('/forge/api/reports/service.csv')
      ? '\uFEFFPeriod start,Tickets\r\n2026-11-02,3\r\n'
      : path.startsWith('/forge/api/reports/backfill')
        ? JSON.stringify({ backfill: { state: 'running', pages: 3, issues: 300 } })
        : JSON.stringify(fixture());
    return { ok: true, status: 200, text: async () => body };
  };
  const client = createReportClient(invokeRemote);
  const harness = resolverHarness(() => reportResolvers(client), testDeps(noJira, fakeSidecar({})), context);
  const element =
    screen === 'page' ? (
      <ReportApp today="2026-11-30" fixedProject={Boolean(context.extension?.project)} />
    ) : (
      <GadgetApp today="2026-11-30" />
    );
  return renderUi(<Translated>{element}</Translated>, {
    invoke: (key, payload) => harness.call(key, payload),
    locale,
  }).then((ui) => ({ ui, remote }));
}

const dataOf = (ui: Awaited<ReturnType<typeof open>>['ui'], type: string, title: string) => {
  const chart = ui.findAll(type).find((n: ForgeNode) => n.props.title === title);
  if (!chart) throw new Error(`No ${type} "${title}" in: ${ui.text()}`);
  return chart.props.data as unknown[][];
};

describe('Service report page', () => {
  it('draws each chart from the figures the tickets give, with a table of the same numbers (en)', async () => {
    const { ui } = await open('page', 'en-US');
    await ui.waitFor((u) => u.text().includes('Medians by period'));
    // Line: weekly medians of first response and resolution, in business hours.
    const lines = dataOf(ui, 'LineChart', 'Medians by period');
    for (const w of by('week')) {
      expect(lines).toContainEqual([
        w.value,
        oneDecimal(median(w.rows.map((r) => r.fr)) / 60),
        'Time to first response',
      ]);
      expect(lines).toContainEqual([
        w.value,
        oneDecimal(median(w.rows.map((r) => r.res)) / 60),
        'Time to resolution',
      ]);
    }
    // Bars: SLA hit rate by team and by customer, in per cent.
    const teams = dataOf(ui, 'BarChart', 'SLA hit rate by team');
    expect(teams).toEqual(
      by('team').map((t) => [
        t.value,
        Math.round((t.rows.filter((r) => r.sla === 'met').length / t.rows.length) * 1000) / 10,
      ]),
    );
    const customers = dataOf(ui, 'BarChart', 'SLA hit rate by customer');
    expect(customers).toContainEqual(['TransLogistic', 0]);
    expect(customers).toContainEqual(['Severny Bank', 100]);
    // Donut: met and breached.
    expect(dataOf(ui, 'DonutChart', 'SLA clocks: met and breached')).toEqual([
      ['Met', 3],
      ['Breached', 2],
    ]);
    // Stacked bars: parts per customer.
    expect(dataOf(ui, 'StackBarChart', 'Parts used per customer')).toEqual(
      PARTS.map((p) => [p.customer, p.quantity, p.part]),
    );
    // Each chart's numbers are in a table too.
    const tables = ui.findAll('DynamicTable');
    expect(tables.length).toBeGreaterThanOrEqual(6);
    expect(ui.text()).toContain('TransLogistic');
    // Headline durations in words: the median first response of 60 minutes.
    expect(ui.text()).toContain(`1 h 0 min`);
    expect(ui.text()).toContain('300 issues read so far (3 pages)');
    // Ratings: average by customer and by engineer, the share of 2 or less and NPS in words.
    const scoresOf = (key: 'customer' | 'engineer', value: string) =>
      RATINGS.filter((r) => r[key] === value).map((r) => r.score);
    expect(dataOf(ui, 'BarChart', 'Average rating by customer')).toEqual([
      ['Severny Bank', mean(scoresOf('customer', 'Severny Bank'))],
      ['TransLogistic', mean(scoresOf('customer', 'TransLogistic'))],
    ]);
    expect(dataOf(ui, 'BarChart', 'Average rating by engineer')).toEqual([
      ['Ivan Orlov', mean(scoresOf('engineer', 'Ivan Orlov'))],
      ['Olga Sokolova', mean(scoresOf('engineer', 'Olga Sokolova'))],
    ]);
    // 5 ratings averaging 17/5, two of them 2 or less (40%); NPS: promoters 10 and 9, detractor 3 → (2 − 1) / 3.
    expect(ui.text()).toContain('Ratings: 5; average 3.4; rated 2 or less: 2 (40%). NPS: 33 (answers: 3)');
  });

  it('speaks Russian, with durations as "ч мин"', async () => {
    const { ui } = await open('page', 'ru-RU');
    await ui.waitFor((u) => u.text().includes('Медианы по периодам'));
    expect(ui.text()).toContain('Отчёт о сервисе');
    expect(ui.text()).toContain('1 ч 0 мин');
    expect(ui.text()).toContain('Оценок: 5; средняя 3.4; 2 и ниже: 2 (40%). NPS: 33 (ответов: 3)');
    expect(dataOf(ui, 'DonutChart', 'Часы SLA: выполнено и нарушено')).toEqual([
      ['Выполнено', 3],
      ['Нарушено', 2],
    ]);
  });

  it('on a project page asks only for its own project, and exports the figures and the ratings as CSV', async () => {
    const { ui, remote } = await open('page', 'en-US', { extension: { project: { key: 'SUP' } } });
    await ui.waitFor((u) => u.text().includes('Medians by period'));
    expect(remote.paths.find((p) => p.startsWith('/forge/api/reports/service?'))).toContain('project=SUP');
    await ui.press('Export the figures (CSV)');
    await ui.waitFor((u) => u.findAll('TextArea').length === 1);
    expect(String(ui.findAll('TextArea')[0]!.props.value)).toContain('Period start,Tickets');
    const csvPaths = () => remote.paths.filter((p) => p.startsWith('/forge/api/reports/service.csv'));
    expect(csvPaths()[0]).toMatch(/lang=en/);
    expect(csvPaths()[0]).toMatch(/table=groups/);
    expect(csvPaths()[0]).toContain('project=SUP');
    await ui.press('Export the ratings (CSV)');
    await ui.waitFor(() => csvPaths().length === 2);
    expect(csvPaths()[1]).toMatch(/table=ratings/);
  });
});

describe('Service report gadget', () => {
  it('shows the headline figures', async () => {
    const { ui } = await open('gadget', 'en-US');
    await ui.waitFor((u) => u.text().includes('SLA hit rate'));
    expect(ui.text()).toContain('Tickets 5');
    expect(ui.text()).toContain('SLA hit rate 60%');
    expect(ui.text()).toContain('Parts delivered on time 50%');
    expect(ui.invocations.at(-1)!.payload).toMatchObject({ from: '2026-11-03', to: '2026-11-30' });
    await ui.fire(ui.findAll('Select')[0]!, 'onChange', { value: '91' });
    await ui.waitFor((u) => u.invocations.length === 2 && u.text().includes('SLA hit rate'));
    expect(ui.invocations.at(-1)!.payload).toMatchObject({ from: '2026-09-01', to: '2026-11-30' });
  });
});
