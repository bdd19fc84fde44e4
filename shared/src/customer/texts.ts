// Words the customer reads: the signed page and the messages that carry its link, in English and
// Russian. Code elsewhere passes a code and parameters; `customerText` picks the words, which live
// in the locale catalogues under `customer.*` (shared/src/i18n/locales). Russian has a formal ("Вы")
// and an informal ("ты") register, chosen by the contract's communication style.
import { translate } from '../i18n/messages.js';
import type { MessageCode } from '../i18n/messages.js';
import { EN } from '../i18n/locales/en.js';
import { RU } from '../i18n/locales/ru.js';
import type { Language, Register } from '../schemas/replies.js';

const PREFIX = 'customer.';

/** Every code the customer's words know (without the catalogues' `customer.` prefix). */
export const CUSTOMER_TEXT_CODES = Object.keys(EN)
  .filter((code) => code.startsWith(PREFIX))
  .map((code) => code.slice(PREFIX.length));

const known = new Set(CUSTOMER_TEXT_CODES);

/** Codes one catalogue has and the other lacks (empty when they match). */
export function unmatchedCustomerTexts(): string[] {
  const ruCodes = Object.keys(RU).filter((code) => code.startsWith(PREFIX));
  const ruSet = new Set(ruCodes);
  return [
    ...CUSTOMER_TEXT_CODES.filter((c) => !ruSet.has(PREFIX + c)),
    ...ruCodes.filter((c) => !known.has(c.slice(PREFIX.length))).map((c) => c.slice(PREFIX.length)),
  ];
}

/** The words for `code` in `language` (and register), with `{name}` parameters filled in; an unknown code as it is. */
export function customerText(
  language: Language,
  code: string,
  params: Readonly<Record<string, string | number>> = {},
  register: Register = 'formal',
): string {
  if (!known.has(code)) return code;
  return translate(language, { code: `${PREFIX}${code}` as MessageCode, params: { ...params, register } });
}

/** "16 hours" / "16 часов". */
export const hoursText = (language: Language, hours: number): string =>
  customerText(language, 'hours', { hours });

/** An estimate in one line: "16 hours · Cost: 64,000 RUB · Note: …". */
export function estimateText(
  language: Language,
  estimate: { hours?: number | undefined; cost?: string | undefined; note?: string | undefined },
): string {
  const parts: string[] = [];
  if (estimate.hours !== undefined) parts.push(hoursText(language, estimate.hours));
  if (estimate.cost !== undefined) parts.push(customerText(language, 'cost', { cost: estimate.cost }));
  if (estimate.note !== undefined) parts.push(customerText(language, 'note', { note: estimate.note }));
  return parts.join(' · ');
}
