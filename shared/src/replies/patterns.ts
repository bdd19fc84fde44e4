// Glossary patterns: how an admin writes "this word, in any of its forms".
//
//   материнк*                 a stem: «материнка», «материнку», «материнкой» (and «Материнки»)
//   мать                      an exact word: «мать», not «материал»
//   принос* извинени* за доставленн* неудобств*
//                             a phrase: words in order, any blanks or line breaks between them
//
// A `*` may only end a word and needs at least three letters before it, so a stem cannot swallow
// half the language. Matching ignores case, treats «е» and «ё» as the same letter, and only
// matches whole words: a letter, mark, digit or hyphenated continuation on either side means the
// match is only part of a word (Cyrillic included, through Unicode property escapes; `\b` would
// only know Latin letters).

const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;
// A hyphen between letters joins one word («мать-и-мачеха», "e-mail"), so it is no boundary either.
const WORD_START = String.raw`(?<!${WORD_CHAR}|${WORD_CHAR}-)`;
const WORD_END = String.raw`(?!${WORD_CHAR}|-${WORD_CHAR})`;
const PATTERN_WORD = /^[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*\*?$/u;
const MIN_STEM_LETTERS = 3;

/** Splits a pattern into its words. */
const patternWords = (pattern: string): string[] => pattern.trim().split(/\s+/u).filter(Boolean);

/** Explains what is wrong with a glossary pattern, or returns undefined when it is fine. */
export function patternProblem(pattern: string): string | undefined {
  const words = patternWords(pattern);
  if (words.length === 0) return 'A pattern needs at least one word';
  for (const word of words) {
    if (!PATTERN_WORD.test(word)) {
      return `"${word}" is not a word: use letters and digits, with "*" only at the end of a stem`;
    }
    if (word.endsWith('*') && [...word.slice(0, -1)].length < MIN_STEM_LETTERS) {
      return `The stem "${word}" is too short: give at least ${MIN_STEM_LETTERS} letters before "*"`;
    }
  }
  return undefined;
}

// Only syntax characters may be escaped under the `u` flag (`\-` is an error there).
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One pattern word as a regular expression source: е/ё and both apostrophes are interchangeable. */
function wordSource(word: string, stemsAllowed: boolean): string {
  const stem = stemsAllowed && word.endsWith('*');
  const letters = stem ? word.slice(0, -1) : word;
  const source = [...letters]
    .map((ch) => {
      const lower = ch.toLowerCase();
      if (lower === 'е' || lower === 'ё') return '[её]';
      if (ch === "'" || ch === '’') return "['’]";
      return escapeRegExp(ch);
    })
    .join('');
  return stem ? `${source}[\\p{L}\\p{M}]*` : source;
}

/** Compiles a valid pattern into a global, case-insensitive, whole-word regular expression. */
export function compilePattern(pattern: string): RegExp {
  return wholeWords(patternWords(pattern).map((word) => wordSource(word, true)));
}

/** Compiles literal text (no stems) into the same whole-word, case-insensitive search as a pattern. */
export function compileLiteral(text: string): RegExp {
  return wholeWords(patternWords(text).map((word) => wordSource(word, false)));
}

/** Joins word sources with any run of blanks and anchors the phrase on word boundaries. */
const wholeWords = (sources: string[]): RegExp =>
  new RegExp(`${WORD_START}${sources.join(String.raw`\s+`)}${WORD_END}`, 'giu');

/** A match of a pattern in a text, with UTF-16 offsets. */
export interface PatternMatch {
  start: number;
  end: number;
  text: string;
}

/** Every non-overlapping match of a pattern in a text, left to right. */
export function findPattern(text: string, pattern: string): PatternMatch[] {
  return findMatches(text, compilePattern(pattern));
}

/** Every match of a global regular expression in a text, left to right. */
export function findMatches(text: string, regex: RegExp): PatternMatch[] {
  return [...text.matchAll(regex)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

/** Gives a replacement the capitalisation of the words it replaces (Title, ALL CAPS or as written). */
export function matchCase(replacement: string, original: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    return replacement.toUpperCase();
  }
  const first = [...original][0] ?? '';
  if (first !== first.toLowerCase()) {
    const [head = '', ...rest] = [...replacement];
    return head.toUpperCase() + rest.join('');
  }
  return replacement;
}
