// The glossary and tone check a reply goes through before it is posted. Findings carry UTF-16
// offsets into the checked text (what JavaScript strings, the browser and Jira's editor count), so
// a UI can highlight `text.slice(start, end)` and swap in one of the `replacements`.
import type { Result } from '../result.js';
import { forbiddenPatterns } from '../schemas/glossary.js';
import type { Glossary } from '../schemas/glossary.js';
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

/**
 * Forbidden words and phrases, each with the term to use instead in the matched text's case. When
 * several terms catch the same words, they become one finding whose replacements list the exact
 * forms first («материнку» → «системную плату») and the stems' forms after (→ «системная плата»).
 */
function forbiddenTermFindings(text: string, glossary: Glossary, language: Language): Finding[] {
  const patterns = glossary.terms
    .filter((term) => term.language === language)
    .flatMap((term) => forbiddenPatterns(term).map((pattern) => ({ term, pattern })))
    .sort((a, b) => Number(a.pattern.includes('*')) - Number(b.pattern.includes('*')));
  const byRange = new Map<string, Finding>();
  for (const { term, pattern } of patterns) {
    for (const m of findMatches(text, compilePattern(pattern))) {
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
function stockPhraseFindings(text: string, glossary: Glossary, language: Language): Finding[] {
  return glossary.stockPhrases
    .filter((phrase) => phrase.language === language)
    .flatMap((phrase) =>
      findMatches(text, compilePattern(phrase.phrase)).map((m) => ({
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
function requiredTermFindings(text: string, glossary: Glossary, language: Language): Finding[] {
  return glossary.requiredTerms
    .filter((required) => required.language === language)
    .filter((required) => findMatches(text, compilePattern(required.term)).length === 0)
    .map((required) => ({
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

/** Things that look like words but are not prose: links, e-mail addresses, issue keys, template tags. */
const NOT_PROSE = [
  /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"«»]+/giu,
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  /\b[A-Z][A-Z0-9_]+-\d+\b/gu,
  /\{\{[^{}]*\}\}/gu,
];

const inside = (match: PatternMatch, ranges: readonly PatternMatch[]) =>
  ranges.some((r) => match.start < r.end && r.start < match.end);

/** Prose words only: tokens that overlap a link, address, issue key or template tag are left out. */
function proseWords(text: string): PatternMatch[] {
  const skipped = NOT_PROSE.flatMap((regex) => findMatches(text, regex));
  return findMatches(text, WORD).filter((word) => !inside(word, skipped));
}

/** The same word twice in a row, separated only by blanks ("the the"); the fix keeps one. */
function repeatedWordFindings(text: string, words: readonly PatternMatch[]): Finding[] {
  const findings: Finding[] = [];
  for (let i = 1; i < words.length; i++) {
    const [first, second] = [words[i - 1], words[i]];
    if (!first || !second || /\p{N}/u.test(first.text)) continue;
    const onlyBlanksBetween = /^[ \t\u00a0]+$/u.test(text.slice(first.end, second.start));
    if (!onlyBlanksBetween || first.text.toLowerCase() !== second.text.toLowerCase()) continue;
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

/** Words a speller should not judge: codes, numbers, CamelCase product names, single letters. */
function skipSpelling(word: string): boolean {
  if (/[\p{N}_]/u.test(word) || [...word].length < 2) return true;
  const letters = word.replace(/[^\p{L}]/gu, '');
  const isAllCaps = letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  const hasInnerCapital = /.\p{Lu}/u.test(letters);
  return isAllCaps || hasInnerCapital;
}

/** The speller for a word's script, if one was given. */
function spellerFor(word: string, spellers: CheckOptions['spellers']): Speller | undefined {
  if (/\p{Script=Cyrillic}/u.test(word)) return /\p{Script=Latin}/u.test(word) ? undefined : spellers?.ru;
  if (/\p{Script=Latin}/u.test(word)) return spellers?.en;
  return undefined;
}

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
  for (const word of words) {
    if (inside(word, protectedRanges) || skipSpelling(word.text)) continue;
    const speller = spellerFor(word.text, options.spellers);
    if (!speller || correct(speller, word.text)) continue;
    const parts = word.text.includes('-')
      ? findMatches(word.text, /[^-]+/gu)
      : [{ start: 0, end: word.text.length, text: word.text }];
    for (const part of parts) {
      if (skipSpelling(part.text) || correct(speller, part.text)) continue;
      findings.push({
        kind: 'spelling',
        start: word.start + part.start,
        end: word.start + part.end,
        text: part.text,
        message: { en: `"${part.text}" may be misspelt.`, ru: `Возможно, опечатка: «${part.text}».` },
        replacements: speller.suggest(normalize(part.text)).slice(0, options.maxSuggestions ?? 5),
      });
    }
  }
  return findings;
}

/** Text that the glossary vouches for: its preferred terms and required terms are never "typos". */
function glossaryVouchedRanges(text: string, glossary: Glossary, language: Language): PatternMatch[] {
  const preferred = glossary.terms.filter((t) => t.language === language).map((t) => compileLiteral(t.use));
  const required = glossary.requiredTerms
    .filter((t) => t.language === language)
    .map((t) => compilePattern(t.term));
  return [...preferred, ...required].flatMap((regex) => findMatches(text, regex));
}

/**
 * Checks a reply against the glossary (forbidden and required terms, stock phrases), for repeated
 * words, and, with spellers, for typos. Findings are sorted by position; words already flagged by
 * the glossary or vouched for by it are not spell-checked.
 */
export function checkReply(text: string, options: CheckOptions): Finding[] {
  const { glossary, language } = options;
  const forbidden = forbiddenTermFindings(text, glossary, language);
  const stock = stockPhraseFindings(text, glossary, language);
  const words = proseWords(text);
  const protectedRanges = [...forbidden, ...stock, ...glossaryVouchedRanges(text, glossary, language)];
  const findings = [
    ...forbidden,
    ...stock,
    ...requiredTermFindings(text, glossary, language),
    ...repeatedWordFindings(text, words),
    ...spellingFindings(words, protectedRanges, options),
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
