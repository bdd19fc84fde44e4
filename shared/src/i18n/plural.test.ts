import fc from 'fast-check';
import type { PluralForms } from './plural.js';
import { plural, pluralCategory } from './plural.js';

const WORKING_DAYS: Record<'ru' | 'en', PluralForms> = {
  ru: { one: '# рабочий день', few: '# рабочих дня', many: '# рабочих дней', other: '# рабочего дня' },
  en: { one: '# working day', other: '# working days' },
};

/** The Russian rule for whole numbers, written out as grammars teach it. */
function russianCategory(n: number): 'one' | 'few' | 'many' {
  const units = n % 10;
  const tens = n % 100;
  if (units === 1 && tens !== 11) return 'one';
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return 'few';
  return 'many';
}

describe('plural', () => {
  it('says working days in Russian as people do', () => {
    expect(plural('ru', 1, WORKING_DAYS.ru)).toBe('1 рабочий день');
    expect(plural('ru', 2, WORKING_DAYS.ru)).toBe('2 рабочих дня');
    expect(plural('ru', 5, WORKING_DAYS.ru)).toBe('5 рабочих дней');
    expect(plural('ru', 11, WORKING_DAYS.ru)).toBe('11 рабочих дней');
    expect(plural('ru', 14, WORKING_DAYS.ru)).toBe('14 рабочих дней');
    expect(plural('ru', 21, WORKING_DAYS.ru)).toBe('21 рабочий день');
    expect(plural('ru', 22, WORKING_DAYS.ru)).toBe('22 рабочих дня');
    expect(plural('ru', 0, WORKING_DAYS.ru)).toBe('0 рабочих дней');
    expect(plural('ru', 1.5, WORKING_DAYS.ru)).toBe('1,5 рабочего дня');
  });

  it('says working days in English as people do', () => {
    expect(plural('en', 1, WORKING_DAYS.en)).toBe('1 working day');
    expect(plural('en', 0, WORKING_DAYS.en)).toBe('0 working days');
    expect(plural('en', 21, WORKING_DAYS.en)).toBe('21 working days');
    expect(plural('en-US', 1.5, WORKING_DAYS.en)).toBe('1.5 working days');
  });

  it('follows the Russian rule for every whole number', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (n) => {
        expect(pluralCategory('ru', n)).toBe(russianCategory(n));
        expect(pluralCategory('ru-RU', n)).toBe(russianCategory(n));
      }),
    );
  });

  it('follows the English rule for every whole number: one for 1, other for the rest', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (n) => {
        expect(pluralCategory('en', n)).toBe(n === 1 ? 'one' : 'other');
      }),
    );
  });

  it('judges a count by the number as shown', () => {
    expect(plural('en', 1.04, WORKING_DAYS.en)).toBe('1 working day');
    expect(plural('ru', 21.01, WORKING_DAYS.ru)).toBe('21 рабочий день');
  });

  it('falls back to the other form where a category has none, and always shows the count', () => {
    const bare: PluralForms = { other: '# × item' };
    fc.assert(
      fc.property(fc.constantFrom('ru', 'en'), fc.nat({ max: 999 }), (locale, n) => {
        expect(plural(locale, n, bare)).toBe(`${n} × item`);
        expect(plural(locale, n, WORKING_DAYS[locale])).toMatch(new RegExp(`^${n} `));
      }),
    );
  });
});
