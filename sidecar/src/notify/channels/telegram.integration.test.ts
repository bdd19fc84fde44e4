import { startTelegramStandIn } from '../testing/telegram-stand-in.js';
import type { TelegramStandIn } from '../testing/telegram-stand-in.js';
import { ticketMessage } from '../testing/fakes.js';
import { classifyTelegramError, createTelegramChannel, createTelegramClient } from './telegram.js';

const context = { outboxId: 'ob-1', idempotencyKey: 'k-1' };
let standIn: TelegramStandIn;

beforeEach(async () => {
  standIn = await startTelegramStandIn();
});
afterEach(() => standIn.close());

const client = (timeoutMs = 2_000) =>
  createTelegramClient({ botToken: standIn.token, baseUrl: standIn.baseUrl, timeoutMs });

describe('Telegram channel against the Bot API stand-in', () => {
  it('sends the subject and body with a Take button and a link button', async () => {
    const result = await createTelegramChannel(client()).send(
      '501',
      ticketMessage('SUP-42', { takeButton: { label: 'Take' } }),
      context,
    );
    expect(result).toEqual({ ok: true, value: { providerRef: '1' } });
    const [message] = standIn.messages;
    expect(message?.chatId).toBe('501');
    expect(message?.text.split('\n').slice(0, 3)).toEqual([
      'SUP-42 needs an engineer',
      '',
      'Storage array NW-ARR-07 reports a failed disk',
    ]);
    expect(message?.replyMarkup?.inline_keyboard).toEqual([
      [
        { text: 'Take', callback_data: 'take:SUP-42' },
        { text: 'Open SUP-42', url: 'https://northwind.atlassian.net/browse/SUP-42' },
      ],
    ]);
  });

  it('leaves the Take button out when the message does not ask for it', async () => {
    await createTelegramChannel(client()).send('501', ticketMessage(), context);
    expect(standIn.messages[0]?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Open SUP-42',
    ]);
  });

  it('passes on retry_after from a 429 as milliseconds', async () => {
    standIn.script('sendMessage', {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      },
    });
    const result = await createTelegramChannel(client()).send('501', ticketMessage(), context);
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable', retryAfterMs: 7_000 } });
  });

  it('treats "chat not found" as permanent and a 502 as retryable', async () => {
    standIn.script(
      'sendMessage',
      { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } },
      { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } },
    );
    const channel = createTelegramChannel(client());
    expect(await channel.send('1', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'permanent' },
    });
    expect(await channel.send('1', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'retryable' },
    });
  });

  it('times out on a hung call without leaking the bot token', async () => {
    standIn.script('sendMessage', 'hang');
    const started = Date.now();
    const result = await createTelegramChannel(client(250)).send('501', ticketMessage(), context);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', reason: 'telegram sendMessage: no answer within 250 ms' },
    });
    expect(JSON.stringify(result)).not.toContain(standIn.token);
  });

  it('says when Telegram may have the message although the call failed', async () => {
    standIn.script(
      'sendMessage',
      { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } },
      {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests',
          parameters: { retry_after: 1 },
        },
      },
      { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } },
      'hang',
    );
    const channel = createTelegramChannel(client(250));
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      const result = await channel.send('501', ticketMessage(), context);
      outcomes.push(
        result.ok ? 'sent' : `${result.error.kind} unknown:${result.error.outcomeUnknown === true}`,
      );
    }
    expect(outcomes).toEqual([
      'retryable unknown:true', // a 5xx: the Bot API may have posted before failing
      'retryable unknown:false', // flood control refuses before posting
      'permanent unknown:false',
      'retryable unknown:true', // the request went out, the answer never came
    ]);

    const refused = await startTelegramStandIn();
    await refused.close();
    const closed = createTelegramChannel(
      createTelegramClient({ botToken: refused.token, baseUrl: refused.baseUrl, timeoutMs: 2_000 }),
    );
    expect(await closed.send('501', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'retryable', outcomeUnknown: false },
    });
  });

  it('edits a message and answers a callback query', async () => {
    const telegram = client();
    await telegram.sendMessage('501', 'hello');
    expect((await telegram.editMessageText('501', '1', 'hello again')).ok).toBe(true);
    expect(standIn.messages[0]).toMatchObject({ text: 'hello again', edits: 1 });
    expect((await telegram.answerCallbackQuery('cb-1', 'Done', true)).ok).toBe(true);
    expect(standIn.callbackAnswers).toEqual([{ callback_query_id: 'cb-1', text: 'Done', show_alert: true }]);
  });

  it('clips texts to the 4096 characters Telegram accepts', async () => {
    await createTelegramChannel(client()).send(
      '501',
      ticketMessage('SUP-1', { text: 'x'.repeat(5000) }),
      context,
    );
    expect(standIn.messages[0]?.text).toHaveLength(4096);
  });
});

describe('classifyTelegramError', () => {
  it('uses retry_after whenever Telegram gives one', () => {
    expect(
      classifyTelegramError('t', 400, { error_code: 400, parameters: { retry_after: 3 } }),
    ).toMatchObject({ kind: 'retryable', retryAfterMs: 3_000 });
  });
  it('counts a 5xx without retry_after as an unknown outcome, a 429 with one as refused', () => {
    expect(classifyTelegramError('t', 500, { error_code: 500 })).toMatchObject({
      kind: 'retryable',
      outcomeUnknown: true,
    });
    expect(
      classifyTelegramError('t', 429, { error_code: 429, parameters: { retry_after: 3 } }),
    ).toMatchObject({ kind: 'retryable', outcomeUnknown: false });
  });
  it('treats 403 (bot blocked by the user) as permanent', () => {
    expect(
      classifyTelegramError('t', 403, {
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      }).kind,
    ).toBe('permanent');
  });
});
