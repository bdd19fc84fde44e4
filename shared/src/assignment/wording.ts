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

// Most reasons repeat from one ranking to the next (a load of 3 of 10, a skill list, an absence
// back on Monday 09:00): their words are kept by a key that fixes them, and the store is emptied
// when it grows past the limit. Filling a catalogue message costs far more than a lookup.
const WORDS_LIMIT = 5_000;
const words_ = new Map<string, Reason>();

/** The words `build` makes, kept by `key`, which must determine them (the facts and the words' own parameters). */
export function wordsOf(key: string, build: () => Reason): Reason {
  let words = words_.get(key);
  if (!words) {
    if (words_.size >= WORDS_LIMIT) words_.clear();
    words = Object.freeze(build());
    words_.set(key, words);
  }
  return words;
}

/** A load figure as reasons carry it: two decimals at most (the words show one, as the locale writes it: 2.5, 2,5). */
export function roundLoad(load: number): number {
  return Math.round(load * 100) / 100;
}
