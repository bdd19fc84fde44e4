// The service report: filters for period, grouping, project, team and customer; a line chart of the
// medians by period, bars of SLA hit rate by team and by customer, a donut of met/breached, stacked
// bars of parts used per customer, bars of the average customer rating by customer and by engineer
// with the share of ratings of 2 or less and NPS, each with a table of the same numbers; the CSV export; and the
// backfill's progress while it runs. On a project page the project is fixed by Jira's context.
import { useEffect, useState } from 'react';
import {
  BarChart,
  Button,
  DonutChart,
  DynamicTable,
  Heading,
  Inline,
  Label,
  LineChart,
  Select,
  SectionMessage,
  Spinner,
  Stack,
  StackBarChart,
  Text,
  TextArea,
  Textfield,
} from '@forge/react';
import type { ReportCsvTable, ServiceReport } from '@frontline/shared';
import type { ResolverAnswer } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import {
  daysBefore,
  hitRows,
  hours,
  medianRows,
  outcomeRows,
  partsRows,
  percent,
  ratingRows,
  share,
} from './figures';

type Grouping = 'week' | 'month' | 'quarter';
/** The report's tables, each exported as its own CSV file. */
const CSV_TABLES: readonly ReportCsvTable[] = ['groups', 'ratings'];

const PERIOD_DAYS = { '28': 27, '91': 90, '365': 364 } as const;
type PeriodKey = keyof typeof PERIOD_DAYS;

export interface ReportFilters {
  period: PeriodKey;
  grouping: Grouping;
  project: string;
  team: string;
  customer: string;
}

interface Backfill {
  backfill: { state: string; pages: number; issues: number } | null;
}

const table = (head: string[], rows: (string | number | null)[][]) => (
  <DynamicTable
    head={{ cells: head.map((h, i) => ({ key: String(i), content: h })) }}
    rows={rows.map((r, i) => ({
      key: String(i),
      cells: r.map((c, j) => ({ key: String(j), content: c === null ? '—' : String(c) })),
    }))}
  />
);

export function ReportApp({ today, fixedProject }: { today?: string; fixedProject?: boolean }) {
  const { t, locale } = useTexts();
  const day = today ?? new Date().toISOString().slice(0, 10);
  const [filters, setFilters] = useState<ReportFilters>({
    period: '91',
    grouping: 'week',
    project: '',
    team: '',
    customer: '',
  });
  const [answer, setAnswer] = useState<ResolverAnswer<ServiceReport> | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [backfill, setBackfill] = useState<Backfill['backfill']>(null);
  const payload = {
    from: daysBefore(day, PERIOD_DAYS[filters.period]),
    to: day,
    grouping: filters.grouping,
    ...(filters.project && !fixedProject ? { project: filters.project } : {}),
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.customer ? { customer: filters.customer } : {}),
  };
  const key = JSON.stringify(payload);
  useEffect(() => {
    let current = true;
    setAnswer(null);
    void callResolver<ServiceReport>('report.load', payload).then((got) => current && setAnswer(got));
    void callResolver<Backfill>('report.backfill').then(
      (got) => current && got.ok && setBackfill(got.value.backfill),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const set = (patch: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const exportCsv = (table: ReportCsvTable) =>
    void callResolver<{ csv: string }>('report.csv', {
      ...payload,
      table,
      lang: locale.startsWith('ru') ? 'ru' : 'en',
    }).then((got) => got.ok && setCsv(got.value.csv));
  const option = (value: string, label: string) => ({ value, label });
  const filtersBar = (report: ServiceReport | undefined) => (
    <Inline space="space.100" alignBlock="end" shouldWrap>
      <Stack space="space.025">
        <Label labelFor="report-period">{t('report.filters.period')}</Label>
        <Select
          inputId="report-period"
          options={(['28', '91', '365'] as const).map((p) => option(p, t(`report.period.${p}`)))}
          value={option(filters.period, t(`report.period.${filters.period}`))}
          onChange={(c: { value: PeriodKey } | null) => c && set({ period: c.value })}
        />
      </Stack>
      <Stack space="space.025">
        <Label labelFor="report-grouping">{t('report.filters.grouping')}</Label>
        <Select
          inputId="report-grouping"
          options={(['week', 'month', 'quarter'] as const).map((g) => option(g, t(`report.grouping.${g}`)))}
          value={option(filters.grouping, t(`report.grouping.${filters.grouping}`))}
          onChange={(c: { value: Grouping } | null) => c && set({ grouping: c.value })}
        />
      </Stack>
      {fixedProject ? null : (
        <Stack space="space.025">
          <Label labelFor="report-project">{t('report.filters.project')}</Label>
          <Textfield
            id="report-project"
            value={filters.project}
            onChange={(e) =>
              set({
                project: String(e.target.value ?? '')
                  .trim()
                  .toUpperCase(),
              })
            }
          />
        </Stack>
      )}
      <Stack space="space.025">
        <Label labelFor="report-team">{t('report.filters.team')}</Label>
        <Select
          inputId="report-team"
          isClearable
          options={(report?.slaByTeam ?? []).map((r) => option(r.key, r.label))}
          value={filters.team ? option(filters.team, filters.team) : null}
          onChange={(c: { value: string } | null) => set({ team: c?.value ?? '' })}
        />
      </Stack>
      <Stack space="space.025">
        <Label labelFor="report-customer">{t('report.filters.customer')}</Label>
        <Select
          inputId="report-customer"
          isClearable
          options={(report?.slaByCustomer ?? []).map((r) => option(r.key, r.label))}
          value={
            filters.customer
              ? option(
                  filters.customer,
                  report?.slaByCustomer.find((c) => c.key === filters.customer)?.label ?? filters.customer,
                )
              : null
          }
          onChange={(c: { value: string } | null) => set({ customer: c?.value ?? '' })}
        />
      </Stack>
      {CSV_TABLES.map((table) => (
        <Button key={table} onClick={() => exportCsv(table)}>
          {t(`report.export.${table}`)}
        </Button>
      ))}
    </Inline>
  );

  const progress =
    backfill && backfill.state === 'running' ? (
      <SectionMessage appearance="information" title={t('report.backfill.title')}>
        <Text>{t('report.backfill.progress', { issues: backfill.issues, pages: backfill.pages })}</Text>
      </SectionMessage>
    ) : null;

  if (!answer) return <Spinner label={t('report.loading')} />;
  if (!answer.ok)
    return (
      <Stack space="space.200">
        {filtersBar(undefined)}
        <SidecarProblem error={answer.error} onRetry={() => set({})} />
      </Stack>
    );
  const report = answer.value;
  const series = {
    firstResponse: t('report.measure.firstResponse'),
    assign: t('report.measure.assign'),
    resolution: t('report.measure.resolution'),
  };
  const lines = medianRows(report.periods, series);
  const byTeam = hitRows(report.slaByTeam);
  const byCustomer = hitRows(report.slaByCustomer);
  const outcomes = outcomeRows(report, { met: t('report.sla.met'), breached: t('report.sla.breached') });
  const parts = partsRows(report);
  const h = (m: number | null) =>
    m === null ? '—' : t('report.duration', { h: Math.floor(Math.round(m) / 60), m: Math.round(m) % 60 });
  const tot = report.totals;
  const ratings = report.ratings;
  const ratingTable = (head: string, rows: typeof ratings.byCustomer, withNps: boolean) =>
    table(
      [
        head,
        t('report.col.ratings'),
        t('report.col.average'),
        t('report.col.low'),
        t('report.col.lowShare'),
        ...(withNps ? [t('report.col.npsAnswers'), t('report.col.nps')] : []),
      ],
      rows.map((r) => [
        r.label,
        r.count,
        r.average,
        r.low,
        share(r.lowShare),
        ...(withNps ? [r.nps?.answers ?? 0, r.nps?.score ?? null] : []),
      ]),
    );

  return (
    <Stack space="space.300">
      <Heading size="large">{t('report.title')}</Heading>
      {filtersBar(report)}
      {progress}
      {csv === null ? null : (
        <Stack space="space.050">
          <Label labelFor="report-csv">{t('report.csvReady')}</Label>
          <TextArea id="report-csv" isReadOnly value={csv} />
        </Stack>
      )}
      {tot.tickets === 0 ? (
        <SectionMessage appearance="information" title={t('report.empty.title')}>
          <Text>{t('report.empty.body')}</Text>
        </SectionMessage>
      ) : null}
      <Heading size="medium">{t('report.headline')}</Heading>
      {table(
        [
          t('report.col.measure'),
          t('report.col.count'),
          t('report.col.median'),
          t('report.col.p90'),
          t('report.col.medianHours'),
        ],
        [
          [
            t('report.measure.firstResponse'),
            tot.firstResponse.count,
            h(tot.firstResponse.median),
            h(tot.firstResponse.p90),
            hours(tot.firstResponse.median),
          ],
          [
            t('report.measure.assign'),
            tot.assign.count,
            h(tot.assign.median),
            h(tot.assign.p90),
            hours(tot.assign.median),
          ],
          [
            t('report.measure.workStart'),
            tot.workStart.count,
            h(tot.workStart.median),
            h(tot.workStart.p90),
            hours(tot.workStart.median),
          ],
          [
            t('report.measure.resolution'),
            tot.resolution.count,
            h(tot.resolution.median),
            h(tot.resolution.p90),
            hours(tot.resolution.median),
          ],
        ],
      )}
      <Text>
        {t('report.workStartWithin', { within: tot.workStart.withinTarget, count: tot.workStart.count })}
      </Text>

      <Heading size="medium">{t('report.chart.medians')}</Heading>
      <LineChart
        data={lines}
        xAccessor={0}
        yAccessor={1}
        colorAccessor={2}
        title={t('report.chart.medians')}
        subtitle={t('report.businessHours')}
      />
      {table([t('report.col.period'), t('report.col.businessHours'), t('report.col.measure')], lines)}

      <Heading size="medium">{t('report.chart.slaByTeam')}</Heading>
      <BarChart
        data={byTeam}
        xAccessor={0}
        yAccessor={1}
        title={t('report.chart.slaByTeam')}
        subtitle={t('report.percent')}
      />
      {table(
        [t('report.col.team'), t('report.col.hitRate'), t('report.sla.met'), t('report.sla.breached')],
        report.slaByTeam.map((r) => [r.label, percent(r.met, r.breached), r.met, r.breached]),
      )}

      <Heading size="medium">{t('report.chart.slaByCustomer')}</Heading>
      <BarChart
        data={byCustomer}
        xAccessor={0}
        yAccessor={1}
        title={t('report.chart.slaByCustomer')}
        subtitle={t('report.percent')}
      />
      {table(
        [t('report.col.customer'), t('report.col.hitRate'), t('report.sla.met'), t('report.sla.breached')],
        report.slaByCustomer.map((r) => [r.label, percent(r.met, r.breached), r.met, r.breached]),
      )}

      <Heading size="medium">{t('report.chart.outcomes')}</Heading>
      <DonutChart
        data={outcomes}
        labelAccessor={0}
        valueAccessor={1}
        colorAccessor={0}
        title={t('report.chart.outcomes')}
      />
      {table([t('report.col.outcome'), t('report.col.clocks')], outcomes)}

      <Heading size="medium">{t('report.chart.parts')}</Heading>
      <Text>
        {t('report.partsDelivery', {
          orders: report.parts.orders,
          onTime: report.parts.onTime,
          late: report.parts.late,
          median: h(report.parts.delivery.median),
        })}
      </Text>
      <StackBarChart
        data={parts}
        xAccessor={0}
        yAccessor={1}
        colorAccessor={2}
        title={t('report.chart.parts')}
      />
      {table([t('report.col.customer'), t('report.col.quantity'), t('report.col.part')], parts)}

      <Heading size="medium">{t('report.ratings.title')}</Heading>
      {ratings.totals.count === 0 && ratings.totals.nps.answers === 0 ? (
        <Text>{t('report.ratings.none')}</Text>
      ) : (
        <Text>
          {t('report.ratings.summary', {
            count: ratings.totals.count,
            average: ratings.totals.average ?? '—',
            low: ratings.totals.low,
            share: share(ratings.totals.lowShare) ?? '—',
            nps: ratings.totals.nps.score ?? '—',
            answers: ratings.totals.nps.answers,
          })}
        </Text>
      )}
      <BarChart
        data={ratingRows(ratings.byCustomer)}
        xAccessor={0}
        yAccessor={1}
        title={t('report.chart.ratingsByCustomer')}
      />
      {ratingTable(t('report.col.customer'), ratings.byCustomer, true)}
      <BarChart
        data={ratingRows(ratings.byEngineer)}
        xAccessor={0}
        yAccessor={1}
        title={t('report.chart.ratingsByEngineer')}
      />
      {ratingTable(t('report.col.engineer'), ratings.byEngineer, false)}
      {ratingTable(t('report.col.team'), ratings.byTeam, false)}
    </Stack>
  );
}
