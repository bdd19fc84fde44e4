import { PeriodSchema } from '@frontline/shared';
import { describePeriod } from './periods.js';

describe('describePeriod', () => {
  it('lists office hours as given and a negative boost with its sign', () => {
    const period = PeriodSchema.parse({
      name: 'New Year holidays',
      from: '2027-01-01',
      to: '2027-01-08',
      hours: [['10:00', '14:00']],
      temperatureBoost: -10,
    });
    const card = describePeriod(period, false);
    expect(card).toMatchObject({
      schedule: { from: '2027-01-01', to: '2027-01-08' },
      active: false,
      changes: { hours: [['10:00', '14:00']], temperatureBoost: -10 },
    });
    expect(card.says).toEqual([
      { code: 'period.hours', params: { hours: '10:00–14:00' } },
      { code: 'period.temperature', params: { boost: '-10' } },
    ]);
    expect(card.summary).toEqual({
      en: 'Support hours 10:00–14:00; temperature -10',
      ru: 'Часы поддержки 10:00–14:00; температура -10',
    });
  });

  it('words a raised priority in each language', () => {
    const card = describePeriod(
      PeriodSchema.parse({ name: 'Month-end close', lastBusinessDaysOfMonth: 2, priority: 'highest' }),
      true,
    );
    expect(card.says).toEqual([{ code: 'period.priority', params: { priority: 'highest' } }]);
    expect(card.summary).toEqual({
      en: 'Requests are treated as Highest priority',
      ru: 'Заявки считаются наивысшего приоритета',
    });
  });

  it('says when a period changes nothing the desk acts on', () => {
    const card = describePeriod(PeriodSchema.parse({ name: 'Audit week', lastBusinessDaysOfMonth: 5 }), true);
    expect(card.changes).toEqual({});
    expect(card.says).toEqual([]);
    expect(card.summary).toEqual({
      en: 'No change to priority or hours',
      ru: 'Приоритет и часы не меняются',
    });
    expect(card.schedule).toEqual({ lastBusinessDaysOfMonth: 5 });
  });
});
