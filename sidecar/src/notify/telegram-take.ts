// The Telegram bot: the "Take" button (an engineer presses it under a ticket message, Frontline
// assigns the ticket to them if they are in its team and the policy allows, the first press winning,
// and edits the message to say who took it) and the /queue command (see telegram-queue.ts).
import { z } from 'zod';
import type { Result } from '@frontline/shared';
import { TAKE_PREFIX, telegramKeyboard, telegramText } from './channels/telegram.js';
import type { InlineKeyboard, TelegramClient } from './channels/telegram.js';
import { botText } from './bot-texts.js';
import { languageFromTelegram, renderShortText } from './render.js';
import type { Language } from './render.js';
import type { ClaimOutcome } from './take-claims.js';
import type { QueueReply } from './telegram-queue.js';
import type { NotifyLogger, OutboundMessage } from './types.js';

/** The engineer a Telegram user is linked to (settings: `engineers[].telegramUserId`). */
export interface LinkedEngineer {
  accountId: string;
  displayName: string;
  language?: Language;
  /** Project keys of the engineer's teams; a ticket of another team is refused. */
  teams?: readonly string[];
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
  /** Claims the ticket for the presser before Jira is asked, so the first of two presses wins. */
  claim?(issueKey: string, accountId: string): Promise<ClaimOutcome>;
  /** Gives the claim up when the assignment did not happen. */
  release?(issueKey: string, accountId: string): Promise<void>;
  /** A person's name for replies ("already taken by …"). */
  nameOf?(accountId: string): Promise<string>;
  log: NotifyLogger;
}

/** What the bot needs beyond Take: the /queue answer for a linked Telegram user. */
export interface BotDeps extends TakeDeps {
  /** The /queue answer, or undefined when the Telegram user is not linked to an engineer. */
  queue?(telegramUserId: number, fallback: Language): Promise<QueueReply | undefined>;
}

export type CommandOutcome =
  { kind: 'queue'; telegramUserId: number } | { kind: 'help'; telegramUserId: number };

export type TakeOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'unknown-user'; telegramUserId: number }
  | { kind: 'refused'; issueKey: string; accountId: string; reason: string }
  | { kind: 'not-in-team'; issueKey: string; accountId: string; team: string }
  | { kind: 'already-taken'; issueKey: string; accountId: string; holder: string }
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
  message: z
    .looseObject({
      message_id: z.number().int(),
      chat: z.looseObject({ id: z.number().int() }),
      from: z.looseObject({ id: z.number().int(), language_code: z.string().optional() }).optional(),
      text: z.string().optional(),
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

/**
 * The pressed message's buttons without the pressed one (links stay; in a /queue list the other
 * tickets' "Take" buttons stay too).
 */
function withoutPressedButton(
  markup: { inline_keyboard: Array<Array<z.infer<typeof ButtonSchema>>> } | undefined,
  pressedData: string | undefined,
): InlineKeyboard {
  const rows = (markup?.inline_keyboard ?? [])
    .map((row) =>
      row
        .filter((b) => b.callback_data === undefined || b.callback_data !== pressedData)
        .map((b) => ({
          text: b.text,
          ...(b.url ? { url: b.url } : {}),
          ...(b.callback_data ? { callback_data: b.callback_data } : {}),
        })),
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

  const team = issueKey.slice(0, issueKey.lastIndexOf('-'));
  if (engineer.teams && !engineer.teams.includes(team)) {
    await deps.telegram.answerCallbackQuery(
      query.id,
      botText('takeNotInTeam', { key: issueKey, team }, language),
      true,
    );
    deps.log.info({ ...log, accountId: engineer.accountId, team }, 'take refused: not in the ticket’s team');
    return { kind: 'not-in-team', issueKey, accountId: engineer.accountId, team };
  }
  const claim = (await deps.claim?.(issueKey, engineer.accountId)) ?? { ok: true };
  if (!claim.ok) {
    const holder = (await deps.nameOf?.(claim.holder)) ?? claim.holder;
    await deps.telegram.answerCallbackQuery(
      query.id,
      botText('takeAlreadyTaken', { key: issueKey, engineer: holder }, language),
      true,
    );
    deps.log.info(
      { ...log, accountId: engineer.accountId, holder: claim.holder },
      'take refused: taken already',
    );
    return { kind: 'already-taken', issueKey, accountId: engineer.accountId, holder: claim.holder };
  }

  const assigned = await deps.assign(issueKey, engineer.accountId);
  if (!assigned.ok) {
    await deps.release?.(issueKey, engineer.accountId);
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
    // A list (several Take buttons) says which of its tickets was taken.
    const takes = (pressed.reply_markup?.inline_keyboard ?? []).flat().filter((b) => b.callback_data);
    const line = takes.length > 1 ? `${issueKey}: ${takenLine(language)}` : takenLine(language);
    await edit(
      String(pressed.chat.id),
      String(pressed.message_id),
      `${original}\n\n${line}`,
      withoutPressedButton(pressed.reply_markup, query.data),
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

const QUEUE_COMMANDS = new Set(['/queue', '/очередь']);

/** The command a message starts with, lower case, without a `@botname` suffix. */
export function commandOf(text: string | undefined): string | undefined {
  const first = text?.trim().split(/\s+/)[0];
  if (!first?.startsWith('/')) return undefined;
  return first.replace(/@\w+$/, '').toLowerCase();
}

/** Handles one update: a button press (Take), or a command (/queue, /очередь); anything else is ignored. */
export async function handleTelegramUpdate(
  update: TelegramUpdate,
  deps: BotDeps,
): Promise<TakeOutcome | CommandOutcome> {
  if (update.callback_query) return handleTelegramCallback(update, deps);
  const message = update.message;
  const command = commandOf(message?.text);
  if (!message?.from || !command) return { kind: 'ignored', reason: 'not a command' };
  const userId = message.from.id;
  const fallback = languageFromTelegram(message.from.language_code);
  const chatId = String(message.chat.id);
  const reply = async (text: string, keyboard?: QueueReply['keyboard']) => {
    const sent = await deps.telegram.sendMessage(chatId, text, keyboard);
    if (!sent.ok) deps.log.warn({ telegramUserId: userId, reason: sent.error.reason }, 'bot reply not sent');
  };
  if (!QUEUE_COMMANDS.has(command) || !deps.queue) {
    await reply(botText('unknownCommand', {}, fallback));
    return { kind: 'help', telegramUserId: userId };
  }
  const answer = await deps.queue(userId, fallback);
  if (!answer) {
    const text = textOrFallback(
      renderShortText('take-unknown-user', {}, fallback),
      'Sorry, you are not linked to an engineer.',
    );
    await reply(text);
    return { kind: 'unknown-user', telegramUserId: userId };
  }
  await reply(answer.text, answer.keyboard);
  deps.log.info({ telegramUserId: userId }, 'queue sent to Telegram');
  return { kind: 'queue', telegramUserId: userId };
}
