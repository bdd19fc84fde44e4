// Long polling (getUpdates) for sites the Telegram servers cannot reach by webhook — a laptop, a
// closed network, a single replica. Use either this or the webhook for one bot, never both (Telegram
// refuses getUpdates while a webhook is set, and answers 409 to all but one of several pollers):
// with TELEGRAM_WEBHOOK_SECRET set the sidecar registers its webhook instead and never starts this.
// Updates go through the same once-only handling as the webhook.
import type { Queryable } from '../store/db.js';
import type { TelegramClient } from './channels/telegram.js';
import { TelegramUpdateSchema } from './telegram-take.js';
import type { TelegramUpdate } from './telegram-take.js';
import { handleUpdateOnce } from './telegram-updates.js';
import type { NotifyLogger } from './types.js';

export interface TelegramPollingDeps {
  telegram: TelegramClient;
  db: Queryable;
  handleUpdate(update: TelegramUpdate): Promise<unknown>;
  log: NotifyLogger;
  now?: () => Date;
  /** How long Telegram holds a getUpdates call open when there is nothing new. */
  longPollSeconds?: number;
  /** Pause after a failed call, so an outage is not hammered. */
  errorPauseMs?: number;
}

export interface TelegramPolling {
  /** Ends the loop after the call in progress (at most one long poll). */
  stop(): Promise<void>;
}

/** Starts polling; button presses and messages (bot commands) are asked for. */
export function startTelegramPolling(deps: TelegramPollingDeps): TelegramPolling {
  const now = deps.now ?? (() => new Date());
  const longPollSeconds = deps.longPollSeconds ?? 25;
  const errorPauseMs = deps.errorPauseMs ?? 5_000;
  let stopped = false;
  let offset: number | undefined;
  let wakePause: (() => void) | undefined;
  const stopping = new AbortController();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakePause = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function pollOnce(): Promise<void> {
    const answer = await deps.telegram.call<unknown[]>(
      'getUpdates',
      {
        timeout: longPollSeconds,
        allowed_updates: ['callback_query', 'message'],
        ...(offset !== undefined ? { offset } : {}),
      },
      { timeoutMs: (longPollSeconds + 10) * 1000, signal: stopping.signal },
    );
    if (stopped) return;
    if (!answer.ok) {
      deps.log.warn({ reason: answer.error.reason }, 'Telegram getUpdates failed; pausing');
      await pause(answer.error.retryAfterMs ?? errorPauseMs);
      return;
    }
    for (const raw of answer.value) {
      const parsed = TelegramUpdateSchema.safeParse(raw);
      if (!parsed.success) {
        deps.log.warn({}, 'skipping a Telegram update that does not parse');
        continue;
      }
      try {
        await handleUpdateOnce(deps.db, parsed.data, deps.handleUpdate, now());
        // Confirming the offset tells Telegram the update is done; a failed one is left for the next poll.
        offset = parsed.data.update_id + 1;
      } catch (error) {
        deps.log.error({ err: error, updateId: parsed.data.update_id }, 'Telegram update failed; will retry');
        await pause(errorPauseMs);
        return;
      }
    }
  }

  const loop = (async () => {
    while (!stopped) await pollOnce();
  })();

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      wakePause?.();
      await loop;
    },
  };
}
