import { Registry } from 'prom-client';
import { ok } from '@frontline/shared';
import type { Db } from '../store/db.js';
import { engineerByTelegramUserId, mergeFailedWork, startNotifications } from './index.js';
import type { RunningNotifications } from './index.js';
import { renderTicketNotice } from './render.js';
import type { TicketFacts } from './render.js';
import { openNotifyTestDb, truncateNotifyTables } from './testing/db.js';
import { keptLog } from './testing/fakes.js';
import { startLoopbackSmtpServer } from './testing/smtp-server.js';
import type { LoopbackSmtpServer } from './testing/smtp-server.js';
import { startSlackReceiver } from './testing/slack-receiver.js';
import type { SlackReceiver } from './testing/slack-receiver.js';
import { startTelegramStandIn } from './testing/telegram-stand-in.js';
import type { TelegramStandIn } from './testing/telegram-stand-in.js';

const FACTS: TicketFacts = {
  key: 'SUP-77',
  summary: 'Month-end close: posting of cost documents fails in 1C',
  url: 'https://northwind.atlassian.net/browse/SUP-77',
  priority: 'Highest',
  customer: 'Nordlog Logistics',
  critical: true,
};
const ENGINEERS = [
  { accountId: 'acc-ivanov', name: 'Alexei Ivanov', telegramUserId: 7001, languages: ['ru'] },
];

let db: Db;
let smtp: LoopbackSmtpServer;
let telegram: TelegramStandIn;
let slack: SlackReceiver;
let running: RunningNotifications | undefined;

// Creating a store takes seconds on a busy machine: the hooks get more than jest's default 5 s.
beforeAll(async () => {
  db = await openNotifyTestDb();
}, 60_000);
afterAll(() => db.close(), 30_000);

beforeEach(async () => {
  await truncateNotifyTables(db);
  [smtp, telegram, slack] = await Promise.all([
    startLoopbackSmtpServer(),
    startTelegramStandIn(),
    startSlackReceiver(),
  ]);
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await Promise.all([smtp.close(), telegram.close(), slack.close()]);
});

function notice(
  kind: 'ticket-unassigned' | 'ticket-assigned' | 'ticket-routed',
  language: 'en' | 'ru' = 'en',
) {
  const rendered = renderTicketNotice(
    kind,
    { ...FACTS, team: 'Hardware' },
    { language, timeZone: 'Europe/Moscow' },
  );
  if (!rendered.ok) throw new Error('render failed');
  return rendered.value;
}

async function until(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startNotifications', () => {
  it('delivers through all three channels, takes a ticket by Telegram long polling, and counts it all', async () => {
    const registry = new Registry();
    const assigned: Array<[string, string]> = [];
    running = await startNotifications({
      db,
      log: keptLog(),
      registry,
      channels: {
        email: {
          host: '127.0.0.1',
          port: smtp.port,
          from: 'Northwind Service <desk@northwind.example>',
          timeoutMs: 2_000,
        },
        telegram: { botToken: telegram.token, baseUrl: telegram.baseUrl, timeoutMs: 2_000 },
        slack: { webhooks: { 'hw-team': slack.webhookUrl('hw-team') } },
      },
      take: {
        findEngineerByTelegramUserId: engineerByTelegramUserId(ENGINEERS),
        assign: (issueKey, accountId) => {
          assigned.push([issueKey, accountId]);
          return Promise.resolve(ok({}));
        },
        updates: { mode: 'polling', longPollSeconds: 1 },
      },
      worker: { pollIntervalMs: 60_000 },
    });
    const { notifier } = running;
    await notifier.notify({
      idempotencyKey: 'assigned:SUP-77:acc-ivanov:email',
      channel: 'email',
      recipient: 'a.ivanov@northwind.example',
      message: notice('ticket-assigned', 'ru'),
    });
    await notifier.notify({
      idempotencyKey: 'unassigned:SUP-77:duty',
      channel: 'telegram',
      recipient: '-100200300',
      message: notice('ticket-unassigned'),
    });
    await notifier.notify({
      idempotencyKey: 'routed:SUP-77:hw',
      channel: 'slack',
      recipient: 'hw-team',
      message: notice('ticket-routed'),
    });
    // The same decision notified again (a re-delivered event) changes nothing.
    expect(
      (
        await notifier.notify({
          idempotencyKey: 'routed:SUP-77:hw',
          channel: 'slack',
          recipient: 'hw-team',
          message: notice('ticket-routed'),
        })
      ).duplicate,
    ).toBe(true);

    await until(
      () => smtp.received.length === 1 && telegram.messages.length === 1 && slack.posts.length === 1,
    );
    expect(smtp.received[0]?.subject).toBe('SUP-77 назначена на вас');
    expect(slack.posts[0]?.text.startsWith('*SUP-77 routed to Hardware*')).toBe(true);

    const [message] = telegram.messages;
    await telegram.press(message!, { id: 7001, first_name: 'Alexei', language_code: 'ru' });
    await until(() => telegram.callbackAnswers.length === 1 && message!.edits === 1);
    expect(assigned).toEqual([['SUP-77', 'acc-ivanov']]);
    expect(message?.text.endsWith('✋ Taken by Alexei Ivanov')).toBe(true);
    expect(telegram.callbackAnswers[0]?.text).toBe('SUP-77 теперь ваша.');

    const metrics = await registry.metrics();
    for (const channel of ['email', 'telegram', 'slack']) {
      expect(metrics).toContain(`frontline_notifications_total{channel="${channel}",outcome="sent"} 1`);
    }
    expect(metrics).toContain('frontline_notification_send_seconds_count{channel="email"} 1');

    const stopping = Date.now();
    await running.stop();
    running = undefined;
    expect(Date.now() - stopping).toBeLessThan(2_000); // the long poll is cut, not waited out
    expect(slack.posts).toHaveLength(1);
  });

  it('keeps messages for channels that are not configured and reports them as failed jobs', async () => {
    const registry = new Registry();
    const log = keptLog();
    running = await startNotifications({
      db,
      log,
      registry,
      channels: {},
      worker: { pollIntervalMs: 60_000 },
    });
    const { id } = await running.notifier.notify({
      idempotencyKey: 'unassigned:SUP-77:duty',
      channel: 'telegram',
      recipient: '-100200300',
      message: notice('ticket-unassigned'),
    });
    await until(() => log.lines.some((l) => l.msg.startsWith('notification kept in the outbox')));
    expect(log.lines.find((l) => l.msg.startsWith('notification kept in the outbox'))?.msg).toContain(
      'SUP-77 needs an engineer',
    );
    expect(await running.listFailed()).toEqual([
      expect.objectContaining({ id, name: 'notify:telegram', error: 'no telegram channel configured' }),
    ]);
    expect(await registry.metrics()).toContain(
      'frontline_outbox_messages{channel="telegram",status="held"} 1',
    );

    // Telegram gets configured and the sidecar restarts: the kept message goes out.
    await running.stop();
    running = await startNotifications({
      db,
      log,
      channels: { telegram: { botToken: telegram.token, baseUrl: telegram.baseUrl } },
      worker: { pollIntervalMs: 50 },
    });
    await until(() => telegram.messages.length === 1);
    expect(telegram.messages[0]?.text.startsWith('SUP-77 needs an engineer')).toBe(true);
    expect(await running.listFailed()).toEqual([]);
  });

  it('holds a Telegram message answered with a 502 for a person instead of sending it again', async () => {
    const registry = new Registry();
    running = await startNotifications({
      db,
      log: keptLog(),
      registry,
      channels: { telegram: { botToken: telegram.token, baseUrl: telegram.baseUrl, timeoutMs: 2_000 } },
      worker: { pollIntervalMs: 20 },
    });
    telegram.script('sendMessage', {
      status: 502,
      body: { ok: false, error_code: 502, description: 'Bad Gateway' },
    });
    const { id } = await running.notifier.notify({
      idempotencyKey: 'unassigned:SUP-77:duty',
      channel: 'telegram',
      recipient: '-100200300',
      message: notice('ticket-unassigned'),
    });
    let listed: Awaited<ReturnType<RunningNotifications['listFailed']>> = [];
    const deadline = Date.now() + 8_000;
    while (listed.length === 0 && Date.now() < deadline) {
      listed = await running.listFailed();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        name: 'notify:telegram',
        data: expect.objectContaining({ status: 'uncertain' }),
      }),
    ]);
    // Many polling rounds later it has still been sent only once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(telegram.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(await registry.metrics()).toContain(
      'frontline_notifications_total{channel="telegram",outcome="uncertain"} 1',
    );

    // A person checked the chat and sends it again on purpose.
    expect(await running.retry(id)).toBe(true);
    running.worker.wake();
    await until(() => telegram.messages.length === 1);
    expect(await running.listFailed()).toEqual([]);
  });

  it('merges notification failures with the job queue’s for /api/jobs/failed', async () => {
    running = await startNotifications({
      db,
      log: keptLog(),
      channels: {},
      worker: { pollIntervalMs: 60_000 },
    });
    const { id } = await running.notifier.notify({
      idempotencyKey: 'k-merge',
      channel: 'email',
      recipient: 'tsm@northwind.example',
      message: notice('ticket-assigned'),
    });
    await running.worker.runOnce();
    const jobRetries: string[] = [];
    const jobs = {
      listFailed: () =>
        Promise.resolve([
          {
            id: 'job-1',
            name: 'issue-created',
            data: {},
            error: 'Jira 503',
            failedAt: '2000-01-01T00:00:00.000Z',
            retryCount: 3,
          },
        ]),
      retry: (jobId: string) => {
        jobRetries.push(jobId);
        return Promise.resolve(jobId === 'job-1');
      },
    };
    const failed = mergeFailedWork(jobs, running);
    expect((await failed.listFailed()).map((f) => f.id)).toEqual([id, 'job-1']);
    expect((await failed.listFailed({ limit: 1 })).map((f) => f.id)).toEqual([id]);
    expect(await failed.retry('job-1')).toBe(true);
    expect(await failed.retry(id)).toBe(true);
    expect(await failed.retry('nobody')).toBe(false);
    expect(jobRetries).toEqual(['job-1', id, 'nobody']);
  });
});
