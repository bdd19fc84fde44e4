import express from 'express';
import { err, ok } from '@frontline/shared';
import type { Result } from '@frontline/shared';
import { errorMiddleware } from '../http/errors.js';
import type { Db } from '../store/db.js';
import { createTelegramChannel, createTelegramClient } from './channels/telegram.js';
import { engineerByTelegramUserId } from './index.js';
import { enqueueMessage, findSentTelegramCopies } from './outbox.js';
import { renderTicketNotice } from './render.js';
import type { Language } from './render.js';
import { handleTelegramCallback } from './telegram-take.js';
import type { TakeOutcome } from './telegram-take.js';
import { createTelegramWebhookRouter, TELEGRAM_WEBHOOK_PATH } from '../http/telegram-webhook.js';
import { openNotifyTestDb, truncateNotifyTables } from './testing/db.js';
import { keptLog } from './testing/fakes.js';
import { listenOnLoopback } from './testing/loopback.js';
import type { LoopbackHttp } from './testing/loopback.js';
import { startTelegramStandIn } from './testing/telegram-stand-in.js';
import type { TelegramStandIn } from './testing/telegram-stand-in.js';
import { createOutboxWorker } from './worker.js';

const SECRET = 'northwind-webhook-secret_1';
const ENGINEERS = [
  { accountId: 'acc-ivanov', name: 'Alexei Ivanov', telegramUserId: 7001, languages: ['ru'] },
  { accountId: 'acc-smith', name: 'Jane Smith', telegramUserId: 7002, languages: ['en'] },
  { accountId: 'acc-petrova', name: 'Olga Petrova' },
];
const IVANOV = { id: 7001, first_name: 'Alexei', language_code: 'ru' };
const SMITH = { id: 7002, first_name: 'Jane', language_code: 'en' };
const STRANGER = { id: 9999, first_name: 'Guest', language_code: 'en' };

let db: Db;
let standIn: TelegramStandIn;
let webhook: LoopbackHttp;
let assignCalls: Array<[string, string]>;
let policy: (issueKey: string, accountId: string) => Result<unknown, { reason: string }>;
let outcomes: TakeOutcome[];

// Creating a store takes seconds on a busy machine: the hooks get more than jest's default 5 s.
beforeAll(async () => {
  db = await openNotifyTestDb();
}, 60_000);
afterAll(() => db.close(), 30_000);

beforeEach(async () => {
  await truncateNotifyTables(db);
  standIn = await startTelegramStandIn();
  assignCalls = [];
  outcomes = [];
  policy = () => ok({});
  const telegram = createTelegramClient({
    botToken: standIn.token,
    baseUrl: standIn.baseUrl,
    timeoutMs: 2_000,
  });
  const app = express();
  app.use(
    createTelegramWebhookRouter({
      secretToken: SECRET,
      db,
      handleUpdate: async (update) => {
        const outcome = await handleTelegramCallback(update, {
          telegram,
          findEngineerByTelegramUserId: engineerByTelegramUserId(ENGINEERS),
          assign: (issueKey, accountId) => {
            assignCalls.push([issueKey, accountId]);
            return Promise.resolve(policy(issueKey, accountId));
          },
          findTelegramCopies: (issueKey) => findSentTelegramCopies(db, issueKey),
          log: keptLog(),
        });
        outcomes.push(outcome);
      },
    }),
  );
  app.use(errorMiddleware({ error: () => undefined }));
  webhook = await listenOnLoopback(app);
  await telegram.call('setWebhook', { url: `${webhook.url}${TELEGRAM_WEBHOOK_PATH}`, secret_token: SECRET });
});

afterEach(async () => {
  await webhook.close();
  await standIn.close();
});

/** Puts "SUP-42 needs an engineer" in the outbox for each chat and lets the worker send it. */
async function broadcastUnassigned(chats: Array<{ chatId: string; language: Language }>) {
  for (const { chatId, language } of chats) {
    const notice = renderTicketNotice(
      'ticket-unassigned',
      {
        key: 'SUP-42',
        summary: 'Storage array NW-ARR-07 reports a failed disk',
        url: 'https://northwind.atlassian.net/browse/SUP-42',
        priority: 'High',
        customer: 'Nordlog Logistics',
        critical: true,
      },
      { language, timeZone: 'Europe/Moscow' },
    );
    if (!notice.ok) throw new Error('render failed');
    await enqueueMessage(
      db,
      {
        idempotencyKey: `unassigned:SUP-42:${chatId}`,
        channel: 'telegram',
        recipient: chatId,
        message: notice.value,
      },
      new Date(),
    );
  }
  const telegram = createTelegramChannel(
    createTelegramClient({ botToken: standIn.token, baseUrl: standIn.baseUrl }),
  );
  await createOutboxWorker({ db, channels: { telegram }, log: keptLog() }).runOnce();
  return chats.map(({ chatId }) => standIn.messages.find((m) => m.chatId === chatId)!);
}

describe('Telegram "Take" through the webhook', () => {
  it('assigns the linked engineer and marks every copy of the ticket message as taken', async () => {
    const [inIvanovChat, inTeamChat] = await broadcastUnassigned([
      { chatId: '7001', language: 'ru' },
      { chatId: '-100500', language: 'en' },
    ]);
    expect(inIvanovChat?.text).toContain('SUP-42 ждёт инженера');

    expect(await standIn.press(inIvanovChat!, IVANOV)).toBe(200);

    expect(assignCalls).toEqual([['SUP-42', 'acc-ivanov']]);
    expect(outcomes).toEqual([
      { kind: 'taken', issueKey: 'SUP-42', accountId: 'acc-ivanov', editedMessages: 2 },
    ]);
    expect(inIvanovChat?.text.endsWith('✋ Взята в работу: Alexei Ivanov')).toBe(true);
    expect(inTeamChat?.text.endsWith('✋ Taken by Alexei Ivanov')).toBe(true);
    for (const message of [inIvanovChat, inTeamChat]) {
      const buttons = message?.replyMarkup?.inline_keyboard.flat() ?? [];
      expect(buttons.some((b) => b.callback_data !== undefined)).toBe(false);
      expect(buttons.map((b) => b.url)).toEqual(['https://northwind.atlassian.net/browse/SUP-42']);
    }
    expect(standIn.callbackAnswers).toEqual([
      expect.objectContaining({ text: 'SUP-42 теперь ваша.', show_alert: false }),
    ]);
  });

  it('marks a message that is not in the outbox from what the update echoes, keeping its link', async () => {
    const telegram = createTelegramClient({ botToken: standIn.token, baseUrl: standIn.baseUrl });
    await telegram.sendMessage('7002', 'PARTS-5 needs an engineer', {
      inline_keyboard: [
        [
          { text: 'Take', callback_data: 'take:PARTS-5' },
          { text: 'Open PARTS-5', url: 'https://northwind.atlassian.net/browse/PARTS-5' },
        ],
      ],
    });
    const message = standIn.messages[0]!;
    await standIn.press(message, SMITH);
    expect(assignCalls).toEqual([['PARTS-5', 'acc-smith']]);
    expect(message.text).toBe('PARTS-5 needs an engineer\n\n✋ Taken by Jane Smith');
    expect(message.replyMarkup?.inline_keyboard).toEqual([
      [{ text: 'Open PARTS-5', url: 'https://northwind.atlassian.net/browse/PARTS-5' }],
    ]);
  });

  it('handles a re-delivered update once', async () => {
    const [message] = await broadcastUnassigned([{ chatId: '7002', language: 'en' }]);
    const update = {
      update_id: 555,
      callback_query: {
        id: 'cb-9',
        from: SMITH,
        data: 'take:SUP-42',
        message: { message_id: message!.messageId, chat: { id: 7002 }, text: message!.text },
      },
    };
    expect(await standIn.deliver(update)).toBe(200);
    expect(await standIn.deliver(update)).toBe(200);
    expect(assignCalls).toEqual([['SUP-42', 'acc-smith']]);
    expect(standIn.callbackAnswers).toHaveLength(1);
  });

  it('politely refuses a Telegram user who is not linked to an engineer', async () => {
    const [message] = await broadcastUnassigned([{ chatId: '-100500', language: 'en' }]);
    await standIn.press(message!, STRANGER);
    expect(assignCalls).toEqual([]);
    expect(outcomes).toEqual([{ kind: 'unknown-user', telegramUserId: 9999 }]);
    expect(standIn.callbackAnswers).toEqual([
      expect.objectContaining({
        text: expect.stringMatching(/^Sorry, this Telegram account isn’t linked to an engineer yet/),
        show_alert: true,
      }),
    ]);
    expect(message?.edits).toBe(0);
    expect(message?.replyMarkup?.inline_keyboard.flat().some((b) => b.callback_data === 'take:SUP-42')).toBe(
      true,
    );
  });

  it('passes on the policy’s refusal and leaves the message as it was', async () => {
    policy = () => err({ reason: 'over the maximum load (10 of 10)' });
    const [message] = await broadcastUnassigned([{ chatId: '7002', language: 'en' }]);
    await standIn.press(message!, SMITH);
    expect(assignCalls).toEqual([['SUP-42', 'acc-smith']]);
    expect(outcomes[0]).toMatchObject({ kind: 'refused', reason: 'over the maximum load (10 of 10)' });
    expect(standIn.callbackAnswers[0]).toMatchObject({
      text: 'Sorry, SUP-42 can’t be yours: over the maximum load (10 of 10)',
      show_alert: true,
    });
    expect(message?.edits).toBe(0);
  });

  it('answers and ignores callback data that is not a take', async () => {
    await standIn.deliver({
      update_id: 8,
      callback_query: { id: 'cb-x', from: SMITH, data: 'take:../../etc' },
    });
    expect(assignCalls).toEqual([]);
    expect(outcomes).toEqual([{ kind: 'ignored', reason: 'not a take button' }]);
    expect(standIn.callbackAnswers).toEqual([expect.objectContaining({ callback_query_id: 'cb-x' })]);
  });

  it('rejects a missing or wrong secret token with 401 and handles nothing', async () => {
    const update = { update_id: 9, callback_query: { id: 'cb-1', from: SMITH, data: 'take:SUP-42' } };
    const post = (headers: Record<string, string>) =>
      fetch(`${webhook.url}${TELEGRAM_WEBHOOK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
    const missing = await post({});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: 'unauthorized', message: 'Missing X-Telegram-Bot-Api-Secret-Token' },
    });
    expect((await post({ 'x-telegram-bot-api-secret-token': 'guess' })).status).toBe(401);
    expect(assignCalls).toEqual([]);
  });

  it('rejects a body that is not an update with 400 naming the field', async () => {
    const response = await fetch(`${webhook.url}${TELEGRAM_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ callback_query: {} }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid_update');
    expect(body.error.details.map((d) => d.path)).toContain('update_id');
  });

  it('forgets the update when handling fails, so Telegram’s re-delivery is handled', async () => {
    const [message] = await broadcastUnassigned([{ chatId: '7002', language: 'en' }]);
    let failOnce = true;
    policy = () => {
      if (failOnce) {
        failOnce = false;
        throw new Error('Jira unreachable');
      }
      return ok({});
    };
    const update = {
      update_id: 777,
      callback_query: {
        id: 'cb-7',
        from: SMITH,
        data: 'take:SUP-42',
        message: { message_id: message!.messageId, chat: { id: 7002 }, text: message!.text },
      },
    };
    expect(await standIn.deliver(update)).toBe(500);
    expect(await standIn.deliver(update)).toBe(200);
    expect(outcomes).toEqual([expect.objectContaining({ kind: 'taken', accountId: 'acc-smith' })]);
  });
});
