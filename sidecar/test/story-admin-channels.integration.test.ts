// The admin's journey with notification channels, through the sidecar's HTTP API: channels saved in
// the settings take effect without a restart, and a test send says plainly what is wrong — a refused
// SMTP login reads "authentication failed for user …" and never carries the password — then, once
// the settings name the right secret, the same test send arrives, by e-mail and in Telegram.
import type { SettingsDocumentInput } from '@frontline/shared';
import { assignmentTestSettings, TEST_SMTP_FROM } from '../src/assignment/testing.js';
import { startTestJwks, TEST_APP_ID } from '../src/http/forge/testing.js';
import type { TestJwks } from '../src/http/forge/testing.js';
import { startStoryWorld } from './story-support.js';
import type { StoryWorld } from './story-support.js';
import { waitFor } from './webhook-client.js';

const BOT_SECRET = 'STORY_ADMIN_TELEGRAM_TOKEN';
const ADMIN_TOKEN = 'story-admin-token-0123456789';
const WRONG = 'STORY_ADMIN_SMTP_OLD_PASSWORD';
const RIGHT = 'STORY_ADMIN_SMTP_PASSWORD';
const CHAT = '-1009876';

function channelSettings(
  smtpPort: number,
  telegramBaseUrl: string,
  passwordRef: string,
): SettingsDocumentInput {
  return {
    ...assignmentTestSettings(),
    channels: {
      email: {
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        user: 'desk',
        password: { secretRef: passwordRef },
        from: TEST_SMTP_FROM,
      },
      telegram: {
        botToken: { secretRef: BOT_SECRET },
        apiBaseUrl: telegramBaseUrl,
        chats: [{ name: 'desk', chatId: CHAT }],
      },
      routes: [],
    },
  };
}

describe('story: an admin saves the notification channels and tests them', () => {
  let world: StoryWorld;
  let jwks: TestJwks;

  beforeAll(async () => {
    jwks = await startTestJwks();
    await jwks.addKey('admin-page');
    process.env[WRONG] = 'last-years-password';
    process.env[RIGHT] = 'correct horse battery staple';
    world = await startStoryWorld({
      secretName: BOT_SECRET,
      smtpUsers: { desk: 'correct horse battery staple' },
      config: { adminToken: ADMIN_TOKEN, forge: { appId: TEST_APP_ID, jwksUrl: jwks.url } },
      routers: true,
    });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await jwks?.close();
    delete process.env[WRONG];
    delete process.env[RIGHT];
  }, 30_000);

  const testSend = async (channel: string, body: unknown, token = ADMIN_TOKEN) => {
    const response = await fetch(`${world.sidecar.url}/api/channels/${channel}/test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('says a channel is not configured before it is saved', async () => {
    const answer = await testSend('email', { recipient: 'admin@northwind.example' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, code: 'not_configured', channel: 'email' });
  });

  it('refuses without the admin token, and names a bad field', async () => {
    expect((await testSend('email', {}, 'not-the-token')).status).toBe(401);
    const bad = await testSend('email', { recipient: '' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('recipient');
    expect((await testSend('fax', {})).status).toBe(404);
  });

  it('reports a refused SMTP login as an authentication failure for the user, without the password', async () => {
    await world.saveSettings(channelSettings(world.smtp.port, world.telegram.baseUrl, WRONG));
    const answer = await testSend('email', { recipient: 'admin@northwind.example' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, code: 'auth_failed', channel: 'email', user: 'desk' });
    expect(String(answer.body.message)).toMatch(/^authentication failed for user desk/);
    expect(JSON.stringify(answer.body)).not.toContain('last-years-password');
    expect(world.smtp.received).toHaveLength(0);
  }, 30_000);

  it('sends once the saved settings name the right secret — no restart', async () => {
    await world.saveSettings(channelSettings(world.smtp.port, world.telegram.baseUrl, RIGHT));
    const answer = await testSend('email', { recipient: 'admin@northwind.example', language: 'ru' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, channel: 'email', recipient: 'admin@northwind.example' });
    const [mail] = await world.smtp.waitFor(1, 10_000);
    expect(mail!.subject).toBe('Проверка канала Frontline');
    expect(mail!.text).toMatch(/^Это проверка канала email с настройками версии \d+\./);

    const telegram = await testSend('telegram', {});
    expect(telegram.status).toBe(200);
    await waitFor(
      async () => world.telegram.messages.some((m) => m.chatId === CHAT),
      10_000,
      'the Telegram test',
    );
    expect(world.telegram.messages.find((m) => m.chatId === CHAT)!.text).toContain(
      'This is a test of the telegram channel',
    );
  }, 30_000);

  it('answers the admin page through Forge Remote the same way (FIT-verified)', async () => {
    const call = async (authorization: string) => {
      const response = await fetch(`${world.sidecar.url}/forge/api/channels/email/test`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'admin@northwind.example' }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await call('Bearer not-a-token')).status).toBe(401);
    const answer = await call(`Bearer ${await jwks.sign('admin-page')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, channel: 'email', recipient: 'admin@northwind.example' });
    await world.smtp.waitFor(2, 10_000);
  }, 30_000);

  it('keeps a message while its channel is off and sends it as soon as the saved settings fix it', async () => {
    const withRoute = (botRef: string): SettingsDocumentInput => {
      const settings = channelSettings(world.smtp.port, world.telegram.baseUrl, RIGHT);
      return {
        ...settings,
        channels: {
          ...settings.channels,
          telegram: { ...settings.channels!.telegram!, botToken: { secretRef: botRef } },
          routes: [
            {
              event: 'issueUnassigned',
              audience: { kind: 'team', team: 'DB' },
              channel: 'telegram',
              address: 'desk',
            },
          ],
        },
      };
    };
    // A secret name nobody has set: Telegram stays off and its messages wait in the outbox.
    await world.saveSettings(withRoute('STORY_ADMIN_UNSET_TOKEN'));
    const before = world.telegram.messages.length;
    const issue = world.jira.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10002',
      summary: 'Replica lag on the reporting database',
      priorityId: '3',
    });
    const held = async () =>
      (
        await world.sidecar.db.query<{ status: string }>(
          "SELECT status FROM notify_outbox WHERE idempotency_key LIKE 'unassigned:' || $1 || ':%'",
          [issue.key],
        )
      ).rows[0]?.status;
    await waitFor(
      async () => (await held()) === 'held',
      20_000,
      'the announcement held while Telegram is off',
    );
    expect(world.telegram.messages).toHaveLength(before);

    await world.saveSettings(withRoute(BOT_SECRET));
    await waitFor(
      async () => world.telegram.messages.some((m) => m.text.includes(`${issue.key} ждёт инженера`)),
      20_000,
      'the held announcement sent once Telegram is saved',
    );
    expect(await held()).toBe('sent');
  }, 60_000);

  it('reports a bot token Telegram refuses', async () => {
    world.telegram.script('sendMessage', {
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    const answer = await testSend('telegram', {});
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, code: 'auth_failed', channel: 'telegram' });
    expect(JSON.stringify(answer.body)).not.toContain(world.telegram.token);
  }, 30_000);
});
