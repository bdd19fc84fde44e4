// Words the customer reads: the signed page and the messages that carry its link, in English and
// Russian. Code elsewhere passes a code and parameters; `customerText` picks the words. Russian has
// a formal ("Вы") and an informal ("ты") register, chosen by the contract's communication style.
import { plural } from '../i18n/plural.js';
import type { PluralForms } from '../i18n/plural.js';
import type { Language, Register } from '../schemas/replies.js';

type Entry = string | { formal: string; informal: string };
type Catalogue = Record<string, Entry>;

const en: Catalogue = {
  'page.lang': 'en',
  'page.title.approval': 'Approval of paid work — {key}',
  'page.title.rating': 'How did we do? — {key}',
  'page.title.nps': 'A question from {provider}',
  'page.title.problem': 'This link does not work',
  'approval.intro': 'We would like your go-ahead before we start this work.',
  'approval.request': 'Request',
  'approval.estimate': 'Estimate',
  'approval.why': 'Why this is not covered by your contract',
  'approval.zone': 'Our responsibilities under contract {number}',
  'approval.decision': 'Your decision',
  'approval.reason.notCovered':
    '“{requestType}” is not part of contract {number} ({title}), so it is charged separately.',
  'approval.reason.listed': 'Contract {number} ({title}) lists this as paid work: {description}.',
  'approval.approve': 'Approve the work',
  'approval.decline': 'Decline',
  'approval.comment': 'Comment (optional)',
  'approval.send': 'Send my decision',
  'approval.done.approved': 'Thank you — the work is approved. We will start and keep you posted on {key}.',
  'approval.done.declined':
    'Thank you — we will not do this work. Your service manager may call to discuss it.',
  'rating.question': 'How satisfied are you with how we handled “{summary}” ({key})?',
  'rating.scale': 'Your rating from 1 (very poor) to 5 (excellent)',
  'rating.1': '1 — very poor',
  'rating.2': '2 — poor',
  'rating.3': '3 — fair',
  'rating.4': '4 — good',
  'rating.5': '5 — excellent',
  'rating.comment': 'Anything we should know? (optional)',
  'rating.send': 'Send my rating',
  'rating.done': 'Thank you for your rating. It goes straight to the team that worked on {key}.',
  'nps.question': 'How likely are you to recommend {provider} to a friend or colleague?',
  'nps.scale': 'From 0 (not at all likely) to 10 (extremely likely)',
  'nps.low': 'Not at all likely',
  'nps.high': 'Extremely likely',
  'nps.comment': 'What is the main reason for your score? (optional)',
  'nps.send': 'Send my answer',
  'nps.done': 'Thank you for your answer.',
  'problem.expired':
    'This link has expired. Nothing was changed. Please reply to our e-mail or contact {manager}, and we will send you a new one.',
  'problem.used':
    'This link has already been used, so nothing more was changed. Thank you — we have your answer.',
  'problem.forged':
    'This link is not valid. Nothing was changed. Please use the link from our e-mail as it is.',
  'problem.busy': 'Too many attempts from here. Nothing was changed. Please try again in a few minutes.',
  'problem.invalid': 'Please check the form: {message}',
  'problem.choose': 'please choose one of the options',
  hours: '{hours}',
  cost: 'Cost: {cost}',
  note: 'Note: {note}',
  'mail.approval.subject': '{key}: your approval is needed before we start paid work',
  'mail.approval.body': {
    formal:
      'Hello,\n\nfor your request {key} “{summary}” we need your approval before we start: this work is not covered by contract {number}.\n\nEstimate: {estimate}\n\nPlease approve or decline here (the link is valid until {until}):\n{link}',
    informal:
      'Hi,\n\nbefore we start on {key} “{summary}” we need your go-ahead: this work is outside contract {number}.\n\nEstimate: {estimate}\n\nApprove or decline here (valid until {until}):\n{link}',
  },
  'comment.approval':
    'We sent an estimate for approval ({estimate}). Work starts once it is approved; the approval link went by e-mail to {contact}.',
  'mail.rating.subject': '{key} is resolved — how did we do?',
  'mail.rating.body': {
    formal:
      'Hello,\n\nyour request {key} “{summary}” is resolved. Would you rate how we handled it? One click is enough:\n{link}\n\nThe link is valid until {until}.',
    informal: 'Hi,\n\n{key} “{summary}” is done. How did we do? One click:\n{link}\n\n(valid until {until})',
  },
  'comment.rating': 'Your request is resolved. Please tell us how we did: {link}',
  'mail.nps.subject': 'One question from {provider}',
  'mail.nps.body': {
    formal:
      'Hello,\n\nhow likely are you to recommend {provider} to a friend or colleague? Your answer takes ten seconds:\n{link}\n\nThe link is valid until {until}.',
    informal:
      'Hi,\n\nwould you recommend {provider} to a colleague? Ten seconds:\n{link}\n\n(valid until {until})',
  },
  'mail.lowRating.subject': '{key} was rated {score} of 5 by {customer}',
  'mail.lowRating.body':
    '{customer} rated {key} “{summary}” {score} of 5.\n\nTheir comment: {comment}\n\nPlease get in touch with them today.',
  'mail.noComment': '(no comment)',
  'provider.fallback': 'us',
  'validator.approvalNotRequested':
    '{key} is paid work: ask the customer to approve the estimate first (Contract panel → Request approval), or record an approval they gave by phone or letter.',
  'validator.approvalAwaiting':
    '{key} is paid work and the customer has not approved the estimate yet. Wait for their answer, or record in the Contract panel an approval they gave by phone or letter.',
  'validator.approvalDeclined':
    'The customer declined the paid work on {key}. Talk to them before starting; a new estimate can be sent from the Contract panel.',
  'validator.approvalExpired':
    'The approval link for {key} expired without an answer. Send the estimate again from the Contract panel.',
};

const ru: Catalogue = {
  'page.lang': 'ru',
  'page.title.approval': 'Согласование платных работ — {key}',
  'page.title.rating': 'Как мы справились? — {key}',
  'page.title.nps': 'Вопрос от {provider}',
  'page.title.problem': 'Ссылка не работает',
  'approval.intro': 'Прежде чем начать эту работу, мы хотим получить ваше согласие.',
  'approval.request': 'Заявка',
  'approval.estimate': 'Оценка',
  'approval.why': 'Почему это не входит в договор',
  'approval.zone': 'Наша зона ответственности по договору {number}',
  'approval.decision': 'Ваше решение',
  'approval.reason.notCovered':
    '«{requestType}» не входит в договор {number} («{title}»), поэтому оплачивается отдельно.',
  'approval.reason.listed': 'По договору {number} («{title}») это платная работа: {description}.',
  'approval.approve': 'Согласовать работы',
  'approval.decline': 'Отказаться',
  'approval.comment': 'Комментарий (необязательно)',
  'approval.send': 'Отправить решение',
  'approval.done.approved':
    'Спасибо — работы согласованы. Мы начинаем и будем сообщать о ходе работ по {key}.',
  'approval.done.declined':
    'Спасибо — эту работу мы выполнять не будем. Ваш сервис-менеджер может позвонить, чтобы обсудить.',
  'rating.question': 'Насколько вы довольны тем, как мы решили «{summary}» ({key})?',
  'rating.scale': 'Ваша оценка от 1 (очень плохо) до 5 (отлично)',
  'rating.1': '1 — очень плохо',
  'rating.2': '2 — плохо',
  'rating.3': '3 — удовлетворительно',
  'rating.4': '4 — хорошо',
  'rating.5': '5 — отлично',
  'rating.comment': 'Что нам стоит знать? (необязательно)',
  'rating.send': 'Отправить оценку',
  'rating.done': 'Спасибо за оценку. Она сразу попадёт к команде, которая работала над {key}.',
  'nps.question': 'Насколько вероятно, что вы порекомендуете {provider} другу или коллеге?',
  'nps.scale': 'От 0 (совсем маловероятно) до 10 (обязательно порекомендую)',
  'nps.low': 'Совсем маловероятно',
  'nps.high': 'Обязательно порекомендую',
  'nps.comment': 'Почему вы поставили такую оценку? (необязательно)',
  'nps.send': 'Отправить ответ',
  'nps.done': 'Спасибо за ответ.',
  'problem.expired':
    'Срок действия ссылки истёк. Ничего не изменено. Ответьте на наше письмо или свяжитесь с {manager} — мы пришлём новую.',
  'problem.used':
    'По этой ссылке уже ответили, поэтому ничего больше не изменено. Спасибо — ваш ответ у нас.',
  'problem.forged':
    'Ссылка недействительна. Ничего не изменено. Откройте ссылку из нашего письма без изменений.',
  'problem.busy': 'Слишком много попыток. Ничего не изменено. Попробуйте ещё раз через несколько минут.',
  'problem.invalid': 'Проверьте форму: {message}',
  'problem.choose': 'выберите один из вариантов',
  hours: '{hours}',
  cost: 'Стоимость: {cost}',
  note: 'Примечание: {note}',
  'mail.approval.subject': '{key}: нужно ваше согласие до начала платных работ',
  'mail.approval.body': {
    formal:
      'Здравствуйте!\n\nПо вашей заявке {key} «{summary}» нам нужно Ваше согласие до начала работ: эта работа не входит в договор {number}.\n\nОценка: {estimate}\n\nСогласуйте или откажитесь по ссылке (она действует до {until}):\n{link}',
    informal:
      'Привет!\n\nПрежде чем браться за {key} «{summary}», нужно твоё согласие: эта работа не входит в договор {number}.\n\nОценка: {estimate}\n\nСогласовать или отказаться (ссылка действует до {until}):\n{link}',
  },
  'comment.approval':
    'Мы отправили оценку на согласование ({estimate}). Работы начнутся после согласования; ссылка отправлена по почте: {contact}.',
  'mail.rating.subject': '{key} решена — как мы справились?',
  'mail.rating.body': {
    formal:
      'Здравствуйте!\n\nВаша заявка {key} «{summary}» решена. Оцените, пожалуйста, нашу работу — достаточно одного нажатия:\n{link}\n\nСсылка действует до {until}.',
    informal:
      'Привет!\n\n{key} «{summary}» решена. Как мы справились? Одно нажатие:\n{link}\n\n(действует до {until})',
  },
  'comment.rating': 'Ваша заявка решена. Расскажите, как мы справились: {link}',
  'mail.nps.subject': 'Один вопрос от {provider}',
  'mail.nps.body': {
    formal:
      'Здравствуйте!\n\nНасколько вероятно, что Вы порекомендуете {provider} другу или коллеге? Ответ займёт десять секунд:\n{link}\n\nСсылка действует до {until}.',
    informal:
      'Привет!\n\nПорекомендуешь {provider} коллеге? Десять секунд:\n{link}\n\n(действует до {until})',
  },
  'mail.lowRating.subject': '{customer} оценил(а) {key} на {score} из 5',
  'mail.lowRating.body':
    '{customer} оценил(а) {key} «{summary}» на {score} из 5.\n\nКомментарий: {comment}\n\nПожалуйста, свяжитесь с клиентом сегодня.',
  'mail.noComment': '(без комментария)',
  'provider.fallback': 'нас',
  'validator.approvalNotRequested':
    '{key} — платная работа: сначала попросите заказчика согласовать оценку (панель «Договор» → «Запросить согласование») или отметьте согласие, полученное по телефону или письмом.',
  'validator.approvalAwaiting':
    '{key} — платная работа, а заказчик ещё не согласовал оценку. Дождитесь ответа или отметьте в панели «Договор» согласие, полученное по телефону или письмом.',
  'validator.approvalDeclined':
    'Заказчик отказался от платной работы по {key}. Обсудите с ним, прежде чем начинать; новую оценку можно отправить из панели «Договор».',
  'validator.approvalExpired':
    'Ссылка на согласование {key} истекла без ответа. Отправьте оценку ещё раз из панели «Договор».',
};

const HOURS: Record<Language, PluralForms> = {
  en: { one: '# hour', other: '# hours' },
  ru: { one: '# час', few: '# часа', many: '# часов', other: '# часа' },
};

const CATALOGUES: Record<Language, Catalogue> = { en, ru };

/** Every code the catalogues know. */
export const CUSTOMER_TEXT_CODES = Object.keys(en);

/** Codes one catalogue has and the other lacks (empty when they match). */
export function unmatchedCustomerTexts(): string[] {
  const ruCodes = new Set(Object.keys(ru));
  return [
    ...CUSTOMER_TEXT_CODES.filter((c) => !ruCodes.has(c)),
    ...[...ruCodes].filter((c) => !Object.hasOwn(en, c)),
  ];
}

/** The words for `code` in `language` (and register), with `{name}` parameters filled in. */
export function customerText(
  language: Language,
  code: string,
  params: Readonly<Record<string, string | number>> = {},
  register: Register = 'formal',
): string {
  const entry = CATALOGUES[language][code] ?? en[code] ?? code;
  const template = typeof entry === 'string' ? entry : entry[register];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** "16 hours" / "16 часов". */
export const hoursText = (language: Language, hours: number): string =>
  plural(language, hours, HOURS[language]);

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
