// Story: the admin sets Frontline up from the Forge admin page against the running sidecar (its
// Forge API behind real FIT signatures) and the Jira stand-in. She picks the Jira field ids from the
// site's own field list (an id the site does not have is refused, naming the field), adds a calendar
// to the empty calendars map with hours in an empty list, a project to the reply policy's map, saves,
// sees the version history (who, when,
// what changed), restores the earlier version and sees the restore marked as one in the history, and
// tests the e-mail channel: a wrong SMTP password is reported on the page, the right one sends.
import { renderUi } from './ui-harness';
import type { Ui } from './ui-harness';
import { DEMO_CREDENTIALS, startJiraStandIn } from '../../sidecar/sandbox/index.js';
import type { JiraStandIn } from '../../sidecar/sandbox/index.js';
import { startSidecar } from '../../sidecar/src/compose.js';
import type { RunningSidecar } from '../../sidecar/src/compose.js';
import { createSettingsService } from '../../sidecar/src/settings/service.js';
import { startTestJwks, TEST_APP_ID } from '../../sidecar/src/http/forge/testing.js';
import type { TestJwks } from '../../sidecar/src/http/forge/testing.js';
import { startLoopbackSmtpServer } from '../../sidecar/src/notify/testing/smtp-server.js';
import type { LoopbackSmtpServer } from '../../sidecar/src/notify/testing/smtp-server.js';
import { silentLogger, testConfig } from '../../sidecar/test/sidecar.js';
import { freshStore } from '../../sidecar/test/stores.js';
import type { StoreUnderTest } from '../../sidecar/test/stores.js';
import type { InvokeRemote } from '../remote/sidecar-client';
import { createSidecarClient } from '../remote/sidecar-client';
import { createJiraClient } from '../jira/jira-client';
import { createMemoryStore } from '../storage/memory-store';
import { fetchJiraApi } from './fakes';
import { resolverHarness } from './resolver-harness';
import { settingsResolvers } from '../resolvers/settings';
import { orderSparePartsPreset } from '@frontline/shared';

const { SettingsApp } = await import('../frontend/settings/SettingsApp');
const { Translated } = await import('../frontend/i18n');

const ADMIN = '712020:6c1f3b2e-0009-4a1e-9d01-northwind0009';
const SMTP_SECRET = 'STORY_ADMIN_SMTP_PASSWORD';

let store: StoreUnderTest;
let jwks: TestJwks;
let jira: JiraStandIn;
let smtp: LoopbackSmtpServer;
let sidecar: RunningSidecar;

beforeAll(async () => {
  store = await freshStore('pglite');
  jwks = await startTestJwks();
  await jwks.addKey('forge-1');
  jira = await startJiraStandIn({ seed: false });
  smtp = await startLoopbackSmtpServer({ users: { desk: 'right-password' } });
  process.env[SMTP_SECRET] = 'wrong-password';
  sidecar = await startSidecar({
    config: testConfig(store, { forge: { appId: TEST_APP_ID, jwksUrl: jwks.url } }),
    log: silentLogger(),
    lockWaitMs: 0,
    pollingIntervalSeconds: 0.5,
    routers: true,
    notifications: true,
  });
  // Version 1, as a settings file left it: e-mail through the desk's SMTP server.
  const first = await createSettingsService(sidecar.db).replace(
    {
      channels: {
        email: {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: 'desk',
          password: { secretRef: SMTP_SECRET },
          from: 'Northwind Service Desk <desk@northwind.example>',
        },
        routes: [],
      },
    },
    { actor: 'file:settings.json', source: 'file' },
  );
  if (!first.ok) throw new Error(JSON.stringify(first.error));
}, 90_000);

afterAll(async () => {
  await sidecar?.stop();
  await smtp?.close();
  await jira?.close();
  await jwks?.close();
  await store?.dispose();
  delete process.env[SMTP_SECRET];
}, 30_000);

/** Forge Remote as the platform does it: each call to the sidecar carries a FIT naming the admin. */
const invokeRemote: InvokeRemote = async (_remote, { path, method, headers, body }) => {
  const fit = await jwks.sign('forge-1', { principal: ADMIN });
  return fetch(`${sidecar.url}${path}`, {
    method,
    headers: { ...headers, authorization: `Bearer ${fit}` },
    ...(body === undefined ? {} : { body }),
  });
};

function harness() {
  return resolverHarness(settingsResolvers, {
    jira: createJiraClient(fetchJiraApi(jira.url, DEMO_CREDENTIALS)),
    store: createMemoryStore(),
    sidecar: createSidecarClient(invokeRemote),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}

async function open(locale = 'en-US'): Promise<Ui> {
  const h = harness();
  const ui = await renderUi(
    <Translated>
      <SettingsApp validateDelayMs={5} />
    </Translated>,
    { invoke: (key, payload) => h.call(key, payload), locale },
  );
  // The page is drawn once its sections, the site's fields and the history have all arrived.
  const history = locale === 'ru-RU' ? 'История' : 'History';
  await ui.waitFor(
    (u) =>
      u.findAll('Tab', history).length === 1 &&
      u.findAll('Select').length === 4 &&
      /(Version|Версия) 1 · /.test(u.text()),
    10_000,
  );
  return ui;
}

const field = (ui: Ui, name: string) => ui.findAll('Textfield').find((t) => t.props.name === name);
// UI Kit prefixes an input id with the app's own, so a Select is found by how its id ends.
const select = (ui: Ui, id: string) =>
  ui.findAll('Select').find((s) => String(s.props.inputId).endsWith(`-${id}`))!;

describe('Story: the admin sets Frontline up from the admin page', () => {
  it('picks field ids from the site, adds a calendar and a section, saves, restores, and tests e-mail', async () => {
    const ui = await open();
    expect(ui.text()).toContain('Live settings version 1.');

    // Jira fields: the site's own list. The stand-in has Organizations but no request type field.
    const orgs = select(ui, 'jiraFields.organizations');
    const options = orgs.props.options as { label: string; value: string }[];
    expect(options).toContainEqual({
      label: 'Organizations (customfield_10002)',
      value: 'customfield_10002',
    });
    expect(options.map((o) => o.value)).not.toContain('customfield_10010');
    expect((select(ui, 'jiraFields.requestType').props.value as { label: string }).label).toBe(
      'customfield_10010 (not on this site)',
    );
    // Saving with an id the site does not have is refused, naming the field.
    await ui.press('Save settings');
    await ui.waitFor(
      (u) =>
        u.findAll('ErrorMessage', 'jiraFields.requestType').length > 0 ||
        u.text().includes('(requestType) is not one of'),
    );
    expect(ui.text()).toContain(
      'Field "customfield_10010" (requestType) is not one of this Jira site\'s fields',
    );
    await ui.fire(select(ui, 'jiraFields.requestType'), 'onChange', { value: '' });
    await ui.fire(select(ui, 'jiraFields.parts'), 'onChange', { value: 'customfield_10050' });

    // A calendar in the (empty) calendars map, with the fields a calendar requires.
    await ui.fire(field(ui, 'calendars.$newKey')!, 'onChange', { target: { value: 'novosibirsk-5x2' } });
    await ui.press('Add to calendars');
    await ui.waitFor((u) => field(u, 'calendars.novosibirsk-5x2.timeZone') !== undefined);
    await ui.fire(field(ui, 'calendars.novosibirsk-5x2.timeZone')!, 'onChange', {
      target: { value: 'Asia/Novosibirsk' },
    });
    // The week's optional Monday, then an item in its empty list of hours.
    await ui.press('Add mon');
    await ui.waitFor((u) => u.findAll('Button', 'Add to mon').length > 0);
    await ui.press('Add to mon');
    const hours = 'calendars.novosibirsk-5x2.week.mon.0';
    await ui.waitFor((u) => field(u, `${hours}.1`) !== undefined);
    await ui.fire(field(ui, `${hours}.0`)!, 'onChange', { target: { value: '09:00' } });
    await ui.fire(field(ui, `${hours}.1`)!, 'onChange', { target: { value: '18:00' } });
    // A map entry in the reply policy: SUP holds replies back.
    await ui.fire(field(ui, 'replies.projects.$newKey')!, 'onChange', { target: { value: 'SUP' } });
    await ui.press('Add to projects');
    await ui.waitFor((u) => field(u, 'replies.projects.SUP.gate') !== undefined);
    expect(field(ui, 'replies.projects.SUP.gate')!.props.value).toBe('warn');
    await ui.fire(field(ui, 'replies.projects.SUP.gate')!, 'onChange', { target: { value: 'block' } });

    await ui.press('Save settings');
    await ui.waitFor((u) => u.text().includes('Saved. Settings version 2 is live.'), 5_000);
    const live = await createSettingsService(sidecar.db).live();
    expect(live.settings).toMatchObject({
      jiraFields: { organizations: 'customfield_10002', requestType: null, parts: 'customfield_10050' },
      calendars: {
        'novosibirsk-5x2': { timeZone: 'Asia/Novosibirsk', week: { mon: [['09:00', '18:00']] } },
      },
      replies: { projects: { SUP: { gate: 'block' } } },
    });

    // History: who, when, what changed; then version 1 comes back as version 3.
    const again = await open();
    const history = again.text();
    expect(history).toMatch(/Version 2 · .+ · forge:712020:6c1f3b2e-0009-4a1e-9d01-northwind0009/);
    expect(history).toContain('added calendars.novosibirsk-5x2');
    expect(history).toContain('added replies.projects.SUP');
    expect(history).toContain('Version 1 · ');
    expect(history).toContain('file:settings.json');
    await again.press('Restore version 1');
    await again.waitFor(
      (u) => u.text().includes('Version 1 restored: its settings are live again as version 3.'),
      5_000,
    );
    const restored = await createSettingsService(sidecar.db).live();
    expect(restored.version).toBe(3);
    expect((restored.settings as { replies: object }).replies).toEqual({ gate: 'warn', projects: {} });
    expect((restored.settings as { calendars: object }).calendars).toEqual({});
    const versions = await createSettingsService(sidecar.db).versions();
    expect(versions[0]).toMatchObject({
      version: 3,
      actor: `forge:${ADMIN}`,
      source: 'forge',
      restoredFrom: 1,
    });

    // The history says version 3 is a restore of version 1; the versions saved as such do not.
    const after = await open();
    await after.waitFor((u) => /Version 3 · /.test(u.text()), 10_000);
    const lines = after.text();
    expect(lines).toMatch(
      /Version 3 · [^·]+ · forge:712020:6c1f3b2e-0009-4a1e-9d01-northwind0009 · restored from version 1/,
    );
    expect(lines.match(/restored from version/g)).toHaveLength(1);
  }, 60_000);

  it('reports a refused SMTP login after a test send, and sends once the secret is right', async () => {
    const ui = await open();
    await ui.waitFor((u) => u.findAll('Button', 'Send test (email)').length === 1);
    await ui.fire(field(ui, 'testRecipient')!, 'onChange', { target: { value: 'olga@northwind.example' } });
    await ui.waitFor((u) => field(u, 'testRecipient')?.props.value === 'olga@northwind.example');
    await ui.press('Send test (email)');
    await ui.waitFor((u) => u.text().includes('email: the login was refused'), 10_000);
    expect(ui.text()).toContain('desk');
    expect(ui.text()).not.toContain('wrong-password');
    expect(smtp.received).toHaveLength(0);

    process.env[SMTP_SECRET] = 'right-password';
    await ui.press('Send test (email)');
    await ui.waitFor(
      (u) => u.text().includes('Test message sent through email to olga@northwind.example.'),
      10_000,
    );
    expect(await smtp.waitFor(1)).toHaveLength(1);
  }, 60_000);

  it('speaks Russian to a Russian-speaking admin', async () => {
    const ui = await open('ru-RU');
    expect(ui.findAll('Tab').map((t) => t.children[0]?.props.text)).toContain('История');
    expect(ui.text()).toContain('Поля Jira, которые читает Frontline');
    expect(ui.text()).toMatch(/Версия 1 · /);
    // Version 3 (the first story restored version 1) is marked as that restore.
    expect(ui.text()).toMatch(/Версия 3 · [^·]+ · forge:[^·]+ · восстановлена из версии 1/);
    expect(ui.text().match(/восстановлена из версии/g)).toHaveLength(1);
  }, 60_000);

  it('asks for the site’s parts field beside its picker once a preset orders parts, and saves it', async () => {
    const live = await createSettingsService(sidecar.db).live();
    const ui = await open();
    // A spare parts preset pasted in, naming no parts field of its own, and the site naming none yet.
    const document = {
      ...(live.settings as Record<string, unknown>),
      routingPresets: [orderSparePartsPreset],
      jiraFields: { organizations: 'customfield_10002', requestType: null },
    };
    await ui.fire(
      ui.findAll('TextArea').find((t) => t.props.name === 'import')!,
      'onChange',
      { target: { value: JSON.stringify(document) } },
    );
    await ui.press('Load into the form');
    const missing =
      'Choose the site\'s spare parts field: the routing preset "order-spare-parts" orders parts from it';
    await ui.waitFor((u) => u.findAll('ErrorMessage', missing).length === 1, 10_000);

    // The site's own "Parts catalog" is picked from its field list; the problem goes, and it saves.
    const options = select(ui, 'jiraFields.parts').props.options as { label: string; value: string }[];
    expect(options).toContainEqual({
      label: 'Parts catalog (customfield_10051)',
      value: 'customfield_10051',
    });
    await ui.fire(select(ui, 'jiraFields.parts'), 'onChange', { value: 'customfield_10051' });
    await ui.waitFor((u) => u.findAll('ErrorMessage', missing).length === 0, 10_000);
    await ui.press('Save settings');
    await ui.waitFor((u) => /Saved\. Settings version \d+ is live\./.test(u.text()), 5_000);
    const saved = await createSettingsService(sidecar.db).live();
    expect(saved.version).toBe(live.version + 1);
    expect(saved.settings).toMatchObject({
      jiraFields: { parts: 'customfield_10051' },
      routingPresets: [{ id: 'order-spare-parts', partsPicker: { minParts: 1 } }],
    });
  }, 60_000);
});
