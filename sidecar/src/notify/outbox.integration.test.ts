import type { Db } from '../store/db.js';
import { createEmailChannel, messageIdFor } from './channels/email.js';
import { createSlackChannel } from './channels/slack.js';
import { createTelegramChannel, createTelegramClient } from './channels/telegram.js';
import {
  claimDueMessages,
  enqueueMessage,
  getOutboxRow,
  listFailedMessages,
  pruneNotifyHistory,
  releaseHeld,
  retryMessage,
} from './outbox.js';
import { openNotifyTestDb, truncateNotifyTables } from './testing/db.js';
import { keptLog, manualClock, scriptedChannel, ticketMessage } from './testing/fakes.js';
import { startAnswerLosingRelay, startDataDroppingSmtpServer } from './testing/lost-answers.js';
import { startSlackReceiver } from './testing/slack-receiver.js';
import { startTelegramStandIn } from './testing/telegram-stand-in.js';
import type { TelegramStandIn } from './testing/telegram-stand-in.js';
import { createOutboxWorker } from './worker.js';

const START = '2026-11-23T06:00:00Z';
const noJitter = () => 0.5;

let db: Db;
let standIn: TelegramStandIn;

// One store per file (creating PGlite takes seconds); every test starts from empty tables.
// Creating a store takes seconds on a busy machine: the hooks get more than jest's default 5 s.
beforeAll(async () => {
  db = await openNotifyTestDb();
}, 60_000);
afterAll(() => db.close(), 30_000);

beforeEach(async () => {
  await truncateNotifyTables(db);
  standIn = await startTelegramStandIn();
});
afterEach(() => standIn.close());

function telegram(timeoutMs = 2_000, baseUrl = standIn.baseUrl) {
  return createTelegramChannel(createTelegramClient({ botToken: standIn.token, baseUrl, timeoutMs }));
}

const sendMessageCalls = () => standIn.calls.filter((c) => c.method === 'sendMessage').length;

describe('outbox: at most once per idempotency key', () => {
  it('enqueues the same key twice as one message and sends it once', async () => {
    const clock = manualClock(START);
    const input = {
      idempotencyKey: 'unassigned:SUP-42:chat-501',
      channel: 'telegram' as const,
      recipient: '501',
      message: ticketMessage(),
    };
    const first = await enqueueMessage(db, input, clock.now());
    const second = await enqueueMessage(db, input, clock.now());
    expect(second).toEqual({ id: first.id, duplicate: true });
    expect(first.duplicate).toBe(false);

    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
    });
    expect((await worker.runOnce()).sent).toBe(1);
    expect((await worker.runOnce()).sent).toBe(0);
    expect(standIn.messages).toHaveLength(1);
    expect(await getOutboxRow(db, first.id)).toMatchObject({ status: 'sent', attempts: 1, providerRef: '1' });
  });

  it('lets two workers on one store claim disjoint rows', async () => {
    const clock = manualClock(START);
    for (let i = 1; i <= 6; i++) {
      await enqueueMessage(
        db,
        {
          idempotencyKey: `k${i}`,
          channel: 'telegram',
          recipient: String(500 + i),
          message: ticketMessage(`SUP-${i}`),
        },
        clock.now(),
      );
    }
    const a = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
      batchSize: 3,
    });
    const b = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
      batchSize: 3,
    });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.sent + rb.sent).toBe(6);
    expect(new Set(standIn.messages.map((m) => m.chatId)).size).toBe(6);
    expect(standIn.messages).toHaveLength(6);
  });
});

describe('outbox: a worker that dies mid-send', () => {
  it('does not resend when the worker died during the call (the message is parked uncertain)', async () => {
    const clock = manualClock(START);
    const { id } = await enqueueMessage(
      db,
      {
        idempotencyKey: 'assigned:SUP-7',
        channel: 'telegram',
        recipient: '501',
        message: ticketMessage('SUP-7'),
      },
      clock.now(),
    );
    standIn.script('sendMessage', 'hang');
    // Worker A reaches Telegram (which receives the message) and never hears back: it "dies" here.
    const workerA = createOutboxWorker({
      db,
      channels: { telegram: telegram(60_000) },
      log: keptLog(),
      now: clock.now,
      leaseMs: 30_000,
    });
    const roundA = workerA.runOnce();
    await waitUntil(() => standIn.calls.some((c) => c.method === 'sendMessage'));

    // A new worker starts after A's lease ran out.
    clock.advance(31_000);
    const log = keptLog();
    const workerB = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log,
      now: clock.now,
      leaseMs: 30_000,
    });
    const roundB = await workerB.runOnce();
    expect(roundB).toMatchObject({ uncertain: 1, sent: 0 });
    expect(standIn.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'uncertain' });
    expect(log.lines.some((l) => l.level === 'warn' && /interrupted mid-send/.test(l.msg))).toBe(true);
    expect((await listFailedMessages(db)).map((f) => f.data.status)).toEqual(['uncertain']);

    // Worker A's connection finally breaks: its late failure must not reopen the row.
    await standIn.close();
    await roundA;
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'uncertain' });
  });

  it('sends exactly once when the worker died after claiming but before calling out', async () => {
    const clock = manualClock(START);
    const { id } = await enqueueMessage(
      db,
      {
        idempotencyKey: 'assigned:SUP-8',
        channel: 'telegram',
        recipient: '501',
        message: ticketMessage('SUP-8'),
      },
      clock.now(),
    );
    // A worker claims the row and dies before touching Telegram.
    const claimed = await claimDueMessages(db, { now: clock.now(), leaseMs: 30_000, limit: 10 });
    expect(claimed.map((c) => c.id)).toEqual([id]);

    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
      leaseMs: 30_000,
    });
    expect((await worker.runOnce()).sent).toBe(0); // still leased to the dead worker
    clock.advance(30_001);
    expect((await worker.runOnce()).sent).toBe(1);
    expect(standIn.messages).toHaveLength(1);
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('outbox: retries', () => {
  it("waits exactly Telegram's retry_after before trying again", async () => {
    const clock = manualClock(START);
    const { id } = await enqueueMessage(
      db,
      { idempotencyKey: 'k-429', channel: 'telegram', recipient: '501', message: ticketMessage() },
      clock.now(),
    );
    standIn.script('sendMessage', {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      },
    });
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
      random: noJitter,
    });

    expect((await worker.runOnce()).retried).toBe(1);
    const row = await getOutboxRow(db, id);
    expect(row?.nextAttemptAt.getTime()).toBe(new Date(START).getTime() + 7_000);
    expect(row?.lastError).toMatch(/429 Too Many Requests/);

    clock.advance(6_999);
    expect((await worker.runOnce()).sent).toBe(0);
    expect(standIn.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    clock.advance(1);
    expect((await worker.runOnce()).sent).toBe(1);
    expect(standIn.messages).toHaveLength(1);
  });

  it('backs off exponentially and fails the message after its last attempt', async () => {
    const clock = manualClock(START);
    const failure = {
      ok: false as const,
      error: { kind: 'retryable' as const, reason: 'smtp: ECONNECTION' },
    };
    const channel = scriptedChannel('email', failure, failure, failure);
    const { id } = await enqueueMessage(
      db,
      {
        idempotencyKey: 'k-backoff',
        channel: 'email',
        recipient: 'duty@northwind.example',
        message: ticketMessage(),
        maxAttempts: 3,
      },
      clock.now(),
    );
    const failed: string[] = [];
    const worker = createOutboxWorker({
      db,
      channels: { email: channel },
      log: keptLog(),
      now: clock.now,
      random: () => 1 - Number.EPSILON, // top of the jitter range: base × 2^(n-1)
      hooks: { onFailed: (e) => failed.push(e.reason) },
    });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await worker.runOnce();
      const row = await getOutboxRow(db, id);
      waits.push(row!.nextAttemptAt.getTime() - clock.now().getTime());
      clock.set(row!.nextAttemptAt.toISOString());
    }
    expect(waits.slice(0, 2)).toEqual([2_000, 4_000]);
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed).toEqual(['smtp: ECONNECTION']);
    expect(channel.sent).toHaveLength(0);
  });

  it('fails at once on a permanent error, lists it, and sends it after a manual retry', async () => {
    const clock = manualClock(START);
    const { id } = await enqueueMessage(
      db,
      { idempotencyKey: 'k-perm', channel: 'telegram', recipient: '999', message: ticketMessage() },
      clock.now(),
    );
    standIn.script('sendMessage', {
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    });
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
    });
    expect((await worker.runOnce()).failed).toBe(1);

    const [listed] = await listFailedMessages(db);
    expect(listed).toMatchObject({
      id,
      name: 'notify:telegram',
      retryCount: 1,
      data: { channel: 'telegram', recipient: '999', issueKey: 'SUP-42', status: 'failed' },
    });
    expect(listed?.error).toMatch(/chat not found/);

    expect(await retryMessage(db, id, clock.now())).toBe(true);
    expect(await retryMessage(db, id, clock.now())).toBe(false); // already back in line
    expect((await worker.runOnce()).sent).toBe(1);
    expect(await listFailedMessages(db)).toEqual([]);
  });
});

describe('outbox: never re-send after an unknown outcome', () => {
  const oneHour = 60 * 60_000;

  async function enqueueTelegram(key: string): Promise<string> {
    const { id } = await enqueueMessage(
      db,
      { idempotencyKey: key, channel: 'telegram', recipient: '501', message: ticketMessage() },
      new Date(START),
    );
    return id;
  }

  it('parks a Telegram message the Bot API took but whose answer was lost, and never sends it again', async () => {
    const clock = manualClock(START);
    const id = await enqueueTelegram('k-lost-answer');
    const relay = await startAnswerLosingRelay(standIn.baseUrl);
    const uncertain: string[] = [];
    const log = keptLog();
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram(2_000, relay.url) },
      log,
      now: clock.now,
      hooks: { onUncertain: (e) => uncertain.push(e.channel) },
    });
    try {
      expect(await worker.runOnce()).toMatchObject({ uncertain: 1, retried: 0, sent: 0 });
      expect(relay.lost()).toBe(1);
      expect(standIn.messages).toHaveLength(1); // the chat has it
      expect(await getOutboxRow(db, id)).toMatchObject({ status: 'uncertain', attempts: 1 });
      expect(uncertain).toEqual(['telegram']);
      expect(log.lines.some((l) => l.level === 'warn' && /delivery unknown/.test(l.msg))).toBe(true);

      clock.advance(oneHour);
      expect(await worker.runOnce()).toMatchObject({ sent: 0, retried: 0, uncertain: 0 });
      expect(sendMessageCalls()).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('parks a Telegram message answered with a 502 and lists it for a person to retry', async () => {
    const clock = manualClock(START);
    const id = await enqueueTelegram('k-502');
    standIn.script('sendMessage', {
      status: 502,
      body: { ok: false, error_code: 502, description: 'Bad Gateway' },
    });
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      now: clock.now,
    });
    expect(await worker.runOnce()).toMatchObject({ uncertain: 1, retried: 0 });
    clock.advance(oneHour);
    expect((await worker.runOnce()).sent).toBe(0);
    expect(sendMessageCalls()).toBe(1);

    const [listed] = await listFailedMessages(db);
    expect(listed).toMatchObject({ id, retryCount: 1, data: { status: 'uncertain' } });
    expect(listed?.error).toMatch(/502 Bad Gateway/);
    expect(listed?.error).toMatch(/delivery unknown/);

    // A person checked the chat and decided to send it again.
    expect(await retryMessage(db, id, clock.now())).toBe(true);
    expect((await worker.runOnce()).sent).toBe(1);
    expect(sendMessageCalls()).toBe(2);
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('parks a Telegram message that timed out after the request went out', async () => {
    const clock = manualClock(START);
    const id = await enqueueTelegram('k-timeout');
    standIn.script('sendMessage', 'hang');
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram(200) },
      log: keptLog(),
      now: clock.now,
    });
    expect(await worker.runOnce()).toMatchObject({ uncertain: 1, retried: 0 });
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'uncertain' });
    clock.advance(oneHour);
    await worker.runOnce();
    expect(sendMessageCalls()).toBe(1);
  });

  it('retries when the connection was refused: nothing reached Telegram', async () => {
    const clock = manualClock(START);
    const id = await enqueueTelegram('k-refused');
    const closed = await startTelegramStandIn();
    await closed.close();
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram(2_000, closed.baseUrl) },
      log: keptLog(),
      now: clock.now,
      random: noJitter,
    });
    expect(await worker.runOnce()).toMatchObject({ retried: 1, uncertain: 0 });
    expect(await getOutboxRow(db, id)).toMatchObject({ status: 'pending' });
  });

  it('retries a Slack 429 after its Retry-After and delivers once, but parks a Slack 503', async () => {
    const clock = manualClock(START);
    const slack = await startSlackReceiver();
    try {
      const limited = await enqueueMessage(
        db,
        { idempotencyKey: 'k-slack-429', channel: 'slack', recipient: 'sup', message: ticketMessage() },
        clock.now(),
      );
      slack.script({ status: 429, body: 'rate_limited', retryAfter: '5' });
      const worker = createOutboxWorker({
        db,
        channels: { slack: createSlackChannel({ webhooks: { sup: slack.webhookUrl('sup') } }) },
        log: keptLog(),
        now: clock.now,
        random: noJitter,
      });
      expect(await worker.runOnce()).toMatchObject({ retried: 1, uncertain: 0 });
      clock.advance(4_999);
      expect((await worker.runOnce()).sent).toBe(0);
      clock.advance(1);
      expect((await worker.runOnce()).sent).toBe(1);
      expect(slack.posts).toHaveLength(1);
      expect(slack.attempts).toBe(2);
      expect(await getOutboxRow(db, limited.id)).toMatchObject({ status: 'sent', attempts: 2 });

      const broken = await enqueueMessage(
        db,
        { idempotencyKey: 'k-slack-503', channel: 'slack', recipient: 'sup', message: ticketMessage() },
        clock.now(),
      );
      slack.script({ status: 503, body: 'service unavailable' });
      expect(await worker.runOnce()).toMatchObject({ uncertain: 1, retried: 0 });
      clock.advance(oneHour);
      await worker.runOnce();
      expect(slack.attempts).toBe(3);
      expect(await getOutboxRow(db, broken.id)).toMatchObject({ status: 'uncertain' });
    } finally {
      await slack.close();
    }
  });

  it('retries an e-mail even when the channel says the outcome is unknown, and parks a chat message', async () => {
    const clock = manualClock(START);
    const unknown = {
      ok: false as const,
      error: { kind: 'retryable' as const, reason: 'lost after sending', outcomeUnknown: true },
    };
    const email = scriptedChannel('email', unknown);
    const slack = scriptedChannel('slack', unknown);
    const mail = await enqueueMessage(
      db,
      {
        idempotencyKey: 'k-u-mail',
        channel: 'email',
        recipient: 'duty@northwind.example',
        message: ticketMessage(),
      },
      clock.now(),
    );
    const chat = await enqueueMessage(
      db,
      { idempotencyKey: 'k-u-chat', channel: 'slack', recipient: 'sup', message: ticketMessage() },
      clock.now(),
    );
    const worker = createOutboxWorker({ db, channels: { email, slack }, log: keptLog(), now: clock.now });
    expect(await worker.runOnce()).toMatchObject({ retried: 1, uncertain: 1 });
    expect(await getOutboxRow(db, mail.id)).toMatchObject({ status: 'pending' });
    expect(await getOutboxRow(db, chat.id)).toMatchObject({
      status: 'uncertain',
      lastError: 'lost after sending: delivery unknown, not resent automatically',
    });
    clock.advance(oneHour);
    expect((await worker.runOnce()).sent).toBe(1);
    expect(email.sent).toHaveLength(1);
    expect(slack.sent).toHaveLength(0);
  });

  it('still retries an e-mail whose connection dropped after DATA: the Message-ID makes both copies one', async () => {
    const clock = manualClock(START);
    const smtp = await startDataDroppingSmtpServer(1);
    const from = 'Northwind Service <desk@northwind.example>';
    const email = createEmailChannel({ host: '127.0.0.1', port: smtp.port, from, timeoutMs: 2_000 });
    try {
      const { id } = await enqueueMessage(
        db,
        {
          idempotencyKey: 'k-mail-drop',
          channel: 'email',
          recipient: 'duty@northwind.example',
          message: ticketMessage(),
        },
        clock.now(),
      );
      const worker = createOutboxWorker({
        db,
        channels: { email },
        log: keptLog(),
        now: clock.now,
        random: noJitter,
      });
      expect(await worker.runOnce()).toMatchObject({ retried: 1, uncertain: 0 });
      expect(smtp.messages).toHaveLength(1);
      const row = await getOutboxRow(db, id);
      expect(row).toMatchObject({ status: 'pending' });
      clock.set(row!.nextAttemptAt.toISOString());
      expect((await worker.runOnce()).sent).toBe(1);
      expect(smtp.messages).toHaveLength(2);
      const messageId = messageIdFor('k-mail-drop', from);
      expect(smtp.messages.every((m) => m.includes(`Message-ID: ${messageId}`))).toBe(true);
    } finally {
      email.close();
      await smtp.close();
    }
  });
});

describe('outbox: no channel configured', () => {
  it('keeps the message, prints it in the log, and sends it once the channel is configured', async () => {
    const clock = manualClock(START);
    const { id } = await enqueueMessage(
      db,
      { idempotencyKey: 'k-held', channel: 'slack', recipient: 'hw-team', message: ticketMessage('HW-3') },
      clock.now(),
    );
    const log = keptLog();
    const bare = createOutboxWorker({ db, channels: {}, log, now: clock.now });
    expect((await bare.runOnce()).held).toBe(1);
    expect(await getOutboxRow(db, id)).toMatchObject({
      status: 'held',
      lastError: 'no slack channel configured',
    });
    const printed = log.lines.find((l) => l.msg.includes('kept in the outbox'));
    expect(printed?.msg).toContain('HW-3 needs an engineer');
    expect(printed?.msg).toContain('Storage array NW-ARR-07');
    expect(printed?.msg).toContain('https://northwind.atlassian.net/browse/HW-3');
    expect((await bare.runOnce()).held).toBe(0); // kept, not re-printed every round

    const slack = scriptedChannel('slack');
    expect(await releaseHeld(db, 'slack', clock.now())).toBe(1);
    const configured = createOutboxWorker({ db, channels: { slack }, log, now: clock.now });
    expect((await configured.runOnce()).sent).toBe(1);
    expect(slack.sent.map((s) => s.recipient)).toEqual(['hw-team']);
  });
});

describe('outbox housekeeping', () => {
  it('prunes old delivered messages and old Telegram update ids, and nothing else', async () => {
    const clock = manualClock(START);
    const channel = scriptedChannel('email');
    const worker = createOutboxWorker({ db, channels: { email: channel }, log: keptLog(), now: clock.now });
    const old = await enqueueMessage(
      db,
      {
        idempotencyKey: 'old',
        channel: 'email',
        recipient: 'a@northwind.example',
        message: ticketMessage('SUP-1'),
      },
      clock.now(),
    );
    await worker.runOnce();
    clock.advance(40 * 86_400_000);
    const recent = await enqueueMessage(
      db,
      {
        idempotencyKey: 'recent',
        channel: 'email',
        recipient: 'a@northwind.example',
        message: ticketMessage('SUP-2'),
      },
      clock.now(),
    );
    await worker.runOnce();
    const waiting = await enqueueMessage(
      db,
      {
        idempotencyKey: 'waiting',
        channel: 'email',
        recipient: 'a@northwind.example',
        message: ticketMessage('SUP-3'),
        notBefore: new Date('2000-01-01T00:00:00Z'),
      },
      new Date('2000-01-01T00:00:00Z'),
    );
    await db.query('INSERT INTO notify_telegram_updates (update_id, received_at) VALUES (1, $1), (2, $2)', [
      new Date(START),
      clock.now(),
    ]);

    const pruned = await pruneNotifyHistory(db, {
      sentBefore: new Date(clock.now().getTime() - 30 * 86_400_000),
      updatesBefore: new Date(clock.now().getTime() - 86_400_000),
    });
    expect(pruned).toEqual({ messages: 1, updates: 1 });
    expect(await getOutboxRow(db, old.id)).toBeUndefined();
    expect(await getOutboxRow(db, recent.id)).toMatchObject({ status: 'sent' });
    expect(await getOutboxRow(db, waiting.id)).toMatchObject({ status: 'pending' });
  });
});

describe('outbox worker loop', () => {
  it('sends soon after wake() and stops cleanly', async () => {
    const worker = createOutboxWorker({
      db,
      channels: { telegram: telegram() },
      log: keptLog(),
      pollIntervalMs: 60_000,
    });
    worker.start();
    await enqueueMessage(
      db,
      { idempotencyKey: 'k-loop', channel: 'telegram', recipient: '501', message: ticketMessage() },
      new Date(),
    );
    worker.wake();
    await waitUntil(() => standIn.messages.length === 1);
    await worker.stop();
    expect(standIn.messages).toHaveLength(1);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
