// Northwind Service's calendars and SLA policy used by the SLA and temperature tests.
import { compileCalendar } from '../../calendar/index.js';
import type { BusinessCalendarInput } from '../../schemas/calendar.js';
import { BusinessCalendarSchema } from '../../schemas/calendar.js';
import type { SlaPolicyInput } from '../../schemas/sla.js';
import { SlaPolicySchema } from '../../schemas/sla.js';

const weekdays = (hours: [string, string][]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});
const RUSSIAN_HOLIDAYS_2027 = [
  { from: '2027-01-01', to: '2027-01-08' },
  '2027-02-23',
  '2027-03-08',
  '2027-05-10',
];

/** The frozen-food manufacturer: office hours in Moscow. */
export const OFFICE_HOURS: BusinessCalendarInput = {
  timeZone: 'Europe/Moscow',
  week: weekdays([['09:00', '18:00']]),
  holidays: RUSSIAN_HOLIDAYS_2027,
  workingDays: [{ date: '2027-02-20', hours: [['09:00', '18:00']] }],
};

/** The logistics company: office hours, but the last two business days of a month are the close, worked until midnight at top priority. */
export const LOGISTICS: BusinessCalendarInput = {
  ...OFFICE_HOURS,
  periods: [
    {
      name: 'month-end close',
      lastBusinessDaysOfMonth: 2,
      hours: [['09:00', '24:00']],
      priority: 'highest',
      temperatureBoost: 30,
    },
  ],
};

/** The bank: 24×7, holidays included. */
export const BANK_24X7: BusinessCalendarInput = {
  timeZone: 'Europe/Moscow',
  week: {
    mon: [['00:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']],
    fri: [['00:00', '24:00']],
    sat: [['00:00', '24:00']],
    sun: [['00:00', '24:00']],
  },
};

export const STANDARD_POLICY: SlaPolicyInput = {
  id: 'northwind-standard',
  name: 'Northwind standard support',
  calendarId: 'office-hours',
  targets: {
    firstResponse: { highest: 30, high: 60, medium: 240, low: 480, lowest: 960 },
    update: { highest: 60, high: 120, medium: 240, low: 480, lowest: 960 },
    resolution: { highest: 240, high: 480, medium: 480, low: 1440, lowest: 2880 },
  },
  pauseStatuses: ['Waiting for customer'],
  requestTypes: [
    {
      requestType: 'Preventive maintenance',
      targets: { resolution: { highest: 2880, high: 2880, medium: 4800, low: 4800, lowest: 4800 } },
    },
  ],
};

/** Parses and compiles a calendar fixture. */
export function calendarOf(input: BusinessCalendarInput) {
  return compileCalendar(BusinessCalendarSchema.parse(input));
}

/** Parses a policy fixture. */
export function policyOf(input: SlaPolicyInput) {
  return SlaPolicySchema.parse(input);
}

/** An instant given in Moscow local time (UTC+3 all year). */
export const msk = (local: string) => new Date(`${local}+03:00`);
/** The same as an ISO string, as events carry it. */
export const mskIso = (local: string) => msk(local).toISOString();
