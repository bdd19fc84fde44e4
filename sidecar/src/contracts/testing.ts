// Contract fixtures for tests, from the demo world.

/** The logistics customer of the demo world (month-end close, a dedicated service manager). */
export const VOLGA_CONTRACT = {
  id: 'NW-2026-014',
  customer: { id: 'volga-freight', name: 'Volga Freight', emailDomains: ['volga-freight.example'] },
  number: 'NW-2026-014',
  title: '1C accounting support',
  lineOfBusiness: '1C support',
  tier: 'premium',
  validity: { from: '2026-01-01', to: '2026-12-31', timeZone: 'Europe/Moscow' },
  slaPolicyId: 'premium-8bh',
  calendarId: 'moscow-month-end-close',
  coverage: { requestTypes: ['Accounting database error', 'Month-end close'] },
  responsibilityZones: {
    ours: ['Diagnose errors and explain how to correct documents'],
    customers: [
      'We never edit documents in the customer’s accounting database; their accountants correct them',
    ],
  },
  communication: { channel: 'phone', detail: 'brief', register: 'informal', language: 'ru' },
  serviceManager: {
    accountId: '5b10ac8d82e05b22cc7d4ef5',
    name: 'Irina Sokolova',
    timeZone: 'Europe/Moscow',
  },
  masterSystem: { contractUrl: 'https://crm.northwind.example/contracts/NW-2026-014' },
};
