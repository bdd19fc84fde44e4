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
};
