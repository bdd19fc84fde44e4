// Outbound notifications: channels (SMTP, Telegram, Slack), the outbox and its worker, message
// rendering, and the Telegram "Take" flow. `startNotifications` wires them for the composition root.
import type { Registry } from 'prom-client';
import type { FailedWorkSource, Notifier } from '../ports.js';
import type { Queryable } from '../store/db.js';
import { createChannels } from './channels/index.js';
import type { NotifyChannelsConfig } from './channels/index.js';
import { registerNotifyMetrics } from './metrics.js';
import {
  enqueueMessage,
  findSentTelegramCopies,
  listFailedMessages,
  releaseHeld,
  retryMessage,
} from './outbox.js';
import type { FailedMessage } from './outbox.js';
import type { Language } from './render.js';
import { handleTelegramCallback } from './telegram-take.js';
import type { LinkedEngineer, TakeDeps, TelegramUpdate } from './telegram-take.js';
import { startTelegramPolling } from './telegram-polling.js';
import { CHANNEL_KINDS } from './types.js';
import type { NotifyLogger } from './types.js';
import { createOutboxWorker } from './worker.js';
import type { OutboxHooks, OutboxWorker, OutboxWorkerDeps } from './worker.js';

export * from './types.js';
export * from './outbox.js';
export * from './worker.js';
export * from './render.js';
export * from './metrics.js';
export * from './settings.js';
export * from './telegram-take.js';
export * from './telegram-polling.js';
export * from './channels/index.js';
export { retryDelayMs, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export type { EmailChannelOptions } from './channels/email.js';
export type { SlackChannelOptions } from './channels/slack.js';
export { createTelegramClient, TELEGRAM_DEFAULT_BASE_URL } from './channels/telegram.js';
export type { TelegramClient } from './channels/telegram.js';

export type { FailedWorkSource, Notifier } from '../ports.js';

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

export interface StartNotificationsDeps {
  db: Queryable;
  log: NotifyLogger;
  channels: NotifyChannelsConfig;
  /** The platform's registry: notification metrics are registered on it. */
  registry?: Registry;
  /** Extra observers (in addition to the metrics). */
  hooks?: OutboxHooks;
  /**
   * The Telegram "Take" flow, when Telegram is configured: how users map to engineers, the
   * policy-checked assignment, and how updates arrive (webhook: hand `telegramUpdates` to the HTTP edge's Telegram route; polling:
   * getUpdates, for sites Telegram cannot reach).
   */
  take?: Pick<TakeDeps, 'findEngineerByTelegramUserId' | 'assign'> & {
    updates: { mode: 'webhook' } | { mode: 'polling'; longPollSeconds?: number };
  };
  worker?: Omit<OutboxWorkerDeps, 'db' | 'channels' | 'log' | 'hooks'>;
}

export interface RunningNotifications {
  notifier: Notifier;
  worker: OutboxWorker;
  /** Handles one Telegram update delivered to the webhook (present in webhook mode). */
  telegramUpdates?: (update: TelegramUpdate) => Promise<unknown>;
  /** Failed, uncertain and held messages, shaped like the platform's failed jobs. */
  listFailed(opts?: { limit?: number }): Promise<FailedMessage[]>;
  /** Sends a failed, uncertain or held message again. */
  retry(id: string): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Builds channels, releases messages held while a now-configured channel was missing, starts the
 * outbox worker (and Telegram polling), and returns what others call.
 */
export async function startNotifications(deps: StartNotificationsDeps): Promise<RunningNotifications> {
  const now = deps.worker?.now ?? (() => new Date());
  const configured = createChannels(deps.channels);
  const metricsHooks = deps.registry ? registerNotifyMetrics(deps.registry, deps.db) : {};
  const hooks = mergeHooks(metricsHooks, deps.hooks ?? {});
  const worker = createOutboxWorker({
    ...deps.worker,
    db: deps.db,
    channels: configured.channels,
    log: deps.log,
    hooks,
  });
  for (const kind of CHANNEL_KINDS) {
    if (!configured.channels[kind]) continue;
    const released = await releaseHeld(deps.db, kind, now());
    if (released > 0)
      deps.log.info(
        { channel: kind, released },
        `${kind} is configured now: sending ${released} kept message(s)`,
      );
  }
  worker.start();
  for (const kind of CHANNEL_KINDS) {
    if (!configured.channels[kind])
      deps.log.info(
        { channel: kind },
        `no ${kind} channel configured: its messages will wait in the outbox and show up in this log`,
      );
  }

  let telegramUpdates: ((update: TelegramUpdate) => Promise<unknown>) | undefined;
  let polling: { stop(): Promise<void> } | undefined;
  const telegram = configured.telegram;
  if (deps.take && telegram) {
    const take = deps.take;
    const handleUpdate = (update: TelegramUpdate) =>
      handleTelegramCallback(update, {
        telegram,
        findEngineerByTelegramUserId: take.findEngineerByTelegramUserId,
        assign: take.assign,
        findTelegramCopies: (issueKey) => findSentTelegramCopies(deps.db, issueKey),
        log: deps.log,
      });
    if (take.updates.mode === 'webhook') {
      telegramUpdates = handleUpdate;
    } else {
      polling = startTelegramPolling({
        telegram,
        db: deps.db,
        handleUpdate,
        log: deps.log,
        now,
        ...(take.updates.longPollSeconds !== undefined
          ? { longPollSeconds: take.updates.longPollSeconds }
          : {}),
      });
    }
  }

  return {
    notifier: createNotifier({ db: deps.db, worker, now }),
    worker,
    ...(telegramUpdates ? { telegramUpdates } : {}),
    listFailed: (opts) => listFailedMessages(deps.db, opts),
    async retry(id) {
      const retried = await retryMessage(deps.db, id, now());
      if (retried) worker.wake();
      return retried;
    },
    async stop() {
      await polling?.stop();
      await worker.stop();
      configured.close();
    },
  };
}

/**
 * One view over several sources for `/api/jobs/failed`: newest first across all of them, and a
 * retry that goes to whichever source owns the id.
 */
export function mergeFailedWork(...sources: FailedWorkSource[]): FailedWorkSource {
  return {
    async listFailed(opts = {}) {
      const lists = await Promise.all(sources.map((source) => source.listFailed(opts)));
      const newestFirst = lists.flat().sort((a, b) => b.failedAt.localeCompare(a.failedAt));
      return opts.limit === undefined ? newestFirst : newestFirst.slice(0, opts.limit);
    },
    async retry(id) {
      for (const source of sources) if (await source.retry(id)) return true;
      return false;
    },
  };
}

function mergeHooks(a: OutboxHooks, b: OutboxHooks): OutboxHooks {
  return {
    onSent: (e) => (a.onSent?.(e), b.onSent?.(e)),
    onRetry: (e) => (a.onRetry?.(e), b.onRetry?.(e)),
    onFailed: (e) => (a.onFailed?.(e), b.onFailed?.(e)),
    onHeld: (e) => (a.onHeld?.(e), b.onHeld?.(e)),
    onUncertain: (e) => (a.onUncertain?.(e), b.onUncertain?.(e)),
  };
}
