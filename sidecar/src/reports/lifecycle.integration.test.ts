// A ticket's lifecycle row as the desk lives it: created in the Jira stand-in, answered in public,
// assigned, started and resolved there; each change reaches the sidecar as a signed webhook and the
// one ticket evaluation writes the report's row, which the report API then counts.
import { DEMO_SETTINGS } from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import { DEMO_ACCOUNTS } from '@frontline/shared';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, DEMO_FIELD_IDS, startJiraStandIn } from '../../sandbox/index.js';
import type { JiraStandIn } from '../../sandbox/index.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { TEST_SECRETS, waitFor } from '../../test/webhook-client.js';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { createContractRepository } from '../contracts/repository.js';
import { createSettingsService } from '../settings/service.js';
import { createJiraGateway } from '../trackers/jira/index.js';
import type { JiraGateway } from '../trackers/jira/index.js';

const TOKEN = 'lifecycle-admin-token';
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;

interface Row {
  customer_id: string | null;
  first_response_at: Date | null;
  first_assigned_at: Date | null;
  work_started_at: Date | null;
  resolved_at: Date | null;
  first_response_min: number | null;
  business_time: boolean;
  sla_first_response: string | null;
  source: string;
}

describe('ticket lifecycle from events (PGlite)', () => {
  let store: StoreUnderTest;
  let standIn: JiraStandIn;
  let sidecar: RunningSidecar;
  let jira: JiraGateway;
  beforeAll(async () => {
    store = await freshStore('pglite');
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
    await createContractRepository(sidecar.db).upsertAll(DEMO_CONTRACTS, 'test');
    standIn.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret: TEST_SECRETS[0]! });
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await standIn?.close();
    await store?.dispose();
  });

  const row = async (key: string) =>
    (await sidecar.db.query<Row>('SELECT * FROM report_tickets WHERE issue_key = $1', [key])).rows[0];

  it('records creation, first public answer, assignment, start of work and resolution', async () => {
    const issue = standIn.state.createIssue({
      projectKey: 'SUP',
      issueTypeId: '10001',
      summary: 'Disk shelf reports a predictive failure',
      reporterId: bank.contacts[0]!.accountId,
      priorityId: '4',
      custom: { [DEMO_FIELD_IDS.organizations]: [{ id: bank.organizationId, name: bank.name }] },
    });
    await waitFor(async () => (await row(issue.key)) !== undefined, 20_000, 'the lifecycle row');
    expect(await row(issue.key)).toMatchObject({
      customer_id: 'severny-bank',
      source: 'event',
      resolved_at: null,
    });

    expect((await jira.addComment(issue.key, 'We are looking at the shelf now.')).ok).toBe(true);
    await waitFor(
      async () => (await row(issue.key))?.first_response_at != null,
      20_000,
      'the first response',
    );
    const answered = (await row(issue.key))!;
    expect(answered.first_response_min).toBeGreaterThanOrEqual(0);
    // 24×7 calendar: business minutes are wall minutes, and the answer came within the target.
    expect(answered.business_time).toBe(true);
    expect(answered.sla_first_response).toBe('met');

    if (!standIn.state.issue(issue.key)!.assigneeId)
      expect((await jira.assignIssue(issue.key, DEMO_ACCOUNTS.alexei)).ok).toBe(true);
    await waitFor(async () => (await row(issue.key))?.first_assigned_at != null, 20_000, 'the assignment');

    const move = async (name: RegExp) => {
      const transitions = await jira.getTransitions(issue.key);
      if (!transitions.ok) throw new Error(transitions.error.message);
      const t = transitions.value.find((x) => name.test(x.to.name) || name.test(x.name));
      if (!t)
        throw new Error(`no transition to ${name}: ${transitions.value.map((x) => x.to.name).join(', ')}`);
      expect((await jira.transitionIssue(issue.key, t.id)).ok).toBe(true);
    };
    await move(/progress/i);
    await waitFor(async () => (await row(issue.key))?.work_started_at != null, 20_000, 'the start of work');
    await move(/done|resolved|closed/i);
    await waitFor(async () => (await row(issue.key))?.resolved_at != null, 20_000, 'the resolution');

    const today = new Date().toISOString().slice(0, 10);
    const res = await fetch(
      `${sidecar.url}/api/reports/service?from=${today}&to=${today}&customer=severny-bank`,
      {
        headers: { authorization: `Bearer ${TOKEN}` },
      },
    );
    const report = (await res.json()) as ServiceReport;
    expect(report.totals.tickets).toBe(1);
    expect(report.totals.resolved).toBe(1);
    expect(report.totals.firstResponse.count).toBe(1);
    expect(report.totals.workStart.count).toBe(1);
    expect(report.totals.sla.firstResponse.met).toBe(1);
  }, 60_000);
});
