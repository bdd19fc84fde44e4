// The issue-view resolvers through the Forge handler, with the sidecar faked behind invokeRemote.
import { fakeSidecar, testDeps } from '../test/fakes.js';
import type { FakeSidecar } from '../test/fakes.js';
import {
  contractPanelAnswer,
  noJira,
  suggestionsAnswer,
  temperatureAnswer,
} from '../test/issue-view-fixtures.js';
import { issueContext, resolverHarness } from '../test/resolver-harness.js';
import type { ContractPanelView, SuggestionsView, TemperatureView } from '../ui-contract.js';
import { issueViewResolvers, sidecarFailure } from './issue-views.js';

let sidecar: FakeSidecar;
const issue = { id: '10012', key: 'SUP-12' };
const harness = () => resolverHarness(issueViewResolvers, testDeps(noJira, sidecar), issueContext(issue));

beforeEach(() => {
  sidecar = fakeSidecar({});
});

describe('temperature.load', () => {
  it("passes the sidecar's score, band and factors through, asking afresh on every open", async () => {
    sidecar.temperature = temperatureAnswer();
    const h = harness();
    const first = await h.call<TemperatureView>('temperature.load');
    await h.call('temperature.load');
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.score).toBe(temperatureAnswer().score);
    expect(first.value.factors.reduce((sum, f) => sum + f.points, 0)).toBe(first.value.score);
    expect(sidecar.calls).toEqual([
      'GET /forge/api/issues/SUP-12/temperature',
      'GET /forge/api/issues/SUP-12/temperature',
    ]);
  });

  it('says the sidecar is unreachable when it does not answer', async () => {
    sidecar.down = true;
    const answer = await harness().call('temperature.load');
    expect(answer).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });

  it('refuses an answer in a shape it does not know instead of drawing nonsense', async () => {
    sidecar.temperature = { ...temperatureAnswer(), band: 'tepid' };
    const answer = await harness().call('temperature.load');
    expect(answer).toMatchObject({ ok: false, error: { code: 'sidecar' } });
  });

  it('needs an issue in the context', async () => {
    const h = resolverHarness(issueViewResolvers, testDeps(noJira, sidecar), {});
    expect(await h.call('temperature.load')).toMatchObject({ ok: false, error: { code: 'noIssue' } });
    expect(sidecar.calls).toEqual([]);
  });
});

describe('contracts.load', () => {
  it("returns every contract of the issue's customer, the one this request falls under first", async () => {
    sidecar.contractPanel = contractPanelAnswer();
    const answer = await harness().call<ContractPanelView>('contracts.load');
    if (!answer.ok) throw new Error(answer.error.message);
    const panel = answer.value;
    if (panel.state !== 'matched') throw new Error(`unexpected state ${panel.state}`);
    expect(panel.contracts.map((c) => [c.number, c.appliesToThisRequest, c.verdict.verdict])).toEqual([
      ['NW-2026/014', true, 'covered'],
      ['NW-2026/015', false, 'paidWork'],
    ]);
  });

  it('passes the empty states through with their message in both languages', async () => {
    sidecar.contractPanel = contractPanelAnswer(undefined, ['999']);
    const answer = await harness().call<ContractPanelView>('contracts.load');
    expect(answer).toMatchObject({ ok: true, value: { state: 'noCustomer', contracts: [] } });
  });
});

describe('suggestions', () => {
  it('reads "not ranked yet" as an empty state, not an error', async () => {
    const answer = await harness().call<SuggestionsView>('suggestions.load');
    expect(answer).toEqual({ ok: true, value: { state: 'none' } });
  });

  it('assigns through the sidecar with one idempotency key per click', async () => {
    sidecar.suggestions = suggestionsAnswer();
    const h = harness();
    expect(await h.call('suggestions.assign', { accountId: 'acc-ivan' })).toMatchObject({
      ok: true,
      value: { accountId: 'acc-ivan' },
    });
    await h.call('suggestions.assign', { accountId: 'acc-anna' });
    expect(sidecar.assigned.map((a) => [a.issueKey, a.accountId])).toEqual([
      ['SUP-12', 'acc-ivan'],
      ['SUP-12', 'acc-anna'],
    ]);
    const [first, second] = sidecar.assigned.map((a) => a.idempotencyKey);
    expect(first).toBeTruthy();
    expect(first).not.toBe(second);
  });

  it("tells a refusal (the sidecar's reason) apart from an unreachable sidecar", async () => {
    sidecar.suggestions = suggestionsAnswer();
    sidecar.onAssign = () => ({
      status: 409,
      body: { code: 'assignment_refused', message: 'Oleg Smirnov is on a business trip until Wed 09:00' },
    });
    expect(await harness().call('suggestions.assign', { accountId: 'acc-oleg' })).toEqual({
      ok: false,
      error: { code: 'refused', message: 'Oleg Smirnov is on a business trip until Wed 09:00' },
    });
    sidecar.down = true;
    expect(await harness().call('suggestions.assign', { accountId: 'acc-anna' })).toMatchObject({
      ok: false,
      error: { code: 'unreachable' },
    });
  });

  it('refuses an assignment without an engineer before calling the sidecar', async () => {
    expect(await harness().call('suggestions.assign', { accountId: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'badRequest' },
    });
    expect(sidecar.assigned).toEqual([]);
  });
});

describe('sidecarFailure', () => {
  it.each([
    [0, 'unreachable'],
    [502, 'unreachable'],
    [503, 'unreachable'],
    [504, 'unreachable'],
    [404, 'notFound'],
    [500, 'sidecar'],
    [400, 'sidecar'],
  ])('HTTP %i is told as %s', (status, code) => {
    expect(sidecarFailure({ status, message: 'm' }).error.code).toBe(code);
  });
});
