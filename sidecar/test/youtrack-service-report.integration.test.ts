// The Service report counts a ticket that lives in YouTrack as it counts a Jira one: raised in the
// YouTrack stand-in, answered in public, assigned by command, started and fixed there; each
// change reaches the sidecar as the YouTrack app's signed event, the ticket's lifecycle row is
// written from those events, and `GET /api/reports/service` counts it for the customer.
import { DEMO_ACCOUNTS } from '@frontline/shared';
import type { ServiceReport } from '@frontline/shared';
import { YOUTRACK_DEMO_LOGINS } from '../sandbox/youtrack/index.js';
import { assignmentTestSettings } from '../src/assignment/testing.js';
import { startTrackerWorld } from './trackers-fixture.js';
import type { TrackerWorld } from './trackers-fixture.js';
import { waitFor } from './webhook-client.js';

const TOKEN = 'youtrack-report-admin-token';
const SECRET = 'YOUTRACK_REPORT_TELEGRAM_TOKEN';

interface Row {
  customer_id: string | null;
  first_response_at: Date | null;
  first_assigned_at: Date | null;
  work_started_at: Date | null;
  resolved_at: Date | null;
  first_response_min: number | null;
  source: string;
}

describe('the Service report for a YouTrack ticket, from live YouTrack events', () => {
  let world: TrackerWorld;

  beforeAll(async () => {
    world = await startTrackerWorld('YouTrack', {
      secretName: SECRET,
      projects: ['SUP'],
      config: { adminToken: TOKEN },
      routers: true,
    });
    await world.saveSettings(world.place(assignmentTestSettings()));
  }, 60_000);
  afterAll(() => world?.close(), 30_000);

  const row = async (key: string) =>
    (await world.sidecar.db.query<Row>('SELECT * FROM report_tickets WHERE issue_key = $1', [key])).rows[0];

  it('records creation, first public answer, assignment and the fix, and the report counts it', async () => {
    const youtrack = world.youtrack!;
    const alexei = YOUTRACK_DEMO_LOGINS[DEMO_ACCOUNTS.alexei]!;
    const key = world.raise({
      project: 'SUP',
      summary: 'Disk shelf reports a predictive failure',
      customer: 'severny-bank',
      priority: 'medium',
    });
    await waitFor(async () => (await row(key)) !== undefined, 20_000, 'the lifecycle row');
    expect(await row(key)).toMatchObject({ customer_id: 'severny-bank', source: 'event', resolved_at: null });

    youtrack.state.addComment(key, alexei, 'We are looking at the shelf now.');
    await waitFor(async () => (await row(key))?.first_response_at != null, 20_000, 'the first response');
    expect((await row(key))!.first_response_min).toBeGreaterThanOrEqual(0);

    youtrack.state.applyCommand(`Assignee ${alexei}`, [key], alexei);
    await waitFor(async () => (await row(key))?.first_assigned_at != null, 20_000, 'the assignment');
    expect(world.assigneeOf(key)).toBe(DEMO_ACCOUNTS.alexei);

    youtrack.state.applyCommand('State {In Progress}', [key], alexei);
    await waitFor(async () => (await row(key))?.work_started_at != null, 20_000, 'the start of work');
    youtrack.state.applyCommand('State Fixed', [key], alexei);
    await waitFor(async () => (await row(key))?.resolved_at != null, 20_000, 'the fix');

    const today = new Date().toISOString().slice(0, 10);
    const res = await fetch(
      `${world.sidecar.url}/api/reports/service?from=${today}&to=${today}&customer=severny-bank`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as ServiceReport;
    expect(report.totals.tickets).toBe(1);
    expect(report.totals.resolved).toBe(1);
    expect(report.totals.firstResponse.count).toBe(1);
    expect(report.totals.workStart.count).toBe(1);
  }, 90_000);
});
