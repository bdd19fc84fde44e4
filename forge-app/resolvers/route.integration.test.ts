// Route end to end: the real resolvers, Jira client and routing plans against the sidecar's Jira
// stand-in over HTTP; KVS in memory; the sidecar faked behind invokeRemote.
import type { RoutingPresetInput } from '@frontline/shared';
import type { JiraStandIn } from '../../sidecar/sandbox/index.js';
import { DEMO_CREDENTIALS, DEMO_FIELD_IDS, startJiraStandIn } from '../../sidecar/sandbox/index.js';
import { contractPanel, fakeSidecar, fetchJiraApi, testDeps } from '../test/fakes.js';
import type { FakeSidecar } from '../test/fakes.js';
import { issueContext, resolverHarness } from '../test/resolver-harness.js';
import type { MissingTargetField, PresetOption, RouteView } from '../ui-contract.js';
import { routeResolvers } from './route.js';

const PARTS = DEMO_FIELD_IDS.partsToReplace;
const CATALOG = DEMO_FIELD_IDS.partsCatalog;

// Northwind's presets, written against the stand-in's HW/DB/PARTS create screens.
const presets: RoutingPresetInput[] = [
  {
    id: 'hardware-team',
    name: 'Hardware team',
    appliesTo: { projects: ['SUP'] },
    target: { project: 'HW', issueType: { name: 'Task' } },
    method: 'move',
    fields: [{ targetField: 'Parts to replace', from: { sourceField: PARTS } }],
    comments: { source: 'Passed to the hardware team by {{actor}}.', target: 'From first line ({{key}}).' },
    notifyChannel: 'hw-team',
  },
  {
    id: 'database-team',
    name: 'Database team',
    appliesTo: { projects: ['SUP'] },
    target: { project: 'DB', issueType: { name: 'Incident' } },
    method: 'move',
    notifyChannel: 'db-team',
  },
  {
    id: 'order-spare-parts',
    name: 'Order spare parts',
    appliesTo: { projects: ['SUP', 'HW'] },
    target: { project: 'PARTS', issueType: { name: 'Part order' } },
    method: 'clone',
    resolveSource: true,
    carry: ['priority'],
    fields: [{ targetField: 'summary', from: { template: 'Parts for {{key}}: {{summary}}' } }],
    comments: {
      source: 'Spare parts ordered by {{actor}}.',
      target: 'Parts for {{key}} ({{customer}}, contract {{contractNumber}}).',
    },
    notifyChannel: 'warehouse',
    partsPicker: { catalogField: 'Parts catalog', minParts: 1 },
  },
  {
    id: 'db-only',
    name: 'Only for DB',
    appliesTo: { projects: ['DB'] },
    target: { project: 'HW', issueType: { name: 'Task' } },
    method: 'move',
  },
];

let jira: JiraStandIn;
let sidecar: FakeSidecar;

beforeEach(async () => {
  jira = await startJiraStandIn({ seed: false, record: true, bulkTaskDelayMs: 30 });
  sidecar = fakeSidecar({ routingPresets: presets });
});
afterEach(async () => {
  await jira.close();
});

function setup(custom: Record<string, unknown> = {}) {
  const issue = jira.state.createIssue({
    projectKey: 'SUP',
    issueTypeId: '10002',
    summary: 'Array shelf reports a failed disk',
    description: 'Disk 7 in shelf 2 is amber since 03:10.',
    custom,
  });
  const deps = testDeps(fetchJiraApi(jira.url, DEMO_CREDENTIALS), sidecar);
  const harness = resolverHarness(routeResolvers, deps, issueContext(issue));
  // The stand-in's issue object is live: a move changes its key, so keep the key it had.
  return { issue, sourceKey: issue.key, deps, harness };
}

/** A ticket whose sidecar also offers "order spare parts" without the catalog picker. */
function partsByHand() {
  const byHand: RoutingPresetInput = { ...presets[2]!, id: 'parts-by-hand', partsPicker: undefined };
  sidecar = fakeSidecar({ routingPresets: [...presets, byHand] });
  sidecar.contractPanel = contractPanel({ detail: 'brief', register: 'formal', language: 'en' });
  return setup();
}

const writes = () =>
  jira.exchanges.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path.replace(/\d+/g, 'N')}`);

describe('Route', () => {
  it('lists only the presets that apply to the issue, with the parts catalog for a parts order', async () => {
    const { harness } = setup();
    const answer = await harness.call<{ presets: PresetOption[] }>('route.presets');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.presets.map((p) => p.id)).toEqual([
      'hardware-team',
      'database-team',
      'order-spare-parts',
    ]);
    const parts = answer.value.presets.find((p) => p.id === 'order-spare-parts')?.parts;
    expect(parts?.options).toContain('PSU 800W hot-plug');
    expect(parts?.min).toBe(1);
  });

  it('ticks in advance the catalog parts the ticket names, the same ones the plan picks when none are chosen', async () => {
    const suggesting: RoutingPresetInput = {
      ...presets[2]!,
      id: 'parts-suggested',
      partsPicker: { catalogField: 'parts CATALOG', minParts: 1, suggestFromSourceField: PARTS },
    };
    sidecar = fakeSidecar({ routingPresets: [suggesting] });
    sidecar.contractPanel = contractPanel({ detail: 'brief', register: 'formal', language: 'en' });
    const { harness } = setup({ [PARTS]: 'raid controller battery, PSU 800W hot-plug ×1' });
    const listed = await harness.call<{ presets: PresetOption[] }>('route.presets');
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.presets[0]?.parts?.suggested).toEqual([
      'PSU 800W hot-plug',
      'RAID controller battery',
    ]);
    const answer = await harness.call<RouteView>('route.execute', { presetId: 'parts-suggested' });
    if (!answer.ok) throw new Error(answer.error.message);
    if (answer.value.state !== 'done') throw new Error(`unexpected ${answer.value.state}`);
    expect(jira.state.issue(answer.value.targetKey)!.custom[CATALOG]).toEqual([
      { id: '20002' },
      { id: '20004' },
    ]);
  });

  it('offers the site’s parts field (jiraFields.parts) as the catalog and fills it, the preset naming none', async () => {
    const sitePicker: RoutingPresetInput = {
      ...presets[2]!,
      id: 'parts-site-field',
      partsPicker: { minParts: 1 },
    };
    sidecar = fakeSidecar({ routingPresets: [sitePicker], jiraFields: { parts: CATALOG } });
    sidecar.contractPanel = contractPanel({ detail: 'brief', register: 'formal', language: 'en' });
    const { harness } = setup();
    const listed = await harness.call<{ presets: PresetOption[] }>('route.presets');
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.presets[0]?.parts?.options).toEqual([
      'HDD 2.4TB SAS 10k (array shelf)',
      'PSU 800W hot-plug',
      'System board, 2-socket x86',
      'RAID controller battery',
    ]);
    const answer = await harness.call<RouteView>('route.execute', {
      presetId: 'parts-site-field',
      parts: ['RAID controller battery'],
    });
    if (!answer.ok) throw new Error(answer.error.message);
    if (answer.value.state !== 'done') throw new Error(`unexpected ${answer.value.state}`);
    expect(jira.state.issue(answer.value.targetKey)!.custom[CATALOG]).toEqual([{ id: '20004' }]);
  });

  it('moves the issue with one click, comments on it and tells the sidecar', async () => {
    const { issue, sourceKey, harness } = setup({ [PARTS]: 'HDD 2.4TB SAS 10k' });
    const answer = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ state: 'done', method: 'move', sourceKey });
    const moved = jira.state.issue(issue.id)!;
    expect(moved.key).toMatch(/^HW-\d+$/);
    expect(answer.value.state === 'done' && answer.value.targetKey).toBe(moved.key);
    // The bulk move API carries text as a one-element list of strings; the stand-in keeps that form.
    expect([moved.custom[PARTS]].flat()).toEqual(['HDD 2.4TB SAS 10k']);
    const comments = moved.comments.map((c) => JSON.stringify(c.body));
    expect(comments.some((c) => c.includes('Passed to the hardware team'))).toBe(true);
    expect(comments.some((c) => c.includes(`From first line (${sourceKey})`))).toBe(true);
    expect(sidecar.routed).toEqual([
      expect.objectContaining({
        presetId: 'hardware-team',
        channel: 'hw-team',
        sourceKey,
        targetKey: moved.key,
      }),
    ]);
  });

  it('names a missing required target field and changes nothing', async () => {
    const { issue, harness } = setup();
    const answer = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('missingRequiredFields');
    expect(answer.error.message).toContain('Parts to replace');
    expect(writes()).toEqual([]);
    expect(jira.state.issue(issue.id)?.key).toBe(issue.key);
    expect(sidecar.routed).toEqual([]);
  });

  it('asks for the missing field with a text input, then moves the issue with the value typed', async () => {
    const { issue, sourceKey, harness } = setup();
    const first = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    if (first.ok) throw new Error('expected the missing "Parts to replace" to stop the route');
    expect(first.error.details).toMatchObject({
      fields: [{ fieldId: PARTS, name: 'Parts to replace', input: { kind: 'text' } }],
    });
    expect(writes()).toEqual([]);

    const answer = await harness.call<RouteView>('route.execute', {
      presetId: 'hardware-team',
      entered: { [PARTS]: 'RAID controller battery' },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const moved = jira.state.issue(issue.id)!;
    expect(moved.key).toMatch(/^HW-\d+$/);
    expect(answer.value).toMatchObject({ state: 'done', method: 'move', sourceKey, targetKey: moved.key });
    expect([moved.custom[PARTS]].flat()).toEqual(['RAID controller battery']);
    expect(sidecar.routed).toHaveLength(1);
  });

  it('offers the allowed values of a missing pick-list field and sets the ones chosen', async () => {
    const { harness } = partsByHand();
    const first = await harness.call<RouteView>('route.execute', { presetId: 'parts-by-hand' });
    if (first.ok) throw new Error('expected the missing "Parts catalog" to stop the route');
    const [catalog] = (first.error.details as { fields: MissingTargetField[] }).fields;
    expect(catalog).toMatchObject({ fieldId: CATALOG, input: { kind: 'multiselect' } });
    expect(catalog!.input?.kind === 'multiselect' && catalog!.input.options).toContainEqual({
      value: '20004',
      label: 'RAID controller battery',
    });
    const answer = await harness.call<RouteView>('route.execute', {
      presetId: 'parts-by-hand',
      entered: { [CATALOG]: ['20004'] },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    if (answer.value.state !== 'done') throw new Error(`unexpected ${answer.value.state}`);
    expect(jira.state.issue(answer.value.targetKey)!.custom[CATALOG]).toEqual([{ id: '20004' }]);
  });

  it('takes a typed value keyed by the field name, as the plan does', async () => {
    const { issue, harness } = setup();
    const answer = await harness.call<RouteView>('route.execute', {
      presetId: 'hardware-team',
      entered: { 'parts to replace': 'RAID controller battery' },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    expect([jira.state.issue(issue.id)!.custom[PARTS]].flat()).toEqual(['RAID controller battery']);
  });

  it('refuses typed values for fields the target cannot take by hand, and changes nothing', async () => {
    const { harness } = setup();
    for (const entered of [{ customfield_99999: 'x' }, { project: 'DB' }, { [CATALOG]: ['20001'] }]) {
      const answer = await harness.call('route.execute', { presetId: 'hardware-team', entered });
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknownField' } });
    }
    const malformed = await harness.call('route.execute', {
      presetId: 'hardware-team',
      entered: { [PARTS]: { value: 'PSU' } },
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(writes()).toEqual([]);
  });

  it('says beside which field a typed value does not fit', async () => {
    const { harness } = partsByHand();
    const answer = await harness.call('route.execute', {
      presetId: 'parts-by-hand',
      entered: { [CATALOG]: ['Flux capacitor'] },
    });
    if (answer.ok) throw new Error('expected a refusal');
    expect((answer.error.details as { fields: MissingTargetField[] }).fields).toEqual([
      expect.objectContaining({
        fieldId: CATALOG,
        why: expect.stringContaining('"Flux capacitor" is not one of'),
      }),
    ]);
    expect(writes()).toEqual([]);
  });

  it('routes once when the button is pressed twice at the same time', async () => {
    const { sourceKey, harness } = setup({ [PARTS]: 'PSU 800W hot-plug' });
    const [first, second] = await Promise.all([
      harness.call<RouteView>('route.execute', { presetId: 'hardware-team' }),
      harness.call<RouteView>('route.execute', { presetId: 'hardware-team' }),
    ]);
    const again = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    expect(writes().filter((w) => w.startsWith('POST /rest/api/N/bulk/issues/move'))).toHaveLength(1);
    expect([first, second].filter((a) => a.ok)).not.toHaveLength(0);
    // The later click is answered with the finished route, not a second move.
    expect(again).toMatchObject({ ok: true, value: { state: 'done', sourceKey } });
    expect(sidecar.routed).toHaveLength(1);
  });

  it('orders spare parts: creates the PARTS ticket, links it, comments on both and resolves the source', async () => {
    sidecar.contractPanel = contractPanel({ detail: 'brief', register: 'formal', language: 'en' });
    const { issue, harness } = setup();
    const answer = await harness.call<RouteView>('route.execute', {
      presetId: 'order-spare-parts',
      parts: ['PSU 800W hot-plug', 'RAID controller battery'],
    });
    if (!answer.ok) throw new Error(answer.error.message);
    if (answer.value.state !== 'done') throw new Error(`unexpected ${answer.value.state}`);
    expect(answer.value.warnings).toEqual([]);
    const created = jira.state.issue(answer.value.targetKey)!;
    expect(created.key).toMatch(/^PARTS-\d+$/);
    expect(created.summary).toBe(`Parts for ${issue.key}: Array shelf reports a failed disk`);
    expect(JSON.stringify(created.custom[CATALOG])).toContain('20002');
    expect(jira.state.links()).toEqual([
      expect.objectContaining({ inwardIssueId: created.id, outwardIssueId: issue.id }),
    ]);
    const source = jira.state.issue(issue.id)!;
    expect(source.statusId).toBe('5');
    expect(JSON.stringify(source.comments.map((c) => c.body))).toContain('Spare parts ordered by');
    expect(JSON.stringify(created.comments.map((c) => c.body))).toContain(
      `Parts for ${issue.key} (TransLogistic, contract TL-1C-2026/04).`,
    );
    expect(sidecar.routed).toEqual([
      expect.objectContaining({ method: 'clone', targetKey: created.key, channel: 'warehouse' }),
    ]);
  });

  it('reports per-issue failures from the bulk task and leaves no comments behind', async () => {
    const { issue, deps } = setup({ [PARTS]: 'PSU 800W hot-plug' });
    const failing = {
      ...deps,
      jira: {
        ...deps.jira,
        getBulkTask: async (taskId: string) => ({
          ok: true as const,
          value: {
            taskId,
            status: 'COMPLETE' as const,
            progressPercent: 100,
            processedAccessibleIssues: [],
            failedAccessibleIssues: { [issue.id]: ['You do not have permission to move this issue.'] },
            invalidOrInaccessibleIssueCount: 0,
          },
        }),
      },
    };
    const harness = resolverHarness(routeResolvers, failing, issueContext(issue));
    const answer = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    expect(answer).toMatchObject({
      ok: true,
      value: {
        state: 'failed',
        failures: [{ issue: issue.key, messages: ['You do not have permission to move this issue.'] }],
      },
    });
    expect(writes().filter((w) => w.includes('comment'))).toEqual([]);
    expect(sidecar.routed).toEqual([]);
  });

  it('keeps routing from the KVS copy of the settings while the sidecar is down, and says the team was not told', async () => {
    const { harness } = setup({ [PARTS]: 'PSU 800W hot-plug' });
    await harness.call('route.presets'); // caches the settings
    sidecar.down = true;
    const answer = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.state).toBe('done');
    expect(answer.value.state === 'done' && answer.value.warnings).toEqual([
      { code: 'teamNotNotified', params: { project: 'HW', reason: expect.any(String) } },
    ]);
  });

  it('creates, links and resolves instead where Jira does not allow the move', async () => {
    const { issue, sourceKey, deps } = setup({ [PARTS]: 'PSU 800W hot-plug' });
    const noBulkMove = {
      ...deps,
      jira: {
        ...deps.jira,
        submitBulkMove: async () => ({
          ok: false as const,
          error: { status: 403, message: 'You do not have the Bulk change permission.', fieldErrors: {} },
        }),
      },
    };
    const harness = resolverHarness(routeResolvers, noBulkMove, issueContext(issue));
    const answer = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    if (!answer.ok) throw new Error(answer.error.message);
    if (answer.value.state !== 'done') throw new Error(`unexpected ${answer.value.state}`);
    expect(answer.value.method).toBe('clone');
    const created = jira.state.issue(answer.value.targetKey)!;
    expect(created.key).toMatch(/^HW-\d+$/);
    expect(jira.state.issue(issue.id)).toMatchObject({ key: sourceKey, statusId: '5' });
    expect(jira.state.links()).toEqual([
      expect.objectContaining({ inwardIssueId: created.id, outwardIssueId: issue.id }),
    ]);
    expect(answer.value.warnings[0]).toMatchObject({
      code: 'movedAsClone',
      params: { reason: expect.stringContaining('Bulk change permission'), project: 'HW' },
    });
    expect(sidecar.routed).toEqual([expect.objectContaining({ method: 'clone', targetKey: created.key })]);
  });

  it('shows a move still running when the modal is opened again, then its result', async () => {
    const { issue, deps } = setup({ [PARTS]: 'PSU 800W hot-plug' });
    const harness = resolverHarness(routeResolvers, { ...deps, moveWaitMs: 0 }, issueContext(issue));
    const started = await harness.call<RouteView>('route.execute', { presetId: 'hardware-team' });
    expect(started).toMatchObject({ ok: true, value: { state: 'moving' } });
    const reopened = await harness.call<{ current: RouteView | null }>('route.presets');
    expect(reopened).toMatchObject({ ok: true, value: { current: { state: 'moving' } } });
    let view: RouteView | null = null;
    for (let i = 0; i < 100 && view?.state !== 'done'; i++) {
      const answer = await harness.call<RouteView | null>('route.progress');
      view = answer.ok ? answer.value : null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(view).toMatchObject({ state: 'done', targetKey: jira.state.issue(issue.id)!.key });
    expect(sidecar.routed).toHaveLength(1);
  });

  it('refuses a preset that does not apply to the issue', async () => {
    const { harness } = setup();
    const answer = await harness.call('route.execute', { presetId: 'db-only' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'notApplicable' } });
    expect(writes()).toEqual([]);
  });
});
