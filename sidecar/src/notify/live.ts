// Notifications that follow the settings: the channels (SMTP, Telegram, Slack) are rebuilt as soon
// as a saved settings version changes them — no restart — and messages held while a channel was
// missing go out once it is configured. The Telegram bot (Take, /queue) follows the bot it belongs
// to; its updates come by long polling, or by webhook when one is given (then nothing polls, so
// any number of replicas can run). A test send builds the channel from the saved settings and says plainly what went wrong.
import { createHash, randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Channels, Language } from '@frontline/shared';
import { botText } from './bot-texts.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { WorldSource } from '../ports.js';
import type { Queryable } from '../store/db.js';
import { createChannels } from './channels/index.js';
import type { ConfiguredChannels, NotifyChannelsConfig } from './channels/index.js';
import { engineerByTelegramUserId, createNotifier } from './index.js';
import type { RunningNotifications } from './index.js';
import { registerNotifyMetrics } from './metrics.js';
import { findSentTelegramCopies, listFailedMessages, releaseHeld, retryMessage } from './outbox.js';
import { channelsConfigFromSettings, SLACK_WEBHOOK_RECIPIENT } from './settings.js';
import type { SecretResolver } from './settings.js';
import { claimTake, releaseTake } from './take-claims.js';
import { handleTelegramUpdate } from './telegram-take.js';
import type { TakeDeps, TelegramUpdate } from './telegram-take.js';
import { startTelegramPolling } from './telegram-polling.js';
import type { TelegramPolling } from './telegram-polling.js';
import { queueReply } from './telegram-queue.js';
import { CHANNEL_KINDS } from './types.js';
import type { ChannelKind, NotifyLogger, SendFailure } from './types.js';
import { createOutboxWorker } from './worker.js';
import type { OutboxWorkerDeps } from './worker.js';

export interface LiveNotificationsDeps {
  db: Queryable;
  log: NotifyLogger;
  /** The live settings (engineers for the bot, channels for the transports). */
  world: WorldSource<AssignmentWorld>;
  /** Secrets by name (the environment or a secret store). */
  resolveSecret: SecretResolver;
  registry?: Registry;
  /** The policy-checked assignment behind "Take" (absent: no tracker, the bot only lists). */
  assign?: TakeDeps['assign'];
  /** How often saved settings are looked at (default 2 s); every replica follows them itself. */
  refreshMs?: number;
  /**
   * Set: Telegram delivers updates by webhook at `url` (registered with setWebhook whenever the bot
   * is configured or changes) and nothing polls; unset: long polling.
   */
  telegramWebhook?: { url: string; secretToken: string };
  /** Telegram long-poll wait (default 25 s). */
  longPollSeconds?: number;
  now?: () => Date;
  worker?: Omit<OutboxWorkerDeps, 'db' | 'channels' | 'log' | 'hooks'>;
}

/** Why a test send failed, as a code and the parameters a screen words it with (never a secret). */
export type ChannelTestFailure =
  | { code: 'not_configured'; channel: ChannelKind }
  | { code: 'secret_missing'; channel: ChannelKind; path: string; message: string }
  | { code: 'no_recipient'; channel: ChannelKind }
  | { code: 'auth_failed'; channel: ChannelKind; user?: string; message: string }
  | { code: 'send_failed'; channel: ChannelKind; message: string };

export type ChannelTestResult =
  | { ok: true; channel: ChannelKind; recipient: string; providerRef?: string }
  | ({ ok: false } & ChannelTestFailure);

export interface LiveNotifications extends RunningNotifications {
  /** Looks at the saved settings now; true when the channels were rebuilt. */
  refresh(): Promise<boolean>;
  /** Sends a test message through `channel` as the saved settings configure it. */
  testSend(channel: ChannelKind, recipient?: string, language?: Language): Promise<ChannelTestResult>;
  /** Handles one update delivered by webhook; rejects while no bot is configured (Telegram retries). */
  handleTelegramUpdate(update: TelegramUpdate): Promise<unknown>;
}

/** What setWebhook is asked for: the two update kinds the bot answers (Take, commands). */
const WEBHOOK_UPDATES = ['callback_query', 'message'];

/** The transports of one channel kind, with their secrets resolved (each kind on its own). */
function transportOf(
  settings: Channels,
  kind: ChannelKind,
  resolveSecret: SecretResolver,
): { config?: NotifyChannelsConfig; problem?: { path: string; message: string } } {
  if (settings[kind] === undefined) return {};
  const resolved = channelsConfigFromSettings(
    { routes: [], [kind]: settings[kind] } as Channels,
    resolveSecret,
  );
  if (resolved.ok) return { config: resolved.value };
  const first = resolved.error[0]!;
  return { problem: { path: first.path, message: first.message } };
}

/** Builds the transports the settings configure; a kind whose secret is missing stays off. */
function transportsOf(
  settings: Channels,
  resolveSecret: SecretResolver,
): { config: NotifyChannelsConfig; problems: string[] } {
  const config: NotifyChannelsConfig = {};
  const problems: string[] = [];
  for (const kind of CHANNEL_KINDS) {
    const one = transportOf(settings, kind, resolveSecret);
    if (one.config) Object.assign(config, one.config);
    if (one.problem) problems.push(`${one.problem.path}: ${one.problem.message}`);
  }
  return { config, problems };
}

const fingerprintOf = (config: unknown) => createHash('sha256').update(JSON.stringify(config)).digest('hex');

/** A send failure in words for the admin: a refused login names the user, never the password or token. */
export function describeTestFailure(
  channel: ChannelKind,
  failure: SendFailure,
  user: string | undefined,
): ChannelTestFailure {
  const reason = failure.reason;
  if (channel === 'email' && /\bEAUTH\b|\b535\b|\b534\b/.test(reason))
    return {
      code: 'auth_failed',
      channel,
      ...(user ? { user } : {}),
      message: `authentication failed for user ${user ?? '(none)'}: the SMTP server refused the login`,
    };
  if (channel === 'telegram' && /\b401\b|Unauthorized/i.test(reason))
    return {
      code: 'auth_failed',
      channel,
      message: 'authentication failed: Telegram refused the bot token (401)',
    };
  if (
    channel === 'slack' &&
    /invalid_auth|not_authed|token_revoked|\b403\b|invalid_token|no_service/i.test(reason)
  )
    return {
      code: 'auth_failed',
      channel,
      message: 'authentication failed: Slack refused the token or webhook',
    };
  return { code: 'send_failed', channel, message: reason };
}

/** Starts the outbox worker over channels that follow the saved settings, and the Telegram bot. */
export async function startLiveNotifications(deps: LiveNotificationsDeps): Promise<LiveNotifications> {
  const now = deps.now ?? (() => new Date());
  let current: ConfiguredChannels = createChannels({});
  let fingerprint = fingerprintOf({});
  let reported = '';
  let polling: TelegramPolling | undefined;
  let bot: ((update: TelegramUpdate) => Promise<unknown>) | undefined;
  /** The bot the webhook is registered for (a fingerprint), and when a failed registration is tried again. */
  let webhookFor: string | undefined;
  let webhookRetryAt = 0;
  let stopped = false;
  const metricsHooks = deps.registry ? registerNotifyMetrics(deps.registry, deps.db) : {};
  const worker = createOutboxWorker({
    ...deps.worker,
    db: deps.db,
    channels: () => current.channels,
    log: deps.log,
    hooks: metricsHooks,
  });

  const handleUpdate = (telegram: NonNullable<ConfiguredChannels['telegram']>) => {
    const findEngineer = async (telegramUserId: number) =>
      (await deps.world.load()).engineers.find((e) => e.telegramUserId === telegramUserId);
    return (update: Parameters<typeof handleTelegramUpdate>[0]) =>
      handleTelegramUpdate(update, {
        telegram,
        log: deps.log,
        findEngineerByTelegramUserId: async (id) => {
          const engineer = await findEngineer(id);
          const linked = engineer ? await engineerByTelegramUserId([engineer])(id) : undefined;
          return linked && engineer ? { ...linked, teams: engineer.teams } : undefined;
        },
        assign:
          deps.assign ??
          (() => Promise.resolve({ ok: false, error: { reason: 'no tracker is configured' } })),
        findTelegramCopies: (issueKey) => findSentTelegramCopies(deps.db, issueKey),
        claim: (issueKey, accountId) => claimTake(deps.db, issueKey, accountId, now()),
        release: (issueKey, accountId) => releaseTake(deps.db, issueKey, accountId),
        nameOf: async (accountId) =>
          (await deps.world.load()).engineers.find((e) => e.accountId === accountId)?.name ?? accountId,
        queue: async (id, fallback) => {
          const engineer = await findEngineer(id);
          if (!engineer) return undefined;
          const own = engineer.languages.find((l): l is 'en' | 'ru' => l === 'en' || l === 'ru');
          return queueReply({ db: deps.db, world: deps.world, now }, engineer, own ?? fallback);
        },
      });
  };

  let refreshing: Promise<boolean> | undefined;
  async function rebuild(): Promise<boolean> {
    const world = await deps.world.load();
    const { config, problems } = transportsOf(world.settings.channels, deps.resolveSecret);
    const problemText = problems.join('; ');
    if (problemText && problemText !== reported)
      deps.log.warn({ problems }, 'some notification secrets are not set; those channels stay off');
    reported = problemText;
    const next = fingerprintOf(config);
    if (next === fingerprint || stopped) return false;
    const before = current;
    current = createChannels(config);
    fingerprint = next;
    before.close();
    await polling?.stop();
    polling = undefined;
    bot = current.telegram ? handleUpdate(current.telegram) : undefined;
    webhookFor = undefined;
    webhookRetryAt = 0;
    if (current.telegram && !deps.telegramWebhook)
      polling = startTelegramPolling({
        telegram: current.telegram,
        db: deps.db,
        handleUpdate: bot!,
        log: deps.log,
        now,
        ...(deps.longPollSeconds !== undefined ? { longPollSeconds: deps.longPollSeconds } : {}),
      });
    const on = CHANNEL_KINDS.filter((kind) => current.channels[kind]);
    deps.log.info(
      { channels: on, settingsVersion: world.settingsVersion },
      `notification channels follow settings version ${world.settingsVersion}: ${on.length ? on.join(', ') : 'none configured'}`,
    );
    for (const kind of on) {
      const released = await releaseHeld(deps.db, kind, now());
      if (released > 0)
        deps.log.info(
          { channel: kind, released },
          `${kind} is configured now: sending ${released} kept message(s)`,
        );
    }
    if (on.length) worker.wake();
    return true;
  }
  /** Registers the webhook for the bot now configured, once per bot; a failure is tried again later. */
  async function registerWebhook(): Promise<void> {
    const webhook = deps.telegramWebhook;
    const telegram = current.telegram;
    if (!webhook || !telegram || webhookFor === fingerprint || stopped) return;
    if (now().getTime() < webhookRetryAt) return;
    const registered = await telegram.call<boolean>('setWebhook', {
      url: webhook.url,
      secret_token: webhook.secretToken,
      allowed_updates: WEBHOOK_UPDATES,
    });
    if (registered.ok) {
      webhookFor = fingerprint;
      deps.log.info({ url: webhook.url }, `Telegram delivers the bot's updates to ${webhook.url}`);
      return;
    }
    // A refused URL (not HTTPS, unreachable) is not fixed by retrying soon: wait longer then.
    const pause = registered.error.kind === 'permanent' ? 300_000 : 30_000;
    webhookRetryAt = now().getTime() + (registered.error.retryAfterMs ?? pause);
    deps.log.warn(
      { url: webhook.url, reason: registered.error.reason },
      'could not register the Telegram webhook; trying again shortly',
    );
  }
  const refresh = () => {
    refreshing ??= rebuild()
      .then(async (changed) => {
        await registerWebhook();
        return changed;
      })
      .finally(() => (refreshing = undefined));
    return refreshing;
  };

  await refresh();
  worker.start();
  const timer = setInterval(() => {
    refresh().catch((error: unknown) =>
      deps.log.warn({ err: { message: (error as Error).message } }, 'could not read the channels settings'),
    );
  }, deps.refreshMs ?? 2_000);
  timer.unref();

  return {
    notifier: createNotifier({ db: deps.db, worker, now }),
    worker,
    refresh,
    listFailed: (opts) => listFailedMessages(deps.db, opts),
    async retry(id) {
      const retried = await retryMessage(deps.db, id, now());
      if (retried) worker.wake();
      return retried;
    },
    async testSend(channel, recipient, language = 'en') {
      const world = await deps.world.load();
      const settings = world.settings.channels;
      const one = transportOf(settings, channel, deps.resolveSecret);
      if (one.problem) return { ok: false, code: 'secret_missing', channel, ...one.problem };
      if (!one.config) return { ok: false, code: 'not_configured', channel };
      const to =
        recipient ??
        (channel === 'email'
          ? undefined
          : channel === 'telegram'
            ? settings.telegram?.chats[0]?.chatId
            : settings.slack && 'webhookUrl' in settings.slack
              ? SLACK_WEBHOOK_RECIPIENT
              : settings.slack?.channel);
      if (!to) return { ok: false, code: 'no_recipient', channel };
      const built = createChannels({
        ...one.config,
        ...(one.config.email ? { email: { ...one.config.email, timeoutMs: 10_000 } } : {}),
      });
      try {
        const sent = await built.channels[channel]!.send(
          to,
          {
            subject: botText('channelTestSubject', {}, language),
            text: botText('channelTestBody', { channel, version: String(world.settingsVersion) }, language),
            language,
          },
          { outboxId: randomUUID(), idempotencyKey: `channel-test:${randomUUID()}` },
        );
        if (sent.ok)
          return {
            ok: true,
            channel,
            recipient: to,
            ...(sent.value.providerRef ? { providerRef: sent.value.providerRef } : {}),
          };
        return { ok: false, ...describeTestFailure(channel, sent.error, one.config.email?.user) };
      } finally {
        built.close();
      }
    },
    handleTelegramUpdate(update) {
      if (!bot) return Promise.reject(new Error('no Telegram bot is configured'));
      return bot(update);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await refreshing?.catch(() => undefined);
      await polling?.stop();
      await worker.stop();
      current.close();
    },
  };
}
