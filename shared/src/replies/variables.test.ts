import { ContractSchema } from '../schemas/contract.js';
import { DEFAULT_REPLY_TEMPLATES } from './defaults.js';
import { renderReply } from './render.js';
import { customerStyle, replyVariables } from './variables.js';

const contract = ContractSchema.parse({
  id: 'NW-2026-020',
  customer: { id: 'frostfood', name: 'FrostFood' },
  number: 'NW-2026-020',
  title: 'Database support',
  lineOfBusiness: 'Database support',
  tier: 'standard',
  validity: { from: '2026-01-01', timeZone: 'Europe/Moscow' },
  slaPolicyId: 'standard',
  calendarId: 'moscow-5x2',
  coverage: { requestTypes: ['Database failure'] },
  communication: { channel: 'email', detail: 'detailed', register: 'formal', language: 'en' },
  serviceManager: { accountId: 'acc-2', name: 'Pavel Orlov', timeZone: 'Europe/Moscow' },
  masterSystem: { contractUrl: 'https://crm.northwind.example/contracts/NW-2026-020' },
});

describe('replyVariables', () => {
  it('gathers issue, contract and agent facts under dotted names, and lets typed values win', () => {
    const variables = replyVariables({
      issue: { key: 'DB-31', summary: 'Database down on Friday night', reporterName: 'Maria Kuznetsova' },
      agent: { name: 'Oleg Ivanov' },
      contract,
      extra: { 'reporter.name': 'Maria', 'close.deadline': '21:00 today' },
    });
    expect(variables).toEqual({
      'issue.key': 'DB-31',
      'issue.summary': 'Database down on Friday night',
      'reporter.name': 'Maria',
      'agent.name': 'Oleg Ivanov',
      'customer.name': 'FrostFood',
      'contract.number': 'NW-2026-020',
      'contract.title': 'Database support',
      'serviceManager.name': 'Pavel Orlov',
      'close.deadline': '21:00 today',
    });
  });

  it('renders a seed reply in the style the contract asks for', () => {
    const template = DEFAULT_REPLY_TEMPLATES.find((t) => t.id === 'month-end-close-ack')!;
    const variables = replyVariables({
      issue: { key: 'DB-31', reporterName: 'Maria' },
      agent: { name: 'Oleg Ivanov' },
      contract,
      extra: { 'close.deadline': '21:00 today' },
    });
    const rendered = renderReply(template, { variables, ...customerStyle(contract) });
    expect(rendered.ok && rendered.value.text).toMatch(
      /^Hello Maria,\n\nWe have DB-31 and are working on it now\./,
    );
    expect(rendered.ok && rendered.value.text).toContain(
      'Pavel Orlov, your service manager, is kept up to date.',
    );
  });
});
