import type { BusinessCalendarInput } from '../schemas/calendar.js';
import { BusinessCalendarSchema } from '../schemas/calendar.js';
import { parseWith } from '../schemas/errors.js';
import {
  activePeriodsAt,
  addBusinessMinutes,
  businessMinutesBetween,
  compileCalendar,
  isBusinessDay,
  isWorkingTime,
  nextPeriodChange,
  nextWorkingInstant,
  workingIntervals,
  workingIntervalsOfDate,
  zonedInstant,
} from './index.js';

/** The calendar of the settings documentation, verbatim. */
const DOCUMENTED: BusinessCalendarInput = {
  timeZone: 'Europe/Moscow',
  week: {
    mon: [['09:00', '18:00']],
    tue: [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
    wed: [],
    thu: [['22:00', '06:00']],
    fri: [['00:00', '24:00']],
    sat: [],
    sun: [],
  },
  holidays: ['2027-01-07', { from: '2027-01-01', to: '2027-01-08' }],
  workingDays: [{ date: '2027-01-09', hours: [['09:00', '18:00']] }],
  periods: [
    {
      name: 'month-end close',
      lastBusinessDaysOfMonth: 2,
      hours: [['00:00', '24:00']],
      priority: 'highest',
      temperatureBoost: 30,
    },
    { name: 'year-end freeze', from: '2027-12-24', to: '2027-12-31' },
  ],
};

function calendar(input: BusinessCalendarInput) {
  const parsed = parseWith(BusinessCalendarSchema, input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return compileCalendar(parsed.value);
}

const msk = (local: string) => new Date(`${local}+03:00`);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A Northwind Service support calendar: Mon–Fri 09:00–18:00 Moscow time, Russian holidays, 2027 transfers. */
const NORTHWIND: BusinessCalendarInput = {
  timeZone: 'Europe/Moscow',
  week: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '18:00']],
    sat: [],
    sun: [],
  },
  holidays: [
    { from: '2027-01-01', to: '2027-01-08' },
    '2027-02-23',
    '2027-03-08',
    '2027-05-01',
    '2027-05-10',
  ],
  workingDays: [{ date: '2027-02-20', hours: [['09:00', '18:00']] }],
};

describe('the documented calendar', () => {
  const cal = calendar(DOCUMENTED);

  it('parses', () => {
    expect(BusinessCalendarSchema.safeParse(DOCUMENTED).success).toBe(true);
  });

  it('runs a Thursday night shift into Friday morning and straight on through Friday', () => {
    // Thursday 2027-01-14 22:00 → Friday 24:00 is one stretch of 26 hours.
    expect(iso(nextWorkingInstant(cal, msk('2027-01-14T12:00')))).toBe(iso(msk('2027-01-14T22:00')));
    expect(isWorkingTime(cal, msk('2027-01-14T21:59'))).toBe(false);
    expect(isWorkingTime(cal, msk('2027-01-15T03:00'))).toBe(true);
    expect(businessMinutesBetween(cal, msk('2027-01-14T00:00'), msk('2027-01-16T00:00'))).toBe(26 * 60);
  });

  it('cancels a holiday-Thursday night shift including its Friday-morning tail', () => {
    // 2027-01-07 (Thursday) and 2027-01-08 (Friday) are holidays.
    expect(isWorkingTime(cal, msk('2027-01-07T23:00'))).toBe(false);
    expect(isWorkingTime(cal, msk('2027-01-08T03:00'))).toBe(false);
  });

  it('works the transferred Saturday', () => {
    expect(isWorkingTime(cal, msk('2027-01-09T10:00'))).toBe(true);
    expect(isWorkingTime(cal, msk('2027-01-16T10:00'))).toBe(false); // an ordinary Saturday
    expect(iso(addBusinessMinutes(cal, msk('2027-01-09T17:00'), 120))).toBe(iso(msk('2027-01-11T10:00')));
  });

  it('keeps the lunch break on Tuesday', () => {
    expect(businessMinutesBetween(cal, msk('2027-01-12T00:00'), msk('2027-01-13T00:00'))).toBe(8 * 60);
    expect(iso(addBusinessMinutes(cal, msk('2027-01-12T12:30'), 60))).toBe(iso(msk('2027-01-12T14:30')));
  });

  it('opens the month-end close on the last two business days around the clock', () => {
    // January 2027 ends Sat 30, Sun 31: the last business days are Thu 28 and Fri 29.
    expect(activePeriodsAt(cal, msk('2027-01-28T10:00'))).toEqual([
      { name: 'month-end close', priority: 'highest', temperatureBoost: 30 },
    ]);
    expect(activePeriodsAt(cal, msk('2027-01-27T10:00'))).toEqual([]);
    expect(isWorkingTime(cal, msk('2027-01-28T10:00'))).toBe(true); // normally a night-shift-only Thursday
    expect(businessMinutesBetween(cal, msk('2027-01-28T00:00'), msk('2027-01-30T00:00'))).toBe(48 * 60);
    expect(iso(nextPeriodChange(cal, msk('2027-01-20T10:00')))).toBe(iso(msk('2027-01-28T00:00')));
    expect(iso(nextPeriodChange(cal, msk('2027-01-28T10:00')))).toBe(iso(msk('2027-01-30T00:00')));
  });

  it('lists a period without hours but leaves the hours alone', () => {
    expect(activePeriodsAt(cal, msk('2027-12-27T10:00')).map((p) => p.name)).toEqual(['year-end freeze']);
    expect(businessMinutesBetween(cal, msk('2027-12-27T00:00'), msk('2027-12-28T00:00'))).toBe(9 * 60);
  });
});

describe('holidays and night shifts', () => {
  const nights = calendar({
    timeZone: 'Europe/Moscow',
    week: {
      mon: [],
      tue: [],
      wed: [],
      thu: [['22:00', '06:00']],
      fri: [['09:00', '18:00']],
      sat: [],
      sun: [],
    },
    holidays: ['2027-02-26'], // a Friday
  });

  it('keeps the tail of the Thursday shift on a holiday Friday (it belongs to Thursday)', () => {
    expect(isWorkingTime(nights, msk('2027-02-26T05:59'))).toBe(true);
    expect(isWorkingTime(nights, msk('2027-02-26T06:00'))).toBe(false);
    expect(isWorkingTime(nights, msk('2027-02-26T10:00'))).toBe(false);
    expect(workingIntervalsOfDate(nights, '2027-02-25')).toEqual([
      { start: msk('2027-02-25T22:00'), end: msk('2027-02-26T06:00') },
    ]);
    expect(isBusinessDay(nights, '2027-02-26')).toBe(false);
    expect(isBusinessDay(nights, '2027-02-25')).toBe(true);
  });
});

describe('a shift that ends late the next day west of Greenwich', () => {
  // Thursday 20:00 → Friday 19:30 in New York ends on Saturday by UTC: two UTC days after it began.
  const cal = calendar({ timeZone: 'America/New_York', week: { thu: [['20:00', '19:30']] } });

  it('still counts its last minutes', () => {
    expect(isWorkingTime(cal, new Date('2027-02-13T00:15:00Z'))).toBe(true); // Fri 19:15 EST
    expect(isWorkingTime(cal, new Date('2027-02-13T00:30:00Z'))).toBe(false); // Fri 19:30 EST
    expect(
      businessMinutesBetween(cal, new Date('2027-02-11T00:00:00Z'), new Date('2027-02-14T00:00:00Z')),
    ).toBe(23.5 * 60);
  });
});

describe('Northwind Service desk in Moscow', () => {
  const cal = calendar(NORTHWIND);

  it('carries an 8-business-hour request over the weekend', () => {
    // Friday 2027-02-12 15:00 + 8 h: 3 h on Friday, 5 h on Monday → Monday 14:00.
    expect(iso(addBusinessMinutes(cal, msk('2027-02-12T15:00'), 480))).toBe(iso(msk('2027-02-15T14:00')));
  });

  it('skips the New Year holidays and works the transferred Saturday before Defender of the Fatherland Day', () => {
    expect(iso(nextWorkingInstant(cal, msk('2026-12-31T19:00')))).toBe(iso(msk('2027-01-11T09:00')));
    // Fri 19 Feb 17:00 + 2 h → 1 h on Friday, 1 h on the working Saturday the 20th.
    expect(iso(addBusinessMinutes(cal, msk('2027-02-19T17:00'), 120))).toBe(iso(msk('2027-02-20T10:00')));
    // Sat 20 Feb 17:00 + 2 h → 1 h on Saturday; Sun 21 off, Mon 22 works, Tue 23 is the holiday.
    expect(iso(addBusinessMinutes(cal, msk('2027-02-20T17:00'), 120))).toBe(iso(msk('2027-02-22T10:00')));
  });

  it('ends at the close of the day, not the next morning, when the minutes run out exactly then', () => {
    expect(iso(addBusinessMinutes(cal, msk('2027-02-15T09:00'), 540))).toBe(iso(msk('2027-02-15T18:00')));
    expect(iso(addBusinessMinutes(cal, msk('2027-02-15T09:00'), 0))).toBe(iso(msk('2027-02-15T09:00')));
  });

  it('counts a year of business time both ways and is antisymmetric', () => {
    const from = msk('2027-01-01T00:00');
    const to = msk('2028-01-01T00:00');
    const minutes = businessMinutesBetween(cal, from, to);
    expect(businessMinutesBetween(cal, to, from)).toBe(-minutes);
    expect(iso(addBusinessMinutes(cal, from, minutes))).toBe(iso(msk('2027-12-31T18:00')));
    expect(iso(addBusinessMinutes(cal, to, -minutes))).toBe(iso(msk('2027-01-11T09:00')));
    // 2027 has 261 weekdays; 6 New Year weekdays (1, 4–8 Jan), 23 Feb, 8 Mar, 10 May are off; 1 May is a
    // Saturday; the transfer adds Sat 20 Feb: 261 − 9 + 1 = 253 days of 9 hours.
    expect(minutes).toBe(253 * 9 * 60);
  });

  it('merges working intervals split only by UTC midnight', () => {
    const allDay = calendar({ ...NORTHWIND, week: { ...NORTHWIND.week, mon: [['00:00', '24:00']] } });
    expect(workingIntervals(allDay, msk('2027-02-15T00:00'), msk('2027-02-16T00:00'))).toEqual([
      { start: msk('2027-02-15T00:00'), end: msk('2027-02-16T00:00') },
    ]);
  });

  it('counts back with negative minutes, to the start of the working time', () => {
    // Monday 15 Feb 10:00 − 2 h: 1 h on Monday, 1 h on Friday 12 Feb → Friday 17:00.
    expect(iso(addBusinessMinutes(cal, msk('2027-02-15T10:00'), -120))).toBe(iso(msk('2027-02-12T17:00')));
    // Exactly a day back lands on the day's opening, not the previous evening.
    expect(iso(addBusinessMinutes(cal, msk('2027-02-16T18:00'), -540))).toBe(iso(msk('2027-02-16T09:00')));
  });

  it('rejects infinite minutes as a programming error', () => {
    expect(() => addBusinessMinutes(cal, msk('2027-02-15T09:00'), Infinity)).toThrow(RangeError);
    expect(() => addBusinessMinutes(cal, msk('2027-02-15T09:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('daylight saving time', () => {
  const allWeek = (timeZone: string, hours: [string, string][]) =>
    calendar({
      timeZone,
      week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours },
    });

  it('gives Berlin a 23-hour spring day and a 25-hour autumn day', () => {
    const cal = allWeek('Europe/Berlin', [['00:00', '24:00']]);
    const day = (date: string) =>
      businessMinutesBetween(
        cal,
        zonedInstant('Europe/Berlin', date),
        zonedInstant('Europe/Berlin', date, '24:00'),
      );
    expect(day('2027-03-28')).toBe(23 * 60);
    expect(day('2027-10-31')).toBe(25 * 60);
    expect(day('2027-06-01')).toBe(24 * 60);
  });

  it('drops the skipped wall times and counts repeated ones twice (Berlin 01:30–03:30)', () => {
    const cal = allWeek('Europe/Berlin', [['01:30', '03:30']]);
    // 28 March: 01:30–02:00 CET, then 03:00–03:30 CEST.
    expect(
      businessMinutesBetween(cal, new Date('2027-03-27T22:00:00Z'), new Date('2027-03-28T22:00:00Z')),
    ).toBe(60);
    // 31 October: 01:30–03:00 CEST and again 02:00–03:30 CET.
    expect(workingIntervalsOfDate(cal, '2027-10-31')).toEqual([
      { start: new Date('2027-10-30T23:30:00Z'), end: new Date('2027-10-31T02:30:00Z') },
    ]);
  });

  it('maps a skipped local time to the jump and a repeated one to its first occurrence', () => {
    expect(iso(zonedInstant('Europe/Berlin', '2027-03-28', '02:30'))).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(zonedInstant('Europe/Berlin', '2027-10-31', '02:30'))).toBe('2027-10-31T00:30:00.000Z');
    expect(iso(zonedInstant('America/New_York', '2027-03-14', '02:15'))).toBe('2027-03-14T07:00:00.000Z');
    expect(iso(zonedInstant('America/New_York', '2027-11-07', '01:30'))).toBe('2027-11-07T05:30:00.000Z');
  });

  it('handles New York 9-to-5 across both changes', () => {
    const cal = allWeek('America/New_York', [['09:00', '17:00']]);
    expect(iso(nextWorkingInstant(cal, new Date('2027-03-13T23:00:00Z')))).toBe('2027-03-14T13:00:00.000Z'); // EDT
    expect(iso(nextWorkingInstant(cal, new Date('2027-11-07T00:00:00Z')))).toBe('2027-11-07T14:00:00.000Z'); // EST
  });

  it('handles the half-hour change of Lord Howe Island', () => {
    const cal = allWeek('Australia/Lord_Howe', [['00:00', '24:00']]);
    const day = (date: string) =>
      businessMinutesBetween(
        cal,
        zonedInstant('Australia/Lord_Howe', date),
        zonedInstant('Australia/Lord_Howe', date, '24:00'),
      );
    expect(day('2027-10-03')).toBe(23.5 * 60); // 02:00 → 02:30
    expect(day('2027-04-04')).toBe(24.5 * 60); // 02:00 → 01:30
  });

  it('handles the +05:45 offset of Kathmandu', () => {
    const cal = allWeek('Asia/Kathmandu', [['09:00', '18:00']]);
    expect(iso(nextWorkingInstant(cal, new Date('2027-05-03T00:00:00Z')))).toBe('2027-05-03T03:15:00.000Z');
    expect(isWorkingTime(cal, new Date('2027-05-03T12:14:00Z'))).toBe(true);
    expect(isWorkingTime(cal, new Date('2027-05-03T12:15:00Z'))).toBe(false);
  });
});

describe('BusinessCalendarSchema', () => {
  const issues = (input: unknown) => {
    const result = parseWith(BusinessCalendarSchema, input);
    return result.ok ? [] : result.error;
  };
  const week = { mon: [['09:00', '18:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

  it('names each bad field with a readable message', () => {
    const found = issues({
      timeZone: 'Mars/Olympus',
      week: {
        ...week,
        tue: [['25:00', '10:00']],
        wed: [['10:00', '10:00']],
        thu: [
          ['09:00', '13:00'],
          ['12:00', '14:00'],
        ],
      },
      holidays: ['2027-02-30', { from: '2027-03-02', to: '2027-03-01' }],
      workingDays: [{ date: '2027-03-08', hours: [['09:00', '18:00']] }],
      periods: [
        { name: 'close' },
        { name: 'both', from: '2027-01-01', to: '2027-01-02', lastBusinessDaysOfMonth: 2 },
      ],
    });
    expect(found.map((i) => i.path)).toEqual([
      'timeZone',
      'week.tue.0.0',
      'week.wed.0.1',
      'week.thu.1',
      'holidays.0',
      'holidays.1.to',
      'periods.0',
      'periods.1.lastBusinessDaysOfMonth',
    ]);
    expect(found[0]!.message).toMatch(/time zone/);
    expect(found[3]!.message).toBe('intervals 09:00–13:00 and 12:00–14:00 overlap');
  });

  it('refuses a holiday that is also a working day, a week without hours, and fixed offsets', () => {
    expect(
      issues({
        timeZone: 'Europe/Moscow',
        week,
        holidays: ['2027-03-08'],
        workingDays: [{ date: '2027-03-08', hours: [['09:00', '18:00']] }],
      }).map((i) => i.message),
    ).toEqual(['2027-03-08 is both a holiday and a working day']);
    expect(issues({ timeZone: 'UTC', week: { ...week, mon: [] } }).map((i) => i.path)).toEqual(['week']);
    expect(issues({ timeZone: '+03:00', week }).map((i) => i.path)).toEqual(['timeZone']);
  });

  it('refuses a night shift that overlaps another interval of the same day and unknown keys', () => {
    expect(
      issues({
        timeZone: 'UTC',
        week: {
          ...week,
          mon: [
            ['22:00', '06:00'],
            ['23:00', '23:30'],
          ],
        },
      }),
    ).toHaveLength(1);
    expect(issues({ timeZone: 'UTC', week, extra: true })).toHaveLength(1);
  });

  it('treats week days left out as days off and explains malformed holidays and intervals', () => {
    const parsed = parseWith(BusinessCalendarSchema, {
      timeZone: 'UTC',
      week: { mon: [['09:00', '18:00']] },
    });
    expect(parsed.ok && parsed.value.week.sun).toEqual([]);
    expect(issues({ timeZone: 'UTC', week, holidays: [{ from: '2027-01-01' }] })[0]!.message).toMatch(
      /a holiday is a date/,
    );
    expect(issues({ timeZone: 'UTC', week: { mon: [['09:00']] } })[0]!.message).toMatch(/pair of times/);
  });

  it('accepts 24:00 as an end and a night shift next to a morning interval', () => {
    expect(
      issues({
        timeZone: 'UTC',
        week: {
          ...week,
          mon: [
            ['02:00', '05:00'],
            ['22:00', '06:00'],
          ],
          tue: [['18:00', '24:00']],
        },
      }),
    ).toEqual([]);
  });
  it('lets a round-the-clock month end close more than 23 days, but not more than a month has', () => {
    const allWeek = BusinessCalendarSchema.parse({
      timeZone: 'Europe/Moscow',
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
      ),
      periods: [{ name: 'close', lastBusinessDaysOfMonth: 28, priority: 'highest' }],
    });
    expect(isBusinessDay(allWeek, '2027-02-01')).toBe(true);
    expect(activePeriodsAt(allWeek, new Date('2027-02-01T12:00:00Z')).map((p) => p.name)).toEqual(['close']);
    expect(activePeriodsAt(allWeek, new Date('2027-03-03T12:00:00Z')).map((p) => p.name)).toEqual([]);
    expect(
      issues({ timeZone: 'UTC', week, periods: [{ name: 'close', lastBusinessDaysOfMonth: 32 }] }),
    ).toEqual([
      {
        path: 'periods.0.lastBusinessDaysOfMonth',
        message: 'a month has at most 31 days, so at most 31 business days',
      },
    ]);
  });
});
describe('invalid instants', () => {
  const cal = BusinessCalendarSchema.parse({
    timeZone: 'Europe/Moscow',
    week: { mon: [['09:00', '18:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  });
  const valid = new Date('2027-02-15T06:00:00Z');
  const invalid = new Date(Number.NaN);

  it.each([
    ['addBusinessMinutes', () => addBusinessMinutes(cal, invalid, 60)],
    ['addBusinessMinutes with zero minutes', () => addBusinessMinutes(cal, invalid, 0)],
    ['businessMinutesBetween (from)', () => businessMinutesBetween(cal, invalid, valid)],
    ['businessMinutesBetween (to)', () => businessMinutesBetween(cal, valid, invalid)],
    ['isWorkingTime', () => isWorkingTime(cal, invalid)],
    ['nextWorkingInstant', () => nextWorkingInstant(cal, invalid)],
    ['nextPeriodChange', () => nextPeriodChange(cal, invalid)],
    ['workingIntervals', () => workingIntervals(cal, valid, invalid)],
    ['activePeriodsAt', () => activePeriodsAt(cal, invalid)],
  ])('%s throws a RangeError that names the argument', (_name, call) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/invalid Date/);
  });
});
