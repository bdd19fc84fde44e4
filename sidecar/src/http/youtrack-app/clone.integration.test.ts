// A coordinator on the hardware queue (HWQ, in YouTrack) orders spare parts with one click in the
// YouTrack app: the clone preset makes a linked issue in the warehouse's parts queue (PARTQ, in
// YouTrack too) with every field PARTQ needs, notes on both issues, and the warehouse told in its
// Telegram chat. The route is driven through the sidecar's real HTTP route, signed as the YouTrack
// app's backend signs it, against the YouTrack stand-in; a double click makes one issue, a lost answer
// to the create makes none twice, and PARTQ's refusal names its field.
import type { EngineerInput, RoutingPresetInput, SettingsDocumentInput } from '@frontline/shared';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_POLICY,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
  withYouTrackTeam,
} from '../../../sandbox/youtrack/index.js';
import type { YouTrackStandIn, YtIssue } from '../../../sandbox/youtrack/index.js';
import { DEMO_CONTRACTS } from '../../../demo/contracts.js';
import { startStoryWorld } from '../../../test/story-support.js';
import type { StoryWorld } from '../../../test/story-support.js';
import { waitFor } from '../../../test/webhook-client.js';
import { assignmentTestSettings } from '../../assignment/testing.js';
import { appCall } from '../../../test/youtrack-app-hosts.js';

const TOKEN_SECRET = 'YOUTRACK_CLONE_TELEGRAM_TOKEN';
const YT_SECRET = 'northwind-youtrack-app-secret-0002';
const WAREHOUSE_CHAT = '-1009753';
const ALEXEI = { id: 480113312, first_name: 'Alexei', language_code: 'ru' };
const bank = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;

/** "Order spare parts" for the hardware queue: a Service request in PARTQ, linked to the ticket. */
const PARTS_PRESET: RoutingPresetInput = {
  id: 'order-parts-yt',
  name: 'Order spare parts',
  description: 'A parts order for the warehouse, linked to this ticket',
  appliesTo: { projects: ['HWQ'] },
  target: { project: 'PARTQ', issueType: { name: 'Service request' } },
  method: 'clone',
  carry: ['description', 'priority'],
  fields: [
    { targetField: 'summary', from: { template: 'Parts for {{key}}: {{summary}}' } },
    { targetField: 'Parts to replace', from: { sourceField: 'Parts to replace' } },
    { targetField: 'Customer', from: { contract: 'customer' } },
    { targetField: 'Delivery address', from: { value: 'Northwind Service warehouse, Moscow' } },
  ],
  linkType: 'Relates',
  comments: {
    source: 'Spare parts ordered by {{actor}}.',
    target: 'Parts for {{key}} ({{customer}}, contract {{contractNumber}}).',
  },
  notifyChannel: 'warehouse',
};

function settings(telegramBaseUrl: string): SettingsDocumentInput {
  const base = assignmentTestSettings();
  const engineers = withYouTrackTeam(base.engineers ?? []).map((e): EngineerInput =>
    e.name === 'Alexei Smirnov' ? { ...e, telegramUserId: ALEXEI.id } : e,
  );
  return {
    ...base,
    engineers,
    assignment: [...(base.assignment ?? []), YOUTRACK_DEMO_POLICY],
    trackers: {
      ...YOUTRACK_DEMO_TRACKERS,
      projects: { ...YOUTRACK_DEMO_TRACKERS.projects, PARTQ: 'youtrack' },
    },
    routingPresets: [...(base.routingPresets ?? []), PARTS_PRESET],
    channels: {
      ...base.channels,
      telegram: {
        botToken: { secretRef: TOKEN_SECRET },
        apiBaseUrl: telegramBaseUrl,
        chats: [{ name: 'warehouse', chatId: WAREHOUSE_CHAT }],
      },
      routes: [
        ...(base.channels?.routes ?? []),
        {
          event: 'issueRouted',
          audience: { kind: 'team', team: 'PARTQ' },
          channel: 'telegram',
          address: 'warehouse',
        },
      ],
    },
  };
}

describe('ordering spare parts from a YouTrack ticket: a linked copy in the parts queue', () => {
  let world: StoryWorld;
  let youtrack: YouTrackStandIn;

  beforeAll(async () => {
    youtrack = await startYouTrackStandIn({ seed: true });
    // The hardware queue names the parts; the parts queue cannot take an order without them.
    youtrack.state.addProjectField('HWQ', { name: 'Parts to replace', kind: 'text', canBeEmpty: true });
    youtrack.state.addProject('PARTQ', 'Parts orders');
    youtrack.state.addProjectField('PARTQ', { name: 'Parts to replace', kind: 'text', canBeEmpty: false });
    youtrack.state.addProjectField('PARTQ', { name: 'Customer', kind: 'string', canBeEmpty: true });
    youtrack.state.addProjectField('PARTQ', { name: 'Delivery address', kind: 'string', canBeEmpty: true });
    world = await startStoryWorld({
      secretName: TOKEN_SECRET,
      config: {
        youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
        youtrackWebhookSecrets: [YT_SECRET],
      },
      routers: true,
    });
    await world.saveSettings(settings(world.telegram.baseUrl));
    youtrack.deliverTo({ url: `${world.sidecar.url}/webhooks/youtrack`, secret: YT_SECRET });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await youtrack?.close();
  }, 30_000);

  /** A Severny Bank ticket in HWQ naming the parts to replace (none: `parts` empty). */
  const raise = (summary: string, parts: string) =>
    youtrack.state.createIssue({
      project: 'HWQ',
      summary,
      description: 'Array SN-4411 in the reserve data centre reports a degraded controller.',
      reporter: 'k.lebedev',
      priority: 'Critical',
      customFields: parts
        ? [{ name: 'Parts to replace', $type: 'TextIssueCustomField', value: { text: parts } }]
        : [],
    });

  /** The click, as the YouTrack app's backend sends it: signed over method, path, time and body. */
  const route = (issue: YtIssue, presetId = PARTS_PRESET.id) =>
    appCall(world.sidecar.url, YT_SECRET, 'POST', `/youtrack/api/issues/${issue.idReadable}/route`, {
      presetId,
      actor: 'alexei',
    });

  const partsIssues = () => youtrack.state.issues.filter((i) => i.project.shortName === 'PARTQ');
  const valueOf = (issue: YtIssue, name: string) => issue.customFields.find((f) => f.name === name)?.value;
  const linkedKeys = (issue: YtIssue) => issue.links.flatMap((l) => l.issues.map((i) => i.idReadable));
  const inChat = (key: string) =>
    world.telegram.messages.filter((m) => m.chatId === WAREHOUSE_CHAT && m.text.includes(key));

  it('lists the clone preset for a HWQ ticket, as a copy', async () => {
    const issue = raise('Disk array controller degraded', 'RAID controller RC-2 ×1');
    const res = await appCall(
      world.sidecar.url,
      YT_SECRET,
      'GET',
      `/youtrack/api/issues/${issue.idReadable}/presets`,
    );
    expect(res.status).toBe(200);
    expect((res.body as { presets: unknown[] }).presets).toContainEqual(
      expect.objectContaining({ id: PARTS_PRESET.id, method: 'clone', targetProject: 'PARTQ' }),
    );
  }, 30_000);

  it('makes the parts order in PARTQ with its fields, links both issues, notes both and tells the warehouse', async () => {
    const source = raise(
      'Disk array controller failover in the reserve data centre',
      'RAID controller RC-2 ×1',
    );
    const res = await route(source);
    expect(res.status).toBe(200);
    const [order] = partsIssues().filter((i) => i.summary.includes(source.idReadable));
    expect(order).toBeDefined();
    expect(res.body).toMatchObject({
      issueKey: source.idReadable,
      targetKey: order!.idReadable,
      targetUrl: `${youtrack.url}/issue/${order!.idReadable}`,
      targetProject: 'PARTQ',
      method: 'clone',
      moved: false,
      notices: 1,
      warnings: [],
    });
    // Every field the parts queue needs, from the preset, the ticket and the customer's contract.
    expect(order!.summary).toBe(`Parts for ${source.idReadable}: ${source.summary}`);
    expect(order!.description).toBe(source.description);
    expect(valueOf(order!, 'Parts to replace')).toMatchObject({ text: 'RAID controller RC-2 ×1' });
    expect(valueOf(order!, 'Customer')).toBe(bank.customer.name);
    expect(valueOf(order!, 'Delivery address')).toBe('Northwind Service warehouse, Moscow');
    expect(valueOf(order!, 'Type')).toMatchObject({ name: 'Service request' });
    expect(valueOf(order!, 'Priority')).toMatchObject({ name: 'Critical' });
    // Linked both ways; the source stays where it is.
    expect(linkedKeys(order!)).toEqual([source.idReadable]);
    expect(linkedKeys(youtrack.state.issue(source.id))).toEqual([order!.idReadable]);
    expect(youtrack.state.issue(source.id).project.shortName).toBe('HWQ');
    // The preset's notes, internal, on each side.
    expect(youtrack.state.issue(source.id).comments.map((c) => [c.text, c.visibility.$type])).toContainEqual([
      'Spare parts ordered by alexei.',
      'LimitedVisibility',
    ]);
    expect(order!.comments.map((c) => c.text)).toEqual([
      `Parts for ${source.idReadable} (${bank.customer.name}, contract ${bank.number}).`,
    ]);
    // The warehouse hears of it in its chat, linked to the new issue.
    await waitFor(async () => inChat(order!.idReadable).length > 0, 20_000, 'the warehouse notice');
    const [notice] = inChat(order!.idReadable);
    expect(notice!.text).toContain('Alexei Smirnov');
    const link = notice!.replyMarkup?.inline_keyboard.flat().find((b) => b.url !== undefined)?.url;
    expect(link).toBe(`${youtrack.url}/issue/${order!.idReadable}`);
  }, 60_000);

  it('makes one issue on a double click: the second click gets the first one’s result', async () => {
    const source = raise('Power supply of node 3 is down', 'PSU 800W hot-plug ×1');
    const before = partsIssues().length;
    const [a, b] = await Promise.all([route(source), route(source)]);
    const statuses = [a.status, b.status].sort();
    // Both at once: one makes the order, the other is told it is under way (or sees it made).
    expect(statuses[0]).toBe(200);
    expect([200, 409]).toContain(statuses[1]);
    if (statuses[1] === 409)
      expect([a, b].find((r) => r.status === 409)!.body.error?.code).toBe('route_in_progress');
    const again = await route(source);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ repeated: true, targetKey: a.body.targetKey ?? b.body.targetKey });
    expect(partsIssues().length).toBe(before + 1);
    await waitFor(async () => inChat(String(again.body.targetKey)).length > 0, 20_000, 'the notice');
    expect(inChat(String(again.body.targetKey))).toHaveLength(1);
  }, 60_000);

  it('never creates twice when YouTrack’s answer to the create is lost: the next click finds the issue', async () => {
    const source = raise('Fan tray alarm on the core switch', 'Fan tray FT-9 ×1');
    const before = partsIssues().length;
    const lost = { status: 504, afterApplying: true, on: 'POST /api/issues' };
    youtrack.faults.push(lost);
    const first = await route(source);
    expect([first.status, first.body.error?.code]).toEqual([502, 'route_outcome_unknown']);
    // YouTrack did make it; the sidecar sent the create once.
    expect(partsIssues().length).toBe(before + 1);
    const creates = () =>
      youtrack.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/api/issues?'));
    const createsAfterFirst = creates().length;
    const second = await route(source);
    expect(second.status).toBe(200);
    const order = partsIssues().find((i) => i.summary.includes(source.idReadable))!;
    expect(second.body).toMatchObject({ targetKey: order.idReadable, notices: 1 });
    expect(creates().length).toBe(createsAfterFirst);
    expect(partsIssues().length).toBe(before + 1);
    expect(linkedKeys(youtrack.state.issue(source.id))).toEqual([order.idReadable]);
  }, 60_000);

  it('names the field PARTQ refuses, and makes nothing', async () => {
    const source = raise('Controller cache battery warning', '');
    const before = partsIssues().length;
    const res = await route(source);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'clone_refused',
      details: [{ path: 'Parts to replace', message: 'Parts to replace is required' }],
    });
    expect(res.body.error?.message).toContain('Parts to replace');
    expect(partsIssues().length).toBe(before);
    expect(youtrack.state.issue(source.id).comments.map((c) => c.text)).not.toContain(
      'Spare parts ordered by alexei.',
    );
    // Once the ticket names the parts, the same click goes through (the refusal held nothing back).
    const field = youtrack.state.issue(source.id).customFields.find((f) => f.name === 'Parts to replace')!;
    field.value = { $type: 'TextFieldValue', text: 'Battery BBU-7 ×1' };
    expect((await route(source)).status).toBe(200);
  }, 60_000);
});
