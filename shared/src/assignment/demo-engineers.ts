import type { AssignmentPolicyInput } from '../schemas/assignment.js';
import type { BusinessCalendarInput } from '../schemas/calendar.js';
import type { DutyRotaInput, EngineerInput } from '../schemas/engineers.js';

// Northwind Service's engineers for the demo and the tests: the same people (account ids, names)
// as the sidecar's Jira stand-in. The demo week is 2–8 November 2026 in Moscow: Wednesday 4
// November is a public holiday (National Unity Day) and, in this demo calendar, Saturday 7
// November is a working day transferred from another week. Alexei is on a business trip Tuesday
// to Thursday, Olga has Friday off, Pavel is in training on Monday morning.

/** The desk's business calendar: Mon–Fri 09:00–18:00 Moscow time, with the holiday and the transfer. */
export const demoMoscowCalendar: BusinessCalendarInput = {
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
  holidays: ['2026-11-04'],
  workingDays: [{ date: '2026-11-07', hours: [['09:00', '18:00']] }],
};

/** Calendar id the demo engineers and policy refer to. */
export const DEMO_CALENDAR_ID = 'moscow-5x2';

const id = (n: number) => `712020:6c1f3b2e-000${n}-4a1e-9d01-northwind000${n}`;

/** The demo engineers, by the names the rest of the demo uses. */
export const DEMO_ACCOUNTS = {
  alexei: id(1),
  olga: id(2),
  dmitry: id(3),
  irina: id(4),
  pavel: id(5),
  sergey: id(8),
} as const;

const base = { timeZone: 'Europe/Moscow', calendar: DEMO_CALENDAR_ID, languages: ['ru', 'en'], maxLoad: 10 };

export const demoEngineers: readonly EngineerInput[] = [
  {
    ...base,
    accountId: DEMO_ACCOUNTS.alexei,
    name: 'Alexei Smirnov',
    email: 'a.smirnov@northwind.example',
    skills: [
      { skill: 'storage arrays', level: 5 },
      { skill: 'x86 servers', level: 4 },
    ],
    teams: ['SUP', 'HW'],
    absences: [
      { kind: 'trip', from: '2026-11-03', to: '2026-11-05', note: 'Severny Bank data centre, Kazan' },
    ],
  },
  {
    ...base,
    accountId: DEMO_ACCOUNTS.olga,
    name: 'Olga Kuznetsova',
    email: 'o.kuznetsova@northwind.example',
    telegramUserId: 480112233,
    skills: [
      { skill: 'PostgreSQL', level: 5 },
      { skill: 'Oracle', level: 4 },
    ],
    teams: ['SUP', 'DB'],
    absences: [{ kind: 'dayOff', from: '2026-11-06', to: '2026-11-06' }],
  },
  {
    ...base,
    accountId: DEMO_ACCOUNTS.dmitry,
    name: 'Dmitry Volkov',
    email: 'd.volkov@northwind.example',
    skills: [
      { skill: '1C', level: 5 },
      { skill: 'integration bus', level: 4 },
    ],
    teams: ['SUP', 'DB'],
    languages: ['ru'],
  },
  {
    ...base,
    accountId: DEMO_ACCOUNTS.irina,
    name: 'Irina Sokolova',
    email: 'i.sokolova@northwind.example',
    skills: [
      { skill: 'x86 servers', level: 5 },
      { skill: 'storage arrays', level: 3 },
    ],
    teams: ['SUP', 'HW', 'PARTS'],
  },
  {
    ...base,
    accountId: DEMO_ACCOUNTS.pavel,
    name: 'Pavel Morozov',
    email: 'p.morozov@northwind.example',
    skills: [
      { skill: 'Oracle', level: 5 },
      { skill: 'PostgreSQL', level: 3 },
      { skill: '1C', level: 3 },
    ],
    teams: ['SUP', 'DB'],
    absences: [
      {
        kind: 'training',
        from: '2026-11-02T10:00:00+03:00',
        to: '2026-11-02T14:00:00+03:00',
        note: 'Oracle 23ai',
      },
    ],
  },
  {
    ...base,
    accountId: DEMO_ACCOUNTS.sergey,
    name: 'Sergey Lebedev',
    email: 's.lebedev@northwind.example',
    skills: [{ skill: 'integration bus', level: 3 }],
    teams: ['SUP'],
    maxLoad: 4,
  },
];

/**
 * Nights and weekends: one engineer per night Monday to Thursday, Irina from Friday evening,
 * Pavel on Saturday, Dmitry from Sunday to Monday morning. Alexei's Wednesday night falls in his
 * trip, so Olga takes the holiday (Wednesday 09:00 to Thursday 09:00) as an explicit shift.
 */
export const demoDutyRota: DutyRotaInput = {
  timeZone: 'Europe/Moscow',
  weekly: [
    { accountId: DEMO_ACCOUNTS.irina, day: 'mon', from: '18:00', to: '09:00' },
    { accountId: DEMO_ACCOUNTS.pavel, day: 'tue', from: '18:00', to: '09:00' },
    { accountId: DEMO_ACCOUNTS.alexei, day: 'wed', from: '18:00', to: '09:00' },
    { accountId: DEMO_ACCOUNTS.dmitry, day: 'thu', from: '18:00', to: '09:00' },
    { accountId: DEMO_ACCOUNTS.irina, day: 'fri', from: '18:00', to: '24:00' },
    { accountId: DEMO_ACCOUNTS.pavel, day: 'sat', from: '00:00', to: '24:00' },
    { accountId: DEMO_ACCOUNTS.dmitry, day: 'sun', from: '00:00', to: '24:00' },
    { accountId: DEMO_ACCOUNTS.dmitry, day: 'mon', from: '00:00', to: '09:00' },
  ],
  shifts: [
    {
      accountId: DEMO_ACCOUNTS.olga,
      from: '2026-11-04T09:00:00+03:00',
      to: '2026-11-05T09:00:00+03:00',
      note: 'Holiday cover for Alexei',
    },
  ],
};

/**
 * SUP: suggestions by day; at night and on holidays the duty engineer gets highest/high tickets,
 * and the customer gets a status update from the reply library saying who took the request.
 */
export const demoSupPolicy: AssignmentPolicyInput = {
  project: 'SUP',
  mode: 'auto',
  deskCalendar: DEMO_CALENDAR_ID,
  autoRules: [{ when: 'offHours', priorities: ['highest', 'high'], assign: 'duty' }],
  commentOnAutoAssign: { enabled: true, templateKey: 'status-update' },
};
