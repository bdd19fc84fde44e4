// The Route modal driven through UI Kit's bridge, with its resolvers running against the Jira
// stand-in: what a coordinator sees and clicks.
import { renderUi, textOf } from '../../test/ui-harness';
import type { RoutingPresetInput } from '@frontline/shared';
import type { JiraStandIn } from '../../../sidecar/sandbox/index.js';
import { DEMO_CREDENTIALS, DEMO_FIELD_IDS, startJiraStandIn } from '../../../sidecar/sandbox/index.js';
import { fakeSidecar, fetchJiraApi, testDeps } from '../../test/fakes';
import { issueContext, resolverHarness } from '../../test/resolver-harness';
import { routeResolvers } from '../../resolvers/route';

const { RouteApp } = await import('./RouteApp');
const { Translated } = await import('../i18n');

const presets: RoutingPresetInput[] = [
  {
    id: 'hardware-team',
    name: 'Hardware team',
    description: 'Storage arrays and x86 servers.',
    appliesTo: { projects: ['SUP'] },
    target: { project: 'HW', issueType: { name: 'Task' } },
    method: 'move',
    fields: [{ targetField: 'Parts to replace', from: { sourceField: DEMO_FIELD_IDS.partsToReplace } }],
    notifyChannel: 'hw-team',
  },
  {
    id: 'order-spare-parts',
    name: 'Order spare parts',
    appliesTo: { projects: ['SUP'] },
    target: { project: 'PARTS', issueType: { name: 'Part order' } },
    method: 'clone',
    partsPicker: { catalogField: 'Parts catalog', minParts: 1 },
  },
];

// A parts order without the catalog picker: the required "Parts catalog" is left for the dialog to ask.
const partsByHand: RoutingPresetInput = {
  id: 'parts-by-hand',
  name: 'Parts by hand',
  appliesTo: { projects: ['SUP'] },
  target: { project: 'PARTS', issueType: { name: 'Part order' } },
  method: 'clone',
};

let jira: JiraStandIn;
beforeEach(async () => {
  jira = await startJiraStandIn({ seed: false, record: true, bulkTaskDelayMs: 200 });
});
afterEach(async () => {
  await jira.close();
});

async function open(
  custom: Record<string, unknown> = {},
  moveWaitMs?: number,
  locale?: string,
  offered: RoutingPresetInput[] = presets,
) {
  const issue = jira.state.createIssue({
    projectKey: 'SUP',
    issueTypeId: '10002',
    summary: 'Disk failed',
    custom,
  });
  const sourceKey = issue.key;
  const harness = resolverHarness(
    routeResolvers,
    testDeps(fetchJiraApi(jira.url, DEMO_CREDENTIALS), fakeSidecar({ routingPresets: offered }), {
      moveWaitMs,
    }),
    issueContext(issue),
  );
  const screen = <RouteApp pollMs={20} />;
  const ui = await renderUi(locale ? <Translated>{screen}</Translated> : screen, {
    invoke: (key, payload) => harness.call(key, payload),
    ...(locale ? { locale } : {}),
  });
  await ui.waitFor((u) => u.findAll('Button').length > 0);
  return { ui, issue, sourceKey };
}

const bulkMoves = () =>
  jira.exchanges.filter((e) => e.method === 'POST' && e.path.endsWith('/bulk/issues/move'));

describe('Route modal', () => {
  it('shows one button per applicable preset with what it will do', async () => {
    const { ui } = await open();
    expect(ui.findAll('Button').map((b) => b.children.map((c) => c.props.text).join(''))).toEqual([
      'Hardware team',
      'Order spare parts',
    ]);
    expect(ui.text()).toContain('Hardware team');
    expect(ui.text()).toContain('moves to HW');
    expect(ui.text()).toContain('new ticket in PARTS');
    expect(ui.findAll('CheckboxGroup')).toHaveLength(1);
  });

  it('speaks Russian to a Russian user', async () => {
    const { ui } = await open({}, undefined, 'ru-RU');
    expect(ui.text()).toContain('переносит в HW');
    expect(ui.text()).toContain('новая заявка в PARTS');
    expect(ui.text()).not.toContain('moves to HW');
  });

  it('routes on one click, shows the move until Jira finishes, then the new key', async () => {
    // execute hands over at once, so the modal itself polls the bulk task (200 ms in the stand-in).
    const { ui, issue, sourceKey } = await open({ [DEMO_FIELD_IDS.partsToReplace]: 'PSU 800W hot-plug' }, 0);
    await ui.press('Hardware team');
    await ui.waitFor((u) => u.text().includes('Jira is moving the issue'));
    expect(ui.findAll('ProgressBar')).toHaveLength(1);
    await ui.waitFor((u) => u.text().includes('done'), 5000);
    expect(ui.text()).toContain(`${sourceKey} is now ${jira.state.issue(issue.id)!.key}`);
    expect(bulkMoves()).toHaveLength(1);
  });

  it('ignores a second press while the first is running', async () => {
    const { ui } = await open({ [DEMO_FIELD_IDS.partsToReplace]: 'PSU 800W hot-plug' });
    const button = ui.findAll('Button', 'Hardware team')[0]!;
    await Promise.all([ui.fire(button, 'onClick', undefined), ui.fire(button, 'onClick', undefined)]);
    await ui.waitFor((u) => u.text().includes('done'), 5000);
    expect(ui.invocations.filter((i) => i.functionKey === 'route.execute')).toHaveLength(1);
    expect(bulkMoves()).toHaveLength(1);
  });

  it('names the missing required field and keeps the presets on screen', async () => {
    const { ui, issue, sourceKey } = await open();
    await ui.press('Hardware team');
    await ui.waitFor((u) => u.findAll('SectionMessage').length > 0);
    expect(ui.text()).toContain('Not routed');
    expect(ui.text()).toContain('Parts to replace');
    expect(ui.findAll('Button', 'Hardware team')).toHaveLength(1);
    expect(jira.state.issue(issue.id)!.key).toBe(sourceKey);
  });

  it('sends the parts ticked in the catalog', async () => {
    const { ui, issue } = await open();
    await ui.fire(ui.findAll('CheckboxGroup')[0]!, 'onChange', ['PSU 800W hot-plug']);
    await ui.press('Order spare parts');
    await ui.waitFor((u) => u.text().includes('done'));
    expect(ui.invocations.at(-1)).toEqual({
      functionKey: 'route.execute',
      payload: { presetId: 'order-spare-parts', parts: ['PSU 800W hot-plug'] },
    });
    const created = jira.state.issues().find((i) => i.key.startsWith('PARTS-'))!;
    expect(ui.text()).toContain(`${created.key} was created from ${issue.key}`);
  });

  it('asks for the missing field beside its preset, then routes with what was typed', async () => {
    const { ui, issue } = await open();
    await ui.press('Hardware team');
    await ui.waitFor((u) => u.findAll('Textfield').length > 0);
    expect(ui.findAll('Label').map(textOf)).toEqual(['Parts to replace']);
    expect(ui.text()).toContain('Jira needs these fields in HW');
    // Why the field is needed: the preset maps it from a source field this ticket leaves empty.
    expect(ui.findAll('HelperMessage').map(textOf)).toEqual([
      expect.stringContaining(`is empty on ${issue.key}`),
    ]);
    expect(ui.findAll('ErrorMessage')).toEqual([]);
    expect(ui.findAll('CheckboxGroup')).toHaveLength(1); // the other preset is as it was

    await ui.fire(ui.findAll('Textfield')[0]!, 'onChange', { target: { value: 'PSU 800W hot-plug' } });
    await ui.press('Hardware team');
    await ui.waitFor((u) => u.text().includes('done'), 5000);
    expect(ui.invocations.at(-1)).toEqual({
      functionKey: 'route.execute',
      payload: {
        presetId: 'hardware-team',
        entered: { [DEMO_FIELD_IDS.partsToReplace]: 'PSU 800W hot-plug' },
      },
    });
    const moved = jira.state.issue(issue.id)!;
    expect(moved.key).toMatch(/^HW-\d+$/);
    expect([moved.custom[DEMO_FIELD_IDS.partsToReplace]].flat()).toEqual(['PSU 800W hot-plug']);
    expect(bulkMoves()).toHaveLength(1);
  });

  it('offers the allowed values of a missing pick-list field in a Select', async () => {
    const { ui } = await open({}, undefined, undefined, [partsByHand]);
    await ui.press('Parts by hand');
    await ui.waitFor((u) => u.findAll('Select').length > 0);
    const select = ui.findAll('Select')[0]!;
    expect(select.props.isMulti).toBe(true);
    const options = select.props.options as { value: string; label: string }[];
    expect(options.map((o) => o.label)).toContain('RAID controller battery');

    await ui.fire(select, 'onChange', [options.find((o) => o.label === 'RAID controller battery')]);
    expect(ui.findAll('Select')[0]!.props.value).toEqual([
      { value: '20004', label: 'RAID controller battery' },
    ]);
    await ui.press('Parts by hand');
    await ui.waitFor((u) => u.text().includes('done'));
    const created = jira.state.issues().find((i) => i.key.startsWith('PARTS-'))!;
    expect(created.custom[DEMO_FIELD_IDS.partsCatalog]).toEqual([{ id: '20004' }]);
  });

  it('shows beside the field why a typed value was refused, and routes nothing', async () => {
    const { ui } = await open({}, undefined, undefined, [partsByHand]);
    await ui.press('Parts by hand');
    await ui.waitFor((u) => u.findAll('Select').length > 0);
    await ui.fire(ui.findAll('Select')[0]!, 'onChange', [
      { value: 'Flux capacitor', label: 'Flux capacitor' },
    ]);
    await ui.press('Parts by hand');
    await ui.waitFor((u) => u.findAll('ErrorMessage').length > 0);
    const [message] = ui.findAll('ErrorMessage');
    expect(textOf(message!)).toContain('"Flux capacitor" is not one of the allowed values');
    expect(ui.findAll('Select')).toHaveLength(1);
    expect(jira.state.issues().filter((i) => i.key.startsWith('PARTS-'))).toEqual([]);
  });

  it('asks in Russian for a Russian user', async () => {
    const { ui } = await open({}, undefined, 'ru-RU');
    await ui.press('Hardware team');
    await ui.waitFor((u) => u.findAll('Textfield').length > 0);
    expect(ui.text()).toContain('Для HW Jira нужны эти поля');
  });
});

describe('Route modal words its refusals and warnings in the user language', () => {
  const noSuchType: RoutingPresetInput = {
    id: 'to-projects',
    name: 'Projects team',
    appliesTo: { projects: ['SUP'] },
    target: { project: 'HW', issueType: { name: 'Epic of nothing' } },
    method: 'move',
  };
  const cloneAndPark: RoutingPresetInput = {
    id: 'clone-and-park',
    name: 'Clone and park',
    appliesTo: { projects: ['SUP'] },
    target: { project: 'HW', issueType: { name: 'Task' } },
    method: 'clone',
    fields: [{ targetField: 'Parts to replace', from: { sourceField: DEMO_FIELD_IDS.partsToReplace } }],
    transitionSourceTo: 'Parked forever',
  };

  it('names the missing issue type in English and in Russian', async () => {
    const en = await open({}, undefined, 'en-US', [noSuchType]);
    await en.ui.press('Projects team');
    await en.ui.waitFor((u) => u.text().includes('Not routed'));
    expect(en.ui.text()).toContain('The target has no issue type "Epic of nothing" (it has:');
    const ru = await open({}, undefined, 'ru-RU', [noSuchType]);
    await ru.ui.press('Projects team');
    await ru.ui.waitFor((u) => u.text().includes('В целевом проекте нет типа заявки «Epic of nothing»'));
    expect(ru.ui.text()).not.toContain('The target has no issue type');
  });

  it('tells what did not happen after the route, in Russian', async () => {
    // A clone whose source cannot reach the status the preset names: routed, with a warning.
    const { ui, sourceKey } = await open(
      { [DEMO_FIELD_IDS.partsToReplace]: 'PSU 800W hot-plug' },
      undefined,
      'ru-RU',
      [cloneAndPark],
    );
    await ui.press('Clone and park');
    await ui.waitFor((u) => u.text().includes(`У ${sourceKey} нет перехода в «Parked forever»`), 5000);
    expect(ui.text()).not.toContain('has no transition');
  });
});
