import fc from 'fast-check';
import { DEFAULT_GLOSSARY, GlossarySchema } from '../schemas/glossary.js';
import type { Glossary } from '../schemas/glossary.js';
import { applyReplacement, checkReply } from './check.js';
import type { Finding, FindingKind, Speller } from './check.js';

const at = (text: string, part: string, from = 0) => {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" is not in the text`);
  return { start, end: start + part.length, text: part };
};
const ofKind = (findings: Finding[], kind: FindingKind) => findings.filter((f) => f.kind === kind);
const ru = (text: string, glossary: Glossary = DEFAULT_GLOSSARY) =>
  checkReply(text, { glossary, language: 'ru' });
const en = (text: string, glossary: Glossary = DEFAULT_GLOSSARY) =>
  checkReply(text, { glossary, language: 'en' });

describe('forbidden terms', () => {
  it('finds a forbidden word at its exact UTF-16 position, with the term to use', () => {
    const text = 'Заменили мать на сервере.';
    expect(ofKind(ru(text), 'forbiddenTerm')).toEqual([
      {
        kind: 'forbiddenTerm',
        start: 9,
        end: 13,
        text: 'мать',
        message: {
          en: 'Say "системная плата" instead of "мать". Так называется деталь в спецификациях и в каталоге запчастей.',
          ru: 'Пишите «системная плата» вместо «мать». Так называется деталь в спецификациях и в каталоге запчастей.',
        },
        replacements: ['системная плата', 'системную плату'],
      },
    ]);
  });

  it('catches inflected Russian forms through a stem, in any case, and keeps the case in the fix', () => {
    const text = 'Материнку заменили. С материнкой всё хорошо, а у МАТЕРИНКИ сервера ST-04 гарантия.';
    const found = ofKind(ru(text), 'forbiddenTerm');
    expect(found.map(({ start, end, text: t }) => ({ start, end, text: t }))).toEqual([
      at(text, 'Материнку'),
      at(text, 'материнкой'),
      at(text, 'МАТЕРИНКИ'),
    ]);
    // Exact forms with their own case come first, the stem's dictionary form after.
    expect(found.map((f) => f.replacements)).toEqual([
      ['Системную плату', 'Системная плата'],
      ['системная плата'],
      ['СИСТЕМНОЙ ПЛАТЫ', 'СИСТЕМНАЯ ПЛАТА'],
    ]);
  });

  it('matches whole words only, Cyrillic included', () => {
    const text = 'Материал и матрица в норме; мать-и-мачеха цветёт; матьматика.';
    expect(ofKind(ru(text), 'forbiddenTerm')).toEqual([]);
  });

  it('matches a phrase across line breaks and ignores terms of the other language', () => {
    const text = 'I think you made\nan error in the invoice; мать.';
    const found = en(text);
    expect(found.map((f) => [f.kind, f.text])).toEqual([['forbiddenTerm', 'you made\nan error']]);
    expect(found[0]).toMatchObject({
      ...at(text, 'you made\nan error'),
      replacements: ['the document has an error'],
    });
  });

  it('treats е and ё as the same letter', () => {
    const glossary = GlossarySchema.parse({
      terms: [{ forbidden: 'жёстк* диск*', use: 'накопитель', language: 'ru' }],
    });
    const text = 'Жесткий диск и жёсткого диска';
    expect(ofKind(ru(text, glossary), 'forbiddenTerm').map((f) => f.text)).toEqual([
      'Жесткий диск',
      'жёсткого диска',
    ]);
  });

  it('finds English terms case-insensitively and answers in capitals to capitals', () => {
    const text = 'The MOBO is dead, the mobo in the spare is fine.';
    expect(ofKind(en(text), 'forbiddenTerm').map((f) => [f.start, f.replacements[0]])).toEqual([
      [4, 'SYSTEM BOARD'],
      [22, 'system board'],
    ]);
  });
});

describe('stock phrases', () => {
  it('flags the English form-letter apology with a human alternative', () => {
    const text = 'Fixed. We apologize for any inconvenience caused.';
    expect(en(text)).toEqual([
      expect.objectContaining({
        kind: 'stockPhrase',
        ...at(text, 'We apologize for any inconvenience caused'),
        replacements: ["I'm sorry this got in the way of your work"],
      }),
    ]);
  });

  it('flags the Russian one in other grammatical forms too', () => {
    const text = 'Готово. Приносим извинения за доставленное неудобство!';
    expect(ru(text)).toEqual([
      expect.objectContaining({
        kind: 'stockPhrase',
        ...at(text, 'Приносим извинения за доставленное неудобство'),
        replacements: ['Извините, что так вышло'],
      }),
    ]);
  });
});

describe('required terms', () => {
  const glossary = GlossarySchema.parse({
    requiredTerms: [{ term: 'Northwind', language: 'en', note: 'Sign as the company.' }],
  });

  it('reports a missing required term as an empty range at the start', () => {
    expect(en('Thanks, Oleg', glossary)).toEqual([
      {
        kind: 'requiredTermMissing',
        start: 0,
        end: 0,
        text: '',
        message: {
          en: 'The reply should mention "Northwind". Sign as the company.',
          ru: 'В ответе нужно упомянуть «Northwind». Sign as the company.',
        },
        replacements: [],
      },
    ]);
  });

  it('is satisfied in any case and only checked for its language', () => {
    expect(en('Thanks, Oleg (NORTHWIND Service)', glossary)).toEqual([]);
    expect(ru('Спасибо, Олег', glossary)).toEqual([]);
  });
});

describe('repeated words', () => {
  it('finds "the the" and offers to keep one', () => {
    const text = 'Please send the the logs.';
    expect(en(text)).toEqual([
      {
        kind: 'repeatedWord',
        start: 12,
        end: 19,
        text: 'the the',
        message: { en: '"the" is repeated.', ru: 'Слово «the» повторяется.' },
        replacements: ['the'],
      },
    ]);
  });

  it('ignores case, but not punctuation, line breaks or numbers', () => {
    const text = 'Мы мы проверили. Да, да. Нет\nнет. 10 10 дисков. That, that.';
    expect(ofKind(ru(text), 'repeatedWord').map((f) => f.text)).toEqual(['Мы мы']);
  });

  it('does not mistake issue keys and links for words', () => {
    expect(en('See SUP-12 SUP-12 and https://jira.example.com/a/a')).toEqual([]);
  });
});

describe('applyReplacement', () => {
  it('replaces the finding’s range', () => {
    const text = 'Заменили материнку.';
    const [finding] = ru(text);
    expect(applyReplacement(text, finding!, finding!.replacements[0]!)).toEqual({
      ok: true,
      value: 'Заменили системную плату.',
    });
  });

  it('refuses a finding the text no longer holds', () => {
    const [finding] = ru('Заменили материнку.');
    expect(applyReplacement('Заменили деталь.', finding!, 'x')).toEqual({
      ok: false,
      error: { kind: 'staleFinding', expected: 'материнку', found: 'деталь.' },
    });
  });
});

describe('properties', () => {
  const typos: Record<string, string> = { teh: 'the', заявкка: 'заявка', recieved: 'received' };
  const speller: Speller = {
    correct: (w) => !(w.toLowerCase() in typos),
    suggest: (w) => [typos[w.toLowerCase()] ?? w],
  };
  const words = fc.constantFrom(
    'мать',
    'материнку',
    'Материнкой',
    'the',
    'the',
    'mobo',
    'заявка',
    'заявкка',
    'teh',
    'recieved',
    'SUP-12',
    'we',
    'apologize',
    'for',
    'the',
    'inconvenience',
    'приносим',
    'извинения',
    'за',
    'доставленные',
    'неудобства',
    'https://x.example/the the',
    '\u0063ервер',
  );
  const separators = fc.constantFrom(' ', ' ', '  ', ', ', '\n', '. ');
  const texts = fc
    .array(fc.tuple(words, separators), { maxLength: 14 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
  const languages = fc.constantFrom('en' as const, 'ru' as const);

  it('every finding points at its own text', () => {
    fc.assert(
      fc.property(fc.oneof(texts, fc.string({ unit: 'grapheme' })), languages, (text, language) =>
        checkReply(text, {
          glossary: DEFAULT_GLOSSARY,
          language,
          spellers: { en: speller, ru: speller },
        }).every((f) => text.slice(f.start, f.end) === f.text && f.start <= f.end),
      ),
    );
  });

  it('applying a finding’s first replacement leaves fewer findings of that kind', () => {
    fc.assert(
      fc.property(texts, languages, fc.nat(), (text, language, pick) => {
        const options = { glossary: DEFAULT_GLOSSARY, language, spellers: { en: speller, ru: speller } };
        const fixable = checkReply(text, options).filter((f) => f.replacements.length > 0);
        fc.pre(fixable.length > 0);
        const finding = fixable[pick % fixable.length]!;
        const fixed = applyReplacement(text, finding, finding.replacements[0]!);
        if (!fixed.ok) return false;
        const before = ofKind(checkReply(text, options), finding.kind).length;
        const after = ofKind(checkReply(fixed.value, options), finding.kind).length;
        return after < before;
      }),
    );
  });

  it('a stem catches the word with any ending, in any case, and never the middle of another word', () => {
    const cyrillic = fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя');
    fc.assert(
      fc.property(
        fc.string({ unit: cyrillic, maxLength: 6 }),
        fc.constantFrom('', 'по', 'сверх'),
        fc.boolean(),
        (ending, prefix, upper) => {
          const word = `${prefix}материнк${ending}`;
          const written = upper ? word.toUpperCase() : word;
          const found = ofKind(ru(`Это ${written}, да.`), 'forbiddenTerm');
          return prefix === ''
            ? found.length === 1 && found[0]!.text === written && found[0]!.start === 4
            : found.length === 0;
        },
      ),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(texts, languages, (text, language) => {
        const options = { glossary: DEFAULT_GLOSSARY, language, spellers: { en: speller } };
        return JSON.stringify(checkReply(text, options)) === JSON.stringify(checkReply(text, options));
      }),
    );
  });
});
