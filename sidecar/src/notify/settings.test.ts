import { ChannelsSchema } from '@frontline/shared';
import type { ChannelsInput, Route } from '@frontline/shared';
import { channelsConfigFromSettings, recipientFor, SLACK_WEBHOOK_RECIPIENT } from './settings.js';

const SECRETS: Record<string, string> = {
  SMTP_PASSWORD: 's3cret',
  TELEGRAM_BOT_TOKEN: '123:abc',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.example/T/B/x',
};
const resolve = (name: string) => SECRETS[name];

function settings(input: ChannelsInput) {
  const parsed = ChannelsSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

const NORTHWIND = settings({
  email: {
    host: 'smtp.northwind.example',
    port: 587,
    secure: false,
    user: 'desk',
    password: { secretRef: 'SMTP_PASSWORD' },
    from: 'Northwind Service <desk@northwind.example>',
  },
  telegram: { botToken: { secretRef: 'TELEGRAM_BOT_TOKEN' }, chats: [{ name: 'duty', chatId: -100200300 }] },
  slack: { webhookUrl: { secretRef: 'SLACK_WEBHOOK_URL' } },
});

const route = (r: Partial<Route> & Pick<Route, 'channel'>): Route => ({
  event: 'issueAssigned',
  audience: { kind: 'assignee' },
  customerIds: [],
  ...r,
});

describe('channelsConfigFromSettings', () => {
  it('resolves every secret reference into the transport options', () => {
    expect(channelsConfigFromSettings(NORTHWIND, resolve)).toEqual({
      ok: true,
      value: {
        email: {
          host: 'smtp.northwind.example',
          port: 587,
          secure: false,
          user: 'desk',
          pass: 's3cret',
          from: 'Northwind Service <desk@northwind.example>',
        },
        telegram: { botToken: '123:abc', baseUrl: 'https://api.telegram.org' },
        slack: { webhooks: { [SLACK_WEBHOOK_RECIPIENT]: 'https://hooks.slack.example/T/B/x' } },
      },
    });
  });

  it('names each secret that is not set, by settings path', () => {
    expect(channelsConfigFromSettings(NORTHWIND, () => undefined)).toEqual({
      ok: false,
      error: [
        { path: 'email.password', message: 'Secret SMTP_PASSWORD is not set' },
        { path: 'telegram.botToken', message: 'Secret TELEGRAM_BOT_TOKEN is not set' },
        { path: 'slack.webhookUrl', message: 'Secret SLACK_WEBHOOK_URL is not set' },
      ],
    });
  });

  it('leaves unconfigured channels out', () => {
    expect(channelsConfigFromSettings(settings({}), resolve)).toEqual({ ok: true, value: {} });
  });
});

describe('recipientFor', () => {
  it('uses the route address, else the person’s, for e-mail', () => {
    expect(
      recipientFor(NORTHWIND, route({ channel: 'email', address: 'hw@northwind.example' }), {
        email: 'a@northwind.example',
      }),
    ).toEqual({ ok: true, value: 'hw@northwind.example' });
    expect(recipientFor(NORTHWIND, route({ channel: 'email' }), { email: 'a@northwind.example' })).toEqual({
      ok: true,
      value: 'a@northwind.example',
    });
    expect(recipientFor(NORTHWIND, route({ channel: 'email' }))).toMatchObject({ ok: false });
  });

  it('turns a Telegram chat name into its id, and a person into their private chat', () => {
    expect(recipientFor(NORTHWIND, route({ channel: 'telegram', address: 'duty' }))).toEqual({
      ok: true,
      value: '-100200300',
    });
    expect(recipientFor(NORTHWIND, route({ channel: 'telegram' }), { telegramUserId: 7001 })).toEqual({
      ok: true,
      value: '7001',
    });
    expect(recipientFor(NORTHWIND, route({ channel: 'telegram', address: 'night' }))).toEqual({
      ok: false,
      error: 'no Telegram chat named "night"',
    });
  });

  it('sends Slack to the webhook, or with a bot token to the route’s channel or the default', () => {
    expect(recipientFor(NORTHWIND, route({ channel: 'slack' }))).toEqual({
      ok: true,
      value: SLACK_WEBHOOK_RECIPIENT,
    });
    const bot = settings({ slack: { botToken: { secretRef: 'SLACK_BOT_TOKEN' }, channel: '#support' } });
    expect(recipientFor(bot, route({ channel: 'slack' }))).toEqual({ ok: true, value: '#support' });
    expect(recipientFor(bot, route({ channel: 'slack', address: '#hardware' }))).toEqual({
      ok: true,
      value: '#hardware',
    });
  });
});
