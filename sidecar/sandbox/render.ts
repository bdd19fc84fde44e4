// How the stand-in's records look on the wire: REST v3 bodies (ADF rich text) for the API, and the
// REST v2 shape (rich text as a string) that admin webhooks carry.
import { adfToText } from './adf.js';
import {
  DEMO_ISSUE_TYPES,
  DEMO_PRIORITIES,
  DEMO_STATUSES,
  type DemoCustomField,
  type DemoProject,
} from './demo-data.js';
import type { StandInComment, StandInIssue, StandInUser } from './types.js';
import { CATEGORY_NAMES, type World } from './world.js';

const CATEGORY_IDS = { new: 2, indeterminate: 4, done: 3 } as const;

/** Renders records with absolute `self` links below `base`. */
export class Renderer {
  constructor(
    private readonly world: World,
    private readonly base: () => string,
  ) {}

  user(u: StandInUser): Record<string, unknown> {
    return {
      self: `${this.base()}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
      accountId: u.accountId,
      accountType: u.accountType,
      ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}),
      displayName: u.displayName,
      active: u.active,
      timeZone: u.timeZone,
    };
  }

  userById(accountId: string | null): Record<string, unknown> | null {
    const u = accountId === null ? undefined : this.world.users.get(accountId);
    return u ? this.user(u) : null;
  }

  project(p: DemoProject): Record<string, unknown> {
    return {
      self: `${this.base()}/rest/api/3/project/${p.id}`,
      id: p.id,
      key: p.key,
      name: p.name,
      projectTypeKey: p.projectTypeKey,
      simplified: false,
    };
  }

  projectFull(p: DemoProject): Record<string, unknown> {
    return {
      ...this.project(p),
      lead: this.userById(p.leadAccountId),
      assigneeType: 'UNASSIGNED',
      issueTypes: p.issueTypeIds.map((id) => this.issueType(id)),
    };
  }

  issueType(id: string): Record<string, unknown> {
    const t = DEMO_ISSUE_TYPES.find((x) => x.id === id)!;
    return {
      self: `${this.base()}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      name: t.name,
      description: t.description,
      subtask: false,
      hierarchyLevel: 0,
    };
  }

  status(id: string): Record<string, unknown> {
    const s = DEMO_STATUSES.find((x) => x.id === id)!;
    return {
      self: `${this.base()}/rest/api/3/status/${s.id}`,
      id: s.id,
      name: s.name,
      statusCategory: {
        self: `${this.base()}/rest/api/3/statuscategory/${CATEGORY_IDS[s.category]}`,
        id: CATEGORY_IDS[s.category],
        key: s.category,
        name: CATEGORY_NAMES[s.category],
      },
    };
  }

  priority(id: string): Record<string, unknown> {
    const p = DEMO_PRIORITIES.find((x) => x.id === id)!;
    return { self: `${this.base()}/rest/api/3/priority/${p.id}`, id: p.id, name: p.name };
  }

  /** All fields of an issue in the v3 shape, keyed by field id. */
  private allFields(issue: StandInIssue, richText: 'adf' | 'text'): Record<string, unknown> {
    const project = this.world.project(issue.projectId)!;
    return {
      summary: issue.summary,
      description: richText === 'adf' ? issue.description : issue.description && adfToText(issue.description),
      issuetype: this.issueType(issue.issueTypeId),
      project: this.project(project),
      status: this.status(issue.statusId),
      priority: this.priority(issue.priorityId),
      reporter: this.userById(issue.reporterId),
      assignee: this.userById(issue.assigneeId),
      labels: issue.labels,
      created: issue.created,
      updated: issue.updated,
      ...Object.fromEntries(this.world.customFields.map((f) => [f.id, issue.custom[f.id] ?? null])),
    };
  }

  /**
   * An issue as `GET /issue` and search return it. `fields` follows Jira: `*all`, `*navigable`, a
   * list of ids, `-id` to exclude; `undefined` (search's default) yields the id alone.
   */
  issue(issue: StandInIssue, fields: readonly string[] | undefined): Record<string, unknown> {
    if (fields === undefined) return { id: issue.id };
    const all = this.allFields(issue, 'adf');
    const wanted = new Set<string>();
    for (const f of fields) {
      if (f === '*all' || f === '*navigable') Object.keys(all).forEach((k) => wanted.add(k));
      else if (f.startsWith('-')) wanted.delete(f.slice(1));
      else if (f in all) wanted.add(f);
    }
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${this.base()}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      fields: Object.fromEntries([...wanted].map((k) => [k, all[k]])),
    };
  }

  /** The v2 issue shape admin webhooks carry. */
  webhookIssue(issue: StandInIssue): Record<string, unknown> {
    return {
      id: issue.id,
      self: `${this.base()}/rest/api/2/issue/${issue.id}`,
      key: issue.key,
      fields: this.allFields(issue, 'text'),
    };
  }

  comment(issue: StandInIssue, c: StandInComment, richText: 'adf' | 'text' = 'adf'): Record<string, unknown> {
    const author = this.userById(c.authorId);
    return {
      self: `${this.base()}/rest/api/${richText === 'adf' ? 3 : 2}/issue/${issue.id}/comment/${c.id}`,
      id: c.id,
      author,
      body: richText === 'adf' ? c.body : adfToText(c.body),
      updateAuthor: author,
      created: c.created,
      updated: c.created,
      jsdPublic: c.public,
    };
  }

  field(f: DemoCustomField): Record<string, unknown> {
    return {
      id: f.id,
      key: f.key,
      name: f.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${f.schema.customId}]`, f.name],
      schema: f.schema,
    };
  }
}

/** System fields as `GET /rest/api/3/field` lists them. */
export const SYSTEM_FIELDS = [
  { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
  { id: 'description', name: 'Description', schema: { type: 'string', system: 'description' } },
  { id: 'issuetype', name: 'Issue Type', schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'project', name: 'Project', schema: { type: 'project', system: 'project' } },
  { id: 'status', name: 'Status', schema: { type: 'status', system: 'status' } },
  { id: 'priority', name: 'Priority', schema: { type: 'priority', system: 'priority' } },
  { id: 'reporter', name: 'Reporter', schema: { type: 'user', system: 'reporter' } },
  { id: 'assignee', name: 'Assignee', schema: { type: 'user', system: 'assignee' } },
  { id: 'labels', name: 'Labels', schema: { type: 'array', items: 'string', system: 'labels' } },
  { id: 'created', name: 'Created', schema: { type: 'datetime', system: 'created' } },
  { id: 'updated', name: 'Updated', schema: { type: 'datetime', system: 'updated' } },
] as const;

/** The system fields on every create screen (and whether they are required). */
export const CREATE_SCREEN_SYSTEM_FIELDS = [
  { id: 'summary', required: true },
  { id: 'issuetype', required: true },
  { id: 'project', required: true },
  { id: 'description', required: false },
  { id: 'reporter', required: true },
  { id: 'assignee', required: false },
  { id: 'priority', required: false },
  { id: 'labels', required: false },
] as const;
