// The only Telegram Bot API client. Base URL is configurable (a stand-in in tests, a local Bot API
// server in closed networks). The bot token is part of every URL, so URLs are never logged or put
// in error reasons.
import { err, ok } from '@frontline/shared';
import type { Result } from '@frontline/shared';
import { classifyAttempt, MAX_RETRY_AFTER_MS } from '../../outbound/index.js';
import type { FetchLike } from '../../outbound/index.js';
import { postJson } from '../http-call.js';
import type { Channel, OutboundMessage, SendFailure } from '../types.js';

export const TELEGRAM_DEFAULT_BASE_URL = 'https://api.telegram.org';
/** Telegram rejects longer message texts. */
const TELEGRAM_TEXT_LIMIT = 4096;
/** Callback data of the "Take" button; Telegram allows 64 bytes, an issue key is far shorter. */
export const TAKE_PREFIX = 'take:';

export interface TelegramClientOptions {
  botToken: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: FetchLike;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}

/** The subset of the Bot API Frontline uses. Every method answers a `Result`, never throws. */
export interface TelegramClient {
  /** Any Bot API method; `timeoutMs` overrides the client's (long polling waits longer on purpose). */
  call<T>(
    method: string,
    params: Record<string, unknown>,
    opts?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<Result<T, SendFailure>>;
  sendMessage(
    chatId: string,
    text: string,
    replyMarkup?: InlineKeyboard,
  ): Promise<Result<{ message_id: number }, SendFailure>>;
  editMessageText(
    chatId: string,
    messageId: string,
    text: string,
    replyMarkup?: InlineKeyboard,
  ): Promise<Result<unknown, SendFailure>>;
  answerCallbackQuery(
    callbackQueryId: string,
    text: string,
    showAlert?: boolean,
  ): Promise<Result<unknown, SendFailure>>;
}

interface TelegramEnvelope {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Builds a Bot API client with a timeout on every call. */
export function createTelegramClient(opts: TelegramClientOptions): TelegramClient {
  const baseUrl = (opts.baseUrl ?? TELEGRAM_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const fetchFn = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function call<T>(
    method: string,
    params: Record<string, unknown>,
    callOpts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<Result<T, SendFailure>> {
    const label = `telegram ${method}`;
    const answer = await postJson(fetchFn, `${baseUrl}/bot${opts.botToken}/${method}`, params, {
      timeoutMs: callOpts.timeoutMs ?? timeoutMs,
      label,
      ...(callOpts.signal ? { signal: callOpts.signal } : {}),
    });
    if (!answer.ok) return answer;
    const envelope = (typeof answer.value.body === 'object' ? answer.value.body : {}) as TelegramEnvelope;
    if (answer.value.status === 200 && envelope.ok === true) return ok(envelope.result as T);
    return err(classifyTelegramError(label, answer.value.status, envelope));
  }

  return {
    call,
    sendMessage: (chatId, text, replyMarkup) =>
      call('sendMessage', {
        chat_id: chatId,
        text: clip(text),
        link_preview_options: { is_disabled: true },
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      }),
    editMessageText: (chatId, messageId, text, replyMarkup) =>
      call('editMessageText', {
        chat_id: chatId,
        message_id: Number(messageId),
        text: clip(text),
        link_preview_options: { is_disabled: true },
        reply_markup: replyMarkup ?? { inline_keyboard: [] },
      }),
    answerCallbackQuery: (callbackQueryId, text, showAlert = false) =>
      call('answerCallbackQuery', { callback_query_id: callbackQueryId, text, show_alert: showAlert }),
  };
}

/**
 * 429 waits `parameters.retry_after` seconds; 5xx retries; 400/403 (chat gone, bot blocked) are
 * permanent. After a 5xx the message may have been posted (the outcome is unknown); flood control
 * and 4xx refuse before posting.
 */
export function classifyTelegramError(
  label: string,
  status: number,
  envelope: TelegramEnvelope,
): SendFailure {
  const code = envelope.error_code ?? status;
  const reason = `${label}: ${code} ${envelope.description ?? 'no description'}`;
  const retryAfter = envelope.parameters?.retry_after;
  // Telegram's own Retry-After, as a JSON number: held to the same bounds as the header. It comes
  // with flood control, which refuses the call before posting anything.
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return {
      kind: 'retryable',
      reason,
      retryAfterMs: Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS),
      outcomeUnknown: false,
    };
  }
  const verdict = classifyAttempt({ status: code });
  return {
    kind: verdict.kind === 'retryable' ? 'retryable' : 'permanent',
    reason,
    outcomeUnknown: verdict.outcomeUnknown,
  };
}

function clip(text: string): string {
  return text.length <= TELEGRAM_TEXT_LIMIT ? text : `${text.slice(0, TELEGRAM_TEXT_LIMIT - 1)}…`;
}

/** The message as Telegram shows it: subject line, body. The link and "Take" become buttons. */
export function telegramText(message: OutboundMessage): string {
  return `${message.subject}\n\n${message.text}`;
}

/** Buttons under a message: "Take" (when asked for and the issue is known) and "Open <key>". */
export function telegramKeyboard(message: OutboundMessage, withTake = true): InlineKeyboard | undefined {
  const row: InlineButton[] = [];
  if (withTake && message.takeButton && message.issueKey) {
    row.push({ text: message.takeButton.label, callback_data: `${TAKE_PREFIX}${message.issueKey}` });
  }
  if (message.link) row.push({ text: message.link.label, url: message.link.url });
  return row.length > 0 ? { inline_keyboard: [row] } : undefined;
}

/** Sends outbox messages to a chat id. Telegram has no idempotency key, so the outbox guards duplicates. */
export function createTelegramChannel(client: TelegramClient): Channel {
  return {
    kind: 'telegram',
    async send(chatId, message) {
      const sent = await client.sendMessage(chatId, telegramText(message), telegramKeyboard(message));
      return sent.ok ? ok({ providerRef: String(sent.value.message_id) }) : sent;
    },
  };
}
