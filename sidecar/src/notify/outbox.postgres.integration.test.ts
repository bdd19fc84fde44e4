// The outbox on a real PostgreSQL server: replicas claiming side by side, and a worker process
// killed with SIGKILL in the middle of a send. Skipped (with a note) without FRONTLINE_TEST_DATABASE_URL.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OpenDb } from '../store/open.js';
import { createSlackChannel } from './channels/slack.js';
import { createTelegramChannel, createTelegramClient } from './channels/telegram.js';
import { enqueueMessage, getOutboxRow } from './outbox.js';
import { createNotifyPostgres, testDatabaseUrl } from './testing/db.js';
import { keptLog, ticketMessage } from './testing/fakes.js';
import { startSlackReceiver } from './testing/slack-receiver.js';
import { startTelegramStandIn } from './testing/telegram-stand-in.js';
import { createOutboxWorker } from './worker.js';

const describePostgres = testDatabaseUrl('outbox on PostgreSQL') ? describe : describe.skip;
const WORKER_SCRIPT = fileURLToPath(new URL('./testing/outbox-worker-process.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describePostgres('outbox on PostgreSQL', () => {
  let store: Awaited<ReturnType<typeof createNotifyPostgres>>;
  const opened: OpenDb[] = [];
  const connect = async () => {
    const db = await store.connect();
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    store = await createNotifyPostgres();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await store.dispose();
  }, 60_000);

  it('lets four replicas drain 60 messages with each one sent exactly once', async () => {
    const slack = await startSlackReceiver();
    try {
      const db = await connect();
      for (let i = 1; i <= 60; i++) {
        await enqueueMessage(
          db,
          {
            idempotencyKey: `replicas:${i}`,
            channel: 'slack',
            recipient: 'sup',
            message: ticketMessage(`SUP-${i}`),
          },
          new Date(),
        );
      }
      const replicas = await Promise.all(
        [1, 2, 3, 4].map(async () =>
          createOutboxWorker({
            db: await connect(),
            channels: { slack: createSlackChannel({ webhooks: { sup: slack.webhookUrl('sup') } }) },
            log: keptLog(),
            batchSize: 4,
          }),
        ),
      );
      const perReplica = await Promise.all(
        replicas.map(async (worker) => {
          let sent = 0;
          for (let round = 0; round < 40; round++) sent += (await worker.runOnce()).sent;
          return sent;
        }),
      );
      expect(perReplica.reduce((a, b) => a + b, 0)).toBe(60);
      expect(perReplica.filter((n) => n > 0).length).toBeGreaterThan(1);
      const subjects = slack.posts.map((p) => p.text.split('\n')[0]);
      expect(subjects).toHaveLength(60);
      expect(new Set(subjects).size).toBe(60);
    } finally {
      await slack.close();
    }
  }, 60_000);

  it('sends one message when a worker process is killed with SIGKILL mid-send and another takes over', async () => {
    const standIn = await startTelegramStandIn();
    let child: ChildProcess | undefined;
    try {
      const db = await connect();
      const { id } = await enqueueMessage(
        db,
        {
          idempotencyKey: 'kill:SUP-99',
          channel: 'telegram',
          recipient: '501',
          message: ticketMessage('SUP-99'),
        },
        new Date(),
      );
      // Telegram receives the message but the answer never comes back before the worker dies.
      standIn.script('sendMessage', 'hang');
      const leaseMs = 1_500;
      child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
        cwd: REPO,
        env: {
          ...process.env,
          NOTIFY_DATABASE_URL: store.databaseUrl,
          TELEGRAM_BASE_URL: standIn.baseUrl,
          TELEGRAM_TOKEN: standIn.token,
          LEASE_MS: String(leaseMs),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await until(() => standIn.calls.some((c) => c.method === 'sendMessage'), 30_000);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      await new Promise((resolve) => setTimeout(resolve, leaseMs + 200));
      const telegram = createTelegramChannel(
        createTelegramClient({ botToken: standIn.token, baseUrl: standIn.baseUrl }),
      );
      const successor = createOutboxWorker({
        db: await connect(),
        channels: { telegram },
        log: keptLog(),
        leaseMs,
      });
      expect(await successor.runOnce()).toMatchObject({ uncertain: 1, sent: 0 });
      expect(await successor.runOnce()).toMatchObject({ uncertain: 0, sent: 0 });
      expect(standIn.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
      expect(await getOutboxRow(db, id)).toMatchObject({ status: 'uncertain', attempts: 1 });
    } finally {
      child?.kill('SIGKILL');
      await standIn.close();
    }
  }, 60_000);
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
