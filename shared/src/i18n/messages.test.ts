import { describe, expect, it } from '@jest/globals';
import { formatMessage } from './format.js';
import { bilingual, MESSAGE_CODES, translate } from './messages.js';

describe('formatMessage', () => {
  it('fills arguments, numbers as the locale writes them', () => {
    expect(formatMessage('en', 'Assigned to {name} ({load} open)', { name: 'Olga', load: 2.5 })).toBe(
      'Assigned to Olga (2.5 open)',
    );
    expect(formatMessage('ru', '{load} в работе', { load: 2.5 })).toBe('2,5 в работе');
  });

  it('chooses Russian plural forms by CLDR category, exact cases first', () => {
    const pattern =
      '{n, plural, =0 {ни одной минуты} one {# минуту} few {# минуты} many {# минут} other {# минуты}}';
    const say = (n: number) => formatMessage('ru', pattern, { n });
    expect([0, 1, 2, 5, 11, 21, 22, 111, 1.5].map(say)).toEqual([
      'ни одной минуты',
      '1 минуту',
      '2 минуты',
      '5 минут',
      '11 минут',
      '21 минуту',
      '22 минуты',
      '111 минут',
      '1,5 минуты',
    ]);
  });

  it('selects a case by value, with # inside a select nested in a plural', () => {
    const pattern =
      '{n, plural, one {# {kind, select, trip {trip} other {absence}}} other {# {kind, select, trip {trips} other {absences}}}}';
    expect(formatMessage('en', pattern, { n: 1, kind: 'trip' })).toBe('1 trip');
    expect(formatMessage('en', pattern, { n: 3, kind: 'sick' })).toBe('3 absences');
  });

  it('leaves a missing argument visible and refuses a broken pattern', () => {
    expect(formatMessage('en', 'Hello {name}')).toBe('Hello {name}');
    expect(() => formatMessage('en', '{n, plural, one {x}}')).toThrow('no "other" case');
    expect(() => formatMessage('en', '{n, plural, other {x}')).toThrow();
  });
});

describe('the sidecar catalogues', () => {
  // Parameters every message might use, so each renders fully in both languages.
  const params = {
    priority: 'high',
    hours: 7,
    boost: '+30',
    percent: 80,
    target: 'firstResponse',
    tier: 'gold',
    periods: 'month-end close (+30)',
    minutes: 3,
    name: 'Olga Kuznetsova',
    reason: 'PostgreSQL 5',
    number: 'NW-2026/014',
    from: '2026-01-01',
    to: '2027-12-31',
    day: '2026-12-04',
    description: 'On-site visit',
    title: '1C accounting support',
    by: 'requestType',
    what: 'Incident',
    requestType: 'Consulting',
    accountId: '712020:nobody',
    detail: 'Issue does not exist',
    skills: 'PostgreSQL 5/5',
    load: 2.5,
    maxLoad: 10,
    when: 'Mon 09:00',
    language: 'ru',
    team: 'DB',
    entered: 'yes',
    kind: 'dayOff',
    enteredBy: 'Olga Kuznetsova',
    noted: 'yes',
    note: 'school concert',
    calendar: 'moscow-5x2',
    weight: 1,
    level: 2,
    skill: 'PostgreSQL',
    needs: 3,
    time: '09:00',
    weekday: 'mon',
    month: 11,
    dd: '05',
    mm: '11',
    provider: 'Northwind Service',
    summary: 'Replica lag',
    key: 'SUP-7',
    estimate: '16 hours',
    until: '10.12.2026',
    link: 'https://frontline.example/c/token',
    contact: 'it@polar-frost.example',
    customer: 'Polar Frost',
    score: 2,
    comment: 'Slow',
    manager: 'Elena Popova',
    message: 'choose a decision',
    cost: '64 000 RUB',
    max: 2000,
    register: 'informal',
    id: 'absence-7',
    count: 3,
    teams: 'DB, SUP',
    timeZone: 'Europe/Moscow',
    field: 'extra',
    kinds: 'dayOff, trip, training, sick, other',
    bounds: '2026-12-10 – 2026-12-11',
    span: '2 hours 5 minutes',
    tickets: '3 unassigned tickets',
    open: '2 open tickets',
    absences: 'Olga Kuznetsova (day off)',
    more: 2,
    engineer: 'Olga Kuznetsova',
    channel: 'telegram',
    version: 7,
  };

  it('words every code in English and Russian, with no argument left unfilled', () => {
    for (const code of MESSAGE_CODES) {
      const { en, ru } = bilingual({ code, params });
      expect([code, /[{}#]/.test(en), /[{}#]/.test(ru)]).toEqual([code, false, false]);
      expect(en).not.toBe('');
      expect(ru).not.toBe('');
    }
  });

  it('counts the bot’s hours, minutes and tickets with Russian plurals', () => {
    const ru = (code: 'notify.count.hours' | 'notify.count.openTickets', count: number) =>
      translate('ru', { code, params: { count } });
    expect([1, 3, 5, 21, 1.5].map((n) => ru('notify.count.hours', n))).toEqual([
      '1 час',
      '3 часа',
      '5 часов',
      '21 час',
      '1,5 часа',
    ]);
    expect([1, 2, 11].map((n) => ru('notify.count.openTickets', n))).toEqual([
      '1 открытая заявка',
      '2 открытые заявки',
      '11 открытых заявок',
    ]);
    expect(translate('en', { code: 'notify.count.minutes', params: { count: 1 } })).toBe('1 minute');
    const businessHours = (count: number) =>
      translate('ru', { code: 'schedules.count.businessHours', params: { count } });
    expect([1, 3, 5, 0.5].map(businessHours)).toEqual([
      '1 рабочий час',
      '3 рабочих часа',
      '5 рабочих часов',
      '0,5 рабочего часа',
    ]);
    expect(translate('ru', { code: 'schedules.clock', params: { target: 'firstResponse' } })).toBe(
      'первый ответ',
    );
    expect(
      translate('en', { code: 'notify.bot.takeAlreadyTaken', params: { key: 'SUP-7', engineer: 'Olga' } }),
    ).toBe('SUP-7 was already taken by Olga.');
  });

  it('says hours and minutes with Russian plurals', () => {
    const silence = (hours: number) =>
      translate('ru', { code: 'temperature.silenceHours', params: { hours } });
    expect([1, 3, 5, 21].map(silence)).toEqual([
      'Клиент не получал от нас новостей 1 час',
      'Клиент не получал от нас новостей 3 часа',
      'Клиент не получал от нас новостей 5 часов',
      'Клиент не получал от нас новостей 21 час',
    ]);
    expect(translate('en', { code: 'temperature.silenceMinutes', params: { minutes: 1 } })).toBe(
      'The customer has not heard from us for 1 minute',
    );
  });

  it('says what a contract covers by request type, components or configuration item', () => {
    const covered = (by: string, what: string) =>
      bilingual({ code: 'coverage.covered', params: { number: 'NW-1', title: 'Support', by, what } });
    expect(covered('requestType', 'Incident')).toMatchObject({
      en: 'Covered by contract NW-1 (Support): "Incident".',
      ru: 'Входит в договор NW-1 («Support»): «Incident».',
    });
    expect(covered('components', 'RAID, UPS').en).toBe('Covered by contract NW-1 (Support): RAID, UPS.');
    expect(covered('configurationItem', '').ru).toBe(
      'Входит в договор NW-1 («Support»): эта конфигурационная единица.',
    );
  });

  it('keeps the code and parameters beside the words', () => {
    expect(bilingual({ code: 'temperature.priority', params: { priority: 'high' } })).toEqual({
      code: 'temperature.priority',
      params: { priority: 'high' },
      en: 'Priority High',
      ru: 'Приоритет высокий',
    });
  });
});
