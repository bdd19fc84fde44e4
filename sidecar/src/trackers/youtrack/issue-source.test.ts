// Reading the YouTrack app's events and the sweep's search results as ticket facts.
import { SettingsDocumentSchema, DEMO_SETTINGS } from '@frontline/shared';
import { slaFactsOf } from '../../assignment/issue-facts.js';
import {
  createYouTrackIssueSource,
  openIssuesQuery,
  priorityFromYouTrack,
  readYouTrackEvent,
} from './issue-source.js';

const settings = SettingsDocumentSchema.parse({
  ...DEMO_SETTINGS,
  trackers: { projects: { HWQ: 'youtrack' }, youtrack: { logins: { 'acc-alexei': 'alexei' } } },
});
const received = new Date('2026-11-10T08:00:00Z');
const created = Date.parse('2026-11-10T07:00:00Z');

const issue = (over: Record<string, unknown> = {}) => ({
  id: '2-15',
  idReadable: 'HWQ-15',
  summary: 'RAID controller battery failed',
  created,
  updated: created,
  resolved: null,
  project: { id: '0-3', shortName: 'HWQ', name: 'Hardware queue' },
  reporter: { login: 'k.lebedev', email: 'K.Lebedev@SevernyBank.example' },
  customFields: [
    {
      name: 'Priority',
      $type: 'SingleEnumIssueCustomField',
      value: { name: 'Show-stopper', $type: 'EnumBundleElement' },
    },
    { name: 'State', $type: 'StateIssueCustomField', value: { name: 'Open', isResolved: false } },
    {
      name: 'Assignee',
      $type: 'SingleUserIssueCustomField',
      value: { login: 'alexei', fullName: 'Alexei Smirnov' },
    },
    { name: 'Type', $type: 'SingleEnumIssueCustomField', value: { name: 'Incident' } },
  ],
  ...over,
});
const event = (over: Record<string, unknown> = {}) => ({
  type: 'issue.created',
  deliveryId: 'd-1',
  timestamp: created + 1000,
  issue: issue(),
  author: { login: 'k.lebedev' },
  ...over,
});

describe('YouTrack events as ticket facts', () => {
  it('reads the snapshot: readable id, project, shared priority, state, assignee as accountId, customer domain', () => {
    const e = readYouTrackEvent(event(), received, settings)!;
    expect(e.snapshot).toMatchObject({
      key: 'HWQ-15',
      id: '2-15',
      project: 'HWQ',
      priority: 'highest',
      status: 'Open',
      resolved: false,
      assigneeId: 'acc-alexei',
      requestType: 'Incident',
      customer: { organizationIds: [], reporterEmailDomain: 'severnybank.example' },
    });
    expect(e.snapshot.createdAt.getTime()).toBe(created);
    expect(e.at.getTime()).toBe(created + 1000);
  });

  it('turns the workflow’s changes into our words: status, resolution, shared priorities, assignee ids', () => {
    const e = readYouTrackEvent(
      event({
        type: 'issue.updated',
        issue: issue({ resolved: created + 5000 }),
        changes: [
          { field: 'State', removed: { name: 'Open' }, added: { name: 'Fixed' } },
          { field: 'Priority', removed: { name: 'Normal' }, added: { name: 'Critical' } },
          { field: 'Assignee', removed: { login: 'alexei' }, added: null },
        ],
      }),
      received,
      settings,
    )!;
    expect(e.snapshot.resolved).toBe(true);
    expect(slaFactsOf('updated', e).map((f) => f.type)).toEqual(['status', 'resolved', 'priority']);
    expect(slaFactsOf('updated', e)[2]).toMatchObject({ from: 'medium', to: 'high' });
    expect(e.changes[2]).toMatchObject({ field: 'assignee', from: 'acc-alexei', to: null });
  });

  it('a reporter’s comment is the customer’s; a restricted one is not public', () => {
    const comment = (login: string, visibility: string) =>
      readYouTrackEvent(
        event({
          type: 'issue.commented',
          comment: { id: '4-1', text: 'x', created, author: { login }, visibility },
        }),
        received,
        settings,
      )!.comment;
    expect(comment('k.lebedev', 'public')).toMatchObject({ authorIsCustomer: true, public: true });
    expect(comment('alexei', 'restricted')).toMatchObject({ authorIsCustomer: false, public: false });
  });

  it('refuses what is not an event of the app', () => {
    expect(readYouTrackEvent({ webhookEvent: 'jira:issue_created' }, received)).toBeUndefined();
    expect(readYouTrackEvent(event({ issue: issue({ idReadable: 'nope' }) }), received)).toBeUndefined();
  });
});

describe('the sweep over YouTrack', () => {
  it('asks for unresolved issues of the listed projects in a stable order', () => {
    expect(openIssuesQuery(['HWQ', 'Data Centre'])).toBe(
      'project: HWQ, {Data Centre} #Unresolved sort by: created asc',
    );
    expect(openIssuesQuery()).toBe('#Unresolved sort by: created asc');
  });

  it('reads a search result with its history: creation, public comments, the state since the last update', () => {
    const raw = issue({
      updated: created + 60_000,
      comments: [
        {
          created: created + 10_000,
          author: { login: 'alexei' },
          visibility: { $type: 'UnlimitedVisibility' },
        },
        {
          created: created + 20_000,
          author: { login: 'alexei' },
          visibility: { $type: 'LimitedVisibility' },
        },
      ],
    });
    const t = createYouTrackIssueSource().readTicket(
      { id: '2-15', key: 'HWQ-15', fields: raw },
      received,
      settings,
    )!;
    expect(t.id).toBe('2-15');
    expect(t.fieldHistory.map((h) => [h.type, 'public' in h ? h.public : undefined])).toEqual([
      ['created', undefined],
      ['comment', true],
      ['comment', false],
      ['status', undefined],
    ]);
  });

  it('maps YouTrack’s default priorities', () => {
    expect(
      ['Show-stopper', 'Critical', 'Major', 'Normal', 'Minor', 'High', 'Whatever'].map(priorityFromYouTrack),
    ).toEqual(['highest', 'high', 'medium', 'medium', 'low', 'high', 'medium']);
  });
});
