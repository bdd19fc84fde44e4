// The glossary and tone check a reply goes through before it is posted. Findings carry UTF-16
// offsets into the checked text (what JavaScript strings, the browser and Jira's editor count), so
// a UI can highlight `text.slice(start, end)` and swap in one of the `replacements`.
import type { Result } from '../result.js';
import { forbiddenPatterns } from '../schemas/glossary.js';
import type { Glossary, GlossaryTerm, RequiredTerm, StockPhrase } from '../schemas/glossary.js';
import type { Language } from '../schemas/replies.js';
import { compileLiteral, compilePattern, findMatches, matchCase } from './patterns.js';
import type { PatternMatch } from './patterns.js';

/** What a spell checker must offer; an `nspell` instance and `createHunspellSpeller` both fit. */
export interface Speller {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

export const FINDING_KINDS = [
  'forbiddenTerm',
  'requiredTermMissing',
  'stockPhrase',
  'repeatedWord',
  'spelling',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One problem in a reply: where it is, what it says about it in both languages, and possible fixes. */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  message: { en: string; ru: string };
  replacements: string[];
}

/** What to check a reply against. */
export interface CheckOptions {
  /** Treated as immutable: its patterns are compiled once per glossary object and reused. */
  glossary: Glossary;
  /** The reply's language: picks the glossary entries and stock phrases that apply. */
  language: Language;
  /** Spellers by language; a word goes to the speller of its script (Cyrillic → ru, Latin → en). */
  spellers?: { en?: Speller; ru?: Speller };
  /** At most this many spelling suggestions per word (default 5). */
  maxSuggestions?: number;
  /**
   * Words that are right whatever the dictionary says, compared case-insensitively: the reporter's
   * and the customer's names, product names, the values a template was filled with.
   */
  knownWords?: readonly string[];
}

/** How a pattern is shown to people: a stem's `*` becomes "…". */
const showPattern = (pattern: string) => pattern.replace(/\*/gu, '…');

const withNote = (message: string, note: string | undefined) => (note ? `${message} ${note}` : message);

/** A glossary's entries for one language with their patterns compiled. */
interface CompiledGlossary {
  /** Exact-word patterns first, so their case-fitted replacements are offered first. */
  forbidden: { term: GlossaryTerm; regex: RegExp }[];
  stock: { phrase: StockPhrase; regex: RegExp }[];
  required: { required: RequiredTerm; regex: RegExp }[];
  /** The glossary's own words (preferred and required terms), which the speller must not question. */
  vouched: RegExp[];
}

/**
 * Compiled glossaries by glossary object: a reply editor checks the same settings on every
 * keystroke, and compiling the patterns costs more than running them. Keyed weakly, so replaced
 * settings are simply forgotten; settings are never mutated in place, so an entry never goes stale.
 */
const compiledGlossaries = new WeakMap<Glossary, Partial<Record<Language, CompiledGlossary>>>();

/** The compiled entries of a glossary for one language, compiled on first use. */
function compileGlossary(glossary: Glossary, language: Language): CompiledGlossary {
  const cached = compiledGlossaries.get(glossary)?.[language];
  if (cached) return cached;
  const terms = glossary.terms.filter((t) => t.language === language);
  const required = glossary.requiredTerms.filter((t) => t.language === language);
  const compiled: CompiledGlossary = {
    forbidden: terms
      .flatMap((term) => forbiddenPatterns(term).map((pattern) => ({ term, pattern })))
      .sort((a, b) => Number(a.pattern.includes('*')) - Number(b.pattern.includes('*')))
      .map(({ term, pattern }) => ({ term, regex: compilePattern(pattern) })),
    stock: glossary.stockPhrases
      .filter((p) => p.language === language)
      .map((phrase) => ({ phrase, regex: compilePattern(phrase.phrase) })),
    required: required.map((r) => ({ required: r, regex: compilePattern(r.term) })),
    vouched: [...terms.map((t) => compileLiteral(t.use)), ...required.map((r) => compilePattern(r.term))],
  };
  compiledGlossaries.set(glossary, { ...compiledGlossaries.get(glossary), [language]: compiled });
  return compiled;
}

/**
 * Forbidden words and phrases, each with the term to use instead in the matched text's case. When
 * several terms catch the same words, they become one finding whose replacements list the exact
 * forms first («материнку» → «системную плату») and the stems' forms after (→ «системная плата»).
 */
function forbiddenTermFindings(text: string, glossary: CompiledGlossary): Finding[] {
  const byRange = new Map<string, Finding>();
  for (const { term, regex } of glossary.forbidden) {
    for (const m of findMatches(text, regex)) {
      const replacement = matchCase(term.use, m.text);
      const known = byRange.get(`${m.start}:${m.end}`);
      if (known) {
        if (!known.replacements.includes(replacement)) known.replacements.push(replacement);
        continue;
      }
      byRange.set(`${m.start}:${m.end}`, {
        kind: 'forbiddenTerm',
        ...m,
        message: {
          en: withNote(`Say "${term.use}" instead of "${m.text}".`, term.note),
          ru: withNote(`Пишите «${term.use}» вместо «${m.text}».`, term.note),
        },
        replacements: [replacement],
      });
    }
  }
  return [...byRange.values()];
}

/** Stock phrases that make a reply read like a form letter. */
function stockPhraseFindings(text: string, glossary: CompiledGlossary): Finding[] {
  return glossary.stock.flatMap(({ phrase, regex }) =>
    findMatches(text, regex).map((m) => ({
      kind: 'stockPhrase' as const,
      ...m,
      message: {
        en: withNote(
          `"${m.text}" reads like a form letter; say it the way you would in person.`,
          phrase.note,
        ),
        ru: withNote(`«${m.text}» звучит как отписка; скажите это своими словами.`, phrase.note),
      },
      replacements: phrase.suggestion ? [matchCase(phrase.suggestion, m.text)] : [],
    })),
  );
}

/** Required terms the text never mentions; such a finding is an empty range at the start. */
function requiredTermFindings(text: string, glossary: CompiledGlossary): Finding[] {
  return glossary.required
    .filter(({ regex }) => findMatches(text, regex).length === 0)
    .map(({ required }) => ({
      kind: 'requiredTermMissing' as const,
      start: 0,
      end: 0,
      text: '',
      message: {
        en: withNote(`The reply should mention "${showPattern(required.term)}".`, required.note),
        ru: withNote(`В ответе нужно упомянуть «${showPattern(required.term)}».`, required.note),
      },
      replacements: [],
    }));
}

/** Words of a text: letters and digits, with inner apostrophes and hyphens (don't, кто-то, e-mail). */
const WORD = /[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*/gu;

/** Things that look like words but are not prose: links, issue keys, template tags (addresses below). */
const NOT_PROSE = [
  /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"«»]+/giu,
  /\b[A-Z][A-Z0-9_]+-\d+\b/gu,
  /\{\{[^{}]*\}\}/gu,
];
const EMAIL_DOMAIN = /@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;

/**
 * E-mail addresses, found from their "@domain" and extended left over the local part. A single
 * regular expression for the whole address retries the local part at every letter of the text,
 * which made it the slowest step of the whole check.
 */
function emailAddresses(text: string): PatternMatch[] {
  return findMatches(text, EMAIL_DOMAIN).flatMap((domain) => {
    let start = domain.start;
    while (start > 0 && EMAIL_LOCAL_CHAR.test(text[start - 1] ?? '')) start -= 1;
    return start === domain.start ? [] : [{ start, end: domain.end, text: text.slice(start, domain.end) }];
  });
}

const inside = (match: PatternMatch, ranges: readonly PatternMatch[]) =>
  ranges.some((r) => match.start < r.end && r.start < match.end);

/** Prose words only: tokens that overlap a link, e-mail address, issue key or template tag are left out. */
function proseWords(text: string): PatternMatch[] {
  const skipped = [...NOT_PROSE.flatMap((regex) => findMatches(text, regex)), ...emailAddresses(text)];
  return findMatches(text, WORD).filter((word) => !inside(word, skipped));
}

/** The same word twice in a row, separated only by blanks ("the the"); the fix keeps one. */
function repeatedWordFindings(text: string, words: readonly PatternMatch[]): Finding[] {
  const findings: Finding[] = [];
  for (let i = 1; i < words.length; i++) {
    const [first, second] = [words[i - 1], words[i]];
    // Cheapest test first: almost no pair of neighbours is the same word.
    if (!first || !second || first.text.toLowerCase() !== second.text.toLowerCase()) continue;
    const onlyBlanksBetween = /^[ \t\u00a0]+$/u.test(text.slice(first.end, second.start));
    if (!onlyBlanksBetween || /\p{N}/u.test(first.text)) continue;
    findings.push({
      kind: 'repeatedWord',
      start: first.start,
      end: second.end,
      text: text.slice(first.start, second.end),
      message: { en: `"${second.text}" is repeated.`, ru: `Слово «${second.text}» повторяется.` },
      replacements: [first.text],
    });
  }
  return findings;
}

/** Words a speller should not judge: codes, numbers, ALLCAPS and CamelCase names, single letters. */
function skipSpelling(word: string): boolean {
  if (word.length < 2 || /[\p{N}_]/u.test(word)) return true;
  if (word === word.toLowerCase()) return false;
  // A capital after the first letter: "RAID", "PostgreSQL", "iLO".
  const rest = word.slice(1);
  return rest !== rest.toLowerCase();
}

type Script = 'latin' | 'cyrillic' | 'mixed' | 'other';

/** Which alphabet a word is written in; "mixed" when it has both Latin and Cyrillic letters. */
function scriptOf(word: string): Script {
  let latin = false;
  let cyrillic = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) {
      latin = true;
    } else if (code >= 0x400 && code <= 0x4ff) cyrillic = true;
  }
  return latin && cyrillic ? 'mixed' : latin ? 'latin' : cyrillic ? 'cyrillic' : 'other';
}

/** The speller for a word's alphabet, if one was given. */
function spellerFor(word: string, spellers: CheckOptions['spellers']): Speller | undefined {
  const script = scriptOf(word);
  return script === 'cyrillic' ? spellers?.ru : script === 'latin' ? spellers?.en : undefined;
}

/** Latin letters that look exactly like Cyrillic ones, and back. */
const LATIN_LOOKALIKES = 'XTPOMKHECBAyxpoeca';
const CYRILLIC_LOOKALIKES = 'ХТРОМКНЕСВАухроеса';
const toAlphabet = (word: string, from: string, to: string) =>
  [...word].map((ch) => (from.includes(ch) ? to[from.indexOf(ch)] : ch)).join('');

/**
 * Words that mix Latin and Cyrillic letters («cервер» typed with a Latin "c"): they look right,
 * but no search, filter or speller will ever find them. Each part of a hyphenated word is judged
 * alone, so «IT-отдел» and «SQL-запрос» are fine. The fix swaps the look-alike letters into the
 * part's main alphabet.
 */
function mixedAlphabetFindings(words: readonly PatternMatch[]): Finding[] {
  return words
    .filter((word) => scriptOf(word.text) === 'mixed')
    .flatMap((word) => hyphenParts(word))
    .filter((part) => scriptOf(part.text) === 'mixed')
    .map((part) => {
      const letters = [...part.text];
      const toCyrillic = letters.filter((ch) => scriptOf(ch) === 'cyrillic').length * 2 >= letters.length;
      const fixed = toCyrillic
        ? toAlphabet(part.text, LATIN_LOOKALIKES, CYRILLIC_LOOKALIKES)
        : toAlphabet(part.text, CYRILLIC_LOOKALIKES, LATIN_LOOKALIKES);
      return {
        kind: 'spelling' as const,
        ...part,
        message: {
          en: `"${part.text}" mixes Latin and Cyrillic letters.`,
          ru: `В слове «${part.text}» смешаны латинские и русские буквы.`,
        },
        replacements: scriptOf(fixed) === 'mixed' ? [] : [fixed],
      };
    });
}

/** The hyphen-separated parts of a word, with offsets into the text. */
const hyphenParts = (word: PatternMatch): PatternMatch[] =>
  findMatches(word.text, /[^-]+/gu).map((p) => ({
    start: word.start + p.start,
    end: word.start + p.end,
    text: p.text,
  }));

/** Dictionaries spell the apostrophe as ', people's keyboards often type ’. */
const normalize = (word: string) => word.replace(/’/gu, "'");

/** Spelling findings; a hyphenated word passes when the whole or each of its parts is known. */
function spellingFindings(
  words: readonly PatternMatch[],
  protectedRanges: readonly PatternMatch[],
  options: CheckOptions,
): Finding[] {
  const known = new Set(
    (options.knownWords ?? [])
      .flatMap((w) => findMatches(w, WORD))
      .map((w) => normalize(w.text).toLowerCase()),
  );
  const correct = (speller: Speller, word: string) =>
    known.has(normalize(word).toLowerCase()) || speller.correct(normalize(word));
  const findings: Finding[] = [];
  if (!options.spellers?.en && !options.spellers?.ru) return findings;
  for (const word of words) {
    if (inside(word, protectedRanges)) continue;
    const whole = spellerFor(word.text, options.spellers);
    if (whole && !skipSpelling(word.text) && correct(whole, word.text)) continue;
    // Unknown as a whole, or written in two alphabets («SQL-запрос»): each part on its own.
    for (const part of hyphenParts(word)) {
      const speller = spellerFor(part.text, options.spellers);
      if (!speller || skipSpelling(part.text) || correct(speller, part.text)) continue;
      findings.push({
        kind: 'spelling',
        ...part,
        message: { en: `"${part.text}" may be misspelt.`, ru: `Возможно, опечатка: «${part.text}».` },
        replacements: speller.suggest(normalize(part.text)).slice(0, options.maxSuggestions ?? 5),
      });
    }
  }
  return findings;
}

/**
 * Checks a reply against the glossary (forbidden and required terms, stock phrases), for repeated
 * words, and, with spellers, for typos. Findings are sorted by position; words already flagged by
 * the glossary or vouched for by it (its preferred and required terms) are not spell-checked.
 */
export function checkReply(text: string, options: CheckOptions): Finding[] {
  const glossary = compileGlossary(options.glossary, options.language);
  const forbidden = forbiddenTermFindings(text, glossary);
  const stock = stockPhraseFindings(text, glossary);
  const words = proseWords(text);
  const vouched = glossary.vouched.flatMap((regex) => findMatches(text, regex));
  const findings = [
    ...forbidden,
    ...stock,
    ...requiredTermFindings(text, glossary),
    ...repeatedWordFindings(text, words),
    ...spellingFindings(words, [...forbidden, ...stock, ...vouched], options),
    ...mixedAlphabetFindings(words),
  ];
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
}

/** Why a replacement could not be applied. */
export interface StaleFinding {
  kind: 'staleFinding';
  expected: string;
  found: string;
}

/**
 * Replaces a finding's range with `replacement`. Fails when the text no longer holds the finding's
 * words at that place (it was edited since the check), rather than corrupting it.
 */
export function applyReplacement(
  text: string,
  finding: Finding,
  replacement: string,
): Result<string, StaleFinding> {
  const found = text.slice(finding.start, finding.end);
  if (found !== finding.text)
    return { ok: false, error: { kind: 'staleFinding', expected: finding.text, found } };
  return { ok: true, value: text.slice(0, finding.start) + replacement + text.slice(finding.end) };
}
