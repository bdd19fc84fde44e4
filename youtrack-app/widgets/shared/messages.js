// @ts-check
// The widgets' words, in English and Russian. Code passes message codes and parameters; counted
// phrases carry their CLDR plural forms (`#` is the number), chosen by Intl.PluralRules.

/** @typedef {'en' | 'ru'} Language */
/** @typedef {string | { one?: string, few?: string, many?: string, other: string }} Message */

/** @type {Record<Language, Record<string, Message>>} */
export const MESSAGES = {
  en: {
    loading: 'Loading…',
    temperatureTitle: 'Temperature',
    'band.cold': 'cold',
    'band.warm': 'warm',
    'band.hot': 'hot',
    'band.critical': 'critical',
    points: { one: '# point', other: '# points' },
    contractTitle: 'Contract',
    appliesToThisRequest: 'applies to this request',
    'verdict.covered': 'Covered',
    'verdict.paidWork': 'Paid work',
    'verdict.outsideValidity': 'Outside the contract dates',
    serviceManager: 'Service manager: {name}',
    suggestionsTitle: 'Suggested assignees',
    load: { one: '# open ticket', few: '# open tickets', many: '# open tickets', other: '# open tickets' },
    onDuty: 'on duty',
    assign: 'Assign',
    assigning: 'Assigning…',
    assigned: 'Assigned to {name}',
    currentAssignee: 'current assignee',
    excluded: { one: '# engineer left out', other: '# engineers left out' },
    noSuggestions: 'No suggestions for this issue yet.',
    routeTitle: 'Route to another team',
    routeNone: 'No routing preset applies to this issue.',
    routeTo: 'Route to {project}',
    routing: 'Routing…',
    routed: 'Moved to {project}',
    'error.sidecar_url_missing':
      'The Frontline app has no sidecar URL yet: an administrator sets it in the app settings.',
    'error.sidecar_secret_missing':
      'The Frontline app has no shared secret yet: an administrator sets it in the app settings.',
    'error.sidecar_unreachable': 'Frontline cannot be reached right now. Try again in a minute.',
    'error.issue_not_found': 'Frontline cannot find this issue.',
    'error.youtrack_unavailable': 'Frontline cannot read this issue from YouTrack right now.',
    'error.signature_invalid': 'Frontline refused the app: the shared secrets differ.',
    'error.timestamp_outside_window':
      'Frontline refused the app: the server clocks differ by more than 5 minutes.',
    'error.assignment_refused': 'The assignment did not go through: {detail}',
    'error.route_failed': 'The issue was not moved: {detail}',
    'error.other': 'Something went wrong ({code}).',
  },
  ru: {
    loading: 'Загрузка…',
    temperatureTitle: 'Температура',
    'band.cold': 'холодная',
    'band.warm': 'тёплая',
    'band.hot': 'горячая',
    'band.critical': 'критическая',
    points: { one: '# балл', few: '# балла', many: '# баллов', other: '# балла' },
    contractTitle: 'Договор',
    appliesToThisRequest: 'действует для этой заявки',
    'verdict.covered': 'Входит в договор',
    'verdict.paidWork': 'Платные работы',
    'verdict.outsideValidity': 'Вне срока действия договора',
    serviceManager: 'Сервис-менеджер: {name}',
    suggestionsTitle: 'Кому назначить',
    load: {
      one: '# открытая заявка',
      few: '# открытые заявки',
      many: '# открытых заявок',
      other: '# открытой заявки',
    },
    onDuty: 'дежурит',
    assign: 'Назначить',
    assigning: 'Назначаем…',
    assigned: 'Назначено: {name}',
    currentAssignee: 'сейчас исполнитель',
    excluded: {
      one: '# инженер не подходит',
      few: '# инженера не подходят',
      many: '# инженеров не подходят',
      other: '# инженера не подходят',
    },
    noSuggestions: 'Для этой заявки ещё нет рекомендаций.',
    routeTitle: 'Передать другой команде',
    routeNone: 'Для этой заявки нет подходящих маршрутов.',
    routeTo: 'Передать в {project}',
    routing: 'Передаём…',
    routed: 'Перенесено в {project}',
    'error.sidecar_url_missing':
      'У приложения Frontline не задан адрес сервиса: его указывает администратор в настройках приложения.',
    'error.sidecar_secret_missing':
      'У приложения Frontline не задан общий секрет: его указывает администратор в настройках приложения.',
    'error.sidecar_unreachable': 'Frontline сейчас недоступен. Попробуйте через минуту.',
    'error.issue_not_found': 'Frontline не находит эту заявку.',
    'error.youtrack_unavailable': 'Frontline сейчас не может прочитать заявку из YouTrack.',
    'error.signature_invalid': 'Frontline не принял приложение: общие секреты не совпадают.',
    'error.timestamp_outside_window':
      'Frontline не принял приложение: часы серверов расходятся больше чем на 5 минут.',
    'error.assignment_refused': 'Назначить не удалось: {detail}',
    'error.route_failed': 'Заявка не перенесена: {detail}',
    'error.other': 'Что-то пошло не так ({code}).',
  },
};
