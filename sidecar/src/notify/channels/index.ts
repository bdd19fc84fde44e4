// Builds the configured channels from transport settings.
import type { FetchLike } from '../../outbound/index.js';
import type { Channel, ChannelKind } from '../types.js';
import { createEmailChannel } from './email.js';
import type { EmailChannelOptions } from './email.js';
import { createSlackChannel } from './slack.js';
import type { SlackChannelOptions } from './slack.js';
import { createTelegramChannel, createTelegramClient } from './telegram.js';
import type { TelegramClient } from './telegram.js';

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
