// Northwind Service's three customers' contracts, for the local demo and tests: matched by the JSM
// organizations and e-mail domains the Jira stand-in's demo world uses.
import { ContractSchema, DEMO_ACCOUNTS } from '@frontline/shared';
import type { Contract, ContractInput } from '@frontline/shared';

const master = (id: string) => ({ contractUrl: `https://crm.northwind.example/contracts/${id}` });

const sources: ContractInput[] = [
  {
    id: 'TL-2026-01',
    customer: {
      id: 'translogistic',
      name: 'TransLogistic',
      jsmOrganizationIds: ['1'],
      emailDomains: ['translogistic.example'],
    },
    number: 'NW-2026/014',
    title: '1C accounting support',
    lineOfBusiness: '1C support',
    tier: 'gold',
    validity: { from: '2026-01-01', to: '2027-12-31', timeZone: 'Europe/Moscow' },
    slaPolicyId: 'logistics-close',
    calendarId: 'moscow-month-end-close',
    coverage: { requestTypes: ['Service request', 'Incident'] },
    responsibilityZones: {
      ours: ['Explain how to correct documents'],
      customers: ['Correcting documents in the accounting database (the audit trail must stay intact)'],
    },
    communication: { channel: 'phone', detail: 'brief', register: 'informal', language: 'ru' },
    serviceManager: {
      accountId: DEMO_ACCOUNTS.sergey,
      name: 'Sergey Lebedev',
      email: 's.lebedev@northwind.example',
      timeZone: 'Europe/Moscow',
    },
    masterSystem: master('TL-2026-01'),
    // A blocked close cannot wait: work starts within the hour on top-priority requests.
    serviceTargets: {
      workStartBusinessHours: { highest: 1, high: 2, medium: 8 },
      partsDeliveryBusinessDays: 3,
    },
  },
  {
    id: 'PF-2025-07',
    customer: {
      id: 'polar-frost',
      name: 'Polar Frost Foods',
      jsmOrganizationIds: ['2'],
      emailDomains: ['polarfrost.example'],
    },
    number: 'NW-2025/071',
    title: 'Database support',
    lineOfBusiness: 'Database support',
    tier: 'silver',
    validity: { from: '2025-07-01', timeZone: 'Europe/Moscow' },
    slaPolicyId: 'standard',
    calendarId: 'moscow-5x2',
    coverage: { requestTypes: ['Service request', 'Incident'] },
    communication: { channel: 'email', detail: 'detailed', register: 'informal', language: 'ru' },
    serviceManager: {
      accountId: '712020:6c1f3b2e-0006-4a1e-9d01-northwind0006',
      name: 'Elena Popova',
      email: 'e.popova@northwind.example',
      timeZone: 'Europe/Moscow',
    },
    masterSystem: master('PF-2025-07'),
    // Silent on parts: the desk's default delivery target applies.
    serviceTargets: { workStartBusinessHours: { highest: 2, high: 4, medium: 8, low: 16 } },
  },
  {
    id: 'SB-2026-03',
    customer: {
      id: 'severny-bank',
      name: 'Severny Bank',
      jsmOrganizationIds: ['3'],
      emailDomains: ['severnybank.example'],
    },
    number: 'NW-2026/003',
    title: 'Hardware maintenance 24×7',
    lineOfBusiness: 'Hardware maintenance',
    tier: 'platinum',
    validity: { from: '2026-03-01', to: '2028-02-29', timeZone: 'Europe/Moscow' },
    slaPolicyId: 'bank-24x7',
    calendarId: 'moscow-24x7',
    coverage: { requestTypes: ['Incident', 'Service request'] },
    communication: { channel: 'email', detail: 'detailed', register: 'formal', language: 'ru' },
    serviceManager: {
      accountId: DEMO_ACCOUNTS.sergey,
      name: 'Sergey Lebedev',
      email: 's.lebedev@northwind.example',
      timeZone: 'Europe/Moscow',
    },
    masterSystem: master('SB-2026-03'),
    // 24×7: an engineer is on a failed array within half an hour; spare parts arrive in 2 business days.
    serviceTargets: {
      workStartBusinessHours: { highest: 0.5, high: 1, medium: 4, low: 8, lowest: 16 },
      partsDeliveryBusinessDays: 2,
    },
  },
];

/** The demo contracts, validated (a broken fixture is a bug, so it throws at load). */
export const DEMO_CONTRACTS: readonly Contract[] = sources.map((c) => ContractSchema.parse(c));
