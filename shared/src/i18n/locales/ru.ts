// Russian words for what the sidecar tells people; the same codes as en.ts, ICU plurals
// (one/few/many/other).
import type { MessageCode } from './en.js';

export const RU: Readonly<Record<MessageCode, string>> = {
  'coverage.notYetValid': 'Договор {number} действует с {from}; заявка пришла {day}.',
  'coverage.expired': 'Договор {number} закончился {to}; заявка пришла {day}.',
  'coverage.paidWork':
    'Платная работа по договору {number}: {description}. Согласуйте с заказчиком до начала работ.',
  'coverage.covered':
    'Входит в договор {number} («{title}»): {by, select, requestType {«{what}»} components {{what}} other {эта конфигурационная единица}}.',
  'coverage.notCovered':
    '«{requestType}» не входит в договор {number}: это платная работа. Согласуйте с заказчиком до начала работ.',
  'contracts.noContracts': 'Договоры ещё не загружены: импортируйте их из учётной системы.',
  'contracts.noCustomer':
    'Ни один договор не подходит к этой заявке (организация, домен почты автора или поле клиента).',
  'period.priority':
    'заявки считаются {priority, select, highest {наивысшего} high {высокого} medium {среднего} low {низкого} other {самого низкого}} приоритета',
  'period.roundTheClock': 'поддержка работает круглосуточно',
  'period.hours': 'часы поддержки {hours}',
  'period.temperature': 'температура {boost}',
  'period.noChange': 'Приоритет и часы не меняются',
  'temperature.slaNone': 'Ни один срок SLA сейчас не идёт',
  'temperature.slaUsed':
    'Использовано {percent}% времени SLA {target, select, firstResponse {на первый ответ} update {на обновление} other {на решение}}',
  'temperature.slaBreached':
    'SLA {target, select, firstResponse {на первый ответ} update {на обновление} other {на решение}} нарушен (использовано {percent}%)',
  'temperature.priority':
    'Приоритет {priority, select, highest {наивысший} high {высокий} medium {средний} low {низкий} other {самый низкий}}',
  'temperature.tierNone': 'Уровень клиента не указан',
  'temperature.tier': 'Уровень клиента: {tier}',
  'temperature.periodNone': 'Особых периодов нет',
  'temperature.period': 'Особый период: {periods}',
  'temperature.silenceMinutes':
    'Клиент не получал от нас новостей {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}',
  'temperature.silenceHours':
    'Клиент не получал от нас новостей {hours, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
  'temperature.capped': ' (урезано: оценка не выше 100)',
  'temperature.floored': ' (ограничено: оценка не ниже 0)',
  'assignment.rankedFirst': 'лучший по рейтингу',
  'assignment.autoComment': 'Frontline назначил {name}: {reason}.',
  'assignment.notAnEngineer': '{accountId} нет среди инженеров',
  'assignment.trackerRefused': 'Трекер отказал в назначении: {detail}',
  'assignment.reason.skill': 'Навыки: {skills}',
  'assignment.reason.load': 'Нагрузка {load} из {maxLoad}',
  'assignment.reason.onDuty': 'Дежурит до {when}',
  'assignment.reason.offNow': 'Сейчас не на смене — вернётся в {when}',
  'assignment.reason.language': 'Говорит на языке клиента ({language})',
  'assignment.exclusion.notInTeam': 'Не входит в команду {team}',
  'assignment.exclusion.absent':
    '{entered, select, yes {Отсутствует до {when}: {kind, select, dayOff {выходной} trip {командировка} training {обучение} sick {больничный} other {отсутствие}} (внесено: {enteredBy}){noted, select, yes {: {note}} other {}}} other {Отсутствует до {when} ({kind, select, dayOff {выходной} trip {командировка} training {обучение} sick {больничный} other {отсутствие}}{noted, select, yes {: {note}} other {}})}}',
  'assignment.exclusion.offShift':
    '{hours, select, unknown {Рабочее время неизвестно: нет календаря «{calendar}»} none {Не на смене, рабочих часов впереди нет} other {Не на смене до {when}}}',
  'assignment.exclusion.overMaxLoad': 'Нагрузка {load} + {weight} за эту заявку больше предела {maxLoad}',
  'assignment.exclusion.missingSkill':
    '{level, plural, =0 {Нет навыка {skill}} other {{skill}: уровень {level}, нужен {needs}}}',
  'when.today': '{time}',
  'when.week': '{weekday, select, mon {пн} tue {вт} wed {ср} thu {чт} fri {пт} sat {сб} other {вс}} {time}',
  'when.later':
    '{weekday, select, mon {пн} tue {вт} wed {ср} thu {чт} fri {пт} sat {сб} other {вс}} {dd}.{mm} {time}',
  // The customer's page and the messages that carry its link. Russian has a formal ("Вы") and an
  // informal ("ты") register: `register` selects it (formal unless "informal").
  'customer.page.lang': 'ru',
  'customer.page.title.approval': 'Согласование платных работ — {key}',
  'customer.page.title.rating': 'Как мы справились? — {key}',
  'customer.page.title.nps': 'Вопрос от {provider}',
  'customer.page.title.problem': 'Ссылка не работает',
  'customer.approval.intro': 'Прежде чем начать эту работу, мы хотим получить ваше согласие.',
  'customer.approval.request': 'Заявка',
  'customer.approval.estimate': 'Оценка',
  'customer.approval.why': 'Почему это не входит в договор',
  'customer.approval.zone': 'Наша зона ответственности по договору {number}',
  'customer.approval.decision': 'Ваше решение',
  'customer.approval.reason.notCovered':
    '«{requestType}» не входит в договор {number} («{title}»), поэтому оплачивается отдельно.',
  'customer.approval.reason.listed': 'По договору {number} («{title}») это платная работа: {description}.',
  'customer.approval.approve': 'Согласовать работы',
  'customer.approval.decline': 'Отказаться',
  'customer.approval.comment': 'Комментарий (необязательно)',
  'customer.approval.send': 'Отправить решение',
  'customer.approval.done.approved':
    'Спасибо — работы согласованы. Мы начинаем и будем сообщать о ходе работ по {key}.',
  'customer.approval.done.declined':
    'Спасибо — эту работу мы выполнять не будем. Ваш сервис-менеджер может позвонить, чтобы обсудить.',
  'customer.rating.question': 'Насколько вы довольны тем, как мы решили «{summary}» ({key})?',
  'customer.rating.scale': 'Ваша оценка от 1 (очень плохо) до 5 (отлично)',
  'customer.rating.1': '1 — очень плохо',
  'customer.rating.2': '2 — плохо',
  'customer.rating.3': '3 — удовлетворительно',
  'customer.rating.4': '4 — хорошо',
  'customer.rating.5': '5 — отлично',
  'customer.rating.comment': 'Что нам стоит знать? (необязательно)',
  'customer.rating.send': 'Отправить оценку',
  'customer.rating.done': 'Спасибо за оценку. Она сразу попадёт к команде, которая работала над {key}.',
  'customer.nps.question': 'Насколько вероятно, что вы порекомендуете {provider} другу или коллеге?',
  'customer.nps.scale': 'От 0 (совсем маловероятно) до 10 (обязательно порекомендую)',
  'customer.nps.low': 'Совсем маловероятно',
  'customer.nps.high': 'Обязательно порекомендую',
  'customer.nps.comment': 'Почему вы поставили такую оценку? (необязательно)',
  'customer.nps.send': 'Отправить ответ',
  'customer.nps.done': 'Спасибо за ответ.',
  'customer.problem.expired':
    'Срок действия ссылки истёк. Ничего не изменено. Ответьте на наше письмо или свяжитесь с {manager} — мы пришлём новую.',
  'customer.problem.used':
    'По этой ссылке уже ответили, поэтому ничего больше не изменено. Спасибо — ваш ответ у нас.',
  'customer.problem.forged':
    'Ссылка недействительна. Ничего не изменено. Откройте ссылку из нашего письма без изменений.',
  'customer.problem.busy':
    'Слишком много попыток. Ничего не изменено. Попробуйте ещё раз через несколько минут.',
  'customer.problem.invalid': 'Проверьте форму: {message}',
  'customer.problem.choose': 'выберите один из вариантов',
  'customer.cost': 'Стоимость: {cost}',
  'customer.note': 'Примечание: {note}',
  'customer.mail.approval.subject': '{key}: нужно ваше согласие до начала платных работ',
  'customer.mail.approval.body':
    '{register, select, informal {Привет!\n\nПрежде чем браться за {key} «{summary}», нужно твоё согласие: эта работа не входит в договор {number}.\n\nОценка: {estimate}\n\nСогласовать или отказаться (ссылка действует до {until}):\n{link}} other {Здравствуйте!\n\nПо вашей заявке {key} «{summary}» нам нужно Ваше согласие до начала работ: эта работа не входит в договор {number}.\n\nОценка: {estimate}\n\nСогласуйте или откажитесь по ссылке (она действует до {until}):\n{link}}}',
  'customer.comment.approval':
    'Мы отправили оценку на согласование ({estimate}). Работы начнутся после согласования; ссылка отправлена по почте: {contact}.',
  'customer.mail.rating.subject': '{key} решена — как мы справились?',
  'customer.mail.rating.body':
    '{register, select, informal {Привет!\n\n{key} «{summary}» решена. Как мы справились? Одно нажатие:\n{link}\n\n(действует до {until})} other {Здравствуйте!\n\nВаша заявка {key} «{summary}» решена. Оцените, пожалуйста, нашу работу — достаточно одного нажатия:\n{link}\n\nСсылка действует до {until}.}}',
  'customer.comment.rating': 'Ваша заявка решена. Расскажите, как мы справились: {link}',
  'customer.mail.nps.subject': 'Один вопрос от {provider}',
  'customer.mail.nps.body':
    '{register, select, informal {Привет!\n\nПорекомендуешь {provider} коллеге? Десять секунд:\n{link}\n\n(действует до {until})} other {Здравствуйте!\n\nНасколько вероятно, что Вы порекомендуете {provider} другу или коллеге? Ответ займёт десять секунд:\n{link}\n\nСсылка действует до {until}.}}',
  'customer.mail.lowRating.subject': '{customer} оценил(а) {key} на {score} из 5',
  'customer.mail.lowRating.body':
    '{customer} оценил(а) {key} «{summary}» на {score} из 5.\n\nКомментарий: {comment}\n\nПожалуйста, свяжитесь с клиентом сегодня.',
  'customer.mail.noComment': '(без комментария)',
  'customer.provider.fallback': 'нас',
  'customer.validator.approvalNotRequested':
    '{key} — платная работа: сначала попросите заказчика согласовать оценку (панель «Договор» → «Запросить согласование») или отметьте согласие, полученное по телефону или письмом.',
  'customer.validator.approvalAwaiting':
    '{key} — платная работа, а заказчик ещё не согласовал оценку. Дождитесь ответа или отметьте в панели «Договор» согласие, полученное по телефону или письмом.',
  'customer.validator.approvalDeclined':
    'Заказчик отказался от платной работы по {key}. Обсудите с ним, прежде чем начинать; новую оценку можно отправить из панели «Договор».',
  'customer.validator.approvalExpired':
    'Ссылка на согласование {key} истекла без ответа. Отправьте оценку ещё раз из панели «Договор».',
  'customer.validator.youtrack.approvalNotRequested':
    '{key} — платная работа: сначала попросите заказчика согласовать оценку (панель Frontline в задаче → «Отправить на согласование»).',
  'customer.validator.youtrack.approvalAwaiting':
    '{key} — платная работа, а заказчик ещё не согласовал оценку. Дождитесь ответа (его покажет панель Frontline в задаче).',
  'customer.validator.youtrack.approvalDeclined':
    'Заказчик отказался от платной работы по {key}. Обсудите с ним, прежде чем начинать; новую оценку можно отправить из панели Frontline в задаче.',
  'customer.validator.youtrack.approvalExpired':
    'Ссылка на согласование {key} истекла без ответа. Отправьте оценку ещё раз из панели Frontline в задаче.',
  'customer.hours': '{hours, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
  'customer.problem.yourManager': 'вашим сервис-менеджером',
  'customer.problem.chooseDecision': 'выберите решение',
  'customer.problem.chooseScore': 'выберите оценку',
  'customer.problem.commentTooLong':
    'комментарий длиннее {max, plural, one {# символа} few {# символов} many {# символов} other {# символа}}',
  'customer.problem.commentUnstorable': 'в комментарии есть символы, которые нельзя сохранить',
  'availability.notYours': 'Менять эти записи может только сам инженер или координатор',
  'availability.notYoursToOpen': 'Чужую доступность могут открыть только координаторы',
  'availability.notAnEngineer': '{accountId} нет среди инженеров в настройках',
  'availability.notAnEngineerAskAdmin':
    '{accountId} нет среди инженеров в настройках; попросите администратора добавить вас',
  'availability.noSuchAbsence': 'Отсутствия {id} нет',
  'availability.invalidDate': '«{name}» должно быть датой (ГГГГ-ММ-ДД)',
  'availability.dateRange': 'Укажите дату (ГГГГ-ММ-ДД) между 2000 и 2099 годами',
  'availability.invalidWeek': 'Неделя должна быть датой (ГГГГ-ММ-ДД)',
  'availability.overlapping': 'Отсутствие пересекается с другой записью',
  'availability.invalidAbsence':
    'Отсутствие: {count, plural, one {# поле не прошло} few {# поля не прошли} many {# полей не прошли} other {# поля не прошли}} проверку',
  'availability.feed.invalid': 'Этот адрес календаря использовать нельзя',
  'availability.feed.empty': 'Вставьте секретный адрес календаря (iCal)',
  'availability.feed.tooLong':
    'Адрес длиннее {max, plural, one {# символа} few {# символов} many {# символов} other {# символа}}',
  'availability.feed.notAnAddress':
    'Это не адрес; вставьте адрес https:// (или webcal://), который даёт ваш календарь',
  'availability.feed.notHttps': 'Читаются только адреса календарей https:// (или webcal://)',
  'availability.noSecretKey':
    'Этот сервис не хранит секретов (FRONTLINE_SECRET_KEY не задан); обратитесь к администратору',
  'availability.noSuchTeam': 'В команде «{team}» нет инженеров',
  'availability.knownTeams': 'Известные команды: {teams}',
  'availability.noTeamsYet': 'Команд пока нет',
  'availability.entry.unknownTimeZone': 'Неизвестный часовой пояс «{timeZone}»',
  'availability.entry.notAnObject':
    'Передайте отсутствие объектом с полями kind, from, to и, если нужно, note',
  'availability.entry.unknownField': 'неизвестное поле «{field}»',
  'availability.entry.kind': 'Вид отсутствия — один из: {kinds}',
  'availability.entry.bound': 'Укажите дату (ГГГГ-ММ-ДД) или дату и время (ГГГГ-ММ-ДДTЧЧ:ММ)',
  'availability.entry.boundRange':
    'Укажите дату (ГГГГ-ММ-ДД) или дату и время (ГГГГ-ММ-ДДTЧЧ:ММ) между 2000 и 2099 годами',
  'availability.entry.note': 'Примечание должно быть текстом',
  'availability.entry.noteTooLong':
    'Примечание должно быть короче {max, plural, one {# символа} few {# символов} many {# символов} other {# символа}}',
  'availability.entry.invalidField': 'Поле «{field}» нельзя использовать',
  'availability.entry.wholeDaysEndOnDate': 'Отсутствие на целые дни заканчивается датой (ГГГГ-ММ-ДД)',
  'availability.entry.hoursEndOnTime': 'Отсутствие на часы заканчивается датой и временем (ГГГГ-ММ-ДДTЧЧ:ММ)',
  'availability.entry.lastDayBeforeFirst': 'Последний день ({to}) раньше первого ({from})',
  'availability.entry.endNotAfterStart': 'Конец ({to}) не позже начала ({from})',
  'availability.entry.tooLong':
    'Одна запись охватывает не более {max, plural, one {# дня} few {# дней} many {# дней} other {# дня}}; длинный отпуск вносите частями',
  'availability.entry.overlaps':
    'Пересекается с другой записью ({kind, select, dayOff {выходной} trip {командировка} training {обучение} sick {больничный} other {другое}}, {bounds}); сначала измените или удалите её',
  'notify.count.hours': '{count, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
  'notify.count.minutes': '{count, plural, one {# минута} few {# минуты} many {# минут} other {# минуты}}',
  'notify.count.tickets':
    '{count, plural, one {# заявка без исполнителя} few {# заявки без исполнителя} many {# заявок без исполнителя} other {# заявки без исполнителя}}',
  'notify.count.openTickets':
    '{count, plural, one {# открытая заявка} few {# открытые заявки} many {# открытых заявок} other {# открытой заявки}}',
  'notify.bot.slaLeft': 'запас по SLA: {span}',
  'notify.bot.slaOverdue': 'SLA просрочен: {span}',
  'notify.bot.noSla': 'без SLA',
  'notify.bot.noContract': 'без договора',
  'notify.bot.queueTitle': '📋 {teams}: {tickets}, сначала самые горячие',
  'notify.bot.queueEmpty': '📋 {teams}: заявок без исполнителя нет.',
  'notify.bot.queueLoad': 'Ваша загрузка: {load} из {max} ({open})',
  'notify.bot.queueAbsences': 'Отсутствия на этой неделе: {absences}',
  'notify.bot.queueNoAbsences': 'На этой неделе отсутствий нет.',
  'notify.bot.queueMore': '…и ещё {more}',
  'notify.bot.takeLabel': 'Беру {key}',
  'notify.bot.takeNotInTeam':
    'Извините, {key} — заявка команды {team}, а вы в неё не входите. Обратитесь к координатору.',
  'notify.bot.takeAlreadyTaken': '{key} уже взял(а) {engineer}.',
  'notify.bot.unknownCommand': 'Команды: /queue или /очередь — заявки без исполнителя в ваших командах.',
  'notify.bot.absenceDayOff': 'выходной',
  'notify.bot.absenceTrip': 'командировка',
  'notify.bot.absenceTraining': 'обучение',
  'notify.bot.absenceSick': 'больничный',
  'notify.bot.absenceOther': 'отсутствует',
  'notify.bot.channelTestSubject': 'Проверка канала Frontline',
  'notify.bot.channelTestBody': 'Это проверка канала {channel} с настройками версии {version}.',
  'schedules.count.businessHours':
    '{count, plural, one {# рабочий час} few {# рабочих часа} many {# рабочих часов} other {# рабочего часа}}',
  'schedules.count.tickets':
    '{count, plural, one {# заявка} few {# заявки} many {# заявок} other {# заявки}}',
  'schedules.noContract': 'Без договора',
  'schedules.clock': '{target, select, firstResponse {первый ответ} update {обновление} other {решение}}',
  'schedules.open': 'Открыть',
};
