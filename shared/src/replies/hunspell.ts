// A small spell checker for Hunspell dictionaries (the .aff/.dic pairs that LibreOffice, Firefox
// and the `dictionary-*` npm packages ship). It covers what the English and Russian dictionaries
// Frontline uses need: single-character, long and numeric flags; prefixes, suffixes and their cross
// products with strip/add/condition; REP and TRY for suggestions; ICONV; NOSUGGEST, NEEDAFFIX,
// ONLYINCOMPOUND and FORBIDDENWORD. Compounding rules, flag aliases (AF) and continuation classes
// are not supported: a word that only they would accept is reported as unknown.
//
// It is written here rather than taken from `nspell` because nspell needs over ten seconds to load
// the Russian dictionary (its affix expansion is eager); this one loads both languages in about one.
//
// It is pure: the caller reads the files and decodes them (the SET line names the encoding).
// Parsing a dictionary takes a noticeable fraction of a second, so build one speller per language
// and keep it (see `lazySpeller`).
import type { Speller } from './check.js';

/** The text of a Hunspell dictionary: the affix file and the word list, already decoded. */
export interface HunspellDictionary {
  aff: string;
  dic: string;
}

interface Affix {
  flag: string;
  strip: string;
  add: string;
  condition: RegExp | undefined;
  crossProduct: boolean;
}

type FlagMode = 'char' | 'long' | 'num';

interface AffixData {
  flagMode: FlagMode;
  /** Affixes keyed by the text they add, so a word is tried only against affixes it can carry. */
  prefixes: Map<string, Affix[]>;
  suffixes: Map<string, Affix[]>;
  replacements: [from: string, to: string][];
  conversions: [from: string, to: string][];
  tryChars: string[];
  noSuggest?: string;
  needAffix?: string;
  onlyInCompound?: string;
  forbiddenWord?: string;
}

/** Splits a flag field into flags according to the FLAG mode. */
function parseFlags(field: string, mode: FlagMode): string[] {
  if (mode === 'num') return field.split(',').filter(Boolean);
  if (mode === 'long') return field.match(/[\s\S]{1,2}/gu) ?? [];
  return [...field];
}

/** Turns a Hunspell affix condition (`.`, `[^aeiou]y`, `ый`) into an anchored regular expression. */
function conditionRegExp(condition: string, kind: 'PFX' | 'SFX'): RegExp | undefined {
  if (condition === '.' || condition === '') return undefined;
  const source = condition.replace(/[\\/(){}|+*?$]/gu, '\\$&');
  return new RegExp(kind === 'SFX' ? `(?:${source})$` : `^(?:${source})`, 'u');
}

/** `_` stands for a space in REP tables. */
const repText = (s: string) => s.replace(/_/gu, ' ');

/** Parses the affix file. */
function parseAffixes(aff: string): AffixData {
  const data: AffixData = {
    flagMode: 'char',
    prefixes: new Map(),
    suffixes: new Map(),
    replacements: [],
    conversions: [],
    tryChars: [],
  };
  const pending = new Map<string, { left: number; crossProduct: boolean }>();
  for (const rawLine of aff.split(/\r?\n/u)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key = '', ...args] = line.split(/\s+/u);
    switch (key) {
      case 'FLAG':
        if (args[0] === 'long' || args[0] === 'num') data.flagMode = args[0];
        break;
      case 'TRY':
        data.tryChars = [...(args[0] ?? '')];
        break;
      case 'REP':
        if (args.length >= 2) data.replacements.push([repText(args[0] ?? ''), repText(args[1] ?? '')]);
        break;
      case 'ICONV':
        if (args.length >= 2) data.conversions.push([args[0] ?? '', args[1] ?? '']);
        break;
      case 'NOSUGGEST':
        data.noSuggest = args[0];
        break;
      case 'NEEDAFFIX':
        data.needAffix = args[0];
        break;
      case 'ONLYINCOMPOUND':
        data.onlyInCompound = args[0];
        break;
      case 'FORBIDDENWORD':
        data.forbiddenWord = args[0];
        break;
      case 'PFX':
      case 'SFX': {
        const [flag = '', a1 = '', a2 = '', a3 = '.'] = args;
        const groupKey = `${key} ${flag}`;
        const group = pending.get(groupKey);
        if (!group || group.left === 0) {
          pending.set(groupKey, { left: Number.parseInt(a2, 10) || 0, crossProduct: a1 === 'Y' });
          break;
        }
        group.left -= 1;
        const add = (a2.split('/')[0] ?? '').replace(/^0$/u, '');
        const affix: Affix = {
          flag,
          strip: a1 === '0' ? '' : a1,
          add,
          condition: conditionRegExp(a3, key),
          crossProduct: group.crossProduct,
        };
        const index = key === 'PFX' ? data.prefixes : data.suffixes;
        const list = index.get(add);
        if (list) list.push(affix);
        else index.set(add, [affix]);
        break;
      }
      default:
        break;
    }
  }
  return data;
}

/**
 * A word's flags: one string in single-character mode (no array per word, which halves the time
 * and memory a 150,000-word list takes), a list of flags otherwise.
 */
type Flags = string | readonly string[];

/** The end of a line's first field (the word and its flags); morphological fields follow a blank. */
function fieldEnd(line: string): number {
  const tab = line.indexOf('\t');
  const space = line.indexOf(' ');
  if (tab === -1) return space === -1 ? line.length : space;
  return space === -1 ? tab : Math.min(tab, space);
}

/** The index of the first `/` not escaped as `\/`, or -1. */
function flagSlash(entry: string): number {
  let slash = entry.indexOf('/');
  while (slash > 0 && entry[slash - 1] === '\\') slash = entry.indexOf('/', slash + 1);
  return slash;
}

/** Parses the word list into word → flags (homonyms merge their flags). */
function parseWords(dic: string, mode: FlagMode): Map<string, Flags> {
  const words = new Map<string, Flags>();
  const lines = dic.split('\n');
  // The first line is the approximate word count; lines starting with a tab are comments.
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/u, '');
    if (line === '' || line.startsWith('\t')) continue;
    const entry = line.slice(0, fieldEnd(line));
    const slash = flagSlash(entry);
    const raw = slash === -1 ? entry : entry.slice(0, slash);
    const word = raw.includes('\\/') ? raw.replace(/\\\//gu, '/') : raw;
    if (word === '') continue;
    const field = slash === -1 ? '' : entry.slice(slash + 1);
    const flags: Flags = mode === 'char' ? field : parseFlags(field, mode);
    const known = words.get(word);
    if (known === undefined) words.set(word, flags);
    else
      words.set(
        word,
        typeof known === 'string' && typeof flags === 'string' ? known + flags : [...known, ...flags],
      );
  }
  return words;
}

const capitalize = (word: string) => {
  const [head = '', ...rest] = [...word];
  return head.toUpperCase() + rest.join('');
};

/** The spellings under which a word may be listed: as typed, and lower-cased if it was capitalised. */
function caseForms(word: string): string[] {
  const lower = word.toLowerCase();
  if (word === lower) return [word];
  const title = capitalize(lower);
  if (word === title) return [word, lower];
  if (word === word.toUpperCase()) return [word, lower, title];
  return [word];
}

/** Reapplies the input's case (Title or UPPER) to a suggestion found in lower case. */
function restoreCase(suggestion: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) {
    return suggestion.toUpperCase();
  }
  return original === capitalize(original.toLowerCase()) ? capitalize(suggestion) : suggestion;
}

/**
 * How many answers a speller remembers: a reply editor checks the same words on every keystroke,
 * and a suggestion costs tens of milliseconds in Russian. Bounded so a long-running process stays small.
 */
const CACHE_LIMIT = 20_000;

/** Builds a speller from a Hunspell dictionary; its `correct` and `suggest` never throw. */
export function createHunspellSpeller(dictionary: HunspellDictionary): Speller {
  const affixes = parseAffixes(dictionary.aff);
  const words = parseWords(dictionary.dic, affixes.flagMode);
  const cache = new Map<string, boolean>();

  const has = (flags: Flags | undefined, flag: string | undefined) =>
    flags !== undefined && flag !== undefined && flags.includes(flag);

  const isStandaloneRoot = (flags: Flags | undefined) =>
    flags !== undefined &&
    !has(flags, affixes.needAffix) &&
    !has(flags, affixes.onlyInCompound) &&
    !has(flags, affixes.forbiddenWord);

  /** A root carrying `flag` (and `alsoFlag`, for cross products) that is not forbidden. */
  const rootWith = (stem: string, flag: string, alsoFlag?: string) => {
    const flags = words.get(stem);
    return (
      has(flags, flag) &&
      (alsoFlag === undefined || has(flags, alsoFlag)) &&
      !has(flags, affixes.forbiddenWord) &&
      !has(flags, affixes.onlyInCompound)
    );
  };

  /** Whether `word` is a root plus one prefix (that can combine with `suffixFlag` when given). */
  const viaPrefix = (word: string, suffixFlag?: string): boolean => {
    for (let j = 0; j <= word.length; j++) {
      for (const affix of affixes.prefixes.get(word.slice(0, j)) ?? []) {
        if (suffixFlag !== undefined && !affix.crossProduct) continue;
        const stem = affix.strip + word.slice(j);
        if (stem === '' || (affix.condition && !affix.condition.test(stem))) continue;
        if (rootWith(stem, affix.flag, suffixFlag)) return true;
      }
    }
    return false;
  };

  /** Whether `word` is a root plus one suffix, optionally also with a prefix. */
  const viaSuffix = (word: string): boolean => {
    for (let i = 0; i <= word.length; i++) {
      for (const affix of affixes.suffixes.get(word.slice(i)) ?? []) {
        const stem = word.slice(0, i) + affix.strip;
        if (stem === '' || (affix.condition && !affix.condition.test(stem))) continue;
        if (rootWith(stem, affix.flag)) return true;
        if (affix.crossProduct && viaPrefix(stem, affix.flag)) return true;
      }
    }
    return false;
  };

  const knownForm = (form: string) => isStandaloneRoot(words.get(form)) || viaSuffix(form) || viaPrefix(form);

  /** Russian text often writes «е» for «ё»; the dictionaries list the «ё» spelling. */
  const yoVariants = (word: string): string[] =>
    [...word.matchAll(/е/gu)].map((m) => `${word.slice(0, m.index)}ё${word.slice(m.index + 1)}`);

  const convert = (word: string) =>
    affixes.conversions.reduce((w, [from, to]) => w.split(from).join(to), word);

  const check = (raw: string): boolean => {
    const word = convert(raw);
    if (word === '') return false;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const forms = caseForms(word);
    const result = forms.some(knownForm) || forms.flatMap(yoVariants).some(knownForm);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, result);
    return result;
  };

  const alphabet = affixes.tryChars.filter((ch) => ch === ch.toLowerCase());

  /**
   * Candidate spellings one edit away, in the order typists make the mistakes: the REP table's
   * known confusions, swapped neighbours, a dropped letter, a wrong letter, an extra letter, and
   * finally two words run together (both halves at least two letters long).
   */
  const candidates = (word: string): string[] => {
    const out: string[] = [];
    for (const [from, to] of affixes.replacements) {
      for (let at = word.indexOf(from); at !== -1; at = word.indexOf(from, at + 1)) {
        out.push(word.slice(0, at) + to + word.slice(at + from.length));
      }
    }
    const chars = [...word];
    const splice = (at: number, remove: number, insert = '') =>
      [...chars.slice(0, at), insert, ...chars.slice(at + remove)].join('');
    for (let i = 0; i + 1 < chars.length; i++)
      out.push(splice(i, 2, `${chars[i + 1] ?? ''}${chars[i] ?? ''}`));
    for (let i = 0; i <= chars.length; i++) for (const ch of alphabet) out.push(splice(i, 0, ch));
    for (let i = 0; i < chars.length; i++)
      for (const ch of alphabet) if (ch !== chars[i]) out.push(splice(i, 1, ch));
    for (let i = 0; i < chars.length; i++) out.push(splice(i, 1));
    for (let i = 2; i + 2 <= chars.length; i++) out.push(splice(i, 0, ' '));
    return out;
  };

  const suggestable = (candidate: string) =>
    candidate.split(' ').every((part) => part.length > 0 && check(part)) &&
    !caseForms(candidate).some((form) => has(words.get(form), affixes.noSuggest));

  const suggestions = new Map<string, string[]>();
  const suggest = (raw: string): string[] => {
    const word = convert(raw);
    if (word === '' || check(word)) return [];
    const cached = suggestions.get(word);
    if (cached) return [...cached];
    const found = findSuggestions(word);
    if (suggestions.size >= CACHE_LIMIT) suggestions.clear();
    suggestions.set(word, found);
    return [...found];
  };

  /** Up to ten known words one edit away, a proper noun's capital first. */
  const findSuggestions = (word: string): string[] => {
    const lower = word.toLowerCase();
    const found = new Set<string>();
    // A proper noun typed in lower case: the fix is its capital letter.
    if (check(capitalize(lower)) && capitalize(lower) !== word) found.add(capitalize(lower));
    for (const candidate of candidates(lower)) {
      if (found.size >= 10) break;
      if (candidate !== lower && suggestable(candidate)) found.add(restoreCase(candidate, word));
    }
    return [...found];
  };

  return { correct: check, suggest };
}

/** A speller built on first use and reused afterwards, so loading a dictionary is paid once, and only if needed. */
export function lazySpeller(build: () => Speller): Speller {
  let speller: Speller | undefined;
  const get = () => (speller ??= build());
  return { correct: (word) => get().correct(word), suggest: (word) => get().suggest(word) };
}
