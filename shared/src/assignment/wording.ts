import { bilingual, translate, whenMessage } from '../i18n/index.js';
import type { MessageCode, MessageParams } from '../i18n/index.js';
import type { Reason } from '../schemas/contract.js';

// Reasons are read by coordinators in English or Russian; their words are the catalogues'
// (`assignment.reason.*`, `assignment.exclusion.*`, `when.*`), filled with the facts here.

/**
 * When something happens, as the reader of a reason wants it: "18:00" later today, "Mon 09:00"
 * within the week, "Mon 30 Nov 09:00" further away; local time in `zone`.
 */
export function formatWhen(zone: string, at: Date, now: Date): Reason {
  const { en, ru } = bilingual(whenMessage(zone, at, now));
  return { en, ru };
}

/**
 * A reason's words in both languages: the catalogue's `message` filled with `params` (the facts a
 * screen may phrase itself) and `words` (parameters only the words need: times already worded in
 * each language, numbers as the reasons write them, which form to use).
 */
export function reasonWords(
  message: MessageCode,
  params: MessageParams,
  words: { en?: MessageParams; ru?: MessageParams; both?: MessageParams } = {},
): Reason {
  return {
    en: translate('en', { code: message, params: { ...params, ...words.both, ...words.en } }),
    ru: translate('ru', { code: message, params: { ...params, ...words.both, ...words.ru } }),
  };
}

/** A load figure as reasons carry it: two decimals at most (the words show one, as the locale writes it: 2.5, 2,5). */
export function roundLoad(load: number): number {
  return Math.round(load * 100) / 100;
}
