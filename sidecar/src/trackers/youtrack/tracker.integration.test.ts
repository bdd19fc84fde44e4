// The YouTrack tracker against the YouTrack stand-in: paged searches with a fields projection,
// commands for assignment and values (grouped by value), limited-visibility notes, the shared
// answers of getIssue, YouTrack's error bodies, and the outbound rules: Retry-After honoured, a read
// retried after a 503, a comment never re-sent once its outcome is unknown.
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_TOKEN,
} from '../../../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../../../sandbox/youtrack/index.js';
import { DEMO_ACCOUNTS } from '@frontline/shared';
import { YouTrackClient } from './client.js';
import { createYouTrackTracker } from './tracker.js';
import type { YouTrackSettings } from './tracker.js';
import { createYouTrackIssueSource } from './issue-source.js';

const quiet = { warn: () => {}, debug: () => {} };
const settings: YouTrackSettings = {
  temperatureField: 'Temperature',
  logins: YOUTRACK_DEMO_LOGINS,
  internalGroupId: '3-7',
  inProgressStates: ['In Progress'],
};

describe('YouTrack tracker on the stand-in', () => {
  let yt: YouTrackStandIn;
  let sleeps: number[];
  const tracker = (token = YOUTRACK_DEMO_TOKEN) =>
    createYouTrackTracker({
      client: new YouTrackClient({
        baseUrl: yt.url,
        token,
        logger: quiet,
        maxAttempts: 3,
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        random: () => 0,
      }),
      settings: () => Promise.resolve(settings),
    });

  beforeAll(async () => {
    yt = await startYouTrackStandIn({ seed: true });
    for (let i = 1; i <= 5; i++)
      yt.raise({
        summary: `Fan failure ${i}`,
        reporter: 'k.lebedev',
        priority: i === 1 ? 'Critical' : 'Normal',
      });
  });
  beforeEach(() => {
    sleeps = [];
    yt.faults.length = 0;
  });
  afterAll(() => yt.close());

  it('pages with $top/$skip and gets only the projected fields, each entity with its $type', async () => {
    const before = yt.calls.length;
    const open = createYouTrackIssueSource().openTickets(['HWQ']);
    const found = [];
    for await (const issue of tracker().search(open.query, {
      fields: ['idReadable', 'customFields(name,value(name))'],
      pageSize: 2,
    }))
      found.push(issue);
    expect(found.map((i) => i.key)).toEqual(['HWQ-1', 'HWQ-2', 'HWQ-3', 'HWQ-4', 'HWQ-5']);
    expect(yt.calls.slice(before).map((c) => new URL(c.path, 'http://x').searchParams.get('$skip'))).toEqual([
      '0',
      '2',
      '4',
    ]);
    const first = found[0]!.fields as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(['$type', 'customFields', 'idReadable']);
    expect(first.$type).toBe('Issue');
    const priority = (
      first.customFields as { name: string; $type: string; value: { name: string; $type: string } }[]
    )[0]!;
    expect(priority).toEqual({
      name: 'Priority',
      $type: 'SingleEnumIssueCustomField',
      value: { name: 'Critical', $type: 'EnumBundleElement' },
    });
  });

  it('assigns by command with the engineer’s login and reads the assignee back as an accountId', async () => {
    const t = tracker();
    expect((await t.assignIssue('HWQ-2', DEMO_ACCOUNTS.alexei)).ok).toBe(true);
    const assignee = yt.state.issue('HWQ-2').customFields.find((f) => f.name === 'Assignee')!.value as {
      login: string;
    };
    expect(assignee.login).toBe(YOUTRACK_DEMO_LOGINS[DEMO_ACCOUNTS.alexei]);
    const got = await t.getIssue('HWQ-2', { fields: ['assignee', 'comment'] });
    expect(got.ok && got.value.fields).toMatchObject({
      assignee: { accountId: DEMO_ACCOUNTS.alexei },
      comment: { comments: [] },
    });
    expect((await t.assignIssue('HWQ-2', null)).ok).toBe(true);
    expect(yt.state.issue('HWQ-2').customFields.find((f) => f.name === 'Assignee')!.value).toBeNull();
  });

  it('posts an internal note with LimitedVisibility for the configured group', async () => {
    const posted = await tracker().addComment('HWQ-3', 'Frontline assigned Alexei Smirnov: storage arrays.', {
      internal: true,
    });
    expect(posted.ok).toBe(true);
    const [note] = yt.state.issue('HWQ-3').comments;
    expect(note!.visibility).toEqual({
      $type: 'LimitedVisibility',
      permittedGroups: [{ $type: 'UserGroup', id: '3-7' }],
    });
  });

  it('writes values with one command per distinct value and batch', async () => {
    const before = yt.calls.length;
    const ids = yt.state.issues.map((i) => i.id);
    const written = await tracker().setAppFieldValues(
      'Temperature',
      [10, 10, 20, 10, 30].map((value, i) => ({ issueId: ids[i]!, value })),
      { batchSize: 2 },
    );
    // 10 ×3 → two commands (batch of 2), 20 and 30 → one each.
    expect(written).toEqual({ ok: true, value: { requests: 4 } });
    expect(yt.calls.slice(before).filter((c) => c.path === '/api/commands')).toHaveLength(4);
    expect(yt.state.issues.map((i) => i.customFields.find((f) => f.name === 'Temperature')!.value)).toEqual([
      10, 10, 20, 10, 30,
    ]);
  });

  it('waits as Retry-After asks and retries a read after a 503', async () => {
    yt.faults.push({ status: 429, retryAfter: '3' }, { status: 503 });
    const got = await tracker().getIssue('HWQ-1', { fields: ['summary'] });
    expect(got.ok).toBe(true);
    expect(sleeps[0]).toBe(3000);
    expect(sleeps).toHaveLength(2);
  });

  it('never re-sends a comment after a 503 (it may have been posted), but does after a 429', async () => {
    const count = () => yt.state.issue('HWQ-4').comments.length;
    yt.faults.push({ status: 503 });
    const unknown = await tracker().addComment('HWQ-4', 'Spare fan shipped', { internal: false });
    expect(unknown).toMatchObject({
      ok: false,
      error: { kind: 'retryable', outcomeUnknown: true, attempts: 1 },
    });
    yt.faults.push({ status: 429 });
    const refused = await tracker().addComment('HWQ-4', 'Spare fan shipped', { internal: false });
    expect(refused.ok).toBe(true);
    expect(count()).toBe(1);
  });

  it('carries YouTrack’s error body into the failure and refuses a wrong token for good', async () => {
    const missing = await tracker().getIssue('HWQ-999');
    expect(missing).toMatchObject({
      ok: false,
      error: {
        kind: 'permanent',
        status: 404,
        errorMessages: ['Entity with id HWQ-999 not found', 'Not Found'],
      },
    });
    const badValue = await tracker().transitionIssue('HWQ-1', 'Nonexistent');
    expect(badValue).toMatchObject({ ok: false, error: { status: 400 } });
    const denied = await tracker('perm:wrong').getIssue('HWQ-1');
    expect(denied).toMatchObject({ ok: false, error: { kind: 'permanent', status: 401 } });
  });

  it('lists the states as transitions and moves state by command', async () => {
    const t = tracker();
    const transitions = await t.getTransitions('HWQ-5');
    expect(transitions.ok && transitions.value.map((x) => `${x.name}:${x.to.statusCategory?.key}`)).toContain(
      'Fixed:done',
    );
    expect((await t.transitionIssue('HWQ-5', 'Fixed')).ok).toBe(true);
    expect(yt.state.issue('HWQ-5').resolved).not.toBeNull();
    expect(yt.state.search('project: HWQ #Unresolved').map((i) => i.idReadable)).not.toContain('HWQ-5');
  });
});
