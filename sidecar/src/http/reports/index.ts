// The service report over HTTP.
//   Forge Remote (FIT verified, under /forge/api), for the report page and the dashboard gadget:
//     GET /reports/service?from&to&grouping&slice&timeZone&project&team&customer   the report (JSON)
//     GET /reports/service.csv?…&lang=en|ru&table=groups|ratings                     one table as CSV
//     GET /reports/backfill                                                         backfill progress
//   A project page's FIT names its project: the report is then limited to it, whatever was asked.
//   Admin API (admin token, under /api), for exports and operators:
//     GET  /reports/service, GET /reports/service.csv   as above
//     GET  /reports/backfill                            progress
//     POST /reports/backfill   {"jql"?: "..."}          starts (or resumes) the backfill, 202
import type { Request, Response } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { parseWith, REPORT_CSV_TABLES, reportCsv, ReportQuerySchema } from '@frontline/shared';
import type { Language, ReportCsvTable, ReportQuery, ServiceReport } from '@frontline/shared';
import type { AssignmentWorld } from '../../assignment/plan.js';
import type { BackfillProgress } from '../../reports/backfill.js';
import { backfillProgress, startBackfill } from '../../reports/backfill.js';
import { serviceReport } from '../../reports/queries.js';
import type { Transactional } from '../../reports/queries.js';
import { requireAdminToken } from '../admin/auth.js';
import { validationError } from '../admin/http-helpers.js';
import { forgeClaims } from '../forge/index.js';
import { jsonBody } from '../json-body.js';

export interface ReportsRouterDeps {
  db: Transactional;
  now: () => Date;
  /** Engineers' names by account id, for the engineer slice's labels. */
  engineerNames(): Promise<ReadonlyMap<string, string>>;
  backfill: {
    progress(): Promise<BackfillProgress | null>;
    start(jql: string | undefined): Promise<BackfillProgress>;
  };
}

const LangSchema = z.enum(['en', 'ru'], { error: 'lang is en or ru' }).default('en');
const TableSchema = z.enum(REPORT_CSV_TABLES).default('groups');
const BackfillBodySchema = z.strictObject({
  jql: z
    .string()
    .trim()
    .min(1, { error: 'cannot be empty' })
    .max(2000, { error: 'at most 2000 characters' })
    .optional(),
});

/**
 * The report's query from the URL's parameters (a repeated or unknown parameter is refused, naming
 * it), with the CSV's language and table.
 */
function reportQuery(
  req: Request,
  forcedProject?: string,
): { query: ReportQuery; lang: Language; table: ReportCsvTable } {
  const { lang, table, ...rest } = req.query as Record<string, unknown>;
  const parsed = parseWith(ReportQuerySchema, forcedProject ? { ...rest, project: forcedProject } : rest);
  if (!parsed.ok) throw validationError('invalid_report_query', 'The report query', parsed.error);
  const language = parseWith(LangSchema, lang);
  const csvTable = parseWith(TableSchema, table);
  const wrong = [
    ...(language.ok ? [] : [{ path: 'lang', message: 'lang is en or ru' }]),
    ...(csvTable.ok ? [] : [{ path: 'table', message: `table is ${REPORT_CSV_TABLES.join(' or ')}` }]),
  ];
  if (!language.ok || !csvTable.ok) throw validationError('invalid_report_query', 'The report query', wrong);
  return { query: parsed.value, lang: language.value, table: csvTable.value };
}

/** The report with engineers named (the ratings by engineer, and the engineer slice's labels). */
async function namedReport(deps: ReportsRouterDeps, query: ReportQuery): Promise<ServiceReport> {
  const names = await deps.engineerNames();
  const report = await serviceReport(deps.db, query, deps.now(), names);
  if (report.query.slice !== 'engineer') return report;
  return {
    ...report,
    groups: report.groups.map((g) => ({
      ...g,
      sliceLabel: g.slice ? (names.get(g.slice) ?? g.slice) : g.sliceLabel,
    })),
  };
}

function sendCsv(res: Response, report: ServiceReport, lang: Language, table: ReportCsvTable): void {
  const { from, to, grouping, slice } = report.query;
  const name =
    table === 'groups' ? `service-report-${from}-${to}-${grouping}-${slice}` : `ratings-${from}-${to}`;
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${name}.csv"`)
    .send(reportCsv(report, lang, table));
}

function routes(
  router: Router,
  deps: ReportsRouterDeps,
  projectOf: (res: Response) => string | undefined,
): void {
  router.get('/reports/service', async (req, res) => {
    const { query } = reportQuery(req, projectOf(res));
    res.json(await namedReport(deps, query));
  });
  router.get('/reports/service.csv', async (req, res) => {
    const { query, lang, table } = reportQuery(req, projectOf(res));
    sendCsv(res, await namedReport(deps, query), lang, table);
  });
  router.get('/reports/backfill', async (_req, res) => {
    res.json({ backfill: await deps.backfill.progress() });
  });
}

/** The project a project page's FIT names (its signed context), if any. */
export function projectOfClaims(raw: unknown): string | undefined {
  const key = (raw as { context?: { extension?: { project?: { key?: unknown } } } } | null)?.context
    ?.extension?.project?.key;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}

/** Under /forge/api (the Forge router has verified the FIT). */
export function createReportsForgeRouter(deps: ReportsRouterDeps): Router {
  const router = Router();
  routes(router, deps, (res) => projectOfClaims(forgeClaims(res).raw));
  return router;
}

/** Under /api, behind the admin token. */
export function createReportsAdminRouter(
  deps: ReportsRouterDeps & { adminToken: string | undefined },
): Router {
  const router = Router();
  const auth = requireAdminToken(deps.adminToken ? [{ name: 'admin-token', token: deps.adminToken }] : []);
  router.use('/reports', auth);
  routes(router, deps, () => undefined);
  router.post('/reports/backfill', jsonBody({ limit: '16kb' }), async (req, res) => {
    const body = parseWith(BackfillBodySchema, req.body === undefined ? {} : req.body);
    if (!body.ok) throw validationError('invalid_backfill', 'The backfill request', body.error);
    const progress = await deps.backfill.start(body.value.jql);
    res.status(202).json({ backfill: progress });
  });
  return router;
}

/** Both routers over the store, the settings world and the job queue (compose.ts mounts them). */
export function createReportRouters(deps: {
  db: Transactional;
  now: () => Date;
  world: { load(): Promise<Pick<AssignmentWorld, 'engineers'>> };
  adminToken: string | undefined;
  /** Enqueues a `reports.backfill` job. */
  enqueueBackfill(): Promise<unknown>;
}): { admin: Router; forge: Router } {
  const shared: ReportsRouterDeps = {
    db: deps.db,
    now: deps.now,
    engineerNames: async () => new Map((await deps.world.load()).engineers.map((e) => [e.accountId, e.name])),
    backfill: {
      progress: () => backfillProgress(deps.db),
      async start(jql) {
        const started = await startBackfill(deps.db, jql, deps.now());
        // A resumed run is already queued (or its retry is); a new one needs its job.
        if (!started.resumed) await deps.enqueueBackfill();
        return started.progress;
      },
    },
  };
  return {
    admin: createReportsAdminRouter({ ...shared, adminToken: deps.adminToken }),
    forge: createReportsForgeRouter(shared),
  };
}
