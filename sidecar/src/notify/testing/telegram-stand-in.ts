// A Telegram Bot API stand-in on loopback: sendMessage, editMessageText, answerCallbackQuery,
// getUpdates and setWebhook, with chats kept in memory, scripted failures and "press a button"
// that delivers a callback_query update by webhook (when one is set) or to getUpdates.
import express from 'express';
import type { Request, Response } from 'express';
import { listenOnLoopback } from './loopback.js';

export interface StandInMessage {
  chatId: string;
  messageId: number;
  text: string;
  replyMarkup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string; url?: string }>> };
  edits: number;
}

export interface TelegramUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

/** A scripted answer for the next call of a method: an error envelope, or no answer at all. */
export type ScriptedAnswer = { status: number; body: unknown } | 'hang';

export interface TelegramStandIn {
  /** Base URL to give the client (`…/bot<token>/<method>` is appended by it). */
  baseUrl: string;
  token: string;
  messages: StandInMessage[];
  calls: Array<{ method: string; params: Record<string, unknown>; at: number }>;
  callbackAnswers: Array<{ callback_query_id: string; text?: string; show_alert?: boolean }>;
  /** Answers the next `method` call(s) with these, in order, before behaving normally again. */
  script(method: string, ...answers: ScriptedAnswer[]): void;
  /** A user presses the first callback button of a message; returns the webhook's HTTP status, if delivered by webhook. */
  press(
    message: StandInMessage,
    from: TelegramUser,
    opts?: { secretToken?: string },
  ): Promise<number | undefined>;
  /** A user presses the button with this callback data under a message (e.g. `take:SUP-7` in a /queue list). */
  pressButton(
    message: StandInMessage,
    from: TelegramUser,
    data: string,
    opts?: { secretToken?: string },
  ): Promise<number | undefined>;
  /** A user writes `text` to the bot in their private chat (whose id is their user id), e.g. `/queue`. */
  say(from: TelegramUser, text: string, opts?: { secretToken?: string }): Promise<number | undefined>;
  /** Delivers an arbitrary update (webhook or getUpdates queue). */
  deliver(update: Record<string, unknown>, opts?: { secretToken?: string }): Promise<number | undefined>;
  /** Every update delivered so far, in order (to deliver one again, as Telegram does after a lost answer). */
  updates: Array<Record<string, unknown>>;
  /** The webhook setWebhook registered, if any (what getWebhookInfo would tell). */
  webhook(): StandInWebhook | undefined;
  close(): Promise<void>;
}

export interface StandInWebhook {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
}

export interface TelegramStandInOptions {
  /** Called with every message the bot sends or edits (the demo prints them). */
  onMessage?: (message: StandInMessage, how: 'sent' | 'edited') => void;
}

/** Starts the stand-in for a bot with `token`. */
export async function startTelegramStandIn(
  token = '123456:TEST-token',
  options: TelegramStandInOptions = {},
): Promise<TelegramStandIn> {
  const messages: StandInMessage[] = [];
  const calls: TelegramStandIn['calls'] = [];
  const callbackAnswers: TelegramStandIn['callbackAnswers'] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const pendingUpdates: Array<Record<string, unknown>> = [];
  let webhook: StandInWebhook | undefined;
  const updates: Array<Record<string, unknown>> = [];
  const pollers = new Set<() => void>();
  let nextUpdateId = 1000;
  let nextCallbackId = 1;

  const fail = (res: Response, code: number, description: string) =>
    res.status(code).json({ ok: false, error_code: code, description });

  const methods: Record<string, (params: Record<string, unknown>, res: Response) => void> = {
    sendMessage(params, res) {
      const chatId = String(params.chat_id ?? '');
      if (!chatId) return void fail(res, 400, 'Bad Request: chat_id is empty');
      if (typeof params.text !== 'string' || params.text === '')
        return void fail(res, 400, 'Bad Request: message text is empty');
      const message: StandInMessage = {
        chatId,
        messageId: messages.filter((m) => m.chatId === chatId).length + 1,
        text: params.text,
        replyMarkup: params.reply_markup as StandInMessage['replyMarkup'],
        edits: 0,
      };
      messages.push(message);
      options.onMessage?.(message, 'sent');
      res.json({
        ok: true,
        result: { message_id: message.messageId, chat: { id: Number(chatId) }, text: message.text },
      });
    },
    editMessageText(params, res) {
      const message = messages.find(
        (m) => m.chatId === String(params.chat_id) && m.messageId === Number(params.message_id),
      );
      if (!message) return void fail(res, 400, 'Bad Request: message to edit not found');
      message.text = String(params.text);
      message.replyMarkup = params.reply_markup as StandInMessage['replyMarkup'];
      message.edits += 1;
      options.onMessage?.(message, 'edited');
      res.json({ ok: true, result: { message_id: message.messageId, text: message.text } });
    },
    answerCallbackQuery(params, res) {
      callbackAnswers.push(params as TelegramStandIn['callbackAnswers'][number]);
      res.json({ ok: true, result: true });
    },
    getUpdates(params, res) {
      if (webhook)
        return void fail(res, 409, "Conflict: can't use getUpdates method while webhook is active");
      const offset = Number(params.offset ?? 0);
      // Confirmed updates (below the offset) are dropped, as Telegram does.
      pendingUpdates.splice(
        0,
        pendingUpdates.length,
        ...pendingUpdates.filter((u) => Number(u.update_id) >= offset),
      );
      const answer = () => res.json({ ok: true, result: [...pendingUpdates] });
      const waitSeconds = Number(params.timeout ?? 0);
      if (pendingUpdates.length > 0 || waitSeconds <= 0) return void answer();
      // Long poll: answer when an update arrives or the wait is over.
      const timer = setTimeout(() => {
        pollers.delete(wake);
        answer();
      }, waitSeconds * 1000);
      const wake = () => {
        clearTimeout(timer);
        answer();
      };
      pollers.add(wake);
      res.on('close', () => {
        clearTimeout(timer);
        pollers.delete(wake);
      });
    },
    setWebhook(params, res) {
      if (typeof params.url !== 'string' || params.url === '') {
        webhook = undefined; // an empty url removes the webhook, as deleteWebhook does
        return void res.json({ ok: true, result: true, description: 'Webhook was deleted' });
      }
      webhook = {
        url: params.url,
        secretToken: params.secret_token as string | undefined,
        allowedUpdates: params.allowed_updates as string[] | undefined,
      };
      res.json({ ok: true, result: true });
    },
  };

  const app = express();
  app.use(express.json());
  app.post(/.*/, (req: Request, res: Response) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.path);
    if (!match || match[1] !== token) return void fail(res, 404, 'Not Found');
    const method = match[2] ?? '';
    const params = (req.body ?? {}) as Record<string, unknown>;
    calls.push({ method, params, at: Date.now() });
    const scripted = scripts.get(method)?.shift();
    if (scripted === 'hang') return; // received, never answered: the caller's timeout must fire
    if (scripted) return void res.status(scripted.status).json(scripted.body);
    const handler = methods[method];
    if (!handler) return void fail(res, 404, `Not Found: method ${method}`);
    handler(params, res);
  });

  const http = await listenOnLoopback(app);

  async function deliver(update: Record<string, unknown>, opts: { secretToken?: string } = {}) {
    updates.push(update);
    if (!webhook) {
      pendingUpdates.push(update);
      const waiting = [...pollers];
      pollers.clear();
      waiting.forEach((wake) => wake());
      return undefined;
    }
    const secret = opts.secretToken ?? webhook.secretToken;
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  }

  const pressWith = (
    message: StandInMessage,
    from: TelegramUser,
    data: string,
    opts?: { secretToken?: string },
  ) =>
    deliver(
      {
        update_id: nextUpdateId++,
        callback_query: {
          id: String(nextCallbackId++),
          from,
          chat_instance: `ci-${message.chatId}`,
          data,
          message: {
            message_id: message.messageId,
            chat: { id: Number(message.chatId), type: 'private' },
            text: message.text,
            ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
          },
        },
      },
      opts,
    );

  return {
    baseUrl: http.url,
    token,
    messages,
    calls,
    callbackAnswers,
    script(method, ...answers) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...answers]);
    },
    press(message, from, opts) {
      const button = message.replyMarkup?.inline_keyboard.flat().find((b) => b.callback_data !== undefined);
      if (!button) throw new Error(`message ${message.messageId} has no callback button`);
      return deliver(
        {
          update_id: nextUpdateId++,
          callback_query: {
            id: String(nextCallbackId++),
            from,
            chat_instance: `ci-${message.chatId}`,
            data: button.callback_data,
            message: {
              message_id: message.messageId,
              chat: { id: Number(message.chatId), type: 'private' },
              text: message.text,
              ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
            },
          },
        },
        opts,
      );
    },
    pressButton(message, from, data, opts) {
      const button = message.replyMarkup?.inline_keyboard.flat().find((b) => b.callback_data === data);
      if (!button) throw new Error(`message ${message.messageId} has no button "${data}"`);
      return pressWith(message, from, data, opts);
    },
    say(from, text, opts) {
      return deliver(
        {
          update_id: nextUpdateId++,
          message: {
            message_id: nextUpdateId,
            from,
            chat: { id: from.id, type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text,
          },
        },
        opts,
      );
    },
    deliver,
    updates,
    webhook: () => webhook,
    close: http.close,
  };
}
