// The words of the Telegram bot's own answers (the /queue list, Take refusals) and of the pages and
// alerts that carry an SLA time: codes and parameters in, text in the reader's language out. Where a
// number meets a word, the word takes the language's plural form ("1 час", "2 часа", "5 часов").
import { plural } from '@frontline/shared';
import type { Language, PluralForms } from '@frontline/shared';

const COUNTED = {
  hours: {
    en: { one: '# hour', other: '# hours' },
    ru: { one: '# час', few: '# часа', many: '# часов', other: '# часа' },
  },
  minutes: {
    en: { one: '# minute', other: '# minutes' },
    ru: { one: '# минута', few: '# минуты', many: '# минут', other: '# минуты' },
  },
  tickets: {
    en: { one: '# unassigned ticket', other: '# unassigned tickets' },
    ru: {
      one: '# заявка без исполнителя',
      few: '# заявки без исполнителя',
      many: '# заявок без исполнителя',
      other: '# заявки без исполнителя',
    },
  },
  openTickets: {
    en: { one: '# open ticket', other: '# open tickets' },
    ru: {
      one: '# открытая заявка',
      few: '# открытые заявки',
      many: '# открытых заявок',
      other: '# открытой заявки',
    },
  },
} as const satisfies Record<string, Record<Language, PluralForms>>;

/** `count` with its word: "3 hours", "3 часа". */
export function counted(what: keyof typeof COUNTED, count: number, language: Language): string {
  return plural(language, count, COUNTED[what][language]);
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

/** The bot's texts by code; `{name}` placeholders are filled from the parameters. */
const BOT_TEXTS = {
  en: {
    slaLeft: 'SLA time left: {span}',
    slaOverdue: 'SLA overdue: {span}',
    noSla: 'no SLA',
    noContract: 'no contract',
    queueTitle: '📋 {teams}: {tickets}, hottest first',
    queueEmpty: '📋 {teams}: no tickets wait for an engineer.',
    queueLoad: 'Your load: {load} of {max} ({open})',
    queueAbsences: 'Away this week: {absences}',
    queueNoAbsences: 'No absences this week.',
    queueMore: '…and {more} more',
    takeLabel: 'Take {key}',
    takeNotInTeam: 'Sorry, {key} belongs to team {team}, and you are not in it. Ask the coordinator.',
    takeAlreadyTaken: '{key} was already taken by {engineer}.',
    unknownCommand: 'Commands: /queue — tickets waiting for an engineer in your teams.',
    absenceDayOff: 'day off',
    absenceTrip: 'business trip',
    absenceTraining: 'training',
    absenceSick: 'sick leave',
    absenceOther: 'away',
    channelTestSubject: 'Frontline test message',
    channelTestBody: 'This is a test of the {channel} channel as saved in settings version {version}.',
  },
  ru: {
    slaLeft: 'запас по SLA: {span}',
    slaOverdue: 'SLA просрочен: {span}',
    noSla: 'без SLA',
    noContract: 'без договора',
    queueTitle: '📋 {teams}: {tickets}, сначала самые горячие',
    queueEmpty: '📋 {teams}: заявок без исполнителя нет.',
    queueLoad: 'Ваша загрузка: {load} из {max} ({open})',
    queueAbsences: 'Отсутствия на этой неделе: {absences}',
    queueNoAbsences: 'На этой неделе отсутствий нет.',
    queueMore: '…и ещё {more}',
    takeLabel: 'Беру {key}',
    takeNotInTeam:
      'Извините, {key} — заявка команды {team}, а вы в неё не входите. Обратитесь к координатору.',
    takeAlreadyTaken: '{key} уже взял(а) {engineer}.',
    unknownCommand: 'Команды: /queue или /очередь — заявки без исполнителя в ваших командах.',
    absenceDayOff: 'выходной',
    absenceTrip: 'командировка',
    absenceTraining: 'обучение',
    absenceSick: 'больничный',
    absenceOther: 'отсутствует',
    channelTestSubject: 'Проверка канала Frontline',
    channelTestBody: 'Это проверка канала {channel} с настройками версии {version}.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type BotTextCode = keyof (typeof BOT_TEXTS)['en'];

/** One bot text in `language` with its parameters filled in. */
export function botText(code: BotTextCode, params: Record<string, string>, language: Language): string {
  return BOT_TEXTS[language][code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? params[name]! : whole,
  );
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
