// The service report as the sidecar answers it and the Forge page, the gadget and the CSV read it.
// Durations are business minutes; the screens show them as business hours and "2 h 15 min".
import type { Language } from '../schemas/replies.js';
import type { SlaTargetName } from '../schemas/sla.js';
import { SLA_TARGETS } from '../schemas/sla.js';
import { toCsv } from './csv.js';
import { businessHours } from './duration.js';
import type { ReportQuery } from './query.js';
import type { RatingFigures, ReportRatings } from './ratings.js';
import type { DurationStats } from './stats.js';
import { hitRate } from './stats.js';

export interface ClockTally {
  met: number;
  breached: number;
}

export interface ReportFigures {
  tickets: number;
  resolved: number;
  reopened: number;
  firstResponse: DurationStats;
  assign: DurationStats;
  /** Assignment → start of work, and how many started within the target. */
  workStart: DurationStats & { withinTarget: number };
  resolution: DurationStats;
  sla: Record<SlaTargetName, ClockTally>;
}

export interface ReportGroup extends ReportFigures {
  /** First local date of the week, month or quarter; null for a row across the whole period. */
  period: string | null;
  /** The slice's value (project key, team, customer id, engineer account id, priority); null when not sliced. */
  slice: string | null;
  /** What people call it (a customer's name); the value itself when there is no name. */
  sliceLabel: string | null;
}

export interface SlaRow extends ClockTally {
  key: string;
  label: string;
}

export interface PartsUsage {
  customerId: string;
  customerName: string;
  parts: { part: string; quantity: number }[];
}

export interface PartsFigures {
  orders: number;
  delivered: number;
  onTime: number;
  late: number;
  delivery: DurationStats;
  byCustomer: PartsUsage[];
}

export interface ServiceReport {
  query: ReportQuery;
  generatedAt: string;
  totals: ReportFigures;
  /** One row per period and slice value (per period when the slice is `none`). */
  groups: ReportGroup[];
  /** One row per period, all slices together (the line chart of weekly medians). */
  periods: ReportGroup[];
  /** SLA outcomes of every clock together, by team and by customer. */
  slaByTeam: SlaRow[];
  slaByCustomer: SlaRow[];
  parts: PartsFigures;
  /** Customer ratings answered in the period, and NPS survey answers. */
  ratings: ReportRatings;
}

/** The headline figures a dashboard gadget shows. */
export interface ReportHeadline {
  tickets: number;
  firstResponseMedian: number | null;
  assignMedian: number | null;
  resolutionMedian: number | null;
  slaHitRate: number | null;
  partsOnTimeRate: number | null;
}

export function headlineOf(report: Pick<ServiceReport, 'totals' | 'parts'>): ReportHeadline {
  const met = SLA_TARGETS.reduce((n, t) => n + report.totals.sla[t].met, 0);
  const breached = SLA_TARGETS.reduce((n, t) => n + report.totals.sla[t].breached, 0);
  return {
    tickets: report.totals.tickets,
    firstResponseMedian: report.totals.firstResponse.median,
    assignMedian: report.totals.assign.median,
    resolutionMedian: report.totals.resolution.median,
    slaHitRate: hitRate(met, breached),
    partsOnTimeRate: hitRate(report.parts.onTime, report.parts.late),
  };
}

type CsvColumn = { en: string; ru: string; value: (g: ReportGroup) => string | number | null };

/** A duration's median and p90 columns, in business hours. */
function durationColumns(
  en: string,
  ru: string,
  stats: (g: ReportGroup) => { median: number | null; p90: number | null },
): CsvColumn[] {
  return [
    {
      en: `${en}: median, business h`,
      ru: `${ru}: медиана, раб. ч`,
      value: (g) => businessHours(stats(g).median),
    },
    { en: `${en}: p90, business h`, ru: `${ru}: p90, раб. ч`, value: (g) => businessHours(stats(g).p90) },
  ];
}

/** The CSV's columns, in each language (the first two stay codes-free dates and values). */
const CSV_COLUMNS: readonly CsvColumn[] = [
  { en: 'Period start', ru: 'Начало периода', value: (g) => g.period },
  { en: 'Slice', ru: 'Срез', value: (g) => g.sliceLabel },
  { en: 'Slice value', ru: 'Значение среза', value: (g) => g.slice },
  { en: 'Tickets', ru: 'Заявок', value: (g) => g.tickets },
  { en: 'Resolved', ru: 'Решено', value: (g) => g.resolved },
  { en: 'Reopened', ru: 'Переоткрыто', value: (g) => g.reopened },
  { en: 'First response: answered', ru: 'Первый ответ: отвечено', value: (g) => g.firstResponse.count },
  ...durationColumns('First response', 'Первый ответ', (g) => g.firstResponse),
  ...durationColumns('Time to assign', 'Время до назначения', (g) => g.assign),
  ...durationColumns('Assignment to start', 'От назначения до начала работ', (g) => g.workStart),
  { en: 'Started within target', ru: 'Начато в срок', value: (g) => g.workStart.withinTarget },
  { en: 'Started (measured)', ru: 'Начато (измерено)', value: (g) => g.workStart.count },
  ...durationColumns('Resolution', 'Решение', (g) => g.resolution),
  ...SLA_TARGETS.flatMap((t) => [
    { en: `SLA ${t}: met`, ru: `SLA ${t}: выполнено`, value: (g: ReportGroup) => g.sla[t].met },
    { en: `SLA ${t}: breached`, ru: `SLA ${t}: нарушено`, value: (g: ReportGroup) => g.sla[t].breached },
  ]),
];

const RATING_SCOPES = {
  total: { en: 'All', ru: 'Все' },
  customer: { en: 'Customer', ru: 'Клиент' },
  engineer: { en: 'Engineer', ru: 'Инженер' },
  team: { en: 'Team', ru: 'Команда' },
} as const;

/** The ratings table's columns, in each language. */
const RATING_COLUMNS: readonly {
  en: string;
  ru: string;
  value: (
    r: RatingFigures & { scope: keyof typeof RATING_SCOPES; label: string },
    l: Language,
  ) => string | number | null;
}[] = [
  { en: 'Ratings by', ru: 'Оценки по', value: (r, l) => RATING_SCOPES[r.scope][l] },
  { en: 'Name', ru: 'Название', value: (r) => r.label },
  { en: 'Ratings', ru: 'Оценок', value: (r) => r.count },
  { en: 'Average rating', ru: 'Средняя оценка', value: (r) => r.average },
  { en: 'Rated 2 or less', ru: 'Оценок 2 и ниже', value: (r) => r.low },
  {
    en: 'Rated 2 or less, %',
    ru: 'Оценок 2 и ниже, %',
    value: (r) => (r.lowShare === null ? null : Math.round(r.lowShare * 1000) / 10),
  },
  { en: 'NPS answers', ru: 'Ответов NPS', value: (r) => r.nps?.answers ?? null },
  { en: 'NPS', ru: 'NPS', value: (r) => r.nps?.score ?? null },
];

/** The tables the report exports as CSV, one file each. */
export const REPORT_CSV_TABLES = ['groups', 'ratings'] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];

/**
 * One table of the report as CSV (UTF-8 with BOM), a file a spreadsheet opens as one sheet:
 * `groups`, one row per group; `ratings`, the whole period, then each customer, engineer and team.
 */
export function reportCsv(
  report: Pick<ServiceReport, 'groups' | 'ratings'>,
  language: Language,
  table: ReportCsvTable = 'groups',
): string {
  if (table === 'groups')
    return toCsv(
      CSV_COLUMNS.map((c) => c[language]),
      report.groups.map((g) => CSV_COLUMNS.map((c) => c.value(g))),
    );
  const r = report.ratings;
  const rows = [
    { scope: 'total' as const, label: RATING_SCOPES.total[language], ...r.totals },
    ...r.byCustomer.map((x) => ({ scope: 'customer' as const, ...x })),
    ...r.byEngineer.map((x) => ({ scope: 'engineer' as const, ...x })),
    ...r.byTeam.map((x) => ({ scope: 'team' as const, ...x })),
  ];
  return toCsv(
    RATING_COLUMNS.map((c) => c[language]),
    rows.map((row) => RATING_COLUMNS.map((c) => c.value(row, language))),
  );
}
