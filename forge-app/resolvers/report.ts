// The service report page (global and per project) and the dashboard gadget. Figures come fresh
// from the sidecar; a project page's own project (from the trusted context) limits the report
// whatever the payload asks.
import { z } from 'zod';
import { headlineOf, REPORT_CSV_TABLES } from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import type { ReportClient, ReportParams } from '../remote/report-client.js';
import type { ResolverAnswer, ResolverHandler, InvocationContext } from './resolver-kit.js';
import { failure, parsePayload } from './resolver-kit.js';
import { sidecarFailure } from './issue-views.js';

const Filter = z.string().trim().min(1).max(200).optional();
const ReportPayload = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  grouping: z.enum(['week', 'month', 'quarter']).optional(),
  slice: z.enum(['none', 'project', 'team', 'customer', 'engineer', 'priority']).optional(),
  timeZone: z.string().min(1).max(64).optional(),
  project: Filter,
  team: Filter,
  customer: Filter,
  lang: z.enum(['en', 'ru']).optional(),
  /** Which of the report's tables `report.csv` exports (the groups when not said). */
  table: z.enum(REPORT_CSV_TABLES).optional(),
});

const ReportSchema = z.looseObject({
  totals: z.looseObject({ tickets: z.number() }),
  periods: z.array(z.looseObject({ period: z.string().nullable() })),
  groups: z.array(z.looseObject({})),
  slaByTeam: z.array(z.looseObject({ key: z.string(), met: z.number(), breached: z.number() })),
  slaByCustomer: z.array(z.looseObject({ key: z.string(), met: z.number(), breached: z.number() })),
  parts: z.looseObject({ orders: z.number(), byCustomer: z.array(z.looseObject({})) }),
});

/** The payload's filters as query parameters, with the page's own project when it has one. */
function paramsOf(payload: z.output<typeof ReportPayload>, context: InvocationContext): ReportParams {
  const params: ReportParams = {};
  for (const [key, value] of Object.entries(payload))
    if (value !== undefined && key !== 'lang' && key !== 'table') params[key] = value;
  const project = context.extension?.project?.key;
  if (project) params.project = project;
  return params;
}

async function load(
  client: ReportClient,
  payload: unknown,
  context: InvocationContext,
): Promise<ResolverAnswer<ServiceReport>> {
  const input = parsePayload(ReportPayload, payload);
  if (!input.ok) return input;
  const got = await client.report(paramsOf(input.value, context));
  if (!got.ok)
    return got.error.status === 422
      ? failure('invalid', got.error.message, got.error.details)
      : sidecarFailure(got.error);
  const parsed = ReportSchema.safeParse(got.value);
  return parsed.success
    ? { ok: true, value: got.value as ServiceReport }
    : failure('sidecar', 'The sidecar answered in a shape this app does not know; update one of them.');
}

/** The report page's and the gadget's resolvers. */
export function reportResolvers(client: ReportClient): Record<string, ResolverHandler> {
  return {
    'report.load': (payload, context) => load(client, payload, context),
    'report.csv': async (payload, context) => {
      const input = parsePayload(ReportPayload, payload);
      if (!input.ok) return input;
      const got = await client.csv({
        ...paramsOf(input.value, context),
        lang: input.value.lang ?? 'en',
        table: input.value.table ?? 'groups',
      });
      return got.ok ? { ok: true, value: { csv: String(got.value) } } : sidecarFailure(got.error);
    },
    'report.backfill': async () => {
      const got = await client.backfill();
      return got.ok ? { ok: true, value: got.value } : sidecarFailure(got.error);
    },
    'gadget.load': async (payload, context) => {
      const report = await load(client, payload, context);
      return report.ok
        ? { ok: true, value: { headline: headlineOf(report.value), query: report.value.query } }
        : report;
    },
  };
}
