// A desk with both trackers: the database team (DB) in the Jira stand-in, the hardware queue (HWQ)
// in the YouTrack stand-in, one sidecar. Every notice links to the ticket in the tracker it lives
// in: the HWQ announcement in the team's Telegram chat opens the YouTrack issue (/issue/HWQ-n) and
// its "Take" assigns the engineer by YouTrack command; the auto-assigned show-stopper's assignee
// notice opens YouTrack too; a ticket routed from the YouTrack app to the network queue (NETQ) is
// announced to that team, linked to its new id; a DB ticket's announcement still opens Jira
// (/browse/DB-n).
import type { EngineerInput, RoutingPresetInput, SettingsDocumentInput } from '@frontline/shared';
import { DEMO_CUSTOMERS, DEMO_FIELD_IDS } from '../sandbox/index.js';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_POLICY,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
  withYouTrackTeam,
} from '../sandbox/youtrack/index.js';
import type { YouTrackStandIn, YtIssue } from '../sandbox/youtrack/index.js';
import { latestRanking } from '../src/assignment/repository.js';
import { assignmentTestSettings } from '../src/assignment/testing.js';
import { appCall } from './youtrack-app-hosts.js';
import type { StandInMessage } from '../src/notify/testing/telegram-stand-in.js';
import { startStoryWorld } from './story-support.js';
import type { StoryWorld } from './story-support.js';
import { waitFor } from './webhook-client.js';

const TOKEN_SECRET = 'YOUTRACK_NOTICES_TELEGRAM_TOKEN';
const YT_SECRET = 'northwind-youtrack-app-secret-0001';
const HW_CHAT = '-1002468';
const DB_CHAT = '-1001234';
const NET_CHAT = '-1003579';
const ALEXEI = { id: 480113311, first_name: 'Alexei', language_code: 'ru' };
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;

/** The network team's queue in YouTrack, where the hardware queue passes what is not hardware. */
const NETWORK_PRESET: RoutingPresetInput = {
  id: 'network-team',
  name: 'Network team',
  description: 'Routers, VPN and links: the network engineers’ queue',
  appliesTo: { projects: ['HWQ'] },
  target: { project: 'NETQ', issueType: { name: 'Task' } },
  method: 'move',
  comments: {},
  notifyChannel: 'net-team',
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
      projects: { ...YOUTRACK_DEMO_TRACKERS.projects, NETQ: 'youtrack' },
    },
    routingPresets: [...(base.routingPresets ?? []), NETWORK_PRESET],
    channels: {
      ...base.channels,
      telegram: {
        botToken: { secretRef: TOKEN_SECRET },
        apiBaseUrl: telegramBaseUrl,
        chats: [
          { name: 'hw-team', chatId: HW_CHAT },
          { name: 'db-team', chatId: DB_CHAT },
          { name: 'net-team', chatId: NET_CHAT },
        ],
      },
      routes: [
        ...(base.channels?.routes ?? []),
        {
          event: 'issueUnassigned',
          audience: { kind: 'team', team: 'HWQ' },
          channel: 'telegram',
          address: 'hw-team',
        },
        {
          event: 'issueUnassigned',
          audience: { kind: 'team', team: 'DB' },
          channel: 'telegram',
          address: 'db-team',
        },
        {
          event: 'issueRouted',
          audience: { kind: 'team', team: 'NETQ' },
          channel: 'telegram',
          address: 'net-team',
        },
      ],
    },
  };
}

describe('notice links on a desk with Jira and YouTrack projects', () => {
  let world: StoryWorld;
  let youtrack: YouTrackStandIn;

  beforeAll(async () => {
    youtrack = await startYouTrackStandIn({ seed: true });
    youtrack.state.addProject('NETQ', 'Network queue');
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

  const inChat = (chatId: string, key: string) =>
    world.telegram.messages.filter((m) => m.chatId === chatId && m.text.includes(key));
  const buttons = (m: StandInMessage) => m.replyMarkup?.inline_keyboard.flat() ?? [];
  const linkOf = (m: StandInMessage) => buttons(m).find((b) => b.url !== undefined)?.url;
  const assigneeOf = (issue: YtIssue) =>
    (
      youtrack.state.issue(issue.idReadable).customFields.find((f) => f.name === 'Assignee')!.value as {
        login: string;
      } | null
    )?.login ?? null;

  let announcement: StandInMessage;
  let normal: YtIssue;

  it('announces an unassigned HWQ ticket in the team chat with a link to the YouTrack issue', async () => {
    normal = youtrack.raise({
      summary: 'Printer in the Tver warehouse jams',
      reporter: 'm.orlova',
      priority: 'Normal',
    });
    await waitFor(async () => inChat(HW_CHAT, normal.idReadable).length > 0, 30_000, 'the HWQ announcement');
    announcement = inChat(HW_CHAT, normal.idReadable)[0]!;
    expect(linkOf(announcement)).toBe(`${youtrack.url}/issue/${normal.idReadable}`);
    expect(buttons(announcement)).toContainEqual({
      text: 'Беру',
      callback_data: `take:${normal.idReadable}`,
    });
    expect(assigneeOf(normal)).toBeNull();
  }, 60_000);

  it('assigns the ticket in YouTrack by command when a team engineer presses Take', async () => {
    const answered = world.telegram.callbackAnswers.length;
    const commands = () => youtrack.calls.filter((c) => c.method === 'POST' && c.path === '/api/commands');
    const commandsBefore = commands().length;
    await world.telegram.press(announcement, ALEXEI);
    await waitFor(
      async () => world.telegram.callbackAnswers.length > answered,
      15_000,
      'the answer to Alexei',
    );
    expect(world.telegram.callbackAnswers[answered]!.text).toBe(`${normal.idReadable} теперь ваша.`);
    const alexei = assignmentTestSettings().engineers!.find((e) => e.name === 'Alexei Smirnov')!;
    expect(assigneeOf(normal)).toBe(YOUTRACK_DEMO_LOGINS[alexei.accountId]);
    expect(commands().length).toBeGreaterThan(commandsBefore);
    await waitFor(async () => announcement.edits > 0, 10_000, 'the announcement marked as taken');
    expect(announcement.text).toContain('✋ Взята в работу: Alexei Smirnov');
    // The link still opens the YouTrack issue after the edit.
    expect(linkOf(announcement)).toBe(`${youtrack.url}/issue/${normal.idReadable}`);
  }, 40_000);

  it('links the assignee notice of an auto-assigned show-stopper to the YouTrack issue', async () => {
    const urgent = youtrack.raise({
      summary: 'Disk array controller failover in the reserve data centre',
      reporter: 'k.lebedev',
      priority: 'Show-stopper',
    });
    await waitFor(
      async () => (await latestRanking(world.sidecar.db, urgent.idReadable))?.actionState === 'done',
      30_000,
      'the auto assignment',
    );
    const notices = await world.sidecar.db.query<{ url: string | null }>(
      `SELECT message->'link'->>'url' AS url FROM notify_outbox
        WHERE message->>'issueKey' = $1 AND idempotency_key LIKE 'assign:%'`,
      [urgent.idReadable],
    );
    expect(notices.rows.length).toBeGreaterThan(0);
    for (const row of notices.rows) expect(row.url).toBe(`${youtrack.url}/issue/${urgent.idReadable}`);
  }, 60_000);

  it('tells the target team of a ticket routed from the YouTrack app, linked to the issue in its new project', async () => {
    const raised = youtrack.raise({
      summary: 'VPN tunnel to the Tver branch drops every hour',
      reporter: 'k.lebedev',
      priority: 'Normal',
    });
    const hwKey = raised.idReadable;
    await waitFor(async () => inChat(HW_CHAT, hwKey).length > 0, 30_000, 'the HWQ announcement');
    const res = await appCall(world.sidecar.url, YT_SECRET, 'POST', `/youtrack/api/issues/${hwKey}/route`, {
      presetId: 'network-team',
      actor: 'alexei',
    });
    expect(res.status).toBe(200);
    const moved = youtrack.state.issue(raised.id);
    expect(moved.project.shortName).toBe('NETQ');
    expect(moved.idReadable).not.toBe(hwKey);
    expect(res.body).toMatchObject({
      issueKey: hwKey,
      targetKey: moved.idReadable,
      notices: 1,
    });
    await waitFor(async () => inChat(NET_CHAT, moved.idReadable).length > 0, 20_000, 'the NETQ notice');
    const notices = inChat(NET_CHAT, moved.idReadable);
    expect(notices).toHaveLength(1);
    const message = notices[0];
    expect(message!.text).toContain(`${moved.idReadable} передана: NETQ`);
    expect(message!.text).toContain('Alexei Smirnov');
    expect(linkOf(message!)).toBe(`${youtrack.url}/issue/${moved.idReadable}`);
  }, 60_000);

  it('still links a Jira ticket’s announcement to Jira', async () => {
    const issue = world.jira.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10002',
      summary: 'Reporting database stopped accepting connections',
      reporterId: bank.contacts[0]!.accountId,
      priorityId: '2',
      custom: { [DEMO_FIELD_IDS.organizations]: [{ id: bank.organizationId, name: bank.name }] },
    });
    await waitFor(async () => inChat(DB_CHAT, issue.key).length > 0, 20_000, 'the DB announcement');
    expect(linkOf(inChat(DB_CHAT, issue.key)[0]!)).toBe(`${world.jira.url}/browse/${issue.key}`);
  }, 40_000);
});
