// The Northwind Service demo world: one IT service provider's Jira site with a first-line service
// desk (SUP) and three adjacent teams (HW, DB, PARTS). Other parts of Frontline (engineers,
// contracts, the local demo) reuse these ids so everything points at the same people and customers.

/** The provider whose desk the demo shows. */
export const DEMO_PROVIDER = 'Northwind Service';

export interface DemoEngineer {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** Competences in the words the desk uses (matched by the engineers settings). */
  skills: readonly string[];
  role: 'engineer' | 'coordinator' | 'first-line' | 'tsm';
}

/** Staff of Northwind Service, all in Europe/Moscow. */
export const DEMO_STAFF: readonly DemoEngineer[] = [
  {
    accountId: '712020:6c1f3b2e-0001-4a1e-9d01-northwind0001',
    displayName: 'Alexei Smirnov',
    emailAddress: 'a.smirnov@northwind.example',
    skills: ['storage arrays', 'x86 servers'],
    role: 'engineer',
  },
  {
    accountId: '712020:6c1f3b2e-0002-4a1e-9d01-northwind0002',
    displayName: 'Olga Kuznetsova',
    emailAddress: 'o.kuznetsova@northwind.example',
    skills: ['PostgreSQL', 'Oracle'],
    role: 'engineer',
  },
  {
    accountId: '712020:6c1f3b2e-0003-4a1e-9d01-northwind0003',
    displayName: 'Dmitry Volkov',
    emailAddress: 'd.volkov@northwind.example',
    skills: ['1C', 'integration bus'],
    role: 'engineer',
  },
  {
    accountId: '712020:6c1f3b2e-0004-4a1e-9d01-northwind0004',
    displayName: 'Irina Sokolova',
    emailAddress: 'i.sokolova@northwind.example',
    skills: ['x86 servers', 'storage arrays'],
    role: 'engineer',
  },
  {
    accountId: '712020:6c1f3b2e-0005-4a1e-9d01-northwind0005',
    displayName: 'Pavel Morozov',
    emailAddress: 'p.morozov@northwind.example',
    skills: ['Oracle', 'PostgreSQL', '1C'],
    role: 'engineer',
  },
  {
    accountId: '712020:6c1f3b2e-0006-4a1e-9d01-northwind0006',
    displayName: 'Elena Popova',
    emailAddress: 'e.popova@northwind.example',
    skills: [],
    role: 'coordinator',
  },
  {
    accountId: '712020:6c1f3b2e-0007-4a1e-9d01-northwind0007',
    displayName: 'Maria Fedorova',
    emailAddress: 'm.fedorova@northwind.example',
    skills: [],
    role: 'first-line',
  },
  {
    accountId: '712020:6c1f3b2e-0008-4a1e-9d01-northwind0008',
    displayName: 'Sergey Lebedev',
    emailAddress: 's.lebedev@northwind.example',
    skills: ['integration bus'],
    role: 'tsm',
  },
];

export interface DemoCustomer {
  /** JSM organization id. */
  organizationId: number;
  key: 'translogistic' | 'polar-frost' | 'severny-bank';
  name: string;
  /** What makes this customer different, in the desk's words. */
  profile: string;
  /** Technical service manager (the customer's single point of contact), if the contract has one. */
  tsmAccountId?: string;
  coverage: 'business-hours' | '24x7';
  /** Customer portal accounts that raise requests. */
  contacts: readonly { accountId: string; displayName: string; emailAddress: string }[];
}

/** Northwind's customers: organizations in the service desk, their people as reporters. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    organizationId: 1,
    key: 'translogistic',
    name: 'TransLogistic',
    profile:
      'Logistics company; 1C accounting with a month-end close (the last two days of the month are top priority); a dedicated TSM.',
    tsmAccountId: '712020:6c1f3b2e-0008-4a1e-9d01-northwind0008',
    coverage: 'business-hours',
    contacts: [
      {
        accountId: 'qm:c0ffee01-0001-4b2c-8e11-translogistic1',
        displayName: 'Natalia Orlova (chief accountant)',
        emailAddress: 'n.orlova@translogistic.example',
      },
      {
        accountId: 'qm:c0ffee01-0002-4b2c-8e11-translogistic2',
        displayName: 'Igor Belov (IT)',
        emailAddress: 'i.belov@translogistic.example',
      },
    ],
  },
  {
    organizationId: 2,
    key: 'polar-frost',
    name: 'Polar Frost Foods',
    profile: 'Frozen-food manufacturer; production planning on PostgreSQL; the database died on a Friday.',
    coverage: 'business-hours',
    contacts: [
      {
        accountId: 'qm:c0ffee02-0001-4b2c-8e11-polarfrost001',
        displayName: 'Andrei Kovalev (plant IT)',
        emailAddress: 'a.kovalev@polarfrost.example',
      },
    ],
  },
  {
    organizationId: 3,
    key: 'severny-bank',
    name: 'Severny Bank',
    profile: 'Regional bank; storage arrays and x86 servers under 24×7 coverage; formal letters only.',
    coverage: '24x7',
    contacts: [
      {
        accountId: 'qm:c0ffee03-0001-4b2c-8e11-severnybank01',
        displayName: 'Viktor Zaitsev (head of infrastructure)',
        emailAddress: 'v.zaitsev@severnybank.example',
      },
    ],
  },
];

/** The account an API token acts as, and the Forge app's own account. */
export const DEMO_AUTOMATION_USER = {
  accountId: '712020:6c1f3b2e-0099-4a1e-9d01-automation99',
  displayName: 'Northwind automation',
  emailAddress: 'automation@northwind.example',
};
export const DEMO_APP_USER = {
  accountId: '557058:frontline-app-0000-0000-000000000001',
  displayName: 'Frontline',
};

export interface DemoProject {
  id: string;
  key: 'SUP' | 'HW' | 'DB' | 'PARTS';
  name: string;
  projectTypeKey: 'service_desk' | 'software' | 'business';
  leadAccountId: string;
  issueTypeIds: readonly string[];
}

export const DEMO_ISSUE_TYPES = [
  { id: '10001', name: 'Service request', description: 'A customer asks for something.' },
  { id: '10002', name: 'Incident', description: 'Something broke.' },
  { id: '10003', name: 'Task', description: 'Work for an adjacent team.' },
  { id: '10004', name: 'Part order', description: 'A spare part from the warehouse.' },
] as const;

export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    id: '10000',
    key: 'SUP',
    name: 'Northwind Service Desk',
    projectTypeKey: 'service_desk',
    leadAccountId: DEMO_STAFF[5]!.accountId,
    issueTypeIds: ['10001', '10002'],
  },
  {
    id: '10001',
    key: 'HW',
    name: 'Hardware',
    projectTypeKey: 'software',
    leadAccountId: DEMO_STAFF[0]!.accountId,
    issueTypeIds: ['10003', '10002'],
  },
  {
    id: '10002',
    key: 'DB',
    name: 'Databases',
    projectTypeKey: 'software',
    leadAccountId: DEMO_STAFF[1]!.accountId,
    issueTypeIds: ['10003', '10002'],
  },
  {
    id: '10003',
    key: 'PARTS',
    name: 'Spare parts',
    projectTypeKey: 'business',
    leadAccountId: DEMO_STAFF[3]!.accountId,
    issueTypeIds: ['10004'],
  },
];

/** Statuses of the one workflow every demo project uses. */
export const DEMO_STATUSES = [
  { id: '1', name: 'Open', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10010', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '5', name: 'Resolved', category: 'done' },
] as const;

/** Transitions (available from every status except their target). */
export const DEMO_TRANSITIONS = [
  { id: '11', name: 'Start work', toStatusId: '3' },
  { id: '21', name: 'Wait for customer', toStatusId: '10010' },
  { id: '31', name: 'Resolve', toStatusId: '5' },
  { id: '41', name: 'Reopen', toStatusId: '1' },
] as const;

export const DEMO_PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
] as const;

/** Custom fields, including the Frontline app's own Temperature field. */
export const DEMO_FIELD_IDS = {
  partsToReplace: 'customfield_10050',
  partsCatalog: 'customfield_10051',
  organizations: 'customfield_10002',
  temperature: 'customfield_10060',
} as const;

/** The Forge custom field key Jira gives the app's Temperature field. */
export const DEMO_TEMPERATURE_FIELD_KEY = 'frontline-app__DEVELOPMENT__temperature';

export interface DemoCustomField {
  id: string;
  key: string;
  name: string;
  schema: { type: string; custom: string; customId: number; items?: string };
  /** Owned by an app: only that app may write it through /app/field. */
  appOwned: boolean;
  /** project key → issue type ids where the field is on the create screen (and whether required). */
  screens: Record<string, readonly { issueTypeId: string; required: boolean }[]>;
  allowedValues?: readonly { id: string; value: string }[];
}

export const DEMO_CUSTOM_FIELDS: readonly DemoCustomField[] = [
  {
    id: DEMO_FIELD_IDS.partsToReplace,
    key: DEMO_FIELD_IDS.partsToReplace,
    name: 'Parts to replace',
    schema: {
      type: 'string',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
      customId: 10050,
    },
    appOwned: false,
    screens: { HW: [{ issueTypeId: '10003', required: true }] },
  },
  {
    id: DEMO_FIELD_IDS.partsCatalog,
    key: DEMO_FIELD_IDS.partsCatalog,
    name: 'Parts catalog',
    schema: {
      type: 'array',
      items: 'option',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect',
      customId: 10051,
    },
    appOwned: false,
    screens: { PARTS: [{ issueTypeId: '10004', required: true }] },
    allowedValues: [
      { id: '20001', value: 'HDD 2.4TB SAS 10k (array shelf)' },
      { id: '20002', value: 'PSU 800W hot-plug' },
      { id: '20003', value: 'System board, 2-socket x86' },
      { id: '20004', value: 'RAID controller battery' },
    ],
  },
  {
    id: DEMO_FIELD_IDS.organizations,
    key: DEMO_FIELD_IDS.organizations,
    name: 'Organizations',
    schema: {
      type: 'array',
      items: 'sd-customerorganization',
      custom: 'com.atlassian.servicedesk:sd-customer-organizations',
      customId: 10002,
    },
    appOwned: false,
    screens: {
      SUP: [
        { issueTypeId: '10001', required: false },
        { issueTypeId: '10002', required: false },
      ],
    },
  },
  {
    id: DEMO_FIELD_IDS.temperature,
    key: DEMO_TEMPERATURE_FIELD_KEY,
    name: 'Temperature',
    schema: {
      type: 'number',
      custom: 'ari:cloud:ecosystem::extension/frontline-app/DEVELOPMENT/static/temperature',
      customId: 10060,
    },
    appOwned: true,
    screens: {},
  },
];

/** A demo ticket in terms a person reads; the stand-in turns it into an issue. */
export interface DemoTicket {
  projectKey: DemoProject['key'];
  issueTypeId: string;
  summary: string;
  description: string;
  reporterId: string;
  customerKey?: DemoCustomer['key'];
  priorityId: string;
  assigneeId?: string;
  labels?: readonly string[];
  custom?: Record<string, unknown>;
}

const contact = (key: DemoCustomer['key'], index = 0): string =>
  DEMO_CUSTOMERS.find((c) => c.key === key)!.contacts[index]!.accountId;

/** Tickets seeded at start: a realistic morning at the desk. */
export const DEMO_SEED_TICKETS: readonly DemoTicket[] = [
  {
    projectKey: 'SUP',
    issueTypeId: '10002',
    summary: 'Production planning database does not start after power loss',
    description:
      'Since Friday night the PostgreSQL cluster in the plant does not start: "could not read block" in the log. Production planning is stopped.',
    reporterId: contact('polar-frost'),
    customerKey: 'polar-frost',
    priorityId: '1',
    labels: ['database'],
  },
  {
    projectKey: 'SUP',
    issueTypeId: '10001',
    summary: 'Cost calculation in 1C differs from last month for the same routes',
    description:
      'Transport cost per route in the month-end report is 12% higher than in the calculation sheet. We close the month on Thursday.',
    reporterId: contact('translogistic'),
    customerKey: 'translogistic',
    priorityId: '3',
    labels: ['1c', 'month-end'],
  },
  {
    projectKey: 'SUP',
    issueTypeId: '10002',
    summary: 'Disk failure alert on storage array in the main data centre',
    description: 'The array reports a failed disk in shelf 2, slot 7. Redundancy is degraded.',
    reporterId: contact('severny-bank'),
    customerKey: 'severny-bank',
    priorityId: '2',
    labels: ['hardware'],
  },
  {
    projectKey: 'HW',
    issueTypeId: '10003',
    summary: 'Replace PSU in x86 server rack B4',
    description: 'Second power supply shows a fault LED; replace during the maintenance window.',
    reporterId: DEMO_STAFF[6]!.accountId,
    priorityId: '3',
    assigneeId: DEMO_STAFF[3]!.accountId,
    custom: { [DEMO_FIELD_IDS.partsToReplace]: 'PSU 800W hot-plug ×1' },
  },
];

/** Tickets `createDemoTickets()` raises live, so the demo shows webhooks flowing. */
export const DEMO_LIVE_TICKETS: readonly DemoTicket[] = [
  {
    projectKey: 'SUP',
    issueTypeId: '10001',
    summary: 'Month-end close: VAT ledger does not match the sales book',
    description:
      'The VAT ledger for October shows 3 invoices fewer than the sales book. Closing day is today.',
    reporterId: contact('translogistic'),
    customerKey: 'translogistic',
    priorityId: '2',
    labels: ['1c', 'month-end'],
  },
  {
    projectKey: 'SUP',
    issueTypeId: '10002',
    summary: 'Night alert: array controller failover in the reserve data centre',
    description: 'Controller A failed over to controller B at 02:14. Please check before the morning batch.',
    reporterId: contact('severny-bank'),
    customerKey: 'severny-bank',
    priorityId: '1',
    labels: ['hardware', 'night'],
  },
  {
    projectKey: 'SUP',
    issueTypeId: '10001',
    summary: 'Request logs for slow integration bus queue',
    description: 'Orders from the plant reach the ERP with a 20-minute delay since Monday.',
    reporterId: contact('polar-frost'),
    customerKey: 'polar-frost',
    priorityId: '3',
    labels: ['integration'],
  },
];
