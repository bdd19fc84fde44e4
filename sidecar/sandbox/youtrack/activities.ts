// The YouTrack stand-in's activity stream, as documented for `/api/activitiesPage` and
// `/api/issues/{id}/activities`: every issue created, custom field changed (State, Assignee,
// Priority …) or comment added is kept as an activity item (`$type` CustomFieldActivityItem,
// IssueCreatedActivityItem, CommentActivityItem) with its timestamp, author, target issue, field
// and the values added and removed (custom field values as arrays). `categories` is required,
// `issueQuery` selects issues in the query language, `start`/`end` bound the time, and pages
// are cut by opaque cursors (`afterCursor`/`beforeCursor`, `hasAfter`/`hasBefore`).
import { parseFields, project } from './projection.js';
import { YtError } from './state.js';
import type { YouTrackState, YtIssue, YtUser } from './state.js';

export type ActivityCategory = 'IssueCreatedCategory' | 'CustomFieldCategory' | 'CommentsCategory';

export interface YtActivity {
  $type: 'CustomFieldActivityItem' | 'IssueCreatedActivityItem' | 'CommentActivityItem';
  id: string;
  timestamp: number;
  author: YtUser;
  target: YtIssue | { $type: 'IssueComment'; id: string };
  targetMember: string | null;
  field: {
    $type: 'CustomFilterField' | 'PredefinedFilterField';
    id: string;
    name: string;
    presentation: string;
  };
  added: unknown;
  removed: unknown;
  category: { $type: 'ActivityCategory'; id: ActivityCategory };
}

interface Kept {
  seq: number;
  issue: YtIssue;
  item: YtActivity;
}

/** A custom field value as an activity lists it: an array (empty for none); a simple value as it is. */
const listed = (value: unknown): unknown =>
  value === null || value === undefined ? [] : typeof value === 'object' ? [value] : value;

const cursorOf = (seq: number): string => Buffer.from(`yt-activity:${seq}`).toString('base64url');

function seqOf(cursor: string): number {
  const m = /^yt-activity:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new YtError(400, 'bad_request', `Invalid cursor: ${cursor}`);
  return Number(m[1]);
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new YtError(400, 'bad_request', `${name} must be a non-negative integer`);
  return Number(raw);
}

const CATEGORIES: readonly ActivityCategory[] = [
  'IssueCreatedCategory',
  'CustomFieldCategory',
  'CommentsCategory',
];

/** Keeps the stream as the state changes; answers the activity resources. */
export class ActivityLog {
  private readonly kept: Kept[] = [];
  private readonly byIssue = new Map<string, Kept[]>();
  /** Readable id → issue, as created (a moved issue is looked up in the state). */
  private readonly byReadable = new Map<string, YtIssue>();
  private seq = 0;

  constructor(private readonly state: YouTrackState) {
    state.onChange((kind, issue, by, extra) => {
      if (kind === 'issue.created') this.byReadable.set(issue.idReadable, issue);
      if (kind === 'issue.created')
        this.add(issue, by, issue.created, 'IssueCreatedCategory', {
          $type: 'IssueCreatedActivityItem',
          target: issue,
          targetMember: null,
          field: { $type: 'PredefinedFilterField', id: 'created', name: 'created', presentation: 'created' },
          added: [{ $type: 'Issue', id: issue.id, idReadable: issue.idReadable }],
          removed: [],
        });
      if (kind === 'issue.commented' && extra.comment)
        this.add(issue, by, extra.comment.created, 'CommentsCategory', {
          $type: 'CommentActivityItem',
          target: { $type: 'IssueComment', id: extra.comment.id },
          targetMember: null,
          field: {
            $type: 'PredefinedFilterField',
            id: 'comments',
            name: 'comments',
            presentation: 'comments',
          },
          added: [extra.comment],
          removed: [],
        });
      if (kind === 'issue.updated')
        for (const change of extra.changes ?? []) {
          // `resolved` and `project` are the issue's own attributes, not custom fields.
          const field = issue.customFields.find((f) => f.name === change.field);
          if (!field) continue;
          this.add(issue, by, issue.updated, 'CustomFieldCategory', {
            $type: 'CustomFieldActivityItem',
            target: issue,
            targetMember: null,
            field: {
              $type: 'CustomFilterField',
              id: field.projectCustomField.id,
              name: field.name,
              presentation: field.name,
            },
            added: listed(change.added),
            removed: listed(change.removed),
          });
        }
    });
  }

  private add(
    issue: YtIssue,
    author: YtUser,
    timestamp: number,
    category: ActivityCategory,
    rest: Omit<YtActivity, 'id' | 'timestamp' | 'author' | 'category'>,
  ): void {
    this.seq += 1;
    const kept: Kept = {
      seq: this.seq,
      issue,
      item: {
        ...rest,
        id: `${issue.id}.0-${this.seq}`,
        timestamp,
        author,
        category: { $type: 'ActivityCategory', id: category },
      },
    };
    this.kept.push(kept);
    const list = this.byIssue.get(issue.id) ?? [];
    list.push(kept);
    this.byIssue.set(issue.id, list);
  }

  /** How many activity items are kept (tests, benches). */
  get size(): number {
    return this.kept.length;
  }

  /** The answer to an activity resource; undefined when the path is not one. */
  answer(path: string, method: string, url: URL): [number, unknown] | undefined {
    if (method !== 'GET') return undefined;
    const fields = url.searchParams.get('fields');
    if (path === '/api/activitiesPage') {
      const categories = this.categories(url);
      const issues = this.issuesOf(url.searchParams.get('issueQuery'));
      const candidates = issues ? this.ofIssues(issues) : this.kept;
      return [200, this.projected(this.page(candidates, categories, url), fields, 'activities(id)')];
    }
    const m = /^\/api\/issues\/([^/]+)\/activities(Page)?$/.exec(path);
    if (!m) return undefined;
    const issue = this.issue(decodeURIComponent(m[1]!));
    const categories = this.categories(url);
    const candidates = this.byIssue.get(issue.id) ?? [];
    if (m[2]) return [200, this.projected(this.page(candidates, categories, url), fields, 'activities(id)')];
    const items = this.filter(candidates, categories, url).map((k) => k.item);
    const skip = intParam(url, '$skip', 0);
    return [200, this.projected(items.slice(skip, skip + intParam(url, '$top', 42)), fields, 'id')];
  }

  private projected(value: unknown, fields: string | null, fallback: string): unknown {
    try {
      return project(value, parseFields(fields ?? fallback));
    } catch {
      throw new YtError(400, 'bad_request', `Invalid fields parameter: ${fields}`);
    }
  }

  private issue(id: string): YtIssue {
    const known = this.byIssue.get(id)?.[0]?.issue ?? this.byReadable.get(id);
    return known && (known.id === id || known.idReadable === id) ? known : this.state.issue(id);
  }

  private categories(url: URL): Set<ActivityCategory> {
    const raw = url.searchParams.get('categories');
    if (!raw) throw new YtError(400, 'bad_request', 'categories: at least one activity category is required');
    const names = raw.split(',').map((c) => c.trim());
    for (const n of names)
      if (!(CATEGORIES as readonly string[]).includes(n))
        throw new YtError(400, 'bad_request', `Unknown activity category: ${n}`);
    return new Set(names as ActivityCategory[]);
  }

  /** The issues a query names; undefined for no query (every issue). */
  private issuesOf(query: string | null): Set<string> | undefined {
    if (query === null || !query.trim()) return undefined;
    const ids = /^\s*issue id:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$/i.exec(query);
    if (ids)
      return new Set(
        ids[1]!.split(',').flatMap((id) => {
          try {
            return [this.issue(id.trim()).id];
          } catch {
            return [];
          }
        }),
      );
    return new Set(this.state.search(query).map((i) => i.id));
  }

  private ofIssues(ids: ReadonlySet<string>): Kept[] {
    const all = [...ids].flatMap((id) => this.byIssue.get(id) ?? []);
    return all.sort((a, b) => a.seq - b.seq);
  }

  private filter(candidates: readonly Kept[], categories: ReadonlySet<ActivityCategory>, url: URL): Kept[] {
    const start = intParam(url, 'start', 0);
    const end = intParam(url, 'end', Number.MAX_SAFE_INTEGER);
    return candidates.filter(
      (k) => categories.has(k.item.category.id) && k.item.timestamp >= start && k.item.timestamp <= end,
    );
  }

  /** A cursor page of `candidates` (in the order they were recorded; newest first when `reverse`). */
  private page(candidates: readonly Kept[], categories: ReadonlySet<ActivityCategory>, url: URL): object {
    const reverse = url.searchParams.get('reverse') === 'true';
    const top = intParam(url, '$top', 42);
    const cursor = url.searchParams.get('cursor');
    const from = cursor === null ? undefined : seqOf(cursor);
    const ordered = this.filter(candidates, categories, url);
    if (reverse) ordered.reverse();
    const after = (k: Kept) => from === undefined || (reverse ? k.seq < from : k.seq > from);
    const firstAt = ordered.findIndex(after);
    const start = firstAt < 0 ? ordered.length : firstAt;
    const items = ordered.slice(start, start + top);
    const last = items[items.length - 1];
    const first = items[0];
    return {
      $type: 'CursorPage',
      id: `activities-${from ?? 'start'}`,
      reverse,
      activities: items.map((k) => k.item),
      hasBefore: start > 0,
      hasAfter: start + items.length < ordered.length,
      // A cursor past the last item continues where this page ended (none: where it began).
      afterCursor: cursorOf(last?.seq ?? from ?? 0),
      beforeCursor: cursorOf(first?.seq ?? from ?? 0),
    };
  }
}
