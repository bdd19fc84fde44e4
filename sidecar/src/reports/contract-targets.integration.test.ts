// The service report measures against the contract's own targets. Severny Bank's contract, stored
// through the contracts API, promises the start of work on a high ticket within 3 business hours
// (the desk's default is 2) and spare parts within 5 business days (the default is 2). Tickets and
// a parts order live in the Jira stand-in; its webhooks reach the sidecar signed, as Jira sends
// them, through a relay that dates each one on a test clock (the stand-in stamps the wall clock, and
// a start of work hours after the assignment cannot wait hours). `GET /api/reports/service` then
// counts the start of work within the contract's target, not the default, and the order on time.
// The same terms arrive from the master system as CSV columns.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_SETTINGS } from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, DEMO_FIELD_IDS, startJiraStandIn } from '../../sandbox/index.js';
import type { JiraStandIn } from '../../sandbox/index.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { CONTRACT_CSV_COLUMNS, contractCsvCells } from '../../test/contract-csv.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { deliver, TEST_SECRETS, waitFor } from '../../test/webhook-client.js';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { createSettingsService } from '../settings/service.js';
import { createJiraGateway } from '../trackers/jira/index.js';
import type { JiraGateway } from '../trackers/jira/index.js';

const TOKEN = 'contract-targets-admin-token';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;
const bankContract = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;

/** Jira's timestamp format, as the stand-in writes `created`. */
const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

interface TicketRow {
  contract_id: string | null;
  first_assigned_at: Date | null;
  work_started_at: Date | null;
  work_start_min: number | null;
  work_start_target_min: number;
}

interface OrderRow {
  contract_id: string | null;
  ordered_at: Date;
  delivered_at: Date | null;
  due_at: Date;
  on_time: boolean | null;
}

/**
 * Forwards the stand-in's webhooks to the sidecar, re-signed, with `timestamp` set to the test clock
 * and each issue's `created` to the instant the test says it was raised.
 */
class DatingRelay {
  at = Date.now();
  readonly createdAt = new Map<string, number>();
  private server: Server | undefined;
  private pending = Promise.resolve();
  constructor(private readonly target: () => string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void body(req).then((text) => {
        const payload = JSON.parse(text) as {
          timestamp?: number;
          issue?: { key?: string; fields?: { created?: string } };
        };
        payload.timestamp = this.at;
        const created = payload.issue?.key ? this.createdAt.get(payload.issue.key) : undefined;
        if (created !== undefined && payload.issue?.fields) payload.issue.fields.created = jiraTime(created);
        // One at a time, in the order Jira sent them.
        this.pending = this.pending.then(async () => {
          const sent = await deliver(this.target(), payload);
          res.writeHead(sent.status).end();
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/jira`;
  }

  async close(): Promise<void> {
    await this.pending;
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

describe.each(storeKinds('contract targets'))(
  'service report against the contract’s own targets on %s',
  (kind) => {
    let store: StoreUnderTest;
    let standIn: JiraStandIn;
    let sidecar: RunningSidecar;
    let jira: JiraGateway;
    let relay: DatingRelay;
    beforeAll(async () => {
      store = await freshStore(kind);
      standIn = await startJiraStandIn({ seed: true });
      jira = createJiraGateway({
        baseUrl: standIn.url,
        auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
        logger: silentLogger(),
      });
      sidecar = await startSidecar({
        config: testConfig(store, { adminToken: TOKEN }),
        log: silentLogger(),
        lockWaitMs: 0,
        routers: true,
        pollingIntervalSeconds: 0.5,
        tracker: jira,
      });
      await createSettingsService(sidecar.db).replace(DEMO_SETTINGS, { actor: 'test', source: 'file' });
      relay = new DatingRelay(() => sidecar.url);
      standIn.registerWebhook({ url: await relay.start(), secret: TEST_SECRETS[0]! });
    }, 60_000);
    afterAll(async () => {
      await standIn?.close();
      await relay?.close();
      await sidecar?.stop();
      await store?.dispose();
    });

    const api = async (method: string, path: string, payload?: unknown) => {
      const res = await fetch(`${sidecar.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const ticketRow = async (key: string) =>
      (await sidecar.db.query<TicketRow>('SELECT * FROM report_tickets WHERE issue_key = $1', [key])).rows[0];
    const orderRow = async (key: string) =>
      (await sidecar.db.query<OrderRow>('SELECT * FROM report_parts_orders WHERE order_key = $1', [key]))
        .rows[0];
    const move = async (key: string, to: RegExp) => {
      const transitions = await jira.getTransitions(key);
      if (!transitions.ok) throw new Error(transitions.error.message);
      const t = transitions.value.find((x) => to.test(x.to.name));
      if (!t) throw new Error(`no transition to ${to}`);
      expect((await jira.transitionIssue(key, t.id)).ok).toBe(true);
    };

    // The bank's 24×7 calendar: business minutes are wall minutes.
    const raisedAt = Date.now() - 8 * HOUR;
    const orderedAt = Date.now() - 4 * DAY - 3 * HOUR;
    const report = async () => {
      const from = new Date(orderedAt).toISOString().slice(0, 10);
      const to = new Date().toISOString().slice(0, 10);
      const res = await api('GET', `/reports/service?from=${from}&to=${to}&customer=severny-bank`);
      expect(res.status).toBe(200);
      return res.body as unknown as ServiceReport;
    };

    /** Raises a bank ticket, assigns it and starts work `startAfterMin` minutes after the assignment. */
    async function workedTicket(priorityId: string, startAfterMin: number): Promise<string> {
      relay.at = raisedAt;
      const issue = standIn.state.createIssue({
        projectKey: 'SUP',
        issueTypeId: '10001',
        summary: 'Array controller reports a failed battery',
        reporterId: bank.contacts[0]!.accountId,
        priorityId,
        custom: { [DEMO_FIELD_IDS.organizations]: [{ id: bank.organizationId, name: bank.name }] },
      });
      relay.createdAt.set(issue.key, raisedAt);
      await waitFor(async () => (await ticketRow(issue.key)) !== undefined, 20_000, 'the lifecycle row');
      relay.at = raisedAt + 20 * MIN;
      if (!standIn.state.issue(issue.key)!.assigneeId)
        expect((await jira.assignIssue(issue.key, DEMO_ACCOUNTS.alexei)).ok).toBe(true);
      await waitFor(
        async () => (await ticketRow(issue.key))?.first_assigned_at != null,
        20_000,
        'the assignment',
      );
      const assignedAt = new Date((await ticketRow(issue.key))!.first_assigned_at!).getTime();
      relay.at = assignedAt + startAfterMin * MIN;
      await move(issue.key, /progress/i);
      await waitFor(
        async () => (await ticketRow(issue.key))?.work_started_at != null,
        20_000,
        'the start of work',
      );
      return issue.key;
    }

    let highTicket = '';

    it('stores the bank contract’s targets through the contracts API, refusing absurd ones by field', async () => {
      const terms = { workStartBusinessHours: { high: 3 }, partsDeliveryBusinessDays: 5 };
      const refused = await api('PUT', `/contracts/${bankContract.id}`, {
        ...bankContract,
        serviceTargets: { workStartBusinessHours: { high: 0 }, partsDeliveryBusinessDays: 400 },
      });
      expect(refused.status).toBe(422);
      expect((refused.body.error as { details: unknown }).details).toEqual([
        {
          path: 'serviceTargets.workStartBusinessHours.high',
          message: 'The work-start target for high priority must be above 0 business hours',
        },
        {
          path: 'serviceTargets.partsDeliveryBusinessDays',
          message: 'The parts delivery target is at most 250 business days (a working year)',
        },
      ]);
      expect((await api('GET', `/contracts/${bankContract.id}`)).status).toBe(404);

      const stored = await api('PUT', `/contracts/${bankContract.id}`, {
        ...bankContract,
        serviceTargets: terms,
      });
      expect(stored.status).toBeLessThan(300);
      const read = await api('GET', `/contracts/${bankContract.id}`);
      expect(JSON.stringify(read.body)).toContain(JSON.stringify(terms));
    });

    it('counts a start of work within the contract’s target though beyond the default', async () => {
      // High: 150 minutes, within the contract's 3 hours, beyond the desk's 2.
      highTicket = await workedTicket('2', 150);
      // Highest: the contract names none, so the default of 1 hour applies, and 90 minutes miss it.
      const highestTicket = await workedTicket('1', 90);

      expect(await ticketRow(highTicket)).toMatchObject({
        contract_id: bankContract.id,
        work_start_min: 150,
        work_start_target_min: 180,
      });
      expect(await ticketRow(highestTicket)).toMatchObject({
        contract_id: bankContract.id,
        work_start_min: 90,
        work_start_target_min: 60,
      });
      const { totals } = await report();
      expect(totals.workStart.count).toBe(2);
      expect(totals.workStart.withinTarget).toBe(1);
    }, 90_000);

    it('counts a parts order delivered within the contract’s 5 business days as on time', async () => {
      // Raised for the bank (its organization on the order, as the parts preset copies it).
      relay.at = orderedAt;
      const order = standIn.state.createIssue({
        projectKey: 'PARTS',
        issueTypeId: '10004',
        summary: 'RAID controller battery for the bank’s array',
        custom: {
          [DEMO_FIELD_IDS.partsCatalog]: [{ id: '20004', value: 'RAID controller battery' }],
          [DEMO_FIELD_IDS.organizations]: [{ id: bank.organizationId, name: bank.name }],
        },
      });
      relay.createdAt.set(order.key, orderedAt);
      await waitFor(async () => (await orderRow(order.key)) !== undefined, 20_000, 'the parts order');
      // Three days later: late against the default 2 business days, on time against the contract's 5.
      relay.at = orderedAt + 3 * DAY;
      await move(order.key, /resolved/i);
      await waitFor(async () => (await orderRow(order.key))?.delivered_at != null, 20_000, 'the delivery');

      const row = (await orderRow(order.key))!;
      expect(row).toMatchObject({ contract_id: bankContract.id, on_time: true });
      expect(new Date(row.delivered_at!).getTime()).toBe(orderedAt + 3 * DAY);
      // Due at the end of the fifth day after the order's Moscow date (24×7: its last minute).
      const moscowDate = new Date(orderedAt + 3 * HOUR).toISOString().slice(0, 10);
      const dueDay = new Date(Date.parse(`${moscowDate}T00:00:00Z`) + 6 * DAY - 3 * HOUR);
      expect(new Date(row.due_at).toISOString()).toBe(dueDay.toISOString());

      const { parts } = await report();
      expect(parts).toMatchObject({ orders: 1, delivered: 1, onTime: 1, late: 0 });
    }, 90_000);

    it('imports the targets from the master system’s CSV columns, each bad cell reported by row and field', async () => {
      const header = [
        ...CONTRACT_CSV_COLUMNS,
        'serviceTargets.workStartBusinessHours.highest',
        'serviceTargets.workStartBusinessHours.high',
        'serviceTargets.partsDeliveryBusinessDays',
      ];
      const csv = [
        header.join(','),
        // A decimal comma, as a Russian spreadsheet writes half an hour.
        [...contractCsvCells('NW-T-001'), '"0,5"', '2', '3'].join(','),
        [...contractCsvCells('NW-T-002'), '', '0', '1.5'].join(','),
      ].join('\n');
      const res = await fetch(`${sidecar.url}/api/contracts/import?mode=rows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        body: csv,
      });
      const body = (await res.json()) as { rows: { row: number; ok: boolean; errors?: unknown[] }[] };
      expect(body.rows).toEqual([
        { row: 2, ok: true, id: 'NW-T-001', created: true },
        {
          row: 3,
          ok: false,
          id: 'NW-T-002',
          errors: [
            {
              path: 'serviceTargets.workStartBusinessHours.high',
              message: 'The work-start target for high priority must be above 0 business hours',
            },
            {
              path: 'serviceTargets.partsDeliveryBusinessDays',
              message: 'The parts delivery target must be a whole number of business days',
            },
          ],
        },
      ]);
      const stored = await api('GET', '/contracts/NW-T-001');
      expect((stored.body.contract as { serviceTargets: unknown }).serviceTargets).toEqual({
        workStartBusinessHours: { highest: 0.5, high: 2 },
        partsDeliveryBusinessDays: 3,
      });
      expect((await api('GET', '/contracts/NW-T-002')).status).toBe(404);
    });
  },
);
