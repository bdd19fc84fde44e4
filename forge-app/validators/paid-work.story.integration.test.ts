// Story: Polar Frost Foods asks to migrate its reporting database to new hardware. Its contract
// covers incidents, not migrations, so Elena Popova (service manager) cannot start work: the
// workflow validator refuses the move to In Progress and says what to do. She sends the 16-hour
// estimate from the Contract panel; the customer's IT manager opens the link from the e-mail in
// Chromium and approves; now the validator lets the ticket into In Progress. A second request,
// approved by phone, is recorded in the panel with who, when and how. Every step runs through the
// real interfaces: the panel's resolvers (resolver harness) over Forge Remote to a whole sidecar, the
// validator's function with Jira as the app (the stand-in), the loopback SMTP server and the page.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Contract } from '@frontline/shared';
import { DEMO_APP_TOKEN, DEMO_CREDENTIALS } from '../../sidecar/sandbox/index.js';
import { DEMO_CONTRACTS } from '../../sidecar/demo/contracts.js';
import { loadHistory } from '../../sidecar/src/assignment/repository.js';
import {
  contactOf,
  describeInBrowser,
  launchChromium,
  linkIn,
  SCREENSHOTS,
  startCustomerWorld,
} from '../../sidecar/test/customer-side.js';
import type { CustomerWorld } from '../../sidecar/test/customer-side.js';
import { createAppJira } from '../jira/app-jira.js';
import type { JiraResponse } from '../jira/jira-client.js';
import { createJiraClient } from '../jira/jira-client.js';
import { createCustomerClient } from '../remote/customer-client.js';
import { createSidecarClient } from '../remote/sidecar-client.js';
import { approvalResolvers } from '../resolvers/approvals.js';
import type { ResolverDeps } from '../resolvers/resolver-kit.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { noJira } from '../test/issue-view-fixtures.js';
import { issueContext, resolverHarness } from '../test/resolver-harness.js';
import { paidWorkValidator } from './paid-work.js';

const ELENA = '712020:6c1f3b2e-0006-4a1e-9d01-northwind0006';
const IN_PROGRESS = '3';
const RESOLVED = '5';

/** Polar Frost's contract as this story needs it: English, formal; waiting for approval pauses the clock. */
const contracts: Contract[] = DEMO_CONTRACTS.map((c) =>
  c.customer.id === 'polar-frost'
    ? { ...c, communication: { ...c.communication, language: 'en', register: 'formal' } }
    : c,
);

describeInBrowser('the paid-work story')('story: paid work waits for the customer’s approval', () => {
  let world: CustomerWorld;
  let browser: Browser;

  const deps = (): ResolverDeps => ({
    jira: createJiraClient(noJira),
    store: createMemoryStore(),
    sidecar: createSidecarClient(world.remote(ELENA)),
    now: () => new Date(),
    sleep: async () => undefined,
  });
  const panel = (issue: { id: string; key: string }) =>
    resolverHarness(
      (d) => approvalResolvers({ ...d, customer: createCustomerClient(world.remote(ELENA)) }),
      deps(),
      issueContext(issue, ELENA),
    );
  /** The validator as Forge runs it: Jira as the app (the stand-in), the sidecar over Forge Remote. */
  const validate = (issueKey: string, toStatus: string) =>
    paidWorkValidator({
      jira: createAppJira({
        asApp: () => ({
          requestJira: async (url, init = {}): Promise<JiraResponse> =>
            fetch(`${world.jira.url}${(url as unknown as { value_: string }).value_}`, {
              ...init,
              headers: { ...init.headers, Authorization: `Bearer ${DEMO_APP_TOKEN}` },
            }),
        }),
      }),
      contractPanel: (key) => createSidecarClient(world.remote('app')).getContractPanel(key),
    })({ issue: { key: issueKey }, transition: { from: { id: '1' }, to: { id: toStatus } } });
  const startWork = (issueKey: string) =>
    fetch(`${world.jira.url}/rest/api/3/issue/${issueKey}/transitions`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${DEMO_CREDENTIALS.email}:${DEMO_CREDENTIALS.apiToken}`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ transition: { id: '11' } }),
    });

  beforeAll(async () => {
    world = await startCustomerWorld({
      contracts,
      settings: { customerSide: { pauseResolutionWhileAwaitingApproval: ['PF-2025-07'] } },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  }, 30_000);

  it('refuses to start before approval, and starts once the customer approved on the page', async () => {
    const ticket = world.paidWorkTicket('polar-frost', 'Migrate the reporting database to the new server');
    const contact = contactOf('polar-frost').emailAddress;

    // Before any request: refused, saying what to do, in both languages.
    const before = await validate(ticket.key, IN_PROGRESS);
    expect(before.result).toBe(false);
    expect(before.errorMessage).toContain(
      `${ticket.key} is paid work: ask the customer to approve the estimate first (Contract panel → Request approval)`,
    );
    expect(before.errorMessage).toContain('платная работа');
    // Other transitions are not this validator's business.
    expect(await validate(ticket.key, RESOLVED)).toEqual({ result: true });

    // Elena sends the estimate from the Contract panel.
    const sent = await panel(ticket).call<{ state: string; pausesResolution: boolean }>('approvals.request', {
      estimate: { hours: 16, note: 'Migration on Saturday, the plant keeps working' },
      contact: { email: contact, name: 'Andrei Kovalev' },
    });
    expect(sent).toMatchObject({ ok: true, value: { state: 'awaiting', pausesResolution: true } });
    // A second request while one awaits is refused with the reason.
    const twice = await panel(ticket).call('approvals.request', {
      estimate: { hours: 20 },
      contact: { email: contact },
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'refused' } });
    const waiting = await validate(ticket.key, IN_PROGRESS);
    expect(waiting.errorMessage).toContain('has not approved the estimate yet');

    // The customer approves on the page from the e-mail.
    const [mail] = await world.mailTo(contact, new RegExp(ticket.key));
    expect(mail!.subject).toBe(`${ticket.key}: your approval is needed before we start paid work`);
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(linkIn(mail!));
    expect(
      await page.getByText('16 hours · Note: Migration on Saturday, the plant keeps working').isVisible(),
    ).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'story-approval-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Approve the work' }).click();
    await page.locator('h1', { hasText: 'the work is approved' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'story-approved-en.png'), fullPage: true });

    // Now work may start: the validator lets it through and the ticket moves to In Progress.
    expect(await validate(ticket.key, IN_PROGRESS)).toEqual({ result: true });
    expect((await startWork(ticket.key)).status).toBe(204);
    expect(world.jira.state.issue(ticket.key)!.statusId).toBe(IN_PROGRESS);

    // The panel shows the decision and who, when and how.
    const listed = await panel(ticket).call<{
      approvals: { state: string; audit: { action: string; actor: string; via: string }[] }[];
    }>('approvals.load');
    expect(listed.ok && listed.value.approvals[0]!.state).toBe('approved');
    expect(
      listed.ok && listed.value.approvals[0]!.audit.map((a) => `${a.action} via ${a.via} by ${a.actor}`),
    ).toEqual([`requested via panel by ${ELENA}`, `approved via page by Andrei Kovalev <${contact}>`]);
    // The resolution clock paused while the customer decided, and runs again.
    const facts = (await loadHistory(world.sidecar.db, [ticket.key])).filter((f) => f.type === 'approval');
    expect(facts.map((f) => (f.type === 'approval' ? f.awaiting : null))).toEqual([true, false]);
  }, 90_000);

  it('records an approval given by phone, with who and when, and then work may start', async () => {
    const ticket = world.paidWorkTicket('polar-frost', 'Install a second disk shelf');
    const contact = contactOf('polar-frost').emailAddress;
    await panel(ticket).call('approvals.request', { estimate: { hours: 4 }, contact: { email: contact } });
    const bad = await panel(ticket).call('approvals.record', { decision: 'approved', via: 'page' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    const recorded = await panel(ticket).call<{ state: string; decidedVia: string; decidedBy: string }>(
      'approvals.record',
      {
        decision: 'approved',
        via: 'phone',
        decidedBy: 'Andrei Kovalev (plant IT)',
        decidedAt: new Date(Date.now() - 3_600_000).toISOString(),
        note: 'Agreed on the morning call',
      },
    );
    expect(recorded).toMatchObject({
      ok: true,
      value: { state: 'approved', decidedVia: 'phone', decidedBy: 'Andrei Kovalev (plant IT)' },
    });
    expect(await validate(ticket.key, IN_PROGRESS)).toEqual({ result: true });
    // The link in the e-mail no longer takes a decision.
    const [mail] = await world.mailTo(contact, new RegExp(ticket.key));
    const res = await fetch(linkIn(mail!));
    expect(res.status).toBe(409);
  }, 60_000);

  it('lets covered work start without any approval', async () => {
    const covered = world.jira.state.createIssue({
      projectKey: 'SUP',
      issueTypeId: '10002',
      summary: 'Replication stopped on the standby',
      reporterId: contactOf('polar-frost').accountId,
      custom: { customfield_10002: [{ id: 2, name: 'Polar Frost Foods' }] },
    });
    expect(await validate(covered.key, IN_PROGRESS)).toEqual({ result: true });
  });
});
