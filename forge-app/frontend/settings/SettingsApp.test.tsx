// The admin page and its resolvers, with the sidecar faked behind invokeRemote.
import { renderUi } from '../../test/ui-harness';
import { DEMO_SETTINGS, SettingsDocumentSchema } from '@frontline/shared';
import { fakeSidecar, testDeps } from '../../test/fakes';
import type { FakeSidecar } from '../../test/fakes';
import { resolverHarness } from '../../test/resolver-harness';
import { settingsResolvers } from '../../resolvers/settings';
import { storeKeys } from '../../storage/app-store';
import type { SettingsView } from '../../ui-contract';
import type { ForgeProductApi } from '../../jira/jira-client';

const { SettingsApp } = await import('./SettingsApp');

// The admin page never calls Jira.
const noJira: ForgeProductApi = {
  asUser: () => ({
    requestJira: async () => {
      throw new Error('the settings page must not call Jira');
    },
  }),
};

const demo = () =>
  JSON.parse(JSON.stringify(SettingsDocumentSchema.parse(DEMO_SETTINGS))) as Record<string, unknown>;

let sidecar: FakeSidecar;
beforeEach(() => {
  sidecar = fakeSidecar(demo(), 7);
});

function setup() {
  const deps = testDeps(noJira, sidecar);
  return { deps, harness: resolverHarness(settingsResolvers, deps) };
}

describe('Settings resolvers', () => {
  it('reads the live version from the sidecar and keeps a copy in KVS', async () => {
    const { deps, harness } = setup();
    const answer = await harness.call<SettingsView>('settings.load');
    expect(answer).toMatchObject({
      ok: true,
      value: { version: 7, source: 'sidecar', sidecar: { reachable: true } },
    });
    expect(await deps.store.get(storeKeys.settingsCache)).toMatchObject({ version: 7 });
  });

  it('shows the cached copy and says the sidecar is unreachable when it is down', async () => {
    const { harness } = setup();
    await harness.call('settings.load');
    sidecar.down = true;
    const answer = await harness.call<SettingsView>('settings.load');
    expect(answer).toMatchObject({
      ok: true,
      value: { version: 7, source: 'cache', sidecar: { reachable: false } },
    });
  });

  it('rejects an invalid document field by field without sending it', async () => {
    const { harness } = setup();
    const doc = demo();
    (doc.routingPresets as { name: string }[])[0]!.name = ' ';
    const answer = await harness.call('settings.save', { document: doc, baseVersion: 7 });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: [{ path: 'routingPresets.0.name', message: expect.any(String) }] },
    });
    expect(sidecar.saved).toEqual([]);
  });

  it('saves a valid document and reports the new version', async () => {
    const { deps, harness } = setup();
    const answer = await harness.call('settings.save', { document: demo(), baseVersion: 7 });
    expect(answer).toEqual({ ok: true, value: { version: 8 } });
    expect(sidecar.saved).toHaveLength(1);
    expect(await deps.store.get(storeKeys.settingsCache)).toMatchObject({ version: 8 });
  });

  it("passes on the sidecar's own field problems and conflicts", async () => {
    const { harness } = setup();
    sidecar.onPut = () => ({
      status: 422,
      body: {
        code: 'invalid_settings',
        message: 'Settings are invalid: 1 field failed validation',
        details: [{ path: 'channels.routes.0.target', message: 'Unknown channel' }],
      },
    });
    expect(await harness.call('settings.save', { document: demo() })).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: [{ path: 'channels.routes.0.target' }] },
    });
    sidecar.onPut = () => ({ status: 409, body: { code: 'version_conflict', message: 'stale' } });
    expect(await harness.call('settings.save', { document: demo() })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('refuses to overwrite a version someone saved meanwhile', async () => {
    const { harness } = setup();
    const answer = await harness.call('settings.save', { document: demo(), baseVersion: 6 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(sidecar.settings.version).toBe(7);
  });
});

describe('Settings page', () => {
  async function open() {
    const { harness } = setup();
    const ui = await renderUi(<SettingsApp validateDelayMs={5} />, {
      invoke: (key, payload) => harness.call(key, payload),
    });
    await ui.waitFor((u) => u.findAll('Tab').length > 1);
    return ui;
  }

  it('speaks Russian to a Russian user', async () => {
    const { harness } = setup();
    const { Translated } = await import('../i18n');
    const ui = await renderUi(
      <Translated>
        <SettingsApp validateDelayMs={5} />
      </Translated>,
      { invoke: (key, payload) => harness.call(key, payload), locale: 'ru-RU' },
    );
    await ui.waitFor((u) => u.findAll('Tab').length > 1);
    expect(ui.text()).toContain('сервис доступен');
    expect(ui.text()).toContain('Действующая версия настроек: 7.');
    expect(ui.findAll('Button', 'Сохранить настройки')).toHaveLength(1);
    const tabs = ui.findAll('Tab').map((t) => t.children[0]?.props.text);
    expect(tabs).toEqual(
      expect.arrayContaining([
        'Пресеты маршрутизации',
        'Шаблоны ответов',
        'Расписания',
        'Уведомления',
        'Импорт / экспорт',
      ]),
    );
    expect(tabs).not.toContain('routingPresets');
  });

  it('shows the sidecar status, the live version and a tab per section, named in words', async () => {
    const ui = await open();
    expect(ui.text()).toContain('sidecar reachable');
    expect(ui.text()).toContain('Live settings version 7');
    const tabs = ui.findAll('Tab').map((t) => t.children[0]?.props.text);
    // Sections named in words, in the schema's order; the page's own tabs come last.
    expect(tabs.slice(-2)).toEqual(['Import / export', 'History']);
    expect(tabs.slice(0, 14)).toEqual([
      'Calendars',
      'SLA policies',
      'Temperature',
      'Engineers',
      'Duty rota',
      'Assignment',
      'Routing presets',
      'Reply templates',
      'Glossary',
      'Replies',
      'Jira fields',
      'Channels',
      'Notifications',
      'Schedules',
    ]);
  });

  it('shows a schema problem beside the field being edited, and saves once it is fixed', async () => {
    const ui = await open();
    const name = () => ui.findAll('Textfield').find((t) => t.props.name === 'routingPresets.0.name')!;
    const original = String(name().props.value);
    await ui.fire(name(), 'onChange', { target: { value: '' } });
    await ui.waitFor((u) => u.findAll('ErrorMessage').length > 0);
    expect(name().props.isInvalid).toBe(true);
    expect(ui.text()).toContain('Routing presets (1)');
    await ui.fire(name(), 'onChange', { target: { value: `${original} (night)` } });
    await ui.waitFor((u) => u.findAll('ErrorMessage').length === 0);
    await ui.press('Save settings');
    await ui.waitFor((u) => u.text().includes('Settings version 8 is live'));
    expect((sidecar.saved[0] as { routingPresets: { name: string }[] }).routingPresets[0]!.name).toBe(
      `${original} (night)`,
    );
  });

  it('shows the schedules section with its help, and marks a reminder delay of 0 hours', async () => {
    const ui = await open();
    expect(ui.text()).toContain('Schedules: when the morning digest goes out');
    const delay = () =>
      ui.findAll('Textfield').find((t) => t.props.name === 'schedules.customerReplied.afterBusinessHours')!;
    expect(String(delay().props.value)).toBe('2');
    await ui.fire(delay(), 'onChange', { target: { value: '0' } });
    await ui.waitFor((u) => u.findAll('ErrorMessage').length > 0);
    expect(delay().props.isInvalid).toBe(true);
    expect(ui.text()).toContain('The reminder delay must be above 0 hours');
    expect(ui.text()).toContain('Schedules (1)');
  });

  it('shows the cached copy while the sidecar is down, and does not offer to save', async () => {
    const { harness } = setup();
    await harness.call('settings.load'); // an earlier visit left the KVS copy
    sidecar.down = true;
    const ui = await renderUi(<SettingsApp validateDelayMs={5} />, {
      invoke: (key, payload) => harness.call(key, payload),
    });
    await ui.waitFor((u) => u.findAll('Tab').length > 1);
    expect(ui.text()).toContain('sidecar unreachable');
    expect(ui.text()).toContain('Showing the cached copy of version 7');
    expect(ui.findAll('Button', 'Save settings')[0]!.props.isDisabled).toBe(true);
  });

  it('imports a pasted document into the form', async () => {
    const ui = await open();
    const doc = demo();
    doc.routingPresets = [];
    await ui.fire(
      ui.findAll('TextArea').find((t) => t.props.name === 'import')!,
      'onChange',
      {
        target: { value: JSON.stringify(doc) },
      },
    );
    await ui.press('Load into the form');
    await ui.waitFor(
      (u) => !u.findAll('Textfield').some((t) => String(t.props.name).startsWith('routingPresets.')),
    );
    expect(ui.text()).toContain('Imported into the form');
    await ui.fire(
      ui.findAll('TextArea').find((t) => t.props.name === 'import')!,
      'onChange',
      { target: { value: '{oops' } },
    );
    await ui.press('Load into the form');
    await ui.waitFor((u) => u.text().includes('Not valid JSON'));
  });
});
