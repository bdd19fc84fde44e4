// The customer's approval of paid work in the YouTrack issue panel, in a real browser (Debian's
// Chromium through playwright-core): the stand-in YouTrack host (./stub-host.ts) frames the panel and
// answers it with the app's real backend handler, which signs its calls to a real sidecar with the
// customer side on and the hardware queue in the YouTrack stand-in. An engineer sends the estimate from
// the panel; the customer receives the e-mail and approves on the page; the panel then says who
// approved, when and how — in English and in Russian. Covered work shows no form.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { YOUTRACK_DEMO_REPORTERS } from '../../../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../../../sandbox/youtrack/index.js';
import { describeInBrowser, launchChromium, linkIn } from '../../../test/customer-side.js';
import type { StoryWorld } from '../../../test/story-support.js';
import { waitFor } from '../../../test/webhook-client.js';
import { startStubHost, startYouTrackCustomerDesk } from '../../../test/youtrack-app-hosts.js';
import type { StubHost } from '../../../test/youtrack-app-hosts.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../../..');
const SCREENSHOTS = resolve(REPO, 'test-output/youtrack-app');
const APP_SECRET = 'hw-desk-youtrack-app-secret-0001';
const lebedev = YOUTRACK_DEMO_REPORTERS.find((r) => r.login === 'k.lebedev')!;

describeInBrowser('the YouTrack issue panel’s approval section')(
  'the customer’s approval in the YouTrack issue panel, in Chromium',
  () => {
    let world: StoryWorld;
    let youtrack: YouTrackStandIn;
    let host: StubHost;
    let browser: Browser;

    beforeAll(async () => {
      ({ world, youtrack } = await startYouTrackCustomerDesk(
        'FRONTLINE_TEST_YOUTRACK_APPROVAL_PANEL_BOT',
        APP_SECRET,
      ));
      host = await startStubHost({
        sidecarUrl: world.sidecar.url,
        sidecarSecret: APP_SECRET,
        login: 'alexei',
      });
      browser = await launchChromium();
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      host?.process.stdin?.end();
      await world?.close();
      await youtrack?.close();
    }, 30_000);

    async function openPanel(issueKey: string, locale: 'en-US' | 'ru-RU') {
      const context = await browser.newContext({ locale, viewport: { width: 440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${host.url}/issue/${issueKey}?widget=issue-panel`);
      const panel = page.frameLocator('iframe[title="frontline"]');
      await panel.locator('main[data-ready="true"]').waitFor({ timeout: 30_000 });
      return { context, page, panel, section: panel.locator('#approval') };
    }

    it('sends the estimate from the panel, and shows the customer’s approval once given on the page', async () => {
      const issue = youtrack.raise({
        summary: 'Replace the UPS batteries in the Tver branch',
        reporter: lebedev.login,
        type: 'Preventive maintenance',
      });
      const key = issue.idReadable;
      const { context, page, section } = await openPanel(key, 'en-US');
      await expect(section.getByTestId('approval-state').textContent()).resolves.toBe(
        'Paid work: the customer approves the estimate before work starts. None sent yet.',
      );

      await section.getByLabel('Hours').fill('6');
      await section.getByLabel('Cost').fill('48 000 RUB');
      await section.getByLabel('The work').fill('Two battery modules, on a Saturday');
      await section.getByLabel('Customer’s e-mail (the reporter’s when empty)').fill(lebedev.email);
      await section.getByRole('button', { name: 'Send for approval' }).click();
      await section.getByText(`Sent to ${lebedev.email}.`).waitFor({ timeout: 20_000 });
      expect(await section.getByTestId('approval-state').textContent()).toMatch(
        new RegExp(`^Sent to ${lebedev.email.replace('.', '\\.')} on .+; waiting for the answer`),
      );
      await expect(section.getByText(/^Estimate: /).textContent()).resolves.toBe(
        'Estimate: 6 hours · 48 000 RUB · Two battery modules, on a Saturday',
      );
      expect(await section.getByTestId('approval-form').count()).toBe(0);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'issue-panel-approval-sent-en.png') });

      // The customer approves on the page the e-mail links to.
      const mails = () =>
        world.smtp.received.filter((m) => m.envelopeTo.includes(lebedev.email) && m.subject.includes(key));
      await waitFor(async () => mails().length > 0, 20_000, 'the approval e-mail');
      const token = linkIn(mails()[0]!).split('/c/')[1]!;
      const decided = await fetch(`${world.sidecar.url}/c`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, decision: 'approved' }).toString(),
      });
      expect(decided.status).toBe(200);

      await page.reload();
      const after = page.frameLocator('iframe[title="frontline"]');
      await after.locator('main[data-ready="true"]').waitFor({ timeout: 30_000 });
      expect(await after.locator('#approval').getByTestId('approval-state').textContent()).toMatch(
        new RegExp(`^Approved by ${lebedev.email.replace('.', '\\.')} on .+, on the approval page\\.$`),
      );
      await page.screenshot({ path: resolve(SCREENSHOTS, 'issue-panel-approved-en.png') });
      await context.close();

      const ru = await openPanel(key, 'ru-RU');
      await ru.panel.getByText('Согласование с заказчиком').waitFor();
      expect(await ru.section.getByTestId('approval-state').textContent()).toMatch(
        /^Согласовано: .+, на странице согласования\.$/,
      );
      await expect(ru.section.getByText(/^Оценка: /).textContent()).resolves.toBe(
        'Оценка: 6 часов · 48 000 RUB · Two battery modules, on a Saturday',
      );
      await ru.page.screenshot({ path: resolve(SCREENSHOTS, 'issue-panel-approved-ru.png') });
      await ru.context.close();
    }, 120_000);

    it('shows no form for work the contract covers', async () => {
      const issue = youtrack.raise({
        summary: 'UPS in the Tver branch beeps and switches off',
        reporter: lebedev.login,
        type: 'Incident',
      });
      const { context, section } = await openPanel(issue.idReadable, 'en-US');
      await expect(section.getByTestId('approval-state').textContent()).resolves.toBe(
        'No approval needed: the contract covers this request.',
      );
      expect(await section.getByTestId('approval-form').count()).toBe(0);
      await context.close();
    }, 60_000);
  },
);
