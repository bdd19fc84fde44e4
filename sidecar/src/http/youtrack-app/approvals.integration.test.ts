// Paid work on a YouTrack desk waits for the customer's approval, as on a Jira one. A whole sidecar
// (customer side on, the hardware queue HWQ in the YouTrack stand-in, loopback SMTP) and the app's
// real paid-work guard rule (youtrack-app/paid-work-guard.js), loaded as YouTrack loads it, calling
// the sidecar over real HTTP with its signed requests (in a process of its own, ./rule-host.ts, as
// YouTrack runs beside the sidecar). An engineer sends the estimate from the app
// (the call the issue panel's backend makes); the customer gets the e-mail with the signed link; the
// move to In Progress is refused, saying what to do, until the customer approves on the page; covered
// work moves freely; a sidecar that cannot be reached lets the move through; a forged call is refused.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { YOUTRACK_DEMO_REPORTERS } from '../../../sandbox/youtrack/index.js';
import type { YouTrackStandIn, YtIssue } from '../../../sandbox/youtrack/index.js';
import { linkIn } from '../../../test/customer-side.js';
import type { StoryWorld } from '../../../test/story-support.js';
import { waitFor } from '../../../test/webhook-client.js';
import type { RuleChange, RuleOutcome } from './rule-host.js';
import { user } from './testing.js';
import type { FakeIssueInput } from './testing.js';
import { appCall as signedAppCall, startYouTrackCustomerDesk } from '../../../test/youtrack-app-hosts.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../../..');

const APP_SECRET = 'hw-desk-youtrack-app-secret-0001';
const lebedev = YOUTRACK_DEMO_REPORTERS.find((r) => r.login === 'k.lebedev')!;
const alexei = user('alexei', 'Alexei Smirnov', 'alexei@northwind.example');

/** The stand-in YouTrack that runs the app's rules (./rule-host.ts), one change at a time. */
async function startRuleHost() {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(HERE, 'rule-host.ts')], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  return {
    async run(change: RuleChange): Promise<RuleOutcome> {
      child.stdin.write(`${JSON.stringify(change)}\n`);
      const next = await iterator.next();
      if (next.done) throw new Error('the rule host ended');
      return JSON.parse(next.value as string) as RuleOutcome;
    },
    close() {
      lines.close();
      child.stdin.end();
      child.kill();
    },
  };
}

/** A port nothing listens on (taken and let go). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('paid work on a YouTrack desk: the guard rule, the approval and the customer’s page', () => {
  let world: StoryWorld;
  let youtrack: YouTrackStandIn;
  let rules: Awaited<ReturnType<typeof startRuleHost>>;
  let settings: Record<string, string>;

  beforeAll(async () => {
    ({ world, youtrack } = await startYouTrackCustomerDesk(
      'FRONTLINE_TEST_YOUTRACK_APPROVALS_BOT',
      APP_SECRET,
    ));
    settings = { sidecarUrl: world.sidecar.url, sidecarSecret: APP_SECRET };
    rules = await startRuleHost();
  }, 90_000);
  afterAll(async () => {
    rules?.close();
    await world?.close();
    await youtrack?.close();
  }, 30_000);

  /** The issue as the rule sees it when someone sets its State from `from` to `to`. */
  const moving = (issue: YtIssue, to: string, from = 'Open'): FakeIssueInput => ({
    id: issue.idReadable,
    summary: issue.summary,
    created: issue.created,
    project: { key: 'HWQ', name: 'Hardware queue', fields: ['State', 'Type'] },
    fields: { State: { name: to, isResolved: false } },
    changed: { State: { name: from, isResolved: false } },
  });

  /** Runs the guard rule on the change as YouTrack would: the guard, then the action. */
  const outcome = (issue: YtIssue, to: string, ruleSettings: Record<string, string> = settings) =>
    rules.run({
      file: 'paid-work-guard.js',
      issue: moving(issue, to),
      currentUser: alexei,
      settings: ruleSettings,
    });
  /** The refusal's message, or null when the change goes through. */
  const change = async (issue: YtIssue, to: string, ruleSettings?: Record<string, string>) =>
    (await outcome(issue, to, ruleSettings)).refused;

  /** A signed call to the app's API, as the backend handler makes it. */
  const appCall = (method: 'GET' | 'POST', path: string, body?: unknown, secret = APP_SECRET) =>
    signedAppCall(world.sidecar.url, secret, method, path, body);

  const sendEstimate = (issue: YtIssue) =>
    appCall('POST', `/youtrack/api/issues/${issue.idReadable}/approval`, {
      estimate: { hours: 6, cost: '48 000 RUB', note: 'Replace the controller board on site' },
      contact: { email: lebedev.email, name: lebedev.fullName },
      actor: 'alexei',
    });

  /** The page token from the customer's e-mail about `issue`. */
  async function tokenFor(issue: YtIssue): Promise<string> {
    const mails = () =>
      world.smtp.received.filter(
        (m) => m.envelopeTo.includes(lebedev.email) && m.subject.includes(issue.idReadable),
      );
    await waitFor(async () => mails().length > 0, 20_000, `the approval mail for ${issue.idReadable}`);
    return linkIn(mails()[0]!).split('/c/')[1]!;
  }

  const decide = (token: string, decision: 'approved' | 'declined', comment?: string) =>
    fetch(`${world.sidecar.url}/c`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, decision, ...(comment ? { comment } : {}) }).toString(),
    });

  it('refuses In Progress until the customer approves the estimate on the page, then lets it through', async () => {
    // Preventive maintenance is not what Severny Bank's contract covers: paid work.
    const issue = youtrack.raise({
      summary: 'Move the branch card terminals to the new rack',
      reporter: lebedev.login,
      type: 'Preventive maintenance',
    });
    const key = issue.idReadable;

    // Nothing asked yet: the engineer is told to send the estimate first.
    expect(await change(issue, 'In Progress')).toBe(
      `${key} is paid work: ask the customer to approve the estimate first (the Frontline panel in the issue → Send for approval).\n` +
        `${key} — платная работа: сначала попросите заказчика согласовать оценку (панель Frontline в задаче → «Отправить на согласование»).`,
    );
    expect((await appCall('GET', `/youtrack/api/issues/${key}/approval`)).body).toEqual({
      issueKey: key,
      state: 'none',
      request: null,
    });

    const sent = await sendEstimate(issue);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ issueKey: key, state: 'requested' });
    // The customer is told in the issue too (a public comment), and gets the link by e-mail.
    await waitFor(
      async () => youtrack.state.issue(key).comments.length > 0,
      10_000,
      'the public comment on the issue',
    );
    const token = await tokenFor(issue);
    const requested = await appCall('GET', `/youtrack/api/issues/${key}/approval`);
    expect(requested.body).toMatchObject({
      state: 'requested',
      request: {
        estimate: { hours: 6, cost: '48 000 RUB' },
        contact: { email: lebedev.email },
        requestedBy: 'youtrack:alexei',
        decidedAt: null,
      },
    });
    // Sending a second estimate while one waits is refused.
    expect((await sendEstimate(issue)).body).toMatchObject({ error: { code: 'already_awaiting' } });

    // While the request is open, work cannot start; other changes of State are not the check's.
    const refused = await change(issue, 'In Progress');
    expect(refused).toBe(
      `${key} is paid work and the customer has not approved the estimate yet. Wait for their answer (the Frontline panel in the issue shows it).\n` +
        `${key} — платная работа, а заказчик ещё не согласовал оценку. Дождитесь ответа (его покажет панель Frontline в задаче).`,
    );
    expect(await change(issue, 'in progress')).toBe(refused);
    // The sidecar answered (nothing in the workflow log): it is not a start of work.
    expect(await outcome(issue, 'Waiting for customer')).toEqual({
      guard: true,
      refused: null,
      warnings: [],
    });

    // The customer reads the request on the page and approves it.
    const page = await fetch(`${world.sidecar.url}/c/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Move the branch card terminals to the new rack');
    const approved = await decide(token, 'approved', 'Согласовано, работы в субботу');
    expect(approved.status).toBe(200);

    expect((await appCall('GET', `/youtrack/api/issues/${key}/approval`)).body).toMatchObject({
      state: 'approved',
      request: {
        decidedBy: lebedev.fullName,
        decidedVia: 'page',
        note: 'Согласовано, работы в субботу',
        decidedAt: expect.any(String),
      },
    });
    expect(await outcome(issue, 'In Progress')).toEqual({ guard: true, refused: null, warnings: [] });
  }, 90_000);

  it('refuses In Progress after the customer declined, saying to talk to them', async () => {
    const issue = youtrack.raise({
      summary: 'Install a second cash-recycler in the Tver branch',
      reporter: lebedev.login,
      type: 'Preventive maintenance',
    });
    expect((await sendEstimate(issue)).status).toBe(201);
    expect((await decide(await tokenFor(issue), 'declined')).status).toBe(200);
    expect(await change(issue, 'In Progress')).toBe(
      `The customer declined the paid work on ${issue.idReadable}. Talk to them before starting; a new estimate can be sent from the Frontline panel in the issue.\n` +
        `Заказчик отказался от платной работы по ${issue.idReadable}. Обсудите с ним, прежде чем начинать; новую оценку можно отправить из панели Frontline в задаче.`,
    );
  }, 60_000);

  it('lets covered work move freely, and refuses to ask approval for it', async () => {
    const issue = youtrack.raise({
      summary: 'Card terminal in the Tver branch does not boot',
      reporter: lebedev.login,
      type: 'Incident',
    });
    expect(await outcome(issue, 'In Progress')).toEqual({ guard: true, refused: null, warnings: [] });
    const asked = await sendEstimate(issue);
    expect([asked.status, (asked.body.error as { code: string }).code]).toEqual([409, 'not_paid_work']);
  }, 30_000);

  it('lets the move through when the sidecar cannot be reached, and says so in the workflow log', async () => {
    const issue = youtrack.raise({
      summary: 'Rewire the server room in the Tver branch',
      reporter: lebedev.login,
      type: 'Preventive maintenance',
    });
    // The sidecar itself refuses this one: paid work with nothing asked.
    expect(await change(issue, 'In Progress')).not.toBeNull();
    const down = { sidecarUrl: `http://127.0.0.1:${await deadPort()}`, sidecarSecret: APP_SECRET };
    const { guard, refused, warnings } = await outcome(issue, 'In Progress', down);
    expect([guard, refused]).toEqual([true, null]);
    expect(warnings).toEqual([
      `Frontline: ${issue.idReadable} moved to In Progress without the paid-work check (0 sidecar_unreachable: The sidecar could not be reached)`,
    ]);
    expect(warnings.join('\n')).not.toContain(APP_SECRET);
  }, 30_000);

  it('refuses a call to the check signed with another secret (401), and bad input naming the field', async () => {
    const issue = youtrack.raise({
      summary: 'Forged check',
      reporter: lebedev.login,
      type: 'Preventive maintenance',
    });
    const path = `/youtrack/api/issues/${issue.idReadable}/approval/check`;
    const forged = await appCall('POST', path, { state: 'In Progress' }, 'someone-elses-secret-00000000');
    expect([forged.status, (forged.body.error as { code: string }).code]).toEqual([401, 'signature_invalid']);
    const noState = await appCall('POST', path, {});
    expect(noState.status).toBe(422);
    expect(noState.body.error).toMatchObject({
      code: 'invalid_approval_check',
      details: [{ path: 'state' }],
    });
    const noEstimate = await appCall('POST', `/youtrack/api/issues/${issue.idReadable}/approval`, {
      estimate: {},
      contact: { email: lebedev.email },
      actor: 'alexei',
    });
    expect(noEstimate.status).toBe(422);
    expect(noEstimate.body.error).toMatchObject({ details: [{ path: 'estimate' }] });
  }, 30_000);
});
