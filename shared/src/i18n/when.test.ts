import { translate, whenMessage, whenText } from './index.js';

const zone = 'Europe/Moscow';
// Thursday 5 November 2026, 12:00 in Moscow.
const now = new Date('2026-11-05T09:00:00Z');

describe('times in reasons, in a zone the caller names', () => {
  it('says only the time later today, in that zone', () => {
    const at = new Date('2026-11-05T15:00:00Z');
    expect(whenMessage(zone, at, now)).toEqual({ code: 'when.today', params: { time: '18:00' } });
    expect(whenText('en', zone, at, now)).toBe('18:00');
    expect(whenText('ru', zone, at, now)).toBe('18:00');
    // The same instant in Vladivostok is already past midnight: another day there.
    expect(whenText('en', 'Asia/Vladivostok', at, now)).toBe('Fri 01:00');
  });

  it('says the weekday within the week and the date further away, each language its own way', () => {
    const monday = new Date('2026-11-09T06:00:00Z');
    expect(whenText('en', zone, monday, now)).toBe('Mon 09:00');
    expect(whenText('ru', zone, monday, now)).toBe('пн 09:00');
    const later = new Date('2026-11-30T06:00:00Z');
    expect(whenMessage(zone, later, now)).toEqual({
      code: 'when.later',
      params: { weekday: 'mon', day: 30, month: 11, dd: '30', mm: '11', time: '09:00' },
    });
    expect(whenText('en', zone, later, now)).toBe('Mon 30 Nov 09:00');
    expect(whenText('ru', zone, later, now)).toBe('пн 30.11 09:00');
    const january = new Date('2027-01-04T06:00:00Z');
    expect(whenText('en', zone, january, now)).toBe('Mon 4 Jan 09:00');
    expect(whenText('ru', zone, january, now)).toBe('пн 04.01 09:00');
  });

  it('is the same words through translate from the code and parameters alone', () => {
    const at = new Date('2026-11-12T06:00:00Z');
    const message = whenMessage(zone, at, now);
    expect(translate('ru', message)).toBe(whenText('ru', zone, at, now));
    expect(translate('en', message)).toBe('Thu 12 Nov 09:00');
  });
});
