import { coverageVerdict, ContractSchema } from './contract.js';
import type { ContractInput } from './contract.js';
import { parseWith } from './errors.js';

/** The logistics customer of the demo world (its calendar and SLA policy are in DEMO_SETTINGS). */
const VOLGA: ContractInput = {
  id: 'NW-2026-014',
  customer: {
    id: 'baltic-logistics',
    name: 'Baltic Logistics',
    jsmOrganizationIds: ['12'],
    emailDomains: ['Baltic-Logistics.example'],
  },
  number: 'NW-2026-014',
  title: '1C accounting support',
  lineOfBusiness: '1C support',
  tier: 'premium',
  validity: { from: '2026-01-01', to: '2026-12-31', timeZone: 'Europe/Moscow' },
  slaPolicyId: 'logistics-close',
  calendarId: 'moscow-month-end-close',
  coverage: {
    requestTypes: ['Accounting database error', 'Month-end close'],
    components: ['1C:Accounting'],
    configurationItemIds: ['CI-1C-01'],
  },
  paidWork: [
    {
      description: 'Custom reports and new integrations',
      requestTypes: ['New report'],
      components: ['Integration bus'],
      requiresApprovalBeforeStart: true,
      rate: '4 500 RUB/hour',
    },
  ],
  responsibilityZones: {
    ours: ['Diagnose errors and explain how to correct documents'],
    customers: [
      'We never edit documents in the customer’s accounting database — the customer’s accountants correct them; we explain how',
    ],
  },
  communication: {
    channel: 'phone',
    detail: 'brief',
    register: 'informal',
    language: 'ru',
    statusMeetings: { cadence: 'weekly', note: 'Mondays 10:00 with the chief accountant' },
  },
  serviceManager: {
    accountId: '5b10ac8d82e05b22cc7d4ef5',
    name: 'Irina Sokolova',
    email: 'i.sokolova@northwind.example',
    timeZone: 'Europe/Moscow',
  },
  masterSystem: {
    contractUrl: 'https://crm.northwind.example/contracts/NW-2026-014',
    configurationItems: [
      { id: 'CI-1C-01', name: '1C server', url: 'https://crm.northwind.example/ci/CI-1C-01' },
    ],
  },
};
const contract = ContractSchema.parse(VOLGA);

describe('ContractSchema', () => {
  it('parses the demo contract and normalises e-mail domains', () => {
    expect(contract.customer.emailDomains).toEqual(['baltic-logistics.example']);
    expect(contract.paidWork[0]?.requiresApprovalBeforeStart).toBe(true);
  });

  it('reports every bad field by path with a readable message', () => {
    const parsed = parseWith(ContractSchema, {
      ...VOLGA,
      validity: { from: '2026-12-31', to: '2026-01-01', timeZone: 'Moscow' },
      communication: { ...VOLGA.communication, channel: 'fax' },
      serviceManager: { ...VOLGA.serviceManager, email: 'irina@' },
      paidWork: [
        { description: 'Reports', requestTypes: ['New report'], requiresApprovalBeforeStart: false },
      ],
    });
    expect(parsed.ok ? [] : parsed.error).toEqual([
      { path: 'validity.timeZone', message: 'Unknown time zone; use an IANA name like Europe/Moscow' },
      { path: 'validity.to', message: 'The contract must start on or before its last day' },
      {
        path: 'paidWork.0.requiresApprovalBeforeStart',
        message: 'Paid work always needs the customer’s approval before it starts',
      },
      { path: 'communication.channel', message: 'Channel is one of: email, phone, portal, telegram, slack' },
      { path: 'serviceManager.email', message: 'Give a valid e-mail address' },
    ]);
  });

  it('checks that covered configuration items are ones the master system lists', () => {
    const unknownItem = parseWith(ContractSchema, {
      ...VOLGA,
      coverage: { ...VOLGA.coverage, configurationItemIds: ['CI-404'] },
    });
    expect(unknownItem.ok ? [] : unknownItem.error).toEqual([
      {
        path: 'coverage.configurationItemIds.0',
        message: 'Configuration item "CI-404" is not listed under masterSystem.configurationItems',
      },
    ]);
  });

  it('allows an open-ended contract', () => {
    const parsed = ContractSchema.parse({
      ...VOLGA,
      validity: { from: '2026-01-01', timeZone: 'Europe/Moscow' },
    });
    expect(
      coverageVerdict(parsed, { requestType: 'Month-end close', at: new Date('2031-06-30T12:00:00Z') })
        .verdict,
    ).toBe('covered');
  });
});

describe('the contract’s service targets', () => {
  it('are optional: a contract without them parses and keeps none', () => {
    expect(contract.serviceTargets).toBeUndefined();
  });

  it('take work-start business hours per priority and a parts delivery in business days', () => {
    const parsed = parseWith(ContractSchema, {
      ...VOLGA,
      serviceTargets: {
        workStartBusinessHours: { highest: 0.5, high: 2, medium: 8 },
        partsDeliveryBusinessDays: 3,
      },
    });
    expect(parsed.ok && parsed.value.serviceTargets).toEqual({
      workStartBusinessHours: { highest: 0.5, high: 2, medium: 8 },
      partsDeliveryBusinessDays: 3,
    });
  });

  it('refuse zero, negative, fractional-day, over-a-year and unknown terms, naming each field', () => {
    const parsed = parseWith(ContractSchema, {
      ...VOLGA,
      serviceTargets: {
        workStartBusinessHours: { highest: 0, high: -2, medium: 8761, low: 'two', urgent: 1 },
        partsDeliveryBusinessDays: 1.5,
      },
    });
    expect(parsed.ok ? [] : parsed.error).toEqual([
      {
        path: 'serviceTargets.workStartBusinessHours.highest',
        message: 'The work-start target for highest priority must be above 0 business hours',
      },
      {
        path: 'serviceTargets.workStartBusinessHours.high',
        message: 'The work-start target for high priority must be above 0 business hours',
      },
      {
        path: 'serviceTargets.workStartBusinessHours.medium',
        message: 'The work-start target for medium priority is at most 8760 business hours (a year)',
      },
      {
        path: 'serviceTargets.workStartBusinessHours.low',
        message: 'The work-start target for low priority must be a number of business hours',
      },
      { path: 'serviceTargets.workStartBusinessHours.urgent', message: 'unknown field "urgent"' },
      {
        path: 'serviceTargets.partsDeliveryBusinessDays',
        message: 'The parts delivery target must be a whole number of business days',
      },
    ]);
    for (const [days, message] of [
      [0, 'The parts delivery target must be at least 1 business day'],
      [-1, 'The parts delivery target must be at least 1 business day'],
      [251, 'The parts delivery target is at most 250 business days (a working year)'],
    ] as const) {
      const bad = parseWith(ContractSchema, {
        ...VOLGA,
        serviceTargets: { partsDeliveryBusinessDays: days },
      });
      expect(bad.ok ? [] : bad.error).toEqual([
        { path: 'serviceTargets.partsDeliveryBusinessDays', message },
      ]);
    }
  });
});

describe('coverageVerdict', () => {
  const midYear = new Date('2026-06-15T09:00:00Z');

  it('covers a listed request type, whatever its case', () => {
    expect(coverageVerdict(contract, { requestType: 'month-end CLOSE ', at: midYear })).toEqual({
      verdict: 'covered',
      reason: {
        code: 'coverage.covered',
        params: {
          number: 'NW-2026-014',
          title: '1C accounting support',
          by: 'requestType',
          what: 'month-end CLOSE ',
        },
        en: 'Covered by contract NW-2026-014 (1C accounting support): "month-end CLOSE ".',
        ru: 'Входит в договор NW-2026-014 («1C accounting support»): «month-end CLOSE ».',
      },
    });
  });

  it('covers by component or configuration item when the request type is not listed', () => {
    const byComponent = coverageVerdict(contract, {
      requestType: 'Question',
      components: ['1C:Accounting'],
      at: midYear,
    });
    const byItem = coverageVerdict(contract, {
      requestType: 'Question',
      configurationItemIds: ['CI-1C-01'],
      at: midYear,
    });
    expect([byComponent.verdict, byItem.verdict]).toEqual(['covered', 'covered']);
    expect(byComponent.reason.params).toMatchObject({ by: 'components', what: '1C:Accounting' });
    expect(byItem.reason.en).toBe(
      'Covered by contract NW-2026-014 (1C accounting support): this configuration item.',
    );
  });

  it('calls listed paid work paid, even on a covered component, and asks for approval first', () => {
    const verdict = coverageVerdict(contract, {
      requestType: 'Accounting database error',
      components: ['Integration bus'],
      at: midYear,
    });
    expect(verdict).toMatchObject({
      verdict: 'paidWork',
      requiresApprovalBeforeStart: true,
      paidWork: { description: 'Custom reports and new integrations' },
    });
    expect(verdict.reason.ru).toContain('Согласуйте с заказчиком до начала работ');
  });

  it('treats anything the contract does not cover as paid work that needs approval', () => {
    const verdict = coverageVerdict(contract, { requestType: 'Replace a laptop screen', at: midYear });
    expect(verdict).toEqual({
      verdict: 'paidWork',
      requiresApprovalBeforeStart: true,
      reason: {
        code: 'coverage.notCovered',
        params: { number: 'NW-2026-014', requestType: 'Replace a laptop screen' },
        en: '"Replace a laptop screen" is not covered by contract NW-2026-014; it is paid work. Agree it with the customer before starting.',
        ru: '«Replace a laptop screen» не входит в договор NW-2026-014: это платная работа. Согласуйте с заказчиком до начала работ.',
      },
    });
  });

  it('counts validity days in the contract’s time zone, not the host’s or UTC', () => {
    const newYearMoscow = new Date('2025-12-31T21:30:00Z'); // 00:30 on 1 January in Moscow
    const lastEveningMoscow = new Date('2026-12-31T20:59:00Z'); // 23:59 on 31 December in Moscow
    const afterEndMoscow = new Date('2026-12-31T21:00:00Z'); // 00:00 on 1 January 2027 in Moscow
    const request = { requestType: 'Month-end close' };
    expect(coverageVerdict(contract, { ...request, at: newYearMoscow }).verdict).toBe('covered');
    expect(coverageVerdict(contract, { ...request, at: lastEveningMoscow }).verdict).toBe('covered');
    expect(coverageVerdict(contract, { ...request, at: afterEndMoscow })).toEqual({
      verdict: 'outsideValidity',
      reason: {
        code: 'coverage.expired',
        params: { number: 'NW-2026-014', to: '2026-12-31', day: '2027-01-01' },
        en: 'Contract NW-2026-014 ended on 2026-12-31; the request came on 2027-01-01.',
        ru: 'Договор NW-2026-014 закончился 2026-12-31; заявка пришла 2027-01-01.',
      },
    });
    expect(coverageVerdict(contract, { ...request, at: new Date('2025-12-31T20:59:00Z') }).reason.en).toBe(
      'Contract NW-2026-014 starts on 2026-01-01; the request came on 2025-12-31.',
    );
  });
});
