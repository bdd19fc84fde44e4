// The demo's Telegram: a Bot API stand-in that prints every message the bot sends or edits, the
// settings that point the product's Telegram channel at it (the SUP team chat hears about unassigned
// tickets, the engineer on duty is paged), and a short script — Olga asks the bot for /очередь and
// takes the hottest ticket — so `npm start` shows the queue and a take in the log.
import type { SettingsDocumentInput } from '@frontline/shared';
import type { RunningSidecar } from '../src/compose.js';
import type { Logger } from '../src/logger.js';
import { startTelegramStandIn } from '../src/notify/testing/telegram-stand-in.js';
import type { StandInMessage, TelegramStandIn } from '../src/notify/testing/telegram-stand-in.js';
import { createSettingsService } from '../src/settings/service.js';

/** The secret reference the demo's bot token is stored under (set in this process's environment). */
export const DEMO_TELEGRAM_SECRET = 'FRONTLINE_DEMO_TELEGRAM_TOKEN';
/** The SUP desk's group chat in the stand-in. */
export const DEMO_SUP_CHAT = '-1001001';
/** Olga Kuznetsova's Telegram account (the demo engineers' settings link it to her). */
const OLGA = { id: 480112233, first_name: 'Olga', language_code: 'ru' };

export interface DemoTelegram {
  standIn: TelegramStandIn;
  /** Points the live settings' Telegram channel at the stand-in (a new settings version). */
  configure(sidecar: RunningSidecar): Promise<void>;
  /** Waits for an announced ticket, then Olga asks for her queue and takes the first ticket. */
  script(): Promise<void>;
  close(): Promise<void>;
}

const describe = (m: StandInMessage) => {
  const buttons = (m.replyMarkup?.inline_keyboard.flat() ?? []).map((b) => `[${b.text}]`).join(' ');
  return `${m.text}${buttons ? `\n${buttons}` : ''}`;
};

async function until<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts the stand-in; every bot message is printed with its chat and buttons. */
export async function startDemoTelegram(log: Logger): Promise<DemoTelegram> {
  const tgLog = log.child({ component: 'telegram-stand-in' });
  const standIn = await startTelegramStandIn('4242:demo-bot-token', {
    onMessage: (m, how) =>
      tgLog.info(
        { chatId: m.chatId, messageId: m.messageId },
        `telegram: bot ${how} in chat ${m.chatId}:\n${describe(m)}`,
      ),
  });
  process.env[DEMO_TELEGRAM_SECRET] = standIn.token;
  const chatOf = (id: string) => standIn.messages.filter((m) => m.chatId === id);

  return {
    standIn,
    async configure(sidecar) {
      const settings = createSettingsService(sidecar.db);
      const live = await settings.live();
      const current = (live.settings ?? {}) as SettingsDocumentInput;
      const channels = current.channels ?? { routes: [] };
      const next: SettingsDocumentInput = {
        ...current,
        channels: {
          ...channels,
          telegram: {
            botToken: { secretRef: DEMO_TELEGRAM_SECRET },
            apiBaseUrl: standIn.baseUrl,
            chats: [{ name: 'sup-desk', chatId: DEMO_SUP_CHAT }],
          },
          routes: [
            ...(channels.routes ?? []).filter((r) => r.channel !== 'telegram'),
            {
              event: 'issueUnassigned',
              audience: { kind: 'team', team: 'SUP' },
              channel: 'telegram',
              address: 'sup-desk',
            },
            { event: 'dutyPage', audience: { kind: 'dutyEngineer' }, channel: 'telegram' },
          ],
        },
      };
      const written = await settings.replace(next, { actor: 'demo', source: 'file' });
      if (written.ok)
        log.info(
          { version: written.value.version.version },
          `demo: Telegram stand-in at ${standIn.baseUrl}; the SUP chat hears about unassigned tickets`,
        );
      else log.warn({ problems: written.error }, 'demo: the Telegram settings were refused');
    },
    async script() {
      const announced = await until(
        () =>
          chatOf(DEMO_SUP_CHAT).find((m) =>
            m.replyMarkup?.inline_keyboard.flat().some((b) => b.callback_data),
          ),
        60_000,
      );
      if (!announced) {
        log.warn('demo: no unassigned ticket was announced in Telegram; skipping the /queue and Take script');
        return;
      }
      log.info('demo: Olga Kuznetsova writes /очередь to the bot');
      await standIn.say(OLGA, '/очередь');
      const queue = await until(() => chatOf(String(OLGA.id))[0], 15_000);
      const take = queue?.replyMarkup?.inline_keyboard.flat().find((b) => b.callback_data);
      if (!queue || !take?.callback_data) {
        log.warn('demo: the bot sent no queue with a Take button');
        return;
      }
      log.info(`demo: Olga presses «${take.text}» under her queue`);
      await standIn.pressButton(queue, OLGA, take.callback_data);
      const answer = await until(() => standIn.callbackAnswers.at(-1), 15_000);
      if (answer?.text) log.info(`demo: the bot answers Olga: ${answer.text}`);
    },
    async close() {
      delete process.env[DEMO_TELEGRAM_SECRET];
      await standIn.close();
    },
  };
}
