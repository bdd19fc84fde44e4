// Messages as data: code and parameters travel from the logic to the edge, which renders them in
// the reader's language from the catalogues (locales/en.ts, locales/ru.ts).
import type { Language } from '../schemas/replies.js';
import { formatMessage } from './format.js';
import type { MessageParams } from './format.js';
import { EN } from './locales/en.js';
import type { MessageCode } from './locales/en.js';
import { RU } from './locales/ru.js';

export type { MessageCode } from './locales/en.js';

/** What to tell a person, before it is put into words. */
export interface Message {
  code: MessageCode;
  params?: MessageParams;
}

const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageCode, string>>>> = { en: EN, ru: RU };

/** Every code in the catalogues. */
export const MESSAGE_CODES = Object.keys(EN) as MessageCode[];

/** The message in `language`. */
export function translate(language: Language, message: Message): string {
  return formatMessage(language, CATALOGUES[language][message.code], message.params);
}

/** A message with its words in both languages of the desk beside its code and parameters. */
export interface WordedMessage {
  code: MessageCode;
  params: MessageParams;
  en: string;
  ru: string;
}

/**
 * The message with its words in both languages of the desk beside the code and parameters, for
 * answers that screens read as `{ en, ru }` (older screens) or translate themselves (`code`, `params`).
 */
export function bilingual(message: Message): WordedMessage {
  const params = message.params ?? {};
  const key = `${message.code}\u0000${JSON.stringify(params)}`;
  let worded = worded_.get(key);
  if (!worded) {
    if (worded_.size >= WORDED_LIMIT) worded_.clear();
    worded = Object.freeze({
      code: message.code,
      params: Object.freeze({ ...params }),
      en: translate('en', message),
      ru: translate('ru', message),
    });
    worded_.set(key, worded);
  }
  return { ...worded };
}

// The same few messages are worded again and again (a sweep words five reasons per ticket): the
// words of the most recent ones are kept, and the store is emptied when it grows past the limit.
const WORDED_LIMIT = 5_000;
const worded_ = new Map<string, WordedMessage>();
