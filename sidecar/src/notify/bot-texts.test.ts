// The bot's counted words follow each language's plural rules; SLA times read as people say them.
import { botText, counted, slaLeftText, spanText } from './bot-texts.js';

describe('bot texts', () => {
  it('uses Russian plural forms for hours, minutes and tickets', () => {
    expect([1, 2, 5, 21, 22, 25].map((n) => spanText(n, 'ru'))).toEqual([
      '1 минута',
      '2 минуты',
      '5 минут',
      '21 минута',
      '22 минуты',
      '25 минут',
    ]);
    expect(spanText(125, 'ru')).toBe('2 часа 5 минут');
    expect(spanText(60, 'en')).toBe('1 hour');
    expect(counted('tickets', 11, 'ru')).toBe('11 заявок без исполнителя');
    expect(counted('openTickets', 1, 'ru')).toBe('1 открытая заявка');
  });

  it('says how much SLA time is left, how far it is overdue, or that there is no SLA', () => {
    expect(slaLeftText(90, 'en')).toBe('SLA time left: 1 hour 30 minutes');
    expect(slaLeftText(-3, 'ru')).toBe('SLA просрочен: 3 минуты');
    expect(slaLeftText(null, 'ru')).toBe('без SLA');
  });

  it('fills parameters and leaves unknown placeholders visible', () => {
    expect(botText('takeAlreadyTaken', { key: 'SUP-7', engineer: 'Olga' }, 'en')).toBe(
      'SUP-7 was already taken by Olga.',
    );
    expect(botText('takeLabel', {}, 'ru')).toBe('Беру {key}');
  });
});
