// YouTrack's existing issues for the report backfill. YouTrack's issue search has no changelog, so
// each page is read in two steps, neither of them per issue:
//   1. `GET /api/issues?query=project: … sort by: created asc&$top=100&$skip=…` with the fields the
//      report needs (created, resolved, State, Priority, Assignee, Type, the customer field, the
//      comments with author and visibility);
//   2. `GET /api/activitiesPage?categories=CustomFieldCategory&issueQuery=issue id, …`
//      for the page's issues together, followed by its cursor (`afterCursor`) while `hasAfter`.
// From the activities: the first assignment is the first change of Assignee to someone (the
// creation, when the issue was assigned from the start and no activity names an assignee), the
// start of work the first change of State into one of `trackers.youtrack.inProgressStates`, a
// resolution a change into a resolved state and a reopening a change out of one. Reading starts
// at `skip`, so a resumed backfill reads only the issues it has not counted yet.
import { projectsIn, withinHorizon } from '@frontline/shared';
import type { SettingsDocument, SlaEvent } from '@frontline/shared';
import { TrackerCallError } from '../../ports.js';
import type { BackfillReader, BackfillTicket } from '../../ports.js';
import type { YouTrackClient } from './client.js';
import { braced, creationAndComments, snapshotOf } from './issue-source.js';

/** Issues a page (the search's and the activities' batch). */
export const YOUTRACK_BACKFILL_PAGE = 100;
/** Activity items a page of `/api/activitiesPage`. */
export const YOUTRACK_ACTIVITIES_PAGE = 1_000;

/** The `fields` projection of the issue pages: what the report reads, nothing else. */
export const BACKFILL_ISSUE_FIELDS = [
  'id',
  'idReadable',
  'created',
  'updated',
  'resolved',
  'project(shortName)',
  'reporter(login,email)',
  'customFields(name,value(name,login,isResolved,text))',
  'comments(created,author(login),visibility($type))',
].join(',');
/** The `fields` projection of the activity pages. */
export const BACKFILL_ACTIVITY_FIELDS =
  'activities(id,timestamp,target(id,idReadable),field(name),added(name,login,isResolved),removed(name,login,isResolved)),afterCursor,hasAfter';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** One custom field change as the activities give it. */
export interface FieldActivity {
  issueId: string;
  at: number;
  field: string;
  added: Obj[];
  removed: Obj[];
}

interface ActivityPage {
  activities?: unknown;
  afterCursor?: unknown;
  hasAfter?: unknown;
}

const values = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);

/** The activity items of a page that are custom field changes we can place. */
export function readActivities(page: unknown): FieldActivity[] {
  const items = isObj(page) && Array.isArray(page.activities) ? page.activities : [];
  return items.flatMap((a): FieldActivity[] => {
    if (!isObj(a) || typeof a.timestamp !== 'number' || !withinHorizon(a.timestamp)) return [];
    const issueId = isObj(a.target) ? (str(a.target.id) ?? str(a.target.idReadable)) : undefined;
    const field = isObj(a.field) ? str(a.field.name) : undefined;
    if (!issueId || !field) return [];
    return [{ issueId, at: a.timestamp, field, added: values(a.added), removed: values(a.removed) }];
  });
}

/**
 * What an issue's custom field activities tell (see the file comment): the first assignment, the
 * start of work, and the State history as events.
 */
export function historyFromActivities(
  activities: readonly FieldActivity[],
  opts: { createdAt: Date; assignedNow: boolean; inProgressStates: readonly string[] },
): { firstAssignedAt: Date | null; workStartedAt: Date | null; events: SlaEvent[] } {
  const started = new Set(opts.inProgressStates.map((s) => s.trim().toLowerCase()));
  const ordered = [...activities].sort((a, b) => a.at - b.at);
  let firstAssignedAt: Date | null = null;
  let workStartedAt: Date | null = null;
  let assigneeChanged = false;
  const events: SlaEvent[] = [];
  for (const a of ordered) {
    const field = a.field.toLowerCase();
    const at = new Date(a.at);
    if (field === 'assignee') {
      if (firstAssignedAt === null && a.added.some((v) => str(v.login))) firstAssignedAt = at;
      assigneeChanged = true;
    }
    if (field !== 'state') continue;
    const to = a.added[0];
    const from = a.removed[0];
    const toName = str(to?.name);
    if (!toName) continue;
    if (workStartedAt === null && started.has(toName.toLowerCase())) workStartedAt = at;
    const wasResolved = from?.isResolved === true;
    const isResolved = to?.isResolved === true;
    events.push({ type: 'status', at: at.toISOString(), from: str(from?.name) ?? '', to: toName });
    if (isResolved && !wasResolved) events.push({ type: 'resolved', at: at.toISOString() });
    if (wasResolved && !isResolved) events.push({ type: 'reopened', at: at.toISOString(), status: toName });
  }
  if (firstAssignedAt === null && !assigneeChanged && opts.assignedNow) firstAssignedAt = opts.createdAt;
  return { firstAssignedAt, workStartedAt, events };
}

/** One issue of a page with its activities, as the backfill writes it; undefined when unreadable. */
export function backfillTicketOf(
  issue: unknown,
  activities: readonly FieldActivity[],
  settings: SettingsDocument,
): BackfillTicket | undefined {
  if (!isObj(issue) || typeof issue.created !== 'number' || !withinHorizon(issue.created)) return undefined;
  const createdAt = new Date(issue.created);
  const snapshot = snapshotOf(issue, createdAt, settings);
  if (!snapshot) return undefined;
  const told = historyFromActivities(activities, {
    createdAt,
    assignedNow: snapshot.assigneeId !== null,
    inProgressStates: settings.trackers.youtrack.inProgressStates,
  });
  const history = [...creationAndComments(issue, { ...snapshot, createdAt }), ...told.events];
  // Resolved with no resolution among the activities (e.g. created resolved): the issue's own time.
  const resolvedAt =
    typeof issue.resolved === 'number' && withinHorizon(issue.resolved) ? issue.resolved : null;
  const lastReopen = told.events.reduce((t, e) => (e.type === 'reopened' ? Date.parse(e.at) : t), -Infinity);
  if (
    resolvedAt !== null &&
    !told.events.some((e) => e.type === 'resolved' && Date.parse(e.at) >= lastReopen)
  )
    history.push({ type: 'resolved', at: new Date(resolvedAt).toISOString() });
  return {
    snapshot,
    history,
    firstAssignedAt: told.firstAssignedAt,
    workStartedAt: told.workStartedAt,
  };
}

/** The query of every issue in `projects`, oldest first (the order `$skip` resumes in). */
export function backfillQuery(projects: readonly string[]): string {
  return `project: ${projects.map(braced).join(', ')} sort by: created asc`;
}

/** The backfill's reader over YouTrack's REST API (see the file comment). */
export function createYouTrackBackfillReader(opts: {
  client: YouTrackClient;
  pageSize?: number;
  activitiesPageSize?: number;
}): BackfillReader {
  const pageSize = opts.pageSize ?? YOUTRACK_BACKFILL_PAGE;
  const activitiesPageSize = opts.activitiesPageSize ?? YOUTRACK_ACTIVITIES_PAGE;
  const { client } = opts;

  /** Every custom field change of the issues named, by issue id, in cursor pages. */
  async function activitiesOf(keys: readonly string[]): Promise<Map<string, FieldActivity[]>> {
    const byIssue = new Map<string, FieldActivity[]>();
    let cursor: string | undefined;
    for (;;) {
      const page = await client.call<ActivityPage>({
        op: 'backfillActivities',
        method: 'GET',
        path: '/api/activitiesPage',
        query: {
          categories: 'CustomFieldCategory',
          issueQuery: `issue id: ${keys.join(', ')}`,
          fields: BACKFILL_ACTIVITY_FIELDS,
          $top: activitiesPageSize,
          cursor,
        },
        idempotent: true,
      });
      if (!page.ok) throw new TrackerCallError(page.error);
      for (const a of readActivities(page.value)) {
        const list = byIssue.get(a.issueId) ?? [];
        list.push(a);
        byIssue.set(a.issueId, list);
      }
      const next = str(page.value?.afterCursor);
      if (page.value?.hasAfter !== true || !next || next === cursor) return byIssue;
      cursor = next;
    }
  }

  return {
    async *pages(settings, { skip }) {
      const projects = projectsIn(settings.trackers, 'youtrack');
      if (projects.length === 0) return;
      const query = backfillQuery(projects);
      for (let offset = skip; ; offset += pageSize) {
        const found = await client.call<unknown[]>({
          op: 'backfillIssues',
          method: 'GET',
          path: '/api/issues',
          query: { query, fields: BACKFILL_ISSUE_FIELDS, $top: pageSize, $skip: offset },
          idempotent: true,
        });
        if (!found.ok) throw new TrackerCallError(found.error);
        const issues = Array.isArray(found.value) ? found.value.filter(isObj) : [];
        if (issues.length === 0) return;
        const keys = issues.flatMap((i) => (str(i.idReadable) ? [str(i.idReadable)!] : []));
        const activities = keys.length > 0 ? await activitiesOf(keys) : new Map<string, FieldActivity[]>();
        yield {
          read: issues.length,
          tickets: issues.flatMap((issue) => {
            const mine = [
              ...(activities.get(str(issue.id) ?? '') ?? []),
              ...(activities.get(str(issue.idReadable) ?? '') ?? []),
            ];
            const ticket = backfillTicketOf(issue, mine, settings);
            return ticket ? [ticket] : [];
          }),
        };
        if (issues.length < pageSize) return;
      }
    },
  };
}
