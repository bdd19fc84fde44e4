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
};
