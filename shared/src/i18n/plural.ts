// Counted phrases ("1 рабочий день", "2 рабочих дня", "5 рабочих дней") chosen by the language's
// own plural rules (CLDR, through Intl.PluralRules) rather than by `n === 1`, which is wrong for
// Russian and most other languages. Pure: the locale is an argument.

/** A CLDR plural category: Russian uses one/few/many (and other for fractions), English one/other. */
export type PluralCategory = Intl.LDMLPluralRule;

/**
 * The forms of one counted phrase, ICU style: `#` stands for the number. `other` is required because
 * every language has it; a category without a form of its own falls back to it.
 */
export type PluralForms = { readonly other: string } & Partial<Readonly<Record<PluralCategory, string>>>;

// Counts shown to people have at most one decimal; the category is judged on the number as shown,
// so 1.04 reads "1 day", not "1 days".
const DIGITS = { maximumFractionDigits: 1 } as const;

/** The plural category of `count` in `locale` (a BCP 47 tag: `ru`, `en-US`). */
export function pluralCategory(locale: string, count: number): PluralCategory {
  return new Intl.PluralRules(locale, DIGITS).select(count);
}

/** The form of `forms` that fits `count` in `locale`, with `#` replaced by the number as `locale` writes it. */
export function plural(locale: string, count: number, forms: PluralForms): string {
  const form = forms[pluralCategory(locale, count)] ?? forms.other;
  return form.replaceAll('#', new Intl.NumberFormat(locale, DIGITS).format(count));
}
