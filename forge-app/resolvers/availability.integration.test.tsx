// Story: Olga Kuznetsova (DB team) marks next Thursday off on "My availability"; on Thursday Elena
// Popova, the coordinator, sees it on "Team week", and a DB ticket's Suggested assignees leave
// Olga out: "day off (entered by Olga Kuznetsova)". Every step goes through the screens' resolvers
// to a whole running sidecar over HTTP (FITs signed by a loopback JWKS, the Jira stand-in), and the
// screens are drawn through UI Kit's reconciler in English and Russian.
import type { ReactElement } from 'react';
import { DEMO_ACCOUNTS, localDateTime, mondayOf, zonedInstant, isoDay, parseIsoDay } from '@frontline/shared';
import {
  DEMO_CREDENTIALS,
  DEMO_CUSTOMERS,
  DEMO_STAFF,
  startJiraStandIn,
} from '../../sidecar/sandbox/index.js';
import type { JiraStandIn } from '../../sidecar/sandbox/index.js';
import { startSidecar } from '../../sidecar/src/compose.js';
import type { RunningSidecar } from '../../sidecar/src/compose.js';
import { assignmentTestSettings } from '../../sidecar/src/assignment/testing.js';
import { trackedIssue } from '../../sidecar/src/assignment/repository.js';
import { startTestJwks, TEST_APP_ID } from '../../sidecar/src/http/forge/testing.js';
import type { TestJwks } from '../../sidecar/src/http/forge/testing.js';
import { createSettingsService } from '../../sidecar/src/settings/service.js';
import { silentLogger, testConfig } from '../../sidecar/test/sidecar.js';
import { freshStore } from '../../sidecar/test/stores.js';
import type { StoreUnderTest } from '../../sidecar/test/stores.js';
import { TEST_SECRETS, waitFor } from '../../sidecar/test/webhook-client.js';
import { renderUi, textOf } from '../test/ui-harness.js';
import type { Ui } from '../test/ui-harness.js';
import { issueContext, resolverHarness } from '../test/resolver-harness.js';
import { noJira } from '../test/issue-view-fixtures.js';
import { createJiraClient } from '../jira/jira-client.js';
import { createAvailabilityClient } from '../remote/availability-client.js';
import type { InvokeRemote } from '../remote/sidecar-client.js';
import { createSidecarClient } from '../remote/sidecar-client.js';
import { createMemoryStore } from '../storage/memory-store.js';
import type { SuggestionsView } from '../ui-contract.js';
import type { MyAvailabilityView, TeamWeekView } from '../frontend/availability/view.js';
import { availabilityResolvers } from './availability.js';
import { issueViewResolvers } from './issue-views.js';
import type { ResolverDeps } from './resolver-kit.js';

// Loaded after the test bridge is in place (ui-harness installs it when imported).
const { Translated } = await import('../frontend/i18n');
const { AvailabilityApp } = await import('../frontend/availability/AvailabilityApp');
const { TeamWeekApp } = await import('../frontend/team-week/TeamWeekApp');

const MSK = 'Europe/Moscow';
const OLGA = DEMO_ACCOUNTS.olga;
const ELENA = DEMO_STAFF.find((s) => s.role === 'coordinator')!;
// Next week, as the desk plans it on Monday morning; Thursday is three days later.
const MONDAY = isoDay(parseIsoDay(mondayOf(localDateTime(MSK, new Date()).date)) + 7);
const THURSDAY = isoDay(parseIsoDay(MONDAY) + 3);

let store: StoreUnderTest;
let jwks: TestJwks;
let standIn: JiraStandIn;
let sidecar: RunningSidecar;
let clock = zonedInstant(MSK, MONDAY, '09:30');

beforeAll(async () => {
  store = await freshStore('pglite');
  jwks = await startTestJwks();
  await jwks.addKey('forge-1');
  standIn = await startJiraStandIn({ seed: false });
  sidecar = await startSidecar({
    config: testConfig(store, {
      jira: { baseUrl: standIn.url, email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
      forge: { appId: TEST_APP_ID, jwksUrl: jwks.url },
      secretKey: 'story-availability-secret-key-0123456789',
    }),
    log: silentLogger(),
    lockWaitMs: 0,
    pollingIntervalSeconds: 0.5,
    routers: true,
    now: () => clock,
  });
  const written = await createSettingsService(sidecar.db).replace(
    { ...assignmentTestSettings(), availability: { coordinators: [ELENA.accountId] } },
    { actor: 'test', source: 'file' },
  );
  if (!written.ok) throw new Error(JSON.stringify(written.error));
  standIn.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret: TEST_SECRETS[0]! });
}, 60_000);

afterAll(async () => {
  await sidecar?.stop();
  await standIn?.close();
  await jwks?.close();
  await store?.dispose();
}, 30_000);

/** Forge Remote as the platform does it for `principal`: a FIT signed for them on every call. */
function remoteAs(principal: string): InvokeRemote {
  return async (_remote, { path, method, headers, body }) => {
    const fit = await jwks.sign('forge-1', {
      principal,
      app: {
        id: TEST_APP_ID,
        installationId: 'ari:cloud:ecosystem::installation/story-availability',
        apiBaseUrl: standIn.url,
      },
    });
    const res = await fetch(`${sidecar.url}${path}`, {
      method,
      headers: { ...headers, authorization: `Bearer ${fit}` },
      ...(body === undefined ? {} : { body }),
    });
    return { ok: res.ok, status: res.status, text: () => res.text() };
  };
}

function depsFor(principal: string): ResolverDeps {
  return {
    jira: createJiraClient(noJira),
    store: createMemoryStore(),
    sidecar: createSidecarClient(remoteAs(principal)),
    now: () => clock,
    sleep: async () => undefined,
  };
}

/** The availability resolvers as `principal` calls them from a page (a project page for Team week). */
function availabilityAs(principal: string, project?: string) {
  return resolverHarness(
    availabilityResolvers(createAvailabilityClient(remoteAs(principal))),
    depsFor(principal),
    {
      accountId: principal,
      ...(project ? { extension: { project: { key: project } } } : {}),
    },
  );
}

async function open(
  screen: ReactElement,
  harness: ReturnType<typeof availabilityAs>,
  locale: string,
): Promise<Ui> {
  return renderUi(<Translated>{screen}</Translated>, {
    invoke: (key, payload) => harness.call(key, payload),
    locale,
  });
}

describe('Story: an engineer marks Thursday off, and the coordinator assigns around it', () => {
  let olgaEntry: string;

  it('Olga adds a day off for Thursday on My availability (English) and confirms the week', async () => {
    const ui = await open(<AvailabilityApp />, availabilityAs(OLGA), 'en-US');
    await ui.waitFor((u) => u.text().includes('My availability'), 10_000);
    expect(ui.text()).toContain('Olga Kuznetsova · times in Europe/Moscow');
    expect(ui.text()).toContain('No absences entered.');

    await ui.press('Add an absence');
    const [from, to] = ui.findAll('DatePicker');
    await ui.fire(from!, 'onChange', THURSDAY);
    await ui.fire(to!, 'onChange', THURSDAY);
    await ui.fire(
      ui.findAll('Textfield').find((n) => String(n.props.id).endsWith('absence-note'))!,
      'onChange',
      {
        target: { value: 'school concert' },
      },
    );
    await ui.press('Save');
    await ui.waitFor(
      (u) => u.text().includes(`Day off ${THURSDAY} school concert entered by Olga Kuznetsova`),
      10_000,
    );
    expect(ui.text()).toContain('Saved. Suggestions take it into account at once.');

    // The same Thursday again — as hours this time — is refused with the field named.
    await ui.press('Add an absence');
    const [again] = ui.findAll('DatePicker');
    await ui.fire(again!, 'onChange', THURSDAY);
    await ui.fire(ui.findAll('DatePicker')[1]!, 'onChange', THURSDAY);
    await ui.fire(ui.findAll('Toggle')[0]!, 'onChange', undefined);
    await ui.press('Save');
    await ui.waitFor((u) => u.findAll('ErrorMessage').length > 0, 10_000);
    expect(ui.findAll('ErrorMessage').map((n) => n.children.map((c) => c.props.text).join(''))).toEqual([
      `Overlaps another entry (day off, ${THURSDAY}); change or remove that one first`,
    ]);
    await ui.press('Cancel');

    await ui.press(`Confirm week of ${MONDAY}`);
    await ui.waitFor((u) => u.text().includes(`Week of ${MONDAY} confirmed.`), 10_000);
    const view = await availabilityAs(OLGA).call<MyAvailabilityView>('availability.load');
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.weeks.find((w) => w.weekStart === MONDAY)?.confirmed).toBe(true);
    olgaEntry = view.value.entries[0]!.id;
  }, 60_000);

  it('on Thursday Elena sees Olga away on Team week (Russian), with who entered it', async () => {
    clock = zonedInstant(MSK, THURSDAY, '10:00');
    const ui = await open(<TeamWeekApp />, availabilityAs(ELENA.accountId, 'DB'), 'ru-RU');
    await ui.waitFor((u) => u.text().includes('Неделя команды: DB'), 10_000);
    const week = await availabilityAs(ELENA.accountId, 'DB').call<TeamWeekView>('teamWeek.load');
    if (!week.ok) throw new Error(week.error.message);
    const olga = week.value.rows.find((r) => r.accountId === OLGA)!;
    expect(olga.today).toBe('away');
    expect(olga.days.find((d) => d.date === THURSDAY)!.availability).toBe('away');
    expect(ui.findAll('DynamicTable')).toHaveLength(1);
    expect(ui.text()).toContain('Olga Kuznetsova');
    expect(ui.text()).toContain('Выходной (внесено: Olga Kuznetsova)');
    // One link per engineer to their open tickets, Olga's among them.
    const links = ui.findAll('Link', 'Открытые заявки').map((l) => String(l.props.href));
    expect(links).toHaveLength(week.value.rows.length);
    expect(links).toContain(`/issues/?jql=${encodeURIComponent(olga.ticketsJql)}`);
    expect(olga.ticketsJql).toContain(`assignee = "${OLGA}"`);
  }, 60_000);

  it('a Thursday DB ticket’s suggestions leave Olga out: "day off (entered by Olga Kuznetsova)"; removing the entry brings her back', async () => {
    const issue = standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10003',
      summary: 'Oracle listener refuses connections',
      reporterId: DEMO_CUSTOMERS.find((c) => c.key === 'polar-frost')!.contacts[0]!.accountId,
      priorityId: '3',
      labels: ['oracle'],
    });
    await waitFor(async () => (await trackedIssue(sidecar.db, issue.key)) !== undefined, 20_000, 'intake');
    const panel = resolverHarness(
      issueViewResolvers,
      depsFor(ELENA.accountId),
      issueContext(issue, ELENA.accountId),
    );

    const first = await panel.call<SuggestionsView>('suggestions.load');
    if (!first.ok || first.value.state !== 'ranked') throw new Error(JSON.stringify(first));
    expect(first.value.candidates.map((c) => c.accountId)).not.toContain(OLGA);
    const reason = first.value.excluded.find((e) => e.accountId === OLGA)!.reasons[0]!;
    expect(reason.code).toBe('absent');
    expect(reason.en).toContain('day off (entered by Olga Kuznetsova)');
    expect(reason.ru).toContain('выходной (внесено: Olga Kuznetsova)');

    // The concert is cancelled: Olga removes the entry and the very next ranking has her again.
    const removed = await availabilityAs(OLGA).call('availability.remove', { id: olgaEntry });
    expect(removed.ok).toBe(true);
    const second = await panel.call<SuggestionsView>('suggestions.load');
    if (!second.ok || second.value.state !== 'ranked') throw new Error(JSON.stringify(second));
    expect(
      second.value.excluded.find((e) => e.accountId === OLGA)?.reasons.map((r) => r.code) ?? [],
    ).not.toContain('absent');
  }, 60_000);

  it('My availability reads in Russian, and Team week in English', async () => {
    const mine = await open(<AvailabilityApp />, availabilityAs(OLGA), 'ru-RU');
    await mine.waitFor((u) => u.text().includes('Моя доступность'), 10_000);
    expect(mine.text()).toContain(`Неделя с ${MONDAY}`);
    expect(mine.text()).toContain('Подтверждена');
    const week = await open(<TeamWeekApp />, availabilityAs(ELENA.accountId, 'DB'), 'en-US');
    await week.waitFor((u) => u.text().includes('Team week: DB'), 10_000);
    expect(week.text()).toContain('Olga Kuznetsova');
  }, 60_000);

  it('Olga links her Outlook calendar by its secret address, which the page never shows back', async () => {
    const ui = await open(<AvailabilityApp />, availabilityAs(OLGA), 'en-US');
    await ui.waitFor((u) => u.findAll('Button', 'Link my calendar').length === 1, 10_000);
    const field = ui.findAll('Textfield').find((n) => String(n.props.id).endsWith('availability-feed-url'))!;
    expect(field.props.type).toBe('password');
    const secret = 'webcal://outlook.office365.com/owa/calendar/olga/secret-41c7/calendar.ics';
    await ui.fire(field, 'onChange', { target: { value: secret } });
    await ui.press('Link my calendar');
    await ui.waitFor((u) => u.text().includes('Your calendar is linked (by Olga Kuznetsova'), 10_000);
    expect(ui.text()).toContain('Calendar linked. It is read within the hour.');
    expect(ui.text()).not.toContain('secret-41c7');
  }, 60_000);

  it('refusals read in the user’s language: an overlap under the field, an entry removed meanwhile on the page', async () => {
    const friday = isoDay(parseIsoDay(THURSDAY) + 1);
    const errors = (ui: Ui) =>
      ui.findAll('ErrorMessage').map((n) => n.children.map((c) => c.props.text).join(''));
    const sections = (ui: Ui) => ui.findAll('SectionMessage').map(textOf);
    const add = async (date: string) => {
      const added = await availabilityAs(OLGA).call<{ id: string }>('availability.add', {
        kind: 'trip',
        from: date,
        to: date,
      });
      if (!added.ok) throw new Error(added.error.message);
      return added.value.id;
    };
    const trip = await add(friday);

    for (const [locale, words] of [
      ['ru-RU', { add: 'Добавить отсутствие', save: 'Сохранить', cancel: 'Отмена', remove: 'Удалить' }],
      ['en-US', { add: 'Add an absence', save: 'Save', cancel: 'Cancel', remove: 'Remove' }],
    ] as const) {
      const ui = await open(<AvailabilityApp />, availabilityAs(OLGA), locale);
      await ui.waitFor((u) => u.findAll('Button', words.add).length === 1, 10_000);
      await ui.press(words.add);
      await ui.fire(ui.findAll('DatePicker')[0]!, 'onChange', friday);
      await ui.fire(ui.findAll('DatePicker')[1]!, 'onChange', friday);
      await ui.press(words.save);
      await ui.waitFor((u) => u.findAll('ErrorMessage').length > 0, 10_000);
      expect(errors(ui)).toEqual([
        locale === 'ru-RU'
          ? `Пересекается с другой записью (командировка, ${friday}); сначала измените или удалите её`
          : `Overlaps another entry (business trip, ${friday}); change or remove that one first`,
      ]);
      await ui.press(words.cancel);
      expect(errors(ui)).toEqual([]);
    }

    // The trip is removed elsewhere (a second tab) while Olga's page still lists it; her Remove is
    // refused for the whole page, in her language.
    for (const [locale, remove, said] of [
      ['ru-RU', 'Удалить', 'Отсутствия {id} нет'],
      ['en-US', 'Remove', 'There is no absence {id}'],
    ] as const) {
      const id = locale === 'ru-RU' ? trip : await add(friday);
      const ui = await open(<AvailabilityApp />, availabilityAs(OLGA), locale);
      await ui.waitFor((u) => u.findAll('Button', remove).length === 1, 10_000);
      const gone = await availabilityAs(OLGA).call('availability.remove', { id });
      expect(gone.ok).toBe(true);
      await ui.press(remove);
      await ui.waitFor((u) => sections(u).length > 0, 10_000);
      expect(sections(ui)).toEqual([said.replace('{id}', id)]);
    }
  }, 60_000);
});
