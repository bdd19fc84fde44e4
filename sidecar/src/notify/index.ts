// Outbound notifications: channels (SMTP, Telegram, Slack), the outbox and its worker, message
// rendering, and the Telegram "Take" flow. The composition root builds the pieces from here.
import type { Queryable } from '../store/db.js';
import { createEmailChannel } from './channels/email.js';
import type { EmailChannelOptions } from './channels/email.js';
import { createSlackChannel } from './channels/slack.js';
import type { SlackChannelOptions } from './channels/slack.js';
import { createTelegramChannel, createTelegramClient } from './channels/telegram.js';
import type { TelegramClient } from './channels/telegram.js';
import type { FetchLike } from './http-call.js';
import { enqueueMessage } from './outbox.js';
import type { NewOutboxMessage } from './outbox.js';
import type { Language } from './render.js';
import type { LinkedEngineer } from './telegram-take.js';
import type { Channel, ChannelKind } from './types.js';
import type { OutboxWorker } from './worker.js';

export * from './types.js';
export * from './outbox.js';
export * from './worker.js';
export * from './render.js';
export * from './metrics.js';
export * from './telegram-take.js';
export * from './telegram-webhook.js';
export { retryDelayMs, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export type { EmailChannelOptions } from './channels/email.js';
export type { SlackChannelOptions } from './channels/slack.js';
export { createTelegramClient, TELEGRAM_DEFAULT_BASE_URL } from './channels/telegram.js';
export type { TelegramClient } from './channels/telegram.js';

/** Transport settings per channel; a channel left out is "not configured" and its messages are held. */
export interface NotifyChannelsConfig {
  email?: EmailChannelOptions;
  telegram?: { botToken: string; baseUrl?: string; timeoutMs?: number };
  slack?: SlackChannelOptions;
}

export interface ConfiguredChannels {
  channels: Partial<Record<ChannelKind, Channel>>;
  /** The Bot API client, for the Take flow (present when Telegram is configured). */
  telegram?: TelegramClient;
  close(): void;
}

/** Builds the configured channels. */
export function createChannels(
  config: NotifyChannelsConfig,
  opts: { fetch?: FetchLike } = {},
): ConfiguredChannels {
  const channels: Partial<Record<ChannelKind, Channel>> = {};
  const closers: Array<() => void> = [];
  if (config.email) {
    const email = createEmailChannel(config.email);
    channels.email = email;
    closers.push(() => email.close());
  }
  let telegram: TelegramClient | undefined;
  if (config.telegram) {
    telegram = createTelegramClient({ ...config.telegram, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
    channels.telegram = createTelegramChannel(telegram);
  }
  if (config.slack)
    channels.slack = createSlackChannel({ ...config.slack, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  return { channels, ...(telegram ? { telegram } : {}), close: () => closers.forEach((close) => close()) };
}

/** What assignment and schedules call to send something. */
export interface Notifier {
  /**
   * Puts a message in the outbox (inside the caller's transaction when `tx` is given, so the
   * decision and its notice commit together) and nudges the worker.
   */
  notify(input: NewOutboxMessage, tx?: Queryable): Promise<{ id: string; duplicate: boolean }>;
}

/** Builds the notifier over the outbox; `worker` (optional) is woken after each enqueue. */
export function createNotifier(deps: {
  db: Queryable;
  worker?: Pick<OutboxWorker, 'wake'>;
  now?: () => Date;
}): Notifier {
  const now = deps.now ?? (() => new Date());
  return {
    async notify(input, tx) {
      const result = await enqueueMessage(tx ?? deps.db, input, now());
      if (!result.duplicate) deps.worker?.wake();
      return result;
    },
  };
}

/** The engineer fields the Take flow needs (a subset of the shared `Engineer`). */
export interface EngineerContact {
  accountId: string;
  name: string;
  telegramUserId?: number;
  languages?: readonly string[];
}

/** A lookup from Telegram user id to engineer over the engineers directory. */
export function engineerByTelegramUserId(
  engineers: readonly EngineerContact[],
): (telegramUserId: number) => Promise<LinkedEngineer | undefined> {
  const byId = new Map(
    engineers.filter((e) => e.telegramUserId !== undefined).map((e) => [e.telegramUserId, e]),
  );
  return (telegramUserId) => {
    const engineer = byId.get(telegramUserId);
    if (!engineer) return Promise.resolve(undefined);
    const first = engineer.languages?.[0];
    const language: Language | undefined = first === 'ru' || first === 'en' ? first : undefined;
    return Promise.resolve({
      accountId: engineer.accountId,
      displayName: engineer.name,
      ...(language ? { language } : {}),
    });
  };
}
