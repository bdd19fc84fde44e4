// Spelling with the real Hunspell dictionaries from the registry (dictionary-en, dictionary-ru).
// Each speller is built once for the whole file: parsing the Russian word list takes ~0.5 s.
import en from 'dictionary-en';
import ru from 'dictionary-ru';
import { DEFAULT_GLOSSARY, GlossarySchema } from '../schemas/glossary.js';
import type { Language, ReplyStyle } from '../schemas/replies.js';
import { checkReply } from './check.js';
import type { CheckOptions, Finding, Speller } from './check.js';
import { DEFAULT_REPLY_TEMPLATES } from './defaults.js';
import { createHunspellSpeller, lazySpeller } from './hunspell.js';
import { renderReply } from './render.js';

// shared/ compiles without Node or DOM typings; the runtime global is declared here, for tests only.
declare const TextDecoder: new (label: string) => { decode(bytes: Uint8Array): string };
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);
let spellers: { en: Speller; ru: Speller };

beforeAll(() => {
  spellers = {
    en: createHunspellSpeller({ aff: decode(en.aff), dic: decode(en.dic) }),
    ru: createHunspellSpeller({ aff: decode(ru.aff), dic: decode(ru.dic) }),
  };
});

const check = (text: string, language: Language, extra: Partial<CheckOptions> = {}) =>
  checkReply(text, { glossary: DEFAULT_GLOSSARY, language, spellers, ...extra });
const typos = (findings: Finding[]) => findings.filter((f) => f.kind === 'spelling');

describe('Hunspell speller', () => {
  it('knows English words in their inflected forms and rejects typos', () => {
    for (const word of [
      'shipped',
      'logs',
      'warehouse',
      'apologize',
      'unhappiness',
      'checkpoints',
      "don't",
      'Monday',
    ]) {
      expect([word, spellers.en.correct(word)]).toEqual([word, true]);
    }
    for (const word of ['recieve', 'teh', 'warehuose', 'shiped', 'monday']) {
      expect([word, spellers.en.correct(word)]).toEqual([word, false]);
    }
  });

  it('knows Russian words through suffix rules, with е written for ё', () => {
    for (const word of [
      'сервера',
      'журналы',
      'отгрузили',
      'бухгалтерам',
      'Москва',
      'нашёл',
      'нашел',
      'ещё',
      'еще',
    ]) {
      expect([word, spellers.ru.correct(word)]).toEqual([word, true]);
    }
    for (const word of ['сервира', 'пожалуста', 'москва', 'журнaл' /* Latin a */]) {
      expect([word, spellers.ru.correct(word)]).toEqual([word, false]);
    }
  });

  it('suggests the intended word', () => {
    expect(spellers.en.suggest('recieve')).toContain('receive');
    expect(spellers.en.suggest('Plese')[0]).toBe('Please');
    expect(spellers.ru.suggest('пожалуста')[0]).toBe('пожалуйста');
    expect(spellers.ru.suggest('москва')[0]).toBe('Москва');
    expect(spellers.ru.suggest('сервира')).toContain('сервера');
    expect(spellers.en.suggest('receive')).toEqual([]);
  });
});

describe('checkReply with spellers', () => {
  it('finds English typos with their positions and suggestions', () => {
    const text = 'Plese send teh logs from the array.';
    expect(typos(check(text, 'en'))).toEqual([
      expect.objectContaining({
        kind: 'spelling',
        start: 0,
        end: 5,
        text: 'Plese',
        replacements: expect.arrayContaining(['Please']),
      }),
      expect.objectContaining({
        kind: 'spelling',
        start: 11,
        end: 14,
        text: 'teh',
        replacements: expect.arrayContaining(['the']),
      }),
    ]);
  });

  it('finds Russian typos, and English typos inside Russian text', () => {
    const text = 'Пожалуста, пришлите логи сервира и файл настроек controler.';
    expect(typos(check(text, 'ru')).map((f) => [f.text, f.start, f.replacements.slice(0, 3)])).toEqual([
      ['Пожалуста', 0, expect.arrayContaining(['Пожалуйста'])],
      ['сервира', 25, expect.arrayContaining(['сервера'])],
      ['controler', 49, expect.arrayContaining(['controller'])],
    ]);
  });

  it('leaves alone codes, numbers, issue keys, links, addresses and product names', () => {
    const text =
      'RAID5 на ST-04 (SUP-12, HW-7): 2x960GB, PostgreSQL и iLO, см. https://wiki.example.com/kb/raidd и пишите на desk@northwind.example.';
    expect(typos(check(text, 'ru'))).toEqual([]);
  });

  it('does not call a glossary word a typo: forbidden words are flagged once, as forbidden', () => {
    const findings = check('Материнку заменили.', 'ru');
    expect(findings.map((f) => f.kind)).toEqual(['forbiddenTerm']);
    const glossary = GlossarySchema.parse({ terms: [{ forbidden: 'NW', use: 'Northwind', language: 'en' }] });
    expect(check('Thanks from Northwind.', 'en', { glossary })).toEqual([]);
  });

  it('accepts the known words a caller passes (names from the issue)', () => {
    expect(typos(check('Hello Anichka, Olegovich here.', 'en')).map((f) => f.text)).toEqual([
      'Anichka',
      'Olegovich',
    ]);
    expect(check('Hello Anichka, Olegovich here.', 'en', { knownWords: ['Anichka Olegovich'] })).toEqual([]);
  });

  it('checks the parts of a hyphenated word and accepts typographic apostrophes', () => {
    expect(check('Кто-то из бухгалтерии сервис-менеджеру писал.', 'ru')).toEqual([]);
    expect(check('We don’t need the e-mail.', 'en')).toEqual([]);
    expect(typos(check('Какой-то сервиз-мениджер.', 'ru')).map((f) => f.text)).toEqual(['мениджер']);
  });

  it('catches words typed in two alphabets, and fixes them into the main one', () => {
    const serverWithLatinC = '\u0063ервер';
    const tokenWithCyrillicO = 't\u043eken';
    const text = `Перезагрузили ${serverWithLatinC} и ${tokenWithCyrillicO} SQL-запрос, IT-отдел в курсе.`;
    expect(typos(check(text, 'ru'))).toEqual([
      {
        kind: 'spelling',
        ...{ start: 14, end: 20, text: serverWithLatinC },
        message: {
          en: `"${serverWithLatinC}" mixes Latin and Cyrillic letters.`,
          ru: `В слове «${serverWithLatinC}» смешаны латинские и русские буквы.`,
        },
        replacements: ['сервер'],
      },
      expect.objectContaining({ start: 23, end: 28, text: tokenWithCyrillicO, replacements: ['token'] }),
    ]);
    expect(typos(check('SQL-з\u0061прос', 'ru')).map((f) => [f.text, f.replacements])).toEqual([
      ['з\u0061прос', ['запрос']],
    ]);
  });

  it('finds nothing to correct in the seed templates, in any language or style', () => {
    const styles: ReplyStyle[] = [
      { detail: 'brief', register: 'formal' },
      { detail: 'brief', register: 'informal' },
      { detail: 'detailed', register: 'formal' },
      { detail: 'detailed', register: 'informal' },
    ];
    for (const template of DEFAULT_REPLY_TEMPLATES) {
      const variables = Object.fromEntries(template.variables.map((v) => [v, 'SUP-12']));
      for (const language of ['en', 'ru'] as const) {
        for (const style of styles) {
          const rendered = renderReply(template, { variables, style, language });
          const text = rendered.ok ? `${rendered.value.subject}\n${rendered.value.text}` : 'not rendered';
          expect([template.id, language, style, check(text, language)]).toEqual([
            template.id,
            language,
            style,
            [],
          ]);
        }
      }
    }
  });
});

describe('lazySpeller', () => {
  it('builds the speller on first use only, and only once', () => {
    let builds = 0;
    const speller = lazySpeller(() => {
      builds += 1;
      return spellers.en;
    });
    expect(builds).toBe(0);
    expect(speller.correct('logs')).toBe(true);
    expect(speller.suggest('teh')).toContain('the');
    expect(builds).toBe(1);
  });
});
