// Pure parts of assignment: reading issue events from Jira and Forge payloads, the SLA facts they
// add, when an event calls for a ranking, and which contract an issue falls under.
import fc from 'fast-check';
import type { Contract } from '@frontline/shared';
import { matchContract } from './contract-match.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { readIssueEvent } from '../trackers/jira/issue-source.js';
import { slaFactsOf } from './issue-facts.js';
import { keptRanking } from './repository.js';
import { rankingTrigger } from './track.js';

const received = new Date('2026-11-23T10:00:00Z');

const webhookIssue = (fields: Record<string, unknown>, key = 'SUP-42') => ({
  id: '10042',
  key,
  fields: {
    summary: 'Disk failure alert on storage array',
    project: { key: 'SUP' },
    priority: { name: 'Highest' },
    status: { name: 'Open', statusCategory: { key: 'new' } },
    issuetype: { name: 'Incident' },
    assignee: null,
    reporter: { accountId: 'qm:1', emailAddress: 'V.Zaitsev@SevernyBank.example', accountType: 'customer' },
    labels: ['hardware'],
    created: '2026-11-23T12:59:00.000+0300',
    customfield_10002: [{ id: 3, name: 'Severny Bank' }],
    ...fields,
  },
});

describe('issue events', () => {
  it('reads a Jira webhook issue: priority, customer marks, request type, creation time', () => {
    const event = readIssueEvent(
      { timestamp: 1_795_428_000_000, webhookEvent: 'jira:issue_created', issue: webhookIssue({}) },
      received,
    )!;
    expect(event.snapshot).toMatchObject({
      key: 'SUP-42',
      project: 'SUP',
      priority: 'highest',
      assigneeId: null,
      resolved: false,
      requestType: 'Incident',
      createdAt: new Date('2026-11-23T09:59:00Z'),
      customer: { organizationIds: ['3'], reporterEmailDomain: 'severnybank.example' },
    });
    expect(event.at).toEqual(new Date(1_795_428_000_000));
  });

  it('takes the receipt time for an event time or a creation date the calendar cannot reach', () => {
    const event = readIssueEvent(
      {
        timestamp: 8_640_000_000_000_000,
        webhookEvent: 'jira:issue_created',
        issue: webhookIssue({ created: '1970-01-01T00:00:00.000+0000' }),
      },
      received,
    )!;
    expect(event.at).toEqual(received);
    expect(event.snapshot.createdAt).toEqual(received);
  });

  it('reads the same issue from a Forge product event', () => {
    const event = readIssueEvent({ event: { issue: webhookIssue({}) }, invocation: {} }, received)!;
    expect(event.snapshot.key).toBe('SUP-42');
    expect(event.at).toEqual(received);
  });

  it('turns a status change into SLA facts, and resolving into a resolved fact', () => {
    const event = readIssueEvent(
      {
        timestamp: 1_795_428_000_000,
        issue: webhookIssue({ status: { name: 'Resolved', statusCategory: { key: 'done' } } }),
        changelog: { items: [{ field: 'status', fromString: 'In Progress', toString: 'Resolved' }] },
      },
      received,
    )!;
    expect(slaFactsOf('updated', event).map((f) => f.type)).toEqual(['status', 'resolved']);
  });

  it('asks for a ranking on creation, on a move in, and when the assignee is removed — only while unassigned', () => {
    const created = readIssueEvent({ issue: webhookIssue({}) }, received)!;
    expect(rankingTrigger('created', created)).toBe('created');
    const moved = readIssueEvent(
      {
        issue: webhookIssue({ project: { key: 'HW' } }, 'HW-9'),
        changelog: { items: [{ field: 'project', fromString: 'Service Desk', toString: 'Hardware' }] },
      },
      received,
    )!;
    expect(rankingTrigger('updated', moved)).toBe('routedIn');
    const unassigned = readIssueEvent(
      {
        issue: webhookIssue({}),
        changelog: {
          items: [{ field: 'assignee', from: 'acc-1', fromString: 'Olga', to: null, toString: null }],
        },
      },
      received,
    )!;
    expect(rankingTrigger('updated', unassigned)).toBe('assigneeRemoved');
    const assigned = readIssueEvent({ issue: webhookIssue({ assignee: { accountId: 'acc-1' } }) }, received)!;
    expect(rankingTrigger('created', assigned)).toBeUndefined();
    const relabelled = readIssueEvent(
      { issue: webhookIssue({}), changelog: { items: [{ field: 'labels', toString: 'x' }] } },
      received,
    )!;
    expect(rankingTrigger('updated', relabelled)).toBeUndefined();
  });

  it('ignores payloads without an issue key', () => {
    expect(readIssueEvent({ webhookEvent: 'jira:issue_created', issue: {} }, received)).toBeUndefined();
    expect(readIssueEvent('nonsense', received)).toBeUndefined();
  });
});

describe('contract match', () => {
  const at = new Date('2026-11-23T10:00:00Z');

  it('matches by JSM organization before the reporter’s e-mail domain', () => {
    const match = matchContract(
      DEMO_CONTRACTS,
      { organizationIds: ['1'], reporterEmailDomain: 'severnybank.example' },
      at,
    );
    expect(match).toMatchObject({ matchedBy: 'organization', contract: { id: 'TL-2026-01' } });
    expect(
      matchContract(DEMO_CONTRACTS, { organizationIds: [], reporterEmailDomain: 'severnybank.example' }, at),
    ).toMatchObject({ matchedBy: 'emailDomain', contract: { id: 'SB-2026-03' } });
  });

  it('ignores contracts not valid on the local day of the issue', () => {
    // Severny Bank's contract starts on 1 March 2026 (Moscow).
    const before = new Date('2026-02-28T20:59:00Z');
    const after = new Date('2026-02-28T21:00:00Z');
    expect(matchContract(DEMO_CONTRACTS, { organizationIds: ['3'] }, before)).toBeUndefined();
    expect(matchContract(DEMO_CONTRACTS, { organizationIds: ['3'] }, after)?.contract.id).toBe('SB-2026-03');
  });

  it('matches by a configured customer field value', () => {
    const withField: Contract[] = DEMO_CONTRACTS.map((c) =>
      c.id === 'PF-2025-07' ? { ...c, customer: { ...c.customer, customerFieldValue: 'POLAR' } } : c,
    );
    expect(matchContract(withField, { organizationIds: [], customerFieldValue: 'POLAR' }, at)).toMatchObject({
      matchedBy: 'customerField',
      contract: { id: 'PF-2025-07' },
    });
  });

  it('property: the order contracts are listed in never changes the match', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...DEMO_CONTRACTS], { minLength: 1 }),
        fc.subarray(['1', '2', '3', '9']),
        fc.constantFrom(undefined, 'translogistic.example', 'polarfrost.example', 'other.example'),
        (contracts, orgs, domain) => {
          const marks = { organizationIds: orgs, ...(domain ? { reporterEmailDomain: domain } : {}) };
          const forward = matchContract(contracts, marks, at)?.contract.id;
          const backward = matchContract([...contracts].reverse(), marks, at)?.contract.id;
          expect(backward).toBe(forward);
        },
      ),
    );
  });
});

describe('stored rankings', () => {
  it('keep the first candidates and exclusions with the totals', () => {
    const person = (i: number) => ({ accountId: `a${i}`, name: `E${i}` });
    const ranking = {
      ranked: Array.from({ length: 40 }, (_, i) => ({
        ...person(i),
        score: 40 - i,
        load: 0,
        onDuty: false,
        reasons: [],
      })),
      excluded: Array.from({ length: 3 }, (_, i) => ({ ...person(100 + i), reasons: [] })),
      offHours: true,
    };
    const kept = keptRanking(ranking, 25);
    expect(kept.ranked.map((r) => r.accountId)).toEqual(ranking.ranked.slice(0, 25).map((r) => r.accountId));
    expect(kept).toMatchObject({ rankedTotal: 40, excludedTotal: 3, offHours: true });
    expect(kept.excluded).toHaveLength(3);
  });
});
