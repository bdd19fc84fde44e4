// The service report's calls to the sidecar over Forge Remote (each request carries a FIT; a project
// page's FIT names its project, and the sidecar limits the report to it).
import { callSidecar, queryOf } from './call.js';
import type { InvokeRemote } from './call.js';

export const reportPaths = {
  service: '/forge/api/reports/service',
  csv: '/forge/api/reports/service.csv',
  backfill: '/forge/api/reports/backfill',
} as const;

/** Query parameters as the sidecar reads them. */
export type ReportParams = Record<string, string>;

export function createReportClient(invokeRemote: InvokeRemote) {
  const get = (path: string, params: ReportParams, json: boolean) =>
    callSidecar<unknown>(invokeRemote, {
      path: `${path}${queryOf(params)}`,
      method: 'GET',
      accept: json ? 'application/json' : 'text/csv',
    });
  return {
    report: (params: ReportParams) => get(reportPaths.service, params, true),
    csv: (params: ReportParams) => get(reportPaths.csv, params, false),
    backfill: () => get(reportPaths.backfill, {}, true),
  };
}

export type ReportClient = ReturnType<typeof createReportClient>;
