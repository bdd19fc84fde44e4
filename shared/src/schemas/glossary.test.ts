import { parseWith } from './errors.js';
import { DEFAULT_GLOSSARY, GlossarySchema } from './glossary.js';

describe('GlossarySchema', () => {
  it('seeds the handbook’s terms and stock phrases in both languages', () => {
    const ruTerm = DEFAULT_GLOSSARY.terms.find((t) => t.language === 'ru' && t.use === 'системная плата');
    expect(ruTerm?.forbidden).toEqual(expect.arrayContaining(['мать', 'материнк*']));
    const phrases = DEFAULT_GLOSSARY.stockPhrases.map((p) => p.phrase);
    expect(phrases).toEqual(
      expect.arrayContaining([
        'we apologize for any inconvenience caused',
        'принос* извинени* за доставленн* неудобств*',
      ]),
    );
  });

  it('explains bad patterns: stars inside words, short stems, punctuation', () => {
    const parsed = parseWith(GlossarySchema, {
      terms: [
        { forbidden: ['ма*ть'], use: 'системная плата', language: 'ru' },
        { forbidden: 'мa*', use: 'системная плата', language: 'ru' },
      ],
      stockPhrases: [{ phrase: 'sorry!!!', language: 'en' }],
      requiredTerms: [{ term: '   ', language: 'en' }],
    });
    expect(parsed).toEqual({
      ok: false,
      error: [
        {
          path: 'terms.0.forbidden.0',
          message: '"ма*ть" is not a word: use letters and digits, with "*" only at the end of a stem',
        },
        {
          path: 'terms.1.forbidden',
          message: 'The stem "мa*" is too short: give at least 3 letters before "*"',
        },
        { path: 'requiredTerms.0.term', message: 'A pattern needs at least one word' },
        {
          path: 'stockPhrases.0.phrase',
          message: '"sorry!!!" is not a word: use letters and digits, with "*" only at the end of a stem',
        },
      ],
    });
  });

  it('refuses a replacement that is itself forbidden', () => {
    const parsed = parseWith(GlossarySchema, {
      terms: [{ forbidden: 'плат*', use: 'системная плата', language: 'ru' }],
    });
    expect(parsed).toEqual({
      ok: false,
      error: [{ path: 'terms.0.use', message: '"системная плата" is itself forbidden by "плат*"' }],
    });
  });
});
