// Telegram in webhook mode, as several replicas run it: with TELEGRAM_WEBHOOK_SECRET and
// FRONTLINE_PUBLIC_URL the sidecar registers its webhook as soon as the admin saves the bot (trying
// again after Telegram says "retry after"), never calls getUpdates, and the Take button pressed in
// the DB team's chat reaches /telegram/webhook and assigns the ticket in Jira. A delivery with the
// wrong secret is refused with 401 and changes nothing; an update delivered again is handled once.
import { DEMO_CUSTOMERS, DEMO_FIELD_IDS } from '../sandbox/index.js';
import type { EngineerInput, SettingsDocumentInput } from '@frontline/shared';
import { assignmentTestSettings } from '../src/assignment/testing.js';
import type { StandInMessage } from '../src/notify/testing/telegram-stand-in.js';
import { freePort } from './replicas.js';
import { startStoryWorld } from './story-support.js';
import type { StoryWorld } from './story-support.js';
import { waitFor } from './webhook-client.js';

const TOKEN_SECRET = 'WEBHOOK_STORY_TELEGRAM_TOKEN';
const WEBHOOK_SECRET = 'northwind-telegram_hook-0001';
const DB_CHAT = '-1004321';
const OLGA = { id: 480112233, first_name: 'Olga', language_code: 'ru' };
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;
const olga = assignmentTestSettings().engineers!.find((e) => e.name === 'Olga Kuznetsova')!;

function webhookSettings(telegramBaseUrl: string): SettingsDocumentInput {
  const base = assignmentTestSettings();
  const engineers = (base.engineers ?? []).map((e): EngineerInput =>
    e.accountId === olga.accountId ? { ...e, telegramUserId: OLGA.id } : e,
  );
  return {
    ...base,
    engineers,
    channels: {
      telegram: {
        botToken: { secretRef: TOKEN_SECRET },
        apiBaseUrl: telegramBaseUrl,
        chats: [{ name: 'db-team', chatId: DB_CHAT }],
      },
      routes: [
        {
          event: 'issueUnassigned',
          audience: { kind: 'team', team: 'DB' },
          channel: 'telegram',
          address: 'db-team',
        },
      ],
    },
  };
}

describe('Telegram by webhook: no replica polls, Take still assigns', () => {
  let world: StoryWorld;
  let publicUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    world = await startStoryWorld({
      secretName: TOKEN_SECRET,
      config: { port, publicUrl, telegramWebhookSecret: WEBHOOK_SECRET },
    });
  }, 60_000);
  afterAll(() => world?.close(), 30_000);

  const calls = (method: string) => world.telegram.calls.filter((c) => c.method === method);
  const inChat = (chatId: string) => world.telegram.messages.filter((m) => m.chatId === chatId);

  it('registers its webhook once the bot is saved, waiting as long as Telegram asks after a 429', async () => {
    world.telegram.script('setWebhook', {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    await world.saveSettings(webhookSettings(world.telegram.baseUrl));
    await waitFor(async () => world.telegram.webhook() !== undefined, 20_000, 'the webhook registered');
    expect(world.telegram.webhook()).toEqual({
      url: `${publicUrl}/telegram/webhook`,
      secretToken: WEBHOOK_SECRET,
      allowedUpdates: ['callback_query', 'message'],
    });
    const [refused, accepted] = calls('setWebhook');
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(1_000);
    expect(calls('getUpdates')).toEqual([]);
  }, 30_000);

  let key: string;
  let announcement: StandInMessage;

  it('announces a new DB ticket with a Take button', async () => {
    key = world.jira.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10002',
      summary: 'Replica lag on the reporting database',
      reporterId: bank.contacts[0]!.accountId,
      priorityId: '2',
      labels: ['database'],
      custom: { [DEMO_FIELD_IDS.organizations]: [{ id: bank.organizationId, name: bank.name }] },
    }).key;
    await waitFor(async () => inChat(DB_CHAT).length > 0, 20_000, 'the announcement in the DB chat');
    announcement = inChat(DB_CHAT)[0]!;
    expect(announcement.replyMarkup?.inline_keyboard.flat()).toContainEqual({
      text: 'Беру',
      callback_data: `take:${key}`,
    });
  }, 30_000);

  it('refuses a delivery with the wrong secret: 401, nothing answered, nobody assigned', async () => {
    const status = await world.telegram.press(announcement, OLGA, { secretToken: 'not-the-webhook-secret' });
    expect(status).toBe(401);
    expect(world.telegram.callbackAnswers).toEqual([]);
    expect(world.jira.state.issue(key)!.assigneeId).toBeNull();
  }, 20_000);

  it('assigns the ticket when Olga presses Take, the press delivered to /telegram/webhook', async () => {
    const status = await world.telegram.press(announcement, OLGA);
    expect(status).toBe(200);
    expect(world.telegram.callbackAnswers.map((a) => a.text)).toEqual([`${key} теперь ваша.`]);
    expect(world.jira.state.issue(key)!.assigneeId).toBe(olga.accountId);
    await waitFor(async () => announcement.edits > 0, 10_000, 'the announcement marked as taken');
    expect(announcement.text).toContain('✋ Взята в работу: Olga Kuznetsova');
  }, 20_000);

  it('handles an update delivered again only once', async () => {
    const edits = announcement.edits;
    const status = await world.telegram.deliver(world.telegram.updates.at(-1)!);
    expect(status).toBe(200);
    expect(world.telegram.callbackAnswers).toHaveLength(1);
    expect(announcement.edits).toBe(edits);
    expect(calls('answerCallbackQuery')).toHaveLength(1);
  }, 20_000);

  it('registers the webhook again when the bot’s settings change, and never polls', async () => {
    const before = calls('setWebhook').length;
    // The same stand-in under another name: the bot's API address changed in the settings.
    await world.saveSettings(webhookSettings(world.telegram.baseUrl.replace('127.0.0.1', 'localhost')));
    await waitFor(
      async () => calls('setWebhook').length > before,
      20_000,
      'the webhook registered for the changed bot',
    );
    expect(calls('setWebhook').at(-1)!.params).toEqual({
      url: `${publicUrl}/telegram/webhook`,
      secret_token: WEBHOOK_SECRET,
      allowed_updates: ['callback_query', 'message'],
    });
    expect(calls('getUpdates')).toEqual([]);
  }, 30_000);
});
