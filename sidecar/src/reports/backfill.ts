// The backfill: builds report facts for tickets that existed before Frontline was installed, from
// the tracker's search (JQL, pages of 100, the gateway's pacing and rate-limit handling; never a
// call per issue). Progress lives in `report_backfill` and is written after every page, in the
// same transaction as the page's rows, so a crash or restart loses at most one page; a resumed run
// pages from the start again and writes only past the issues already counted. Rows events wrote
// are never overwritten (see `upsertTicketLifecycle`).
//
// What a search page tells: creation, priority, status category, assignee, resolution date, the
// comments (the first public agent reply) and — asked with `expand=changelog` in the same search —
// each issue's history: the first assignment is the first change of assignee to someone (the
// creation, when the issue was created assigned and its history never names an assignee), the start
// of work the first change of status into a status of the In Progress category. A changelog names
// statuses by id only: their categories are learnt from the statuses the searched issues stand in
// (every page is read before it is written); a change into a status not seen that way is not taken
// for the start of work. Without a changelog (a tracker that ignores `expand`) both stay empty.
//
// Trackers whose search has no changelog (YouTrack) come through a `BackfillReader` of their own
// (`readers`), after the Jira search, counted in the same progress: each reads the projects the
// settings place in it, page by page with the page's history in bulk (never a call per issue), and
// hands tickets in our words; a resumed run asks it to start past its issues already counted, so
// those are not read again. Jira's search leaves the projects that live elsewhere to their reader.
// A reader's issue in a parts project is a parts order (raised, delivered at its last resolution);
// parts lines are read from Jira's parts field only.
import type { SlaEvent } from '@frontline/shared';
import { PRIORITIES, ticketLifecycle, trackerOfProject } from '@frontline/shared';
import type { Priority } from '@frontline/shared';
import { evaluateIssue } from '../assignment/plan.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import { contractServiceTargets } from '../contracts/repository.js';
import type { BackfillReader, BackfillTicket, Tracker, TrackerIssue } from '../ports.js';
import type { Db, Queryable } from '../store/db.js';
import {
  partsProjects,
  rawIssueFacts,
  reportFieldsOf,
  upsertPartsOrder,
  upsertTicketLifecycle,
} from './lifecycle-repository.js';

export const DEFAULT_BACKFILL_JQL = 'ORDER BY created ASC';
export const BACKFILL_PAGE = 100;
const SCOPE = 'local';
/** The organizations field (JSM) the contract match reads. */
const ORGANIZATIONS_FIELD = 'customfield_10002';

export interface BackfillProgress {
  state: 'running' | 'done' | 'failed';
  jql: string;
  pages: number;
  issues: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
}

interface ProgressRow {
  state: BackfillProgress['state'];
  jql: string;
  pages: number;
  issues: number;
  started_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function toProgress(r: ProgressRow): BackfillProgress {
  return {
    state: r.state,
    jql: r.jql,
    pages: Number(r.pages),
    issues: Number(r.issues),
    startedAt: iso(r.started_at),
    updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
    error: r.error,
  };
}

export async function backfillProgress(q: Queryable): Promise<BackfillProgress | null> {
  const { rows } = await q.query<ProgressRow>('SELECT * FROM report_backfill WHERE scope = $1', [SCOPE]);
  return rows[0] ? toProgress(rows[0]) : null;
}

/** Starts a backfill (a running one keeps its progress and is resumed). Returns the progress row. */
export async function startBackfill(
  q: Queryable,
  jql: string | undefined,
  now: Date,
): Promise<{ progress: BackfillProgress; resumed: boolean }> {
  const current = await backfillProgress(q);
  if (current?.state === 'running') return { progress: current, resumed: true };
  const { rows } = await q.query<ProgressRow>(
    `INSERT INTO report_backfill (scope, state, jql, pages, issues, started_at, updated_at)
     VALUES ($1, 'running', $2, 0, 0, $3, $3)
     ON CONFLICT (scope) DO UPDATE SET state = 'running', jql = EXCLUDED.jql, pages = 0, issues = 0,
        started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at, finished_at = NULL, error = NULL
     RETURNING *`,
    [SCOPE, jql ?? DEFAULT_BACKFILL_JQL, now],
  );
  return { progress: toProgress(rows[0]!), resumed: false };
}

const SEARCH_FIELDS = [
  'summary',
  'project',
  'priority',
  'status',
  'assignee',
  'reporter',
  'created',
  'resolutiondate',
  'comment',
  'issuelinks',
  'issuetype',
  ORGANIZATIONS_FIELD,
] as const;

function priorityOf(name: unknown): Priority {
  const lower = typeof name === 'string' ? name.toLowerCase() : '';
  return (PRIORITIES as readonly string[]).includes(lower) ? (lower as Priority) : 'medium';
}

/** The lifecycle rows one searched issue gives (a ticket, or a parts order). */
/** Status id → its category key (`new`, `indeterminate`, `done`), from the issues' own statuses. */
type StatusCategories = Map<string, string>;

function learnStatuses(issues: readonly TrackerIssue[], into: StatusCategories): void {
  for (const issue of issues) {
    const status = (
      issue.fields as { status?: { id?: unknown; statusCategory?: { key?: unknown } } } | undefined
    )?.status;
    if (status?.id !== undefined && typeof status.statusCategory?.key === 'string')
      into.set(String(status.id), status.statusCategory.key);
  }
}

interface ChangelogItem {
  field?: unknown;
  to?: unknown;
}

/** The first assignment and the first start of work the issue's changelog shows (see the file comment). */
export function changelogTimes(
  issue: TrackerIssue,
  createdAt: Date,
  statuses: ReadonlyMap<string, string>,
): { firstAssignedAt: Date | null; workStartedAt: Date | null } {
  const histories = issue.changelog?.histories;
  if (!Array.isArray(histories)) return { firstAssignedAt: null, workStartedAt: null };
  const ordered = (histories as { created?: unknown; items?: unknown }[])
    // The gateway may hand times back as Date objects or as Jira's strings.
    .map((h) => ({
      at:
        h.created instanceof Date
          ? h.created.getTime()
          : Date.parse(typeof h.created === 'string' ? h.created : ''),
      items: h.items,
    }))
    .filter((h) => !Number.isNaN(h.at) && Array.isArray(h.items))
    .sort((a, b) => a.at - b.at);
  let firstAssignedAt: Date | null = null;
  let workStartedAt: Date | null = null;
  let assigneeChanged = false;
  for (const h of ordered) {
    for (const item of h.items as ChangelogItem[]) {
      if (item.field === 'assignee') {
        if (firstAssignedAt === null && typeof item.to === 'string' && item.to !== '')
          firstAssignedAt = new Date(h.at);
        assigneeChanged = true;
      }
      if (
        item.field === 'status' &&
        workStartedAt === null &&
        item.to !== null &&
        item.to !== undefined &&
        statuses.get(String(item.to)) === 'indeterminate'
      )
        workStartedAt = new Date(h.at);
    }
  }
  const assignee = (issue.fields as { assignee?: { accountId?: unknown } | null } | undefined)?.assignee;
  if (firstAssignedAt === null && !assigneeChanged && typeof assignee?.accountId === 'string')
    firstAssignedAt = createdAt;
  return { firstAssignedAt, workStartedAt };
}

async function writeIssue(
  tx: Queryable,
  issue: TrackerIssue,
  world: AssignmentWorld,
  now: Date,
  statuses: ReadonlyMap<string, string>,
): Promise<void> {
  const f = (issue.fields ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = issue.key ?? issue.id;
  const created = Date.parse(f.created ?? '');
  if (!key || Number.isNaN(created)) return;
  const createdAt = new Date(created);
  const project: string = f.project?.key ?? key.split('-')[0];
  // A project another tracker holds is backfilled by that tracker's reader.
  if (trackerOfProject(world.settings.trackers, project) !== 'jira') return;
  const priority = priorityOf(f.priority?.name);
  const resolvedAt = f.resolutiondate ? new Date(f.resolutiondate) : null;
  const history: SlaEvent[] = [{ type: 'created', at: createdAt.toISOString(), priority }];
  const comments: unknown[] = Array.isArray(f.comment?.comments) ? f.comment.comments : [];
  for (const c of comments as {
    created?: string;
    jsdPublic?: boolean;
    author?: { accountType?: string };
  }[]) {
    const at = Date.parse(c.created ?? '');
    if (Number.isNaN(at)) continue;
    history.push({
      type: 'comment',
      at: new Date(at).toISOString(),
      author: c.author?.accountType === 'customer' ? 'customer' : 'agent',
      public: c.jsdPublic ?? true,
    });
  }
  if (resolvedAt && !Number.isNaN(resolvedAt.getTime()))
    history.push({ type: 'resolved', at: resolvedAt.toISOString() });
  const orgs = Array.isArray(f[ORGANIZATIONS_FIELD]) ? (f[ORGANIZATIONS_FIELD] as { id?: unknown }[]) : [];
  const email: string | undefined = f.reporter?.emailAddress;
  const evaluation = evaluateIssue(
    world,
    {
      priority,
      createdAt,
      requestType: f.issuetype?.name,
      customer: {
        organizationIds: orgs.flatMap((o) => (o?.id !== undefined ? [String(o.id)] : [])),
        ...(email?.includes('@') ? { reporterEmailDomain: email.split('@').pop()!.toLowerCase() } : {}),
      },
    },
    history,
    now,
  );
  const contract = evaluation.contract?.contract;
  const calendar = contract ? world.calendars[contract.calendarId] : undefined;
  const resolved = f.status?.statusCategory?.key === 'done' || resolvedAt !== null;
  if (partsProjects(world.settings).has(project)) {
    const raw = rawIssueFacts(issue, reportFieldsOf(world.settings));
    await upsertPartsOrder(
      tx,
      {
        orderKey: key,
        project,
        ticketKey: raw.linkedKeys[0] ?? null,
        customerId: contract?.customer.id ?? null,
        customerName: contract?.customer.name ?? null,
        contractId: contract?.id ?? null,
        orderedAt: createdAt,
        deliveredAt: resolved ? resolvedAt : null,
        parts: raw.parts,
      },
      calendar,
      now,
    );
    return;
  }
  const lifecycle = ticketLifecycle({
    issueKey: key,
    project,
    team: project,
    customerId: contract?.customer.id ?? null,
    customerName: contract?.customer.name ?? null,
    contractId: contract?.id ?? null,
    engineerId: f.assignee?.accountId ?? null,
    priority,
    requestType: f.issuetype?.name ?? null,
    createdAt,
    history,
    resolved,
    ...changelogTimes(issue, createdAt, statuses),
    clocks: evaluation.sla?.clocks ?? [],
    calendar,
    targets: contract ? await contractServiceTargets(tx, contract.id) : undefined,
  });
  await upsertTicketLifecycle(tx, lifecycle, 'backfill', now);
}

/** A ticket a tracker's reader handed (see `BackfillReader`), written as the Jira search's are. */
async function writeTicket(
  tx: Queryable,
  t: BackfillTicket,
  world: AssignmentWorld,
  now: Date,
): Promise<void> {
  const s = t.snapshot;
  const evaluation = evaluateIssue(world, s, t.history, now);
  const contract = evaluation.contract?.contract;
  if (partsProjects(world.settings).has(s.project)) {
    // A parts order: when it was raised and delivered (its last resolution, when resolved now). Its
    // parts lines are read from Jira's parts field only, so an order from elsewhere has none.
    let deliveredAt: Date | null = null;
    for (const e of [...t.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      if (e.type === 'resolved') deliveredAt = new Date(e.at);
      if (e.type === 'reopened') deliveredAt = null;
    }
    await upsertPartsOrder(
      tx,
      {
        orderKey: s.key,
        project: s.project,
        ticketKey: s.linkedKeys?.[0] ?? null,
        customerId: contract?.customer.id ?? null,
        customerName: contract?.customer.name ?? null,
        contractId: contract?.id ?? null,
        orderedAt: s.createdAt,
        deliveredAt: s.resolved ? deliveredAt : null,
        parts: [],
      },
      contract ? world.calendars[contract.calendarId] : undefined,
      now,
    );
    return;
  }
  const lifecycle = ticketLifecycle({
    issueKey: s.key,
    project: s.project,
    team: s.project,
    customerId: contract?.customer.id ?? null,
    customerName: contract?.customer.name ?? null,
    contractId: contract?.id ?? null,
    engineerId: s.assigneeId,
    priority: s.priority,
    requestType: s.requestType ?? null,
    createdAt: s.createdAt,
    history: t.history,
    resolved: s.resolved,
    firstAssignedAt: t.firstAssignedAt,
    workStartedAt: t.workStartedAt,
    clocks: evaluation.sla?.clocks ?? [],
    calendar: contract ? world.calendars[contract.calendarId] : undefined,
    // Measured against the contract's own targets, as the events' rows are.
    targets: contract ? await contractServiceTargets(tx, contract.id) : undefined,
  });
  await upsertTicketLifecycle(tx, lifecycle, 'backfill', now);
}

export interface BackfillDeps {
  db: Db;
  now: () => Date;
  /** Jira (searched with the backfill's JQL); undefined when Jira is not configured. */
  tracker: Tracker | undefined;
  /** The other trackers' readers, read after Jira in this order. */
  readers?: readonly BackfillReader[];
  world: { load(): Promise<AssignmentWorld> };
}

/** Runs (or resumes) the backfill to the end of the search. */
export async function runBackfill(deps: BackfillDeps): Promise<BackfillProgress | null> {
  const progress = await backfillProgress(deps.db);
  if (!progress || progress.state !== 'running') return progress;
  const readers = deps.readers ?? [];
  if (!deps.tracker && readers.length === 0) {
    await deps.db.query(
      `UPDATE report_backfill SET state = 'failed', error = $2, updated_at = $3, finished_at = $3 WHERE scope = $1`,
      [SCOPE, 'no tracker is configured', deps.now()],
    );
    return backfillProgress(deps.db);
  }
  const world = await deps.world.load();
  const skip = progress.issues;
  let seen = 0;
  let page: TrackerIssue[] = [];
  let pages = progress.pages;
  const statuses: StatusCategories = new Map();
  const flush = async () => {
    const batch = page;
    page = [];
    learnStatuses(batch, statuses);
    const fresh = batch.filter((_, i) => seen - batch.length + i >= skip);
    if (fresh.length === 0) return;
    await deps.db.transaction(async (tx) => {
      for (const issue of fresh) await writeIssue(tx, issue, world, deps.now(), statuses);
      pages += 1;
      await tx.query(
        'UPDATE report_backfill SET pages = $2, issues = issues + $3, updated_at = $4 WHERE scope = $1',
        [SCOPE, pages, fresh.length, deps.now()],
      );
    });
  };
  if (deps.tracker) {
    for await (const issue of deps.tracker.search(progress.jql, {
      fields: SEARCH_FIELDS,
      pageSize: BACKFILL_PAGE,
      expand: ['changelog'],
    })) {
      page.push(issue);
      seen++;
      if (page.length === BACKFILL_PAGE) await flush();
    }
    await flush();
  }
  // Each reader starts past the issues of its own it has already counted.
  for (const reader of readers) {
    for await (const read of reader.pages(world.settings, { skip: Math.max(0, skip - seen) })) {
      seen = Math.max(seen, skip) + read.read;
      if (read.read === 0) continue;
      await deps.db.transaction(async (tx) => {
        for (const ticket of read.tickets) await writeTicket(tx, ticket, world, deps.now());
        pages += 1;
        await tx.query(
          'UPDATE report_backfill SET pages = $2, issues = issues + $3, updated_at = $4 WHERE scope = $1',
          [SCOPE, pages, read.read, deps.now()],
        );
      });
    }
  }
  await deps.db.query(
    `UPDATE report_backfill SET state = 'done', updated_at = $2, finished_at = $2 WHERE scope = $1`,
    [SCOPE, deps.now()],
  );
  return backfillProgress(deps.db);
}

/** Records why the backfill stopped (a tracker call that will not succeed). */
export async function failBackfill(q: Queryable, reason: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE report_backfill SET state = 'failed', error = $2, updated_at = $3, finished_at = $3 WHERE scope = $1`,
    [SCOPE, reason.slice(0, 500), now],
  );
}
