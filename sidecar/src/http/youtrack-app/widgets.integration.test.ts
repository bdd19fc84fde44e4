// The YouTrack app's widgets in a real browser (Debian's Chromium through playwright-core), framed by a
// stand-in YouTrack issue page whose YTApp answers `fetchApp` with the app's real backend handler,
// which signs its calls to a real sidecar configured for YouTrack (the YouTrack stand-in). A ticket
// raised in YouTrack reaches the sidecar as the app's signed event; the panel then shows its
// temperature with the reasons, the customer's contract and the ranked engineers, Assign assigns the
// one clicked in YouTrack, the route menu makes a linked copy in the parts queue (showing the new
// issue's id and link) and moves the ticket to another team's project. Last, the
// app's own issue-created rule announces a ticket to the same sidecar's intake.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { RoutingPresetInput } from '@frontline/shared';
import {
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_PROJECT,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
  startYouTrackStandIn,
} from '../../../sandbox/youtrack/index.js';
import type { YouTrackStandIn, YtIssue } from '../../../sandbox/youtrack/index.js';
import { DEMO_CONTRACTS } from '../../../demo/contracts.js';
import { freshStore } from '../../../test/stores.js';
import type { StoreUnderTest } from '../../../test/stores.js';
import { silentLogger, testConfig } from '../../../test/sidecar.js';
import { waitFor } from '../../../test/webhook-client.js';
import { assignmentTestSettings } from '../../assignment/testing.js';
import { decisionsFor, latestRanking } from '../../assignment/repository.js';
import { startSidecar } from '../../compose.js';
import type { RunningSidecar } from '../../compose.js';
import { createContractRepository } from '../../contracts/repository.js';
import { createSettingsService } from '../../settings/service.js';
import { fakeEntities, fakeIssue, loadAppScript, recordingHttp, user } from './testing.js';
import type { LoadedRule } from './testing.js';
import { startStubHost } from '../../../test/youtrack-app-hosts.js';
import type { StubHost } from '../../../test/youtrack-app-hosts.js';

const CHROMIUM = process.env.FRONTLINE_CHROMIUM ?? '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../../..');
const SCREENSHOTS = resolve(REPO, 'test-output/youtrack-app');
const APP_SECRET = 'hw-desk-youtrack-app-secret-0001';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium or set FRONTLINE_CHROMIUM`);
if (!haveChromium)
  console.warn(
    `Skipping the YouTrack widget browser tests: no Chromium at ${CHROMIUM} (set FRONTLINE_CHROMIUM)`,
  );
const describeInBrowser = haveChromium ? describe : describe.skip;

/** The network team's queue, where the hardware queue passes what is not hardware. */
const NETWORK_PRESET: RoutingPresetInput = {
  id: 'network-team',
  name: 'Network team',
  description: 'Routers, VPN and links: the network engineers’ queue',
  appliesTo: { projects: [YOUTRACK_DEMO_PROJECT.shortName] },
  target: { project: 'NETQ', issueType: { name: 'Task' } },
  method: 'move',
  comments: { target: 'From the hardware queue ({{key}}) by {{actor}}, customer {{customer}}.' },
};

/** A parts order for the warehouse's queue: a linked copy, the ticket staying in the hardware queue. */
const PARTS_PRESET: RoutingPresetInput = {
  id: 'order-parts-yt',
  name: 'Order spare parts',
  appliesTo: { projects: [YOUTRACK_DEMO_PROJECT.shortName] },
  target: { project: 'PARTQ', issueType: { name: 'Service request' } },
  method: 'clone',
  fields: [{ targetField: 'Customer', from: { contract: 'customer' } }],
  comments: { source: 'Spare parts ordered by {{actor}}.' },
};

describeInBrowser('the YouTrack app’s widgets in Chromium, against a real sidecar and YouTrack', () => {
  let store: StoreUnderTest;
  let youtrack: YouTrackStandIn;
  let sidecar: RunningSidecar;
  let host: StubHost;
  let browser: Browser;
  let issue: YtIssue;
  const log = silentLogger();

  const fieldOf = (id: string, name: string) =>
    youtrack.state.issue(id).customFields.find((f) => f.name === name)?.value as
      { login?: string; name?: string } | null | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    store = await freshStore('pglite');
    youtrack = await startYouTrackStandIn({ seed: true });
    youtrack.state.addProject('NETQ', 'Network queue');
    youtrack.state.addProject('PARTQ', 'Parts orders');
    youtrack.state.addProjectField('PARTQ', { name: 'Customer', kind: 'string', canBeEmpty: true });
    sidecar = await startSidecar({
      config: testConfig(store, {
        youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
        youtrackWebhookSecrets: [APP_SECRET],
      }),
      log,
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      routers: true,
    });
    // The hardware queue lives in YouTrack; a person picks the assignee from the suggestions.
    const base = assignmentTestSettings();
    const written = await createSettingsService(sidecar.db).replace(
      {
        ...base,
        trackers: {
          ...YOUTRACK_DEMO_TRACKERS,
          projects: { ...YOUTRACK_DEMO_TRACKERS.projects, PARTQ: 'youtrack' },
        },
        engineers: (base.engineers ?? []).map((e) => ({
          ...e,
          teams: [...e.teams, YOUTRACK_DEMO_PROJECT.shortName],
        })),
        assignment: [
          ...(base.assignment ?? []),
          { project: YOUTRACK_DEMO_PROJECT.shortName, mode: 'suggest', deskCalendar: 'moscow-5x2' },
        ],
        routingPresets: [...(base.routingPresets ?? []), NETWORK_PRESET, PARTS_PRESET],
      },
      { actor: 'test', source: 'file' },
    );
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    await createContractRepository(sidecar.db).upsertAll(DEMO_CONTRACTS, 'test');
    youtrack.deliverTo({ url: `${sidecar.url}/webhooks/youtrack`, secret: APP_SECRET });

    // Severny Bank's contact raises a ticket: the app's event reaches the sidecar, which ranks it.
    issue = youtrack.raise({
      summary: 'Card terminals in the Tver branch reject contactless payments',
      reporter: 'k.lebedev',
      priority: 'Normal',
    });
    await waitFor(
      async () => (await latestRanking(sidecar.db, issue.idReadable)) !== undefined,
      20_000,
      'the ranking',
    );

    host = await startStubHost({
      sidecarUrl: sidecar.url,
      sidecarSecret: APP_SECRET,
      login: 'olga.sokolova',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    host?.process.stdin?.end();
    await sidecar?.stop();
    await youtrack?.close();
    await store?.dispose();
  }, 30_000);

  it('shows the temperature with its reasons, the contract and the ranked engineers; Assign assigns the one clicked', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 440, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/issue/${issue.idReadable}?widget=issue-panel`);
    const panel = page.frameLocator('iframe[title="frontline"]');
    await panel.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });

    // Temperature: a score out of 100 and, for each factor that counts, its reason.
    const score = Number(await panel.getByTestId('score').textContent());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    const factors = await panel.getByTestId('factors').locator('li').allTextContents();
    expect(factors).toContainEqual(expect.stringMatching(/^Priority Medium — \d+ points?$/));

    // The contract: Severny Bank's (the reporter's e-mail domain), covering this request.
    const contract = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;
    await expect(panel.getByTestId('customer').textContent()).resolves.toBe(contract.customer.name);
    const cards = await panel.getByTestId('contract').allTextContents();
    expect(cards[0]).toContain(contract.number);
    expect(cards[0]).toContain('applies to this request');
    expect(cards[0]).toContain(`Covered by contract ${contract.number}`);

    // The engineers, in the order the sidecar ranked them, each with a button.
    const ranking = (await latestRanking(sidecar.db, issue.idReadable))!;
    const names = await panel.getByTestId('engineer').locator('strong').allTextContents();
    expect(names).toEqual(ranking.ranking.ranked.map((r, i) => `${i + 1}. ${r.name}`));
    expect(names.length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'issue-panel-en.png') });

    // Assign the second one: YouTrack has them as assignee, the decision is recorded with the rank.
    const second = ranking.ranking.ranked[1]!;
    await panel.getByTestId('engineer').nth(1).getByRole('button', { name: 'Assign' }).click();
    await panel.getByText(`Assigned to ${second.name}`).waitFor({ timeout: 20_000 });
    expect(fieldOf(issue.idReadable, 'Assignee')?.login).toBe(YOUTRACK_DEMO_LOGINS[second.accountId]);
    expect(await decisionsFor(sidecar.db, issue.idReadable)).toMatchObject([
      { accountId: second.accountId, actor: 'youtrack:olga.sokolova', via: 'youtrack', suggestedRank: 2 },
    ]);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'issue-panel-assigned-en.png') });
    await context.close();
  }, 60_000);

  it('speaks Russian to a Russian browser, plurals included', async () => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 440, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/issue/${issue.idReadable}?widget=issue-panel`);
    const panel = page.frameLocator('iframe[title="frontline"]');
    await panel.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });
    await panel.getByText('Температура').waitFor();
    await panel.getByText('Кому назначить').waitFor();
    const factors = await panel.getByTestId('factors').locator('li').allTextContents();
    expect(factors.some((f) => /[а-яё]/i.test(f) && / \d+ балл(а|ов)?$/.test(f))).toBe(true);
    expect(await panel.getByRole('button', { name: 'Назначить' }).count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'issue-panel-ru.png') });
    await context.close();
  }, 60_000);

  it('tells the user, in words, when the app’s secret does not match the sidecar’s', async () => {
    const wrong = await startStubHost({
      sidecarUrl: sidecar.url,
      sidecarSecret: 'a-secret-the-sidecar-does-not-know',
      login: 'olga.sokolova',
    });
    try {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`${wrong.url}/issue/${issue.idReadable}?widget=issue-panel`);
      const panel = page.frameLocator('iframe[title="frontline"]');
      await panel.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });
      await expect(panel.locator('#temperature .error').textContent()).resolves.toBe(
        'Frontline refused the app: the shared secrets differ.',
      );
      expect(await panel.getByRole('button', { name: 'Assign' }).count()).toBe(0);
      await context.close();
    } finally {
      wrong.process.stdin?.end();
    }
  }, 60_000);

  it('makes a linked copy in the parts queue from the issue menu, and shows the new issue', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 480, height: 360 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/issue/${issue.idReadable}?widget=route`);
    const menu = page.frameLocator('iframe[title="frontline"]');
    await menu.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });
    const presets = menu.getByTestId('preset');
    await expect(presets.locator('strong').allTextContents()).resolves.toEqual([
      'Network team',
      'Order spare parts',
    ]);
    // Each says what it does: a move, or a copy that leaves this issue here.
    await expect(menu.getByTestId('preset-method').allTextContents()).resolves.toEqual([
      'Moves this issue to NETQ',
      'Makes a linked copy in PARTQ; this issue stays here',
    ]);
    await menu.getByRole('button', { name: 'Copy to PARTQ' }).click();
    const target = menu.getByTestId('route-target');
    await target.waitFor({ timeout: 20_000 });
    const order = youtrack.state.issues.find((i) => i.project.shortName === 'PARTQ')!;
    expect(order).toBeDefined();
    await expect(menu.getByTestId('route-status').textContent()).resolves.toBe(
      `Copy made in PARTQ: ${order.idReadable}`,
    );
    await expect(target.getAttribute('href')).resolves.toBe(`${youtrack.url}/issue/${order.idReadable}`);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'route-copy-en.png') });
    // The copy carries the summary and the customer; the ticket stays in the hardware queue, linked.
    const contract = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;
    expect(order.summary).toBe(issue.summary);
    expect(order.customFields.find((f) => f.name === 'Customer')?.value).toBe(contract.customer.name);
    const source = youtrack.state.issue(issue.id);
    expect(source.project.shortName).toBe(YOUTRACK_DEMO_PROJECT.shortName);
    expect(source.links.flatMap((l) => l.issues.map((i) => i.idReadable))).toEqual([order.idReadable]);
    expect(source.comments.map((c) => c.text)).toContain('Spare parts ordered by olga.sokolova.');
    await context.close();
  }, 60_000);

  it('says so in Russian after a copy already made', async () => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 480, height: 360 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/issue/${issue.idReadable}?widget=route`);
    const menu = page.frameLocator('iframe[title="frontline"]');
    await menu.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });
    await menu.getByText('Создаёт связанную копию в PARTQ; эта заявка остаётся здесь').waitFor();
    const before = youtrack.state.issues.filter((i) => i.project.shortName === 'PARTQ').length;
    await menu.getByRole('button', { name: 'Копия в PARTQ' }).click();
    await menu.getByTestId('route-target').waitFor({ timeout: 20_000 });
    const order = youtrack.state.issues.find((i) => i.project.shortName === 'PARTQ')!;
    await expect(menu.getByTestId('route-status').textContent()).resolves.toBe(
      `Копия в PARTQ уже есть: ${order.idReadable}`,
    );
    expect(youtrack.state.issues.filter((i) => i.project.shortName === 'PARTQ')).toHaveLength(before);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'route-copy-ru.png') });
    await context.close();
  }, 60_000);

  it('routes the ticket to the network team’s project from the issue menu', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 480, height: 320 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/issue/${issue.idReadable}?widget=route`);
    const menu = page.frameLocator('iframe[title="frontline"]');
    await menu.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });
    await expect(menu.getByTestId('preset').locator('strong').allTextContents()).resolves.toEqual([
      'Network team',
      'Order spare parts',
    ]);
    const key = issue.idReadable;
    await menu.getByRole('button', { name: 'Route to NETQ' }).click();
    await menu.getByText('Moved to NETQ').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'route-en.png') });
    const moved = youtrack.state.issue(issue.id);
    expect(moved.project.shortName).toBe('NETQ');
    const contract = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;
    expect(moved.comments.map((c) => c.text)).toContain(
      `From the hardware queue (${key}) by olga.sokolova, customer ${contract.customer.name}.`,
    );
    await context.close();
  }, 60_000);

  it('takes the app’s own rule’s delivery of a new ticket: accepted once, a repeat recognised, the ticket ranked', async () => {
    youtrack.deliverTo(undefined); // the stand-in's simulated rules stay quiet: the app's rule speaks
    const raised = youtrack.raise({
      summary: 'UPS in the server room beeps every minute',
      reporter: 'm.orlova',
      priority: 'Critical',
    });
    // The ticket as YouTrack's workflow API shows it to the rule, the moment it becomes reported.
    const entity = fakeIssue({
      id: raised.idReadable,
      summary: raised.summary,
      created: raised.created,
      project: {
        key: YOUTRACK_DEMO_PROJECT.shortName,
        name: YOUTRACK_DEMO_PROJECT.name,
        fields: ['Priority', 'State', 'Assignee'],
      },
      reporter: user('m.orlova', 'Marina Orlova', 'm.orlova@translogistic.example'),
      fields: {
        Priority: { name: 'Critical' },
        State: { name: 'Submitted', isResolved: false },
        Assignee: null,
      },
      becomesReported: true,
    });
    const recorder = recordingHttp();
    const { rule } = loadAppScript<{ rule: LoadedRule }>('issue-created.js', {
      entities: fakeEntities,
      http: recorder.http,
    });
    const ctx = {
      issue: entity,
      currentUser: user('m.orlova', 'Marina Orlova'),
      settings: { sidecarUrl: sidecar.url, sidecarSecret: APP_SECRET },
    };
    expect(rule.guard(ctx)).toBe(true);
    rule.action(ctx);
    // What the rule sent, sent as it is to the sidecar's intake (YouTrack's http calls block, so the
    // recorded request is replayed here rather than sent from inside the rule).
    const [request] = recorder.sent;
    const deliver = () =>
      fetch(request!.url + request!.path, { method: 'POST', headers: request!.headers, body: request!.body });
    expect((await deliver()).status).toBe(202);
    const again = await deliver();
    expect([again.status, await again.json()]).toEqual([200, expect.objectContaining({ duplicate: true })]);
    await waitFor(
      async () => (await latestRanking(sidecar.db, raised.idReadable)) !== undefined,
      20_000,
      'the ranking of the ticket the rule announced',
    );
  }, 60_000);
});
