// The words of the Telegram bot's own answers (the /queue list, Take refusals) and of the pages and
// alerts that carry an SLA time: codes and parameters in, text in the reader's language out. Where a
// number meets a word, the word takes the language's plural form ("1 час", "2 часа", "5 часов"). The
// words live in the shared catalogues (`notify.count.*`, `notify.bot.*`).
import { translate } from '@frontline/shared';
import type { Language, MessageCode } from '@frontline/shared';

/** The part of the catalogue codes after `prefix`. */
type CodesAfter<Prefix extends string, Code = MessageCode> = Code extends `${Prefix}${infer Rest}`
  ? Rest
  : never;

type Counted = CodesAfter<'notify.count.'>;

/** `count` with its word: "3 hours", "3 часа". */
export function counted(what: Counted, count: number, language: Language): string {
  return translate(language, { code: `notify.count.${what}`, params: { count } });
}

/** A span of minutes as people say it: "2 hours 5 minutes", "2 часа 5 минут", "45 minutes". */
export function spanText(totalMinutes: number, language: Language): string {
  const minutes = Math.max(0, Math.round(Math.abs(totalMinutes)));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return counted('minutes', m, language);
  if (m === 0) return counted('hours', h, language);
  return `${counted('hours', h, language)} ${counted('minutes', m, language)}`;
}

/** The SLA time left of the nearest clock, or by how much it is overdue; `null` when there are no clocks. */
export function slaLeftText(remainingMinutes: number | null, language: Language): string {
  if (remainingMinutes === null) return botText('noSla', {}, language);
  const span = spanText(remainingMinutes, language);
  return botText(remainingMinutes < 0 ? 'slaOverdue' : 'slaLeft', { span }, language);
}

/** The bot's texts by code (`notify.bot.*` in the catalogues); `{name}` placeholders are filled from the parameters. */
export type BotTextCode = CodesAfter<'notify.bot.'>;

/** One bot text in `language` with its parameters filled in. */
export function botText(code: BotTextCode, params: Record<string, string>, language: Language): string {
  return translate(language, { code: `notify.bot.${code}`, params });
}

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU' };

/** A short local day: "Wed 9 Dec", "ср, 9 дек.". */
export function shortDay(at: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(at);
}

/** A local time with its zone: "Wed 9 Dec, 09:00 GMT+3". */
export function shortDayTime(at: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}
