// Test and benchmark support: the Jira stand-in filled with open issues of Northwind's customers,
// an in-memory store with every migration, the demo settings and contracts, and a gateway acting as
// the Forge app whose Jira calls are counted by operation.
import { SettingsDocumentSchema, DEMO_SETTINGS, compileCalendars } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import {
  DEMO_APP_TOKEN,
  DEMO_CREDENTIALS,
  DEMO_CUSTOMERS,
  DEMO_FIELD_IDS,
  startJiraStandIn,
} from '../../sandbox/index.js';
import type { JiraStandIn, StandInIssue } from '../../sandbox/index.js';
import { createJiraGateway } from '../trackers/jira/index.js';
import type { JiraGateway, JiraGatewayOptions } from '../trackers/jira/types.js';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import type { TemperatureWorld } from './reading.js';

export const quietLog = { info: () => {}, warn: () => {}, debug: () => {}, error: () => {} };

/** The demo settings and contracts, ready for temperatures. */
export function demoTemperatureWorld(): TemperatureWorld {
  const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
  return { settings, calendars: compileCalendars(settings.calendars), contracts: DEMO_CONTRACTS };
}

export interface SweepBench {
  standIn: JiraStandIn;
  db: OpenDb;
  /** Jira as the Forge app (bearer app token), sharing the counted transport. */
  app: JiraGateway;
  world: TemperatureWorld;
  /** Every HTTP attempt so far, by the gateway's operation name. */
  calls: { op: string; status: number }[];
  /** Calls of one operation that Jira answered (any status). */
  count(op: string): number;
  close(): Promise<void>;
}

/** Raises `n` open SUP requests spread over the demo customers and priorities (no webhooks sent). */
export function raiseOpenIssues(standIn: JiraStandIn, n: number): StandInIssue[] {
  const issues: StandInIssue[] = [];
  for (let i = 0; i < n; i++) {
    const customer = DEMO_CUSTOMERS[i % DEMO_CUSTOMERS.length]!;
    issues.push(
      standIn.state.createIssue({
        projectKey: 'SUP',
        issueTypeId: i % 2 === 0 ? '10001' : '10002',
        summary: `${customer.name}: request ${i + 1}`,
        reporterId: customer.contacts[0]!.accountId,
        priorityId: String((i % 4) + 1),
        custom: { [DEMO_FIELD_IDS.organizations]: [{ id: customer.organizationId, name: customer.name }] },
      }),
    );
  }
  return issues;
}

/** Empties the sweep's tables between tests that share one store. */
export async function clearSweepTables(db: OpenDb): Promise<void> {
  await db.query('TRUNCATE temperature_field_values, temperature_sweep_leases');
}

/** Starts the stand-in (no seed tickets) with `issues` open issues and a fresh in-memory store. */
export async function startSweepBench(
  opts: { issues?: number; gateway?: Partial<JiraGatewayOptions>; db?: OpenDb } = {},
): Promise<SweepBench> {
  const standIn = await startJiraStandIn({ seed: false });
  raiseOpenIssues(standIn, opts.issues ?? 0);
  // A store passed in is the caller's to close (tests share one: creating PGlite takes seconds).
  const db = opts.db ?? (await openDb({ dataDir: 'memory://' }));
  const calls: SweepBench['calls'] = [];
  const automation = createJiraGateway({
    baseUrl: standIn.url,
    auth: { type: 'basic', ...DEMO_CREDENTIALS },
    logger: quietLog,
    hooks: { onCall: (op, status) => calls.push({ op, status }) },
    ...opts.gateway,
  });
  return {
    standIn,
    db,
    app: automation.forAppToken(DEMO_APP_TOKEN, standIn.url),
    world: demoTemperatureWorld(),
    calls,
    count: (op) => calls.filter((c) => c.op === op).length,
    async close() {
      await standIn.close();
      if (!opts.db) await db.close();
    },
  };
}
