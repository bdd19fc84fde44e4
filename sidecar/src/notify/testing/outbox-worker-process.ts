// A worker in a process of its own, for the kill -9 test: it opens the store at NOTIFY_DATABASE_URL,
// sends through the Telegram stand-in at TELEGRAM_BASE_URL and runs rounds until it is killed.
import { openDb } from '../../store/open.js';
import { readMigrations } from '../../store/migrate.js';
import { createTelegramChannel, createTelegramClient } from '../channels/telegram.js';
import { createOutboxWorker } from '../worker.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const db = await openDb({
  databaseUrl: env('NOTIFY_DATABASE_URL'),
  dataDir: 'unused',
  migrations: readMigrations().filter((m) => m.version >= 200 && m.version <= 219),
});
const telegram = createTelegramChannel(
  createTelegramClient({
    botToken: env('TELEGRAM_TOKEN'),
    baseUrl: env('TELEGRAM_BASE_URL'),
    timeoutMs: 120_000,
  }),
);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const worker = createOutboxWorker({
  db,
  channels: { telegram },
  log: quiet,
  leaseMs: Number(env('LEASE_MS')),
});
process.stdout.write('worker ready\n');
for (;;) await worker.runOnce();
