// The validator's decisions when a part of the world does not answer: Jira as the app (status,
// property) and the sidecar (the contract's verdict) are fakes at the module's own seams.
import type { AppJira } from '../jira/app-jira.js';
import { isPaidWork, paidWorkValidator } from './paid-work.js';
import type { ContractPanelSource } from './paid-work.js';

const paidPanel = {
  state: 'matched',
  contracts: [{ appliesToThisRequest: true, verdict: { verdict: 'paidWork' } }],
};
const failed = { ok: false as const, error: { status: 503, message: 'down', fieldErrors: {} } };

function validator(opts: {
  status?: 'indeterminate' | 'done' | 'fails';
  property?: unknown;
  panel?: unknown | 'down';
}) {
  const jira = {
    getStatus: async () =>
      opts.status === 'fails'
        ? failed
        : { ok: true, value: { id: '3', statusCategory: { key: opts.status ?? 'indeterminate' } } },
    getIssueProperty: async () =>
      opts.property === undefined
        ? { ...failed, error: { ...failed.error, status: 404 } }
        : { ok: true, value: { key: 'p', value: opts.property } },
  } as unknown as AppJira;
  const contractPanel: ContractPanelSource = async () =>
    opts.panel === 'down'
      ? { ok: false, error: { status: 0 } }
      : { ok: true, value: opts.panel ?? paidPanel };
  return paidWorkValidator({ jira, contractPanel });
}
const args = { issue: { key: 'SUP-7' }, transition: { from: { id: '1' }, to: { id: '3' } } };
const awaiting = { v: 1, requestId: 'r', state: 'awaiting', at: '2027-01-12T07:00:00Z' };

describe('paid-work validator', () => {
  it('reads the verdict of the contract the request falls under', () => {
    expect(isPaidWork(paidPanel)).toBe(true);
    expect(
      isPaidWork({
        ...paidPanel,
        contracts: [{ appliesToThisRequest: true, verdict: { verdict: 'covered' } }],
      }),
    ).toBe(false);
    expect(isPaidWork({ state: 'noCustomer', contracts: [] })).toBe(false);
  });

  it('refuses paid work without a request, and lets covered work through', async () => {
    expect((await validator({})(args)).result).toBe(false);
    expect(
      await validator({ panel: { ...paidPanel, contracts: [{ verdict: { verdict: 'covered' } }] } })(args),
    ).toEqual({ result: true });
  });

  it('with the sidecar down, refuses only a ticket whose request is not approved', async () => {
    const refused = await validator({ panel: 'down', property: awaiting })(args);
    expect(refused.result).toBe(false);
    expect(refused.errorMessage).toContain('has not approved the estimate yet');
    expect(await validator({ panel: 'down' })(args)).toEqual({ result: true });
  });

  it('when the target status cannot be read, decides by the property alone', async () => {
    expect(
      (await validator({ status: 'fails', property: { ...awaiting, state: 'declined' } })(args)).errorMessage,
    ).toContain('declined the paid work');
    expect(await validator({ status: 'fails' })(args)).toEqual({ result: true });
  });

  it('lets a transition it cannot read through', async () => {
    expect(await validator({})({ nonsense: true })).toEqual({ result: true });
  });
});
