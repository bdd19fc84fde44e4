// The Contract panel's approval section through UI Kit's reconciler, its calls answered by the real
// approval resolvers over an in-memory sidecar that keeps the requests it is sent.
import type { CustomerClient } from '../../remote/customer-client';
import { approvalResolvers } from '../../resolvers/approvals';
import { fakeSidecar, testDeps } from '../../test/fakes';
import { noJira } from '../../test/issue-view-fixtures';
import { issueContext, resolverHarness } from '../../test/resolver-harness';
import { renderUi, textOf } from '../../test/ui-harness';

const { Translated } = await import('../i18n');
const { ApprovalSection } = await import('./ApprovalSection');

function inMemoryCustomer() {
  const approvals: Record<string, unknown>[] = [];
  const sent: unknown[] = [];
  const recorded: unknown[] = [];
  const client: CustomerClient = {
    approvals: async () => ({ ok: true, value: { issueKey: 'SUP-12', approvals } }),
    requestApproval: async (_key, body) => {
      sent.push(body);
      const b = body as { estimate: unknown; contact: { email: string; name?: string } };
      approvals.unshift({
        id: 'a1',
        state: 'awaiting',
        estimate: b.estimate,
        contact: { email: b.contact.email, name: b.contact.name ?? null },
        requestedBy: 'elena',
        requestedAt: '2027-01-12T07:00:00.000Z',
        expiresAt: '2027-01-19T07:00:00.000Z',
        decidedAt: null,
        decidedBy: null,
        decidedVia: null,
        note: null,
        pausesResolution: true,
        propertyWritten: true,
        audit: [
          {
            at: '2027-01-12T07:00:00.000Z',
            action: 'requested',
            actor: 'Elena Popova',
            via: 'panel',
            note: '16 hours',
          },
        ],
      });
      return { ok: true, value: approvals[0] };
    },
    recordApproval: async (_key, body) => {
      recorded.push(body);
      return { ok: false, error: { status: 409, message: 'The request was answered meanwhile' } };
    },
    ratings: async () => ({ ok: true, value: {} }),
  };
  return { client, sent, recorded };
}

async function open(locale: string, customer: CustomerClient) {
  const harness = resolverHarness(
    (d) => approvalResolvers({ ...d, customer }),
    testDeps(noJira, fakeSidecar({})),
    issueContext({ id: '1', key: 'SUP-12' }),
  );
  return renderUi(
    <Translated>
      <ApprovalSection />
    </Translated>,
    { invoke: (key, payload) => harness.call(key, payload), locale },
  );
}

describe('approval section', () => {
  it('sends the estimate to the contact, then shows it awaiting with its history and the record form', async () => {
    const customer = inMemoryCustomer();
    const ui = await open('en-US', customer.client);
    await ui.waitFor((u) => u.text().includes('No approval has been requested yet'));
    const [hours, , email] = ui.findAll('Textfield');
    await ui.fire(hours!, 'onChange', { target: { value: '16' } });
    await ui.fire(email!, 'onChange', { target: { value: 'a.kovalev@polarfrost.example' } });
    await ui.press('Send the estimate');
    await ui.waitFor((u) => u.text().includes('Awaiting the customer'));
    expect(customer.sent).toEqual([
      { estimate: { hours: 16 }, contact: { email: 'a.kovalev@polarfrost.example' } },
    ]);
    expect(ui.text()).toContain('The resolution clock is paused while the customer decides.');
    expect(ui.text()).toContain('Jan 12, 2027, 7:00 AM UTC — estimate sent by Elena Popova (Contract panel)');
    expect(ui.findAll('ListItem').map(textOf)).toEqual([
      expect.stringMatching(/Contract panel\)\s+— 16 hours$/),
    ]);
    expect(ui.text()).toContain('Record an answer given another way');
    // A refusal from the sidecar is shown, not swallowed.
    await ui.fire(ui.findAll('Textfield')[0]!, 'onChange', { target: { value: 'Andrei Kovalev' } });
    await ui.press('Record the answer');
    await ui.waitFor((u) => u.text().includes('The request was answered meanwhile'));
  });

  it('speaks Russian, and says what a bad estimate lacks', async () => {
    const customer = inMemoryCustomer();
    const ui = await open('ru-RU', customer.client);
    await ui.waitFor((u) => u.text().includes('Согласование ещё не запрошено'));
    await ui.fire(ui.findAll('Textfield')[2]!, 'onChange', {
      target: { value: 'a.kovalev@polarfrost.example' },
    });
    await ui.press('Отправить оценку');
    await ui.waitFor((u) => u.text().includes('Give the hours, the cost or a note'));
    expect(customer.sent).toEqual([]);
  });
});
