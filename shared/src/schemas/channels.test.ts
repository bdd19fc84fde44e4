import { ChannelsSchema, routesFor } from './channels.js';
import type { ChannelsInput } from './channels.js';
import { parseWith } from './errors.js';

const NORTHWIND: ChannelsInput = {
  email: {
    host: 'smtp.northwind.example',
    port: 587,
    secure: false,
    user: 'desk',
    password: { secretRef: 'SMTP_PASSWORD' },
    from: 'Northwind Service <desk@northwind.example>',
  },
  telegram: {
    botToken: { secretRef: 'TELEGRAM_BOT_TOKEN' },
    chats: [
      { name: 'hardware', chatId: -1001234567890 },
      { name: 'duty', chatId: '@northwind_duty' },
    ],
  },
  slack: { botToken: { secretRef: 'SLACK_BOT_TOKEN' }, channel: '#support' },
  routes: [
    {
      event: 'issueRouted',
      audience: { kind: 'team', team: 'HW' },
      channel: 'telegram',
      address: 'hardware',
    },
    { event: 'issueRouted', audience: { kind: 'team', team: 'DB' }, channel: 'slack', address: '#db-team' },
    { event: 'unassignedDigest', audience: { kind: 'serviceManager' }, channel: 'email' },
    {
      event: 'slaAtRisk',
      audience: { kind: 'dutyEngineer' },
      channel: 'telegram',
      address: 'duty',
      customerIds: ['severny-bank'],
    },
  ],
};

describe('ChannelsSchema', () => {
  it('parses the demo channels, fills defaults and keeps chat ids as text', () => {
    const channels = ChannelsSchema.parse(NORTHWIND);
    expect(channels.telegram?.apiBaseUrl).toBe('https://api.telegram.org');
    expect(channels.telegram?.chats.map((c) => c.chatId)).toEqual(['-1001234567890', '@northwind_duty']);
    expect(channels.routes[2]?.customerIds).toEqual([]);
  });

  it('refuses a pasted secret and says how to reference it', () => {
    const parsed = parseWith(ChannelsSchema, {
      ...NORTHWIND,
      email: { ...NORTHWIND.email, password: 'hunter2' },
      telegram: { ...NORTHWIND.telegram, botToken: { secretRef: 'telegram token' } },
    });
    expect(parsed).toEqual({
      ok: false,
      error: [
        {
          path: 'email.password',
          message:
            'Do not paste the SMTP password here; store it as a secret and write { "secretRef": "NAME" }',
        },
        {
          path: 'telegram.botToken',
          message: 'The bot token must be { "secretRef": "NAME" } with an upper-case NAME',
        },
      ],
    });
  });

  it('takes Slack as a webhook (itself a secret) or as a bot token with a channel', () => {
    const webhook = { ...NORTHWIND, slack: { webhookUrl: { secretRef: 'SLACK_WEBHOOK_URL' } }, routes: [] };
    expect(ChannelsSchema.safeParse(webhook).success).toBe(true);
    const pasted = parseWith(ChannelsSchema, {
      ...webhook,
      slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/X' },
    });
    expect(pasted.ok ? [] : pasted.error.map((i) => i.path)).toEqual(['slack']);
  });

  it('checks each route against the configured channels', () => {
    const parsed = parseWith(ChannelsSchema, {
      email: NORTHWIND.email,
      telegram: NORTHWIND.telegram,
      slack: { webhookUrl: { secretRef: 'SLACK_WEBHOOK_URL' } },
      routes: [
        { event: 'issueAssigned', audience: { kind: 'team', team: 'HW' }, channel: 'email' },
        {
          event: 'issueRouted',
          audience: { kind: 'team', team: 'HW' },
          channel: 'telegram',
          address: 'warehouse',
        },
        { event: 'slaBreached', audience: { kind: 'serviceManager' }, channel: 'email', address: 'irina@' },
        { event: 'issueRouted', audience: { kind: 'team', team: 'DB' }, channel: 'slack', address: '#db' },
        { event: 'lunch', audience: { kind: 'everyone' }, channel: 'fax' },
      ],
    });
    expect(parsed.ok ? [] : parsed.error).toEqual([
      { path: 'routes.4.event', message: expect.stringMatching(/^Event is one of: issueRouted, /) },
      {
        path: 'routes.4.audience.kind',
        message: 'Audience kind is one of: team, serviceManager, dutyEngineer, assignee',
      },
      { path: 'routes.4.channel', message: 'Channel is one of: email, telegram, slack' },
    ]);
    const valid = parseWith(ChannelsSchema, {
      email: NORTHWIND.email,
      telegram: NORTHWIND.telegram,
      slack: { webhookUrl: { secretRef: 'SLACK_WEBHOOK_URL' } },
      routes: [
        { event: 'issueAssigned', audience: { kind: 'team', team: 'HW' }, channel: 'email' },
        {
          event: 'issueRouted',
          audience: { kind: 'team', team: 'HW' },
          channel: 'telegram',
          address: 'warehouse',
        },
        { event: 'slaBreached', audience: { kind: 'serviceManager' }, channel: 'email', address: 'irina@' },
        { event: 'issueRouted', audience: { kind: 'team', team: 'DB' }, channel: 'slack', address: '#db' },
      ],
    });
    expect(valid.ok ? [] : valid.error).toEqual([
      { path: 'routes.0.address', message: 'Say where team "HW" gets email messages' },
      {
        path: 'routes.1.address',
        message: 'No Telegram chat is named "warehouse"; add it under telegram.chats',
      },
      { path: 'routes.2.address', message: '"irina@" is not an e-mail address' },
      {
        path: 'routes.3.address',
        message: 'A Slack incoming webhook posts to one fixed channel; remove the address or use a bot token',
      },
    ]);
  });

  it('refuses a route on a channel that is not configured', () => {
    const parsed = parseWith(ChannelsSchema, {
      routes: [{ event: 'issueRouted', audience: { kind: 'assignee' }, channel: 'slack' }],
    });
    expect(parsed).toEqual({
      ok: false,
      error: [{ path: 'routes.0.channel', message: 'This route uses slack, which is not configured' }],
    });
  });
});

describe('routesFor', () => {
  const channels = ChannelsSchema.parse(NORTHWIND);

  it('picks the routes of an event, honouring customer filters', () => {
    expect(routesFor(channels, 'issueRouted').map((r) => r.address)).toEqual(['hardware', '#db-team']);
    expect(routesFor(channels, 'slaAtRisk', 'severny-bank')).toHaveLength(1);
    expect(routesFor(channels, 'slaAtRisk', 'baltic-logistics')).toEqual([]);
    expect(routesFor(channels, 'slaAtRisk')).toEqual([]);
  });
});
