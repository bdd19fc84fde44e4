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
  return {
    code: message.code,
    params: message.params ?? {},
    en: translate('en', message),
    ru: translate('ru', message),
  };
}
