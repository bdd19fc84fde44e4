// The report's pure parts: durations in words, percentiles as PostgreSQL computes them, parts
// parsing, CSV round trip, the query schema's refusals, the ticket lifecycle in business minutes.
import { compileCalendar } from '../calendar/index.js';
import { BusinessCalendarSchema } from '../schemas/calendar.js';
import { parseWith } from '../schemas/errors.js';
import { parseCsv, toCsv } from './csv.js';
import { formatDuration } from './duration.js';
import { partsDeliveryDue, ticketLifecycle } from './lifecycle.js';
import { partsOf } from './parts.js';
import { periodStart, ReportQuerySchema } from './query.js';
import { durationStats, percentileCont } from './stats.js';

const moscow = compileCalendar(
  BusinessCalendarSchema.parse({
    timeZone: 'Europe/Moscow',
    week: {
      mon: [['09:00', '18:00']],
      tue: [['09:00', '18:00']],
      wed: [['09:00', '18:00']],
      thu: [['09:00', '18:00']],
      fri: [['09:00', '18:00']],
    },
  }),
);

describe('durations in words', () => {
  it.each([
    [135, 'en', '2 h 15 min'],
    [135, 'ru', '2 ч 15 мин'],
    [45, 'en', '45 min'],
    [180, 'ru', '3 ч'],
    [59.6, 'en', '1 h'],
    [null, 'en', '—'],
  ] as const)('%s minutes in %s is "%s"', (minutes, language, text) => {
    expect(formatDuration(minutes, language)).toBe(text);
  });
});

describe('percentiles', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBeCloseTo(91, 10);
    expect(percentileCont([], 0.5)).toBeNull();
    expect(durationStats([5, null, 1, 3])).toEqual({ count: 3, median: 3, p90: 4.6 });
  });
});

describe('parts named on an order', () => {
  it('reads catalog options and free text with quantities, adding up repeats', () => {
    expect(partsOf([{ value: 'PSU 800W hot-plug' }, { value: 'RAID controller battery' }])).toEqual([
      { part: 'PSU 800W hot-plug', quantity: 1 },
      { part: 'RAID controller battery', quantity: 1 },
    ]);
    expect(partsOf('HDD 2.4TB SAS ×4, PSU 800W x1; hdd 2.4tb sas * 2')).toEqual([
      { part: 'HDD 2.4TB SAS', quantity: 6 },
      { part: 'PSU 800W', quantity: 1 },
    ]);
    expect(partsOf(null)).toEqual([]);
  });
});

describe('CSV', () => {
  it('round-trips quotes, commas, line breaks and Cyrillic, with a BOM and formulas kept as text', () => {
    const rows = [
      ['ООО "Северный банк"', 'a,b', 'line\nbreak', 3, null],
      ['=SUM(A1)', ' padded ', '', 0.5, 'ok'],
    ];
    const text = toCsv(['Заказчик', 'x', 'y', 'n', 'z'], rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const back = parseCsv(text);
    expect(back[0]).toEqual(['Заказчик', 'x', 'y', 'n', 'z']);
    expect(back[1]).toEqual(['ООО "Северный банк"', 'a,b', 'line\nbreak', '3', '']);
    expect(back[2]).toEqual(["'=SUM(A1)", ' padded ', '', '0.5', 'ok']);
  });
});

describe('report query', () => {
  it('refuses bad input naming each field', () => {
    const parsed = parseWith(ReportQuerySchema, {
      from: '2026-02-30',
      to: '2026-01-01',
      slice: 'moon',
      extra: 1,
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.map((e) => e.path).sort()).toEqual(['extra', 'from', 'slice']);
    const backwards = parseWith(ReportQuerySchema, { from: '2026-03-01', to: '2026-01-01' });
    expect(!backwards.ok && backwards.error[0]!.path).toBe('to');
  });

  it('starts weeks on Monday, months and quarters on their first day', () => {
    expect(periodStart('2026-12-06', 'week')).toBe('2026-11-30');
    expect(periodStart('2026-11-30', 'week')).toBe('2026-11-30');
    expect(periodStart('2026-11-17', 'month')).toBe('2026-11-01');
    expect(periodStart('2026-11-17', 'quarter')).toBe('2026-10-01');
  });
});

describe('ticket lifecycle', () => {
  it('counts business minutes in the contract calendar and keeps each clock outcome', () => {
    // Friday 17:00 Moscow → reply Monday 10:00: 2 business hours; resolved Monday 12:00.
    const createdAt = new Date('2026-11-27T14:00:00Z');
    const lifecycle = ticketLifecycle({
      issueKey: 'SUP-1',
      project: 'SUP',
      team: 'SUP',
      customerId: 'c',
      customerName: 'C',
      contractId: 'k',
      engineerId: 'e',
      priority: 'high',
      requestType: null,
      createdAt,
      history: [
        { type: 'created', at: createdAt.toISOString(), priority: 'high' },
        { type: 'comment', at: '2026-11-27T14:30:00Z', author: 'customer', public: true },
        { type: 'comment', at: '2026-11-30T07:00:00Z', author: 'agent', public: true },
        { type: 'resolved', at: '2026-11-30T09:00:00Z' },
      ],
      resolved: true,
      firstAssignedAt: new Date('2026-11-27T14:30:00Z'),
      workStartedAt: new Date('2026-11-30T06:30:00Z'),
      clocks: [
        { target: 'firstResponse', targetMinutes: 60, elapsedMinutes: 120, breached: true, met: false },
      ],
      calendar: moscow,
    });
    expect(lifecycle.firstResponseMinutes).toBe(120);
    expect(lifecycle.assignMinutes).toBe(30);
    expect(lifecycle.workStartMinutes).toBe(30 + 30);
    expect(lifecycle.resolutionMinutes).toBe(240);
    expect(lifecycle.sla.firstResponse).toEqual({
      outcome: 'breached',
      targetMinutes: 60,
      elapsedMinutes: 120,
    });
    expect(lifecycle.sla.resolution).toBeNull();
    expect(lifecycle.businessTime).toBe(true);
  });

  it('a reopened ticket is not resolved until it is resolved again', () => {
    const createdAt = new Date('2026-11-23T07:00:00Z');
    const l = ticketLifecycle({
      issueKey: 'SUP-2',
      project: 'SUP',
      team: 'SUP',
      customerId: null,
      customerName: null,
      contractId: null,
      engineerId: null,
      priority: 'medium',
      requestType: null,
      createdAt,
      history: [
        { type: 'created', at: createdAt.toISOString(), priority: 'medium' },
        { type: 'resolved', at: '2026-11-23T08:00:00Z' },
        { type: 'reopened', at: '2026-11-23T09:00:00Z' },
      ],
      resolved: false,
      firstAssignedAt: null,
      workStartedAt: null,
      clocks: [],
      calendar: undefined,
    });
    expect(l.resolvedAt).toBeNull();
    expect(l.reopenedCount).toBe(1);
    expect(l.businessTime).toBe(false);
  });

  it('a parts order is due at the end of the second business day after it was raised', () => {
    // Raised Friday 2026-11-27 → Monday and Tuesday are the two business days: due Tue 18:00 Moscow.
    expect(partsDeliveryDue(moscow, new Date('2026-11-27T10:00:00Z'), 2).toISOString()).toBe(
      '2026-12-01T15:00:00.000Z',
    );
  });
});
