// The stand-in's activity stream as YouTrack documents it: `/api/activitiesPage` pages by cursor
// (`afterCursor`, `hasAfter`), honours `categories`, `issueQuery` and the `fields` projection with
// `$type` on every entity; an issue's own `/activities` list; YouTrack's error body without categories.
import { startYouTrackStandIn, YOUTRACK_DEMO_LOGINS, YOUTRACK_DEMO_TOKEN } from './index.js';
import type { YouTrackStandIn } from './index.js';

describe('the YouTrack stand-in’s activities', () => {
  let yt: YouTrackStandIn;
  let clock = Date.parse('2026-11-02T09:00:00Z');
  const engineer = Object.values(YOUTRACK_DEMO_LOGINS)[0]!;
  beforeAll(async () => {
    yt = await startYouTrackStandIn({ seed: true, now: () => clock });
    yt.state.addUser('v.petrov', 'Viktor Petrov', 'v.petrov@mailbox.example');
    for (let i = 0; i < 3; i++) {
      const id = yt.state.createIssue({ project: 'HWQ', summary: `Ticket ${i}`, reporter: 'v.petrov' }).id;
      clock += 60_000;
      yt.state.applyCommand(`Assignee ${engineer}`, [id], engineer);
      clock += 60_000;
      yt.state.addComment(id, engineer, 'On it');
      yt.state.applyCommand('State {In Progress}', [id], engineer);
    }
  });
  afterAll(() => yt.close());

  const get = async (path: string) => {
    const res = await fetch(`${yt.url}${path}`, {
      headers: { authorization: `Bearer ${YOUTRACK_DEMO_TOKEN}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const FIELDS =
    'activities(timestamp,target(idReadable),field(name),added(name,login)),afterCursor,hasAfter';

  it('pages custom field changes of the issues a query finds by cursor, projected, typed', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const q = new URLSearchParams({
        categories: 'CustomFieldCategory',
        issueQuery: 'project: HWQ',
        fields: FIELDS,
        $top: '4',
      });
      if (cursor) q.set('cursor', cursor);
      const { status, body } = await get(`/api/activitiesPage?${q}`);
      expect(status).toBe(200);
      expect(body.$type).toBe('CursorPage');
      expect(Object.keys(body).sort()).toEqual(['$type', 'activities', 'afterCursor', 'hasAfter']);
      pages++;
      seen.push(...(body.activities as unknown[]));
      if (!body.hasAfter) break;
      cursor = body.afterCursor as string;
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(6);
    expect(seen[0]).toEqual({
      $type: 'CustomFieldActivityItem',
      timestamp: Date.parse('2026-11-02T09:01:00Z'),
      target: { $type: 'Issue', idReadable: 'HWQ-1' },
      field: { $type: 'CustomFilterField', name: 'Assignee' },
      added: [{ $type: 'User', login: engineer }],
    });
    expect(seen[1]).toMatchObject({
      field: { name: 'State' },
      added: [{ $type: 'StateBundleElement', name: 'In Progress' }],
    });
  });

  it('narrows to the issues named and to the categories asked, and lists one issue’s own', async () => {
    const q = new URLSearchParams({
      categories: 'CommentsCategory,IssueCreatedCategory',
      issueQuery: 'issue id: HWQ-2, HWQ-3',
      fields: 'activities($type,target(id))',
      $top: '100',
    });
    const { body } = await get(`/api/activitiesPage?${q}`);
    expect((body.activities as { $type: string }[]).map((a) => a.$type)).toEqual([
      'IssueCreatedActivityItem',
      'CommentActivityItem',
      'IssueCreatedActivityItem',
      'CommentActivityItem',
    ]);
    const own = await get('/api/issues/HWQ-3/activities?categories=CustomFieldCategory&fields=field(name)');
    expect(own.body).toEqual([
      { $type: 'CustomFieldActivityItem', field: { $type: 'CustomFilterField', name: 'Assignee' } },
      { $type: 'CustomFieldActivityItem', field: { $type: 'CustomFilterField', name: 'State' } },
    ]);
  });

  it('refuses a page without categories as YouTrack does', async () => {
    const { status, body } = await get('/api/activitiesPage?issueQuery=project:%20HWQ');
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'bad_request', error_description: expect.stringContaining('categories') });
  });
});
