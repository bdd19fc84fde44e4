// The service report's calls to the sidecar over Forge Remote (each request carries a FIT; a project
// page's FIT names its project, and the sidecar limits the report to it).
import type { Result } from '@frontline/shared';
import { SIDECAR_REMOTE } from './sidecar-client.js';
import type { InvokeRemote, RemoteError } from './sidecar-client.js';

export const reportPaths = {
  service: '/forge/api/reports/service',
  csv: '/forge/api/reports/service.csv',
  backfill: '/forge/api/reports/backfill',
} as const;

/** Query parameters as the sidecar reads them. */
export type ReportParams = Record<string, string>;

export function createReportClient(invokeRemote: InvokeRemote) {
  async function get(
    path: string,
    params: ReportParams,
    json: boolean,
  ): Promise<Result<unknown, RemoteError>> {
    const query = new URLSearchParams(params).toString();
    try {
      const res = await invokeRemote(SIDECAR_REMOTE, {
        path: query ? `${path}?${query}` : path,
        method: 'GET',
        headers: { Accept: json ? 'application/json' : 'text/csv' },
      });
      const text = await res.text();
      let parsed: unknown = text;
      if (json || !res.ok)
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // a proxy's error page stays text
        }
      if (res.ok) return { ok: true, value: parsed };
      const error = (parsed as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
      const message =
        typeof error?.message === 'string' ? error.message : `The sidecar answered HTTP ${res.status}`;
      return { ok: false, error: { status: res.status, message, details: error?.details } };
    } catch (error) {
      return { ok: false, error: { status: 0, message: `The sidecar is unreachable: ${String(error)}` } };
    }
  }
  return {
    report: (params: ReportParams) => get(reportPaths.service, params, true),
    csv: (params: ReportParams) => get(reportPaths.csv, params, false),
    backfill: () => get(reportPaths.backfill, {}, true),
  };
}

export type ReportClient = ReturnType<typeof createReportClient>;
