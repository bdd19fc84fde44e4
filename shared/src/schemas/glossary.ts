import { z } from 'zod';
import { findPattern, patternProblem } from '../replies/patterns.js';
import { LanguageSchema } from './replies.js';

// The desk's handbook of words: what to call things, what never to say, what every reply must
// mention, and the stock phrases that make a letter read like a form. Patterns are written as in
// replies/patterns.ts: words, with a trailing `*` for a stem that catches every inflected form.

const PatternSchema = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    const problem = patternProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A word or phrase never to use, and what to say instead. */
export const GlossaryTermSchema = z
  .strictObject({
    forbidden: z.union([PatternSchema, z.array(PatternSchema).min(1, 'List at least one forbidden word')]),
    use: z.string().trim().min(1, 'Say what to use instead'),
    language: LanguageSchema,
    note: z.string().trim().min(1).optional(),
  })
  .superRefine((term, ctx) => {
    // A replacement that is itself forbidden would make "replace" loop forever in the editor.
    const clash = forbiddenPatterns(term).find((p) => findPattern(term.use, p).length > 0);
    if (clash)
      ctx.addIssue({
        code: 'custom',
        path: ['use'],
        message: `"${term.use}" is itself forbidden by "${clash}"`,
      });
  });
export type GlossaryTerm = z.infer<typeof GlossaryTermSchema>;

/** A word or phrase every reply in a language must contain (e.g. the provider's name). */
export const RequiredTermSchema = z.strictObject({
  term: PatternSchema,
  language: LanguageSchema,
  note: z.string().trim().min(1).optional(),
});
export type RequiredTerm = z.infer<typeof RequiredTermSchema>;

/** A phrase that reads like a form letter, with an optional human alternative. */
export const StockPhraseSchema = z.strictObject({
  phrase: PatternSchema,
  language: LanguageSchema,
  suggestion: z.string().trim().min(1).optional(),
  note: z.string().trim().min(1).optional(),
});
export type StockPhrase = z.infer<typeof StockPhraseSchema>;

/** The whole glossary. */
export const GlossarySchema = z.strictObject({
  terms: z.array(GlossaryTermSchema).default([]),
  requiredTerms: z.array(RequiredTermSchema).default([]),
  stockPhrases: z.array(StockPhraseSchema).default([]),
});
export type Glossary = z.infer<typeof GlossarySchema>;

/** The forbidden patterns of a term as a list. */
export function forbiddenPatterns(term: Pick<GlossaryTerm, 'forbidden'>): string[] {
  return typeof term.forbidden === 'string' ? [term.forbidden] : term.forbidden;
}

/** The glossary a new installation starts with; admins extend or replace it. */
export const DEFAULT_GLOSSARY: Glossary = GlossarySchema.parse({
  terms: [
    {
      forbidden: ['мать', 'материнк*', 'мамк*'],
      use: 'системная плата',
      language: 'ru',
      note: 'Так называется деталь в спецификациях и в каталоге запчастей.',
    },
    // Exact forms with their own case, so the suggested fix fits the sentence.
    { forbidden: ['материнку', 'мать'], use: 'системную плату', language: 'ru' },
    { forbidden: 'материнки', use: 'системной платы', language: 'ru' },
    { forbidden: 'материнке', use: 'системной плате', language: 'ru' },
    {
      forbidden: ['mobo', 'mobos'],
      use: 'system board',
      language: 'en',
      note: 'The name used in the parts catalog.',
    },
    { forbidden: ['хард', 'харды', 'харда', 'хардом', 'харду'], use: 'жёсткий диск', language: 'ru' },
    {
      forbidden: ['you made an error', 'your mistake', 'user error'],
      use: 'the document has an error',
      language: 'en',
      note: 'Solve first; do not look for someone to blame.',
    },
    {
      forbidden: ['вы ошиблись', 'ваша ошибка', 'по вашей вине'],
      use: 'в документе ошибка',
      language: 'ru',
      note: 'Сначала решаем, виноватых не ищем.',
    },
  ],
  requiredTerms: [],
  stockPhrases: [
    {
      phrase: 'we apologize for any inconvenience caused',
      language: 'en',
      suggestion: "I'm sorry this got in the way of your work",
    },
    {
      phrase: 'we apologize for the inconvenience',
      language: 'en',
      suggestion: "I'm sorry about the trouble",
    },
    { phrase: 'please be advised that', language: 'en' },
    { phrase: 'ASAP', language: 'en', note: 'Name a time the customer can hold us to.' },
    { phrase: 'as soon as possible', language: 'en', note: 'Name a time the customer can hold us to.' },
    { phrase: 'your request is important to us', language: 'en' },
    {
      phrase: 'please do not hesitate to contact us',
      language: 'en',
      suggestion: 'just reply to this message',
    },
    {
      phrase: 'принос* извинени* за доставленн* неудобств*',
      language: 'ru',
      suggestion: 'Извините, что так вышло',
    },
    { phrase: 'доводим до вашего сведения', language: 'ru' },
    { phrase: 'ваше обращение очень важно для нас', language: 'ru' },
    { phrase: 'в рамках данного обращения', language: 'ru', suggestion: 'по этой заявке' },
  ],
});
