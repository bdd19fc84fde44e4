import {
  demoDutyRota,
  demoEngineers,
  demoMoscowCalendar,
  demoSupPolicy,
} from '../assignment/demo-engineers.js';
import { demoRoutingPresets } from '../routing/demo-presets.js';
import type { BusinessCalendarInput } from '../schemas/calendar.js';
import { DEFAULT_REPLY_TEMPLATES } from '../replies/defaults.js';
import type { ReplyTemplateInput } from '../schemas/replies.js';
import { DEFAULT_JIRA_FIELDS } from '../schemas/jira-fields.js';
import type { SettingsDocumentInput } from '../schemas/settings.js';

// Northwind Service's settings for the local demo and the tests: the desk calendar the engineers
// work by, a 24×7 calendar for Severny Bank, and the logistics customer's calendar whose last two
// business days of each month are the financial close — medium requests become top priority and
// the support day runs round the clock.

const allDay: [string, string][] = [['00:00', '24:00']];

/** Round-the-clock coverage (the bank's contract). */
export const demo24x7Calendar: BusinessCalendarInput = {
  timeZone: 'Europe/Moscow',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

/** The desk's hours plus the month-end close of the logistics customer. */
export const demoMonthEndCloseCalendar: BusinessCalendarInput = {
  ...demoMoscowCalendar,
  periods: [
    {
      name: 'month-end close',
      lastBusinessDaysOfMonth: 2,
      hours: allDay,
      priority: 'highest',
      temperatureBoost: 30,
    },
  ],
};

/** The internal note SUP's auto-assign rule leaves on a ticket it gives the duty engineer. */
export const assignedDutyEngineerTemplate: ReplyTemplateInput = {
  id: 'assigned-duty-engineer',
  name: { en: 'Assigned to the duty engineer', ru: 'Назначено дежурному инженеру' },
  tags: ['assignment', 'night'],
  variables: ['engineer.name', 'reason'],
  visibility: 'internal',
  bodies: {
    en: 'Assigned to {{engineer.name}}, the duty engineer: {{reason}}.',
    ru: 'Назначено на дежурного инженера {{engineer.name}}: {{reason}}.',
  },
};

/** Every settings section filled for the demo world. */
export const DEMO_SETTINGS: SettingsDocumentInput = {
  calendars: {
    'moscow-5x2': demoMoscowCalendar,
    'moscow-24x7': demo24x7Calendar,
    'moscow-month-end-close': demoMonthEndCloseCalendar,
  },
  slaPolicies: [
    {
      id: 'standard',
      name: 'Standard support',
      calendarId: 'moscow-5x2',
      targets: {
        firstResponse: { highest: 30, high: 60, medium: 240, low: 480, lowest: 960 },
        update: { highest: 120, high: 240, medium: 480, low: 960, lowest: 1920 },
        resolution: { highest: 240, high: 480, medium: 1440, low: 2880, lowest: 4800 },
      },
      pauseStatuses: ['Waiting for customer'],
    },
    {
      id: 'logistics-close',
      name: 'Logistics with month-end close',
      calendarId: 'moscow-month-end-close',
      targets: {
        firstResponse: { highest: 30, high: 60, medium: 120, low: 480, lowest: 960 },
        resolution: { highest: 240, high: 480, medium: 480, low: 2880, lowest: 4800 },
      },
      pauseStatuses: ['Waiting for customer'],
    },
    {
      id: 'bank-24x7',
      name: 'Bank 24×7',
      calendarId: 'moscow-24x7',
      targets: {
        firstResponse: { highest: 15, high: 30, medium: 60, low: 240, lowest: 480 },
        resolution: { highest: 240, high: 480, medium: 960, low: 2880, lowest: 4800 },
      },
      pauseStatuses: ['Waiting for customer'],
    },
  ],
  engineers: [...demoEngineers],
  dutyRota: demoDutyRota,
  assignment: [demoSupPolicy],
  routingPresets: [...demoRoutingPresets],
  // The site's "Parts catalog" (customfield_10051 in the Jira stand-in): the parts preset's picker
  // fills it and the service report reads an order's parts from it.
  jiraFields: { ...DEFAULT_JIRA_FIELDS, parts: 'customfield_10051' },
  replyTemplates: [...DEFAULT_REPLY_TEMPLATES, assignedDutyEngineerTemplate],
  // Written out in full so the admin page shows the desk's rules, not an empty section.
  schedules: {
    digest: { localTime: '09:00', catchUpMinutes: 180, defaultThresholdHours: 24 },
    maintenance: {
      requestTypes: ['Scheduled maintenance', 'Preventive maintenance'],
      labels: ['maintenance', 'preventive', 'planned'],
    },
    critical: { priorities: ['highest'] },
    customerReplied: {
      statuses: ['Customer replied', 'Waiting for support'],
      afterBusinessHours: 2,
      escalateAfterBusinessHours: 4,
    },
    silentCritical: { afterBusinessHours: 2 },
    fallbackCalendar: 'moscow-5x2',
    skillsByLabel: {
      database: 'PostgreSQL',
      '1c': '1C',
      'month-end': '1C',
      hardware: 'storage arrays',
      integration: 'integration bus',
    },
  },
};
