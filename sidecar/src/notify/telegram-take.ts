// The Telegram "Take" button: an engineer presses it under a ticket message, Frontline assigns the
// ticket to them (if the assignment policy allows) and edits the message to say who took it.
import { z } from 'zod';
import type { Result } from '@frontline/shared';
import { TAKE_PREFIX, telegramKeyboard, telegramText } from './channels/telegram.js';
import type { InlineKeyboard, TelegramClient } from './channels/telegram.js';
import { languageFromTelegram, renderShortText } from './render.js';
import type { Language } from './render.js';
import type { NotifyLogger, OutboundMessage } from './types.js';

/** The engineer a Telegram user is linked to (settings: `engineers[].telegramUserId`). */
export interface LinkedEngineer {
  accountId: string;
  displayName: string;
  language?: Language;
}

export interface TakeDeps {
  telegram: TelegramClient;
  findEngineerByTelegramUserId(telegramUserId: number): Promise<LinkedEngineer | undefined>;
  /** Assigns in Jira after the policy check; an expected refusal comes back as `{ reason }` a person can read. */
  assign(issueKey: string, accountId: string): Promise<Result<unknown, { reason: string }>>;
  /** Other delivered Telegram copies of messages about the issue, so every copy shows who took it. */
  findTelegramCopies?(
    issueKey: string,
  ): Promise<Array<{ chatId: string; messageId: string; message: OutboundMessage }>>;
  log: NotifyLogger;
}

export type TakeOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'unknown-user'; telegramUserId: number }
  | { kind: 'refused'; issueKey: string; accountId: string; reason: string }
  | { kind: 'taken'; issueKey: string; accountId: string; editedMessages: number };

const ButtonSchema = z.looseObject({
  text: z.string(),
  callback_data: z.string().optional(),
  url: z.string().optional(),
});

/** The parts of a Telegram `Update` the Take flow reads; everything else passes through untouched. */
export const TelegramUpdateSchema = z.looseObject({
  update_id: z.number().int(),
  callback_query: z
    .looseObject({
      id: z.string(),
      from: z.looseObject({
        id: z.number().int(),
        first_name: z.string().optional(),
        language_code: z.string().optional(),
      }),
      data: z.string().optional(),
      message: z
        .looseObject({
          message_id: z.number().int(),
          chat: z.looseObject({ id: z.number().int() }),
          text: z.string().optional(),
          reply_markup: z.looseObject({ inline_keyboard: z.array(z.array(ButtonSchema)) }).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdateSchema>;

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** The issue key in `take:<issueKey>` callback data, if that is what it is. */
export function parseTakeData(data: string | undefined): string | undefined {
  if (!data?.startsWith(TAKE_PREFIX)) return undefined;
  const key = data.slice(TAKE_PREFIX.length);
  return ISSUE_KEY.test(key) ? key : undefined;
}

/** The pressed message's buttons without the callback ones (the link stays, "Take" goes). */
function withoutCallbackButtons(
  markup: { inline_keyboard: Array<Array<z.infer<typeof ButtonSchema>>> } | undefined,
): InlineKeyboard {
  const rows = (markup?.inline_keyboard ?? [])
    .map((row) =>
      row
        .filter((b) => b.callback_data === undefined)
        .map((b) => ({ text: b.text, ...(b.url ? { url: b.url } : {}) })),
    )
    .filter((row) => row.length > 0);
  return { inline_keyboard: rows };
}

function textOrFallback(rendered: Result<string, unknown>, fallback: string): string {
  return rendered.ok ? rendered.value : fallback;
}

/** Handles one Telegram update: a "Take" press is answered, assigned and shown; anything else is ignored. */
export async function handleTelegramCallback(update: TelegramUpdate, deps: TakeDeps): Promise<TakeOutcome> {
  const query = update.callback_query;
  if (!query) return { kind: 'ignored', reason: 'not a callback query' };
  const issueKey = parseTakeData(query.data);
  if (!issueKey) {
    await deps.telegram.answerCallbackQuery(query.id, '');
    return { kind: 'ignored', reason: 'not a take button' };
  }
  const log = { telegramUserId: query.from.id, issueKey };

  const engineer = await deps.findEngineerByTelegramUserId(query.from.id);
  if (!engineer) {
    const language = languageFromTelegram(query.from.language_code);
    const text = textOrFallback(
      renderShortText('take-unknown-user', {}, language),
      'Sorry, you are not linked to an engineer.',
    );
    await deps.telegram.answerCallbackQuery(query.id, text, true);
    deps.log.info(log, 'take refused: Telegram user not linked to an engineer');
    return { kind: 'unknown-user', telegramUserId: query.from.id };
  }
  const language = engineer.language ?? languageFromTelegram(query.from.language_code);

  const assigned = await deps.assign(issueKey, engineer.accountId);
  if (!assigned.ok) {
    const text = textOrFallback(
      renderShortText('take-refused', { 'issue.key': issueKey, reason: assigned.error.reason }, language),
      assigned.error.reason,
    );
    await deps.telegram.answerCallbackQuery(query.id, text, true);
    deps.log.info(
      { ...log, accountId: engineer.accountId, reason: assigned.error.reason },
      'take refused by the assignment policy',
    );
    return { kind: 'refused', issueKey, accountId: engineer.accountId, reason: assigned.error.reason };
  }

  // Answer first: the presser's button spins until then; marking the copies can follow.
  const confirmation = textOrFallback(
    renderShortText('take-confirmed', { 'issue.key': issueKey }, language),
    issueKey,
  );
  await deps.telegram.answerCallbackQuery(query.id, confirmation);

  const takenLine = (lang: Language) =>
    textOrFallback(
      renderShortText('ticket-taken', { engineer: engineer.displayName }, lang),
      `✋ ${engineer.displayName}`,
    );
  let editedMessages = 0;
  const edit = async (
    chatId: string,
    messageId: string,
    text: string,
    keyboard: InlineKeyboard | undefined,
  ) => {
    const edited = await deps.telegram.editMessageText(chatId, messageId, text, keyboard);
    if (edited.ok) editedMessages += 1;
    else deps.log.warn({ ...log, reason: edited.error.reason }, 'could not mark a Telegram message as taken');
  };

  // Prefer the outbox's copy of a message (exact text and buttons as sent) over what the update echoes.
  const copies = (await deps.findTelegramCopies?.(issueKey)) ?? [];
  const pressed = query.message;
  const isPressed = (copy: { chatId: string; messageId: string }) =>
    pressed !== undefined &&
    copy.chatId === String(pressed.chat.id) &&
    copy.messageId === String(pressed.message_id);
  if (pressed && !copies.some(isPressed)) {
    const original = pressed.text ?? issueKey;
    await edit(
      String(pressed.chat.id),
      String(pressed.message_id),
      `${original}\n\n${takenLine(language)}`,
      withoutCallbackButtons(pressed.reply_markup),
    );
  }
  for (const copy of copies) {
    const text = `${telegramText(copy.message)}\n\n${takenLine(copy.message.language ?? language)}`;
    await edit(copy.chatId, copy.messageId, text, telegramKeyboard(copy.message, false));
  }

  deps.log.info(
    { ...log, accountId: engineer.accountId, editedMessages },
    `${issueKey} taken by ${engineer.displayName} from Telegram`,
  );
  return { kind: 'taken', issueKey, accountId: engineer.accountId, editedMessages };
}
