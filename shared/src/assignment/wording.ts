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

// Loads are worded for nearly every engineer of every ranking: their words are kept by the numbers
// themselves, without building a key string each time.
const LOAD_WORDS_LIMIT = 5_000;
let loadWordsCount = 0;
const loadWords_ = new Map<number, Map<number, Reason>>();
const overMaxLoadWords_ = new Map<number, Map<number, Map<number, Reason>>>();

/** Forgets every kept load wording once there are too many. */
function keepLoadWords(): void {
  loadWordsCount += 1;
  if (loadWordsCount <= LOAD_WORDS_LIMIT) return;
  loadWords_.clear();
  overMaxLoadWords_.clear();
  loadWordsCount = 1;
}

function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** "Load 3 of 10" / "Нагрузка 3 из 10" (`assignment.reason.load`), kept by the numbers. */
export function loadWords(load: number, maxLoad: number): Reason {
  const byMax = child(loadWords_, load, () => new Map<number, Reason>());
  let words = byMax.get(maxLoad);
  if (!words) {
    keepLoadWords();
    words = Object.freeze(reasonWords('assignment.reason.load', { load, maxLoad }));
    byMax.set(maxLoad, words);
  }
  return words;
}

/** "Load 3.5 + 2 for this ticket exceeds 4" (`assignment.exclusion.overMaxLoad`), kept by the numbers. */
export function overMaxLoadWords(load: number, weight: number, maxLoad: number): Reason {
  const byMax = child(
    child(overMaxLoadWords_, load, () => new Map<number, Map<number, Reason>>()),
    weight,
    () => new Map<number, Reason>(),
  );
  let words = byMax.get(maxLoad);
  if (!words) {
    keepLoadWords();
    words = Object.freeze(reasonWords('assignment.exclusion.overMaxLoad', { load, weight, maxLoad }));
    byMax.set(maxLoad, words);
  }
  return words;
}

/** A load figure as reasons carry it: two decimals at most (the words show one, as the locale writes it: 2.5, 2,5). */
export function roundLoad(load: number): number {
  return Math.round(load * 100) / 100;
}
