// The calendar horizon (2000-01-01 … 2100-01-01): absurd instants are refused with a typed error
// at once instead of sending a search through millennia. Runs under several TZ values (test:tz).
import { describe, expect, it } from '@jest/globals';
import {
  addBusinessMinutes,
  BeyondHorizonError,
  BusinessCalendarSchema,
  businessMinutesBetween,
  checkedCalendar,
  compileCalendar,
  computeSlaClocks,
  DEFAULT_TEMPERATURE_POLICY,
  evaluateTicket,
  isWorkingTime,
  localDateTime,
  nextWorkingInstant,
  SlaPolicySchema,
  withinHorizon,
  workingIntervals,
} from '../index.js';

const office: [string, string][] = [['09:00', '18:00']];
const calendar = compileCalendar(
  BusinessCalendarSchema.parse({
    timeZone: 'Europe/Berlin',
    week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  }),
);
const policy = SlaPolicySchema.parse({
  id: 'standard',
  name: 'Standard',
  calendarId: 'office',
  targets: { resolution: { highest: 60, high: 120, medium: 240, low: 480, lowest: 960 } },
});
const MAX_DATE = new Date(8_640_000_000_000_000);
const inside = new Date('2027-03-01T10:00:00Z');

describe('the calendar horizon', () => {
  it('spans 2000-01-01 to 2100-01-01', () => {
    expect(withinHorizon(Date.parse('2000-01-01T00:00:00Z'))).toBe(true);
    expect(withinHorizon(Date.parse('1999-12-31T23:59:59.999Z'))).toBe(false);
    expect(withinHorizon(Date.parse('2100-01-01T00:00:00Z'))).toBe(true);
    expect(withinHorizon(Date.parse('2100-01-01T00:00:00.001Z'))).toBe(false);
  });

  it('refuses an absurd instant with a typed error instead of computing', () => {
    const computations: (() => unknown)[] = [
      () => addBusinessMinutes(calendar, MAX_DATE, 60),
      () => businessMinutesBetween(calendar, inside, MAX_DATE),
      () => isWorkingTime(calendar, MAX_DATE),
      () => nextWorkingInstant(calendar, new Date(-MAX_DATE.getTime())),
      () => workingIntervals(calendar, inside, MAX_DATE),
    ];
    for (const compute of computations) {
      const result = checkedCalendar(compute);
      expect(result).toMatchObject({ ok: false, error: { code: 'beyond_horizon' } });
      expect(compute).toThrow(BeyondHorizonError);
    }
  });

  it('refuses a due date that would land past the horizon, and answers one just inside it', () => {
    const late = new Date('2099-12-30T10:00:00Z');
    expect(checkedCalendar(() => addBusinessMinutes(calendar, late, 60 * 9 * 10))).toMatchObject({
      ok: false,
      error: { code: 'beyond_horizon', subject: 'the due date' },
    });
    expect(checkedCalendar(() => addBusinessMinutes(calendar, late, 60)).ok).toBe(true);
    expect(
      checkedCalendar(() => addBusinessMinutes(calendar, new Date('2000-01-03T10:00:00Z'), -600)),
    ).toMatchObject({ ok: false, error: { code: 'beyond_horizon' } });
  });

  it('keeps zone arithmetic finite for a year Intl cannot name', () => {
    expect(() => localDateTime('Europe/Berlin', MAX_DATE)).toThrow(BeyondHorizonError);
    expect(localDateTime('Europe/Berlin', new Date('1990-07-01T12:00:00Z'))).toEqual({
      date: '1990-07-01',
      time: '14:00',
    });
  });

  it('makes the SLA replay and the ticket evaluation answer beyond_horizon', () => {
    const created = [{ type: 'created' as const, at: '2027-03-01T08:00:00Z', priority: 'medium' as const }];
    expect(computeSlaClocks(policy, calendar, created, MAX_DATE)).toMatchObject({
      ok: false,
      error: { code: 'beyond_horizon', subject: 'now' },
    });
    const ancient = [{ type: 'created' as const, at: '1970-01-01T00:00:00Z', priority: 'medium' as const }];
    expect(computeSlaClocks(policy, calendar, ancient, inside)).toMatchObject({
      ok: false,
      error: { code: 'beyond_horizon', subject: 'the creation' },
    });
    const input = {
      ticket: { priority: 'medium' as const, createdAt: new Date('2027-03-01T08:00:00Z') },
      history: created,
      contract: { tier: 'gold', slaPolicyId: 'standard', calendarId: 'office' },
      settings: { slaPolicies: [policy], temperature: DEFAULT_TEMPERATURE_POLICY },
      calendars: { office: calendar },
    };
    expect(evaluateTicket({ ...input, now: MAX_DATE })).toMatchObject({
      ok: false,
      error: { code: 'beyond_horizon' },
    });
    // A creation beyond the horizon leaves the clocks out but still gives a temperature.
    const evaluated = evaluateTicket({ ...input, history: ancient, now: inside });
    expect(evaluated).toMatchObject({
      ok: true,
      value: { sla: null, slaProblem: { code: 'beyond_horizon' } },
    });
  });
});
