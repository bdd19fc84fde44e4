// The YouTrack stand-in's data: projects, users and issues held as YouTrack's REST API returns them
// (`$type` on every entity, custom fields as a typed array), plus the few rules the sidecar relies
// on: the query language subset, commands, comments with visibility.

export interface YtUser {
  $type: 'User';
  id: string;
  login: string;
  fullName: string;
  email: string | null;
}

export interface YtProject {
  $type: 'Project';
  id: string;
  shortName: string;
  name: string;
}

export interface YtBundleElement {
  $type: 'EnumBundleElement' | 'StateBundleElement';
  id: string;
  name: string;
  isResolved?: boolean;
}

export interface YtCustomField {
  $type: string;
  id: string;
  name: string;
  value: unknown;
  projectCustomField: {
    $type: string;
    id: string;
    bundle?: { $type: string; id: string; values: YtBundleElement[] };
  };
}

export interface YtComment {
  $type: 'IssueComment';
  id: string;
  text: string;
  created: number;
  updated: number | null;
  author: YtUser;
  visibility:
    | { $type: 'UnlimitedVisibility' }
    | { $type: 'LimitedVisibility'; permittedGroups: { $type: 'UserGroup'; id: string }[] };
}

export interface YtIssue {
  $type: 'Issue';
  id: string;
  idReadable: string;
  numberInProject: number;
  summary: string;
  description: string | null;
  created: number;
  updated: number;
  resolved: number | null;
  project: YtProject;
  reporter: YtUser | null;
  customFields: YtCustomField[];
  comments: YtComment[];
  tags: { $type: 'Tag'; id: string; name: string }[];
  links: {
    $type: 'IssueLink';
    direction: string;
    linkType: { $type: 'IssueLinkType'; name: string };
    issues: { $type: 'Issue'; id: string; idReadable: string }[];
  }[];
}

/** YouTrack's error: an HTTP status and the body `{"error", "error_description"}`. */
export class YtError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export const PRIORITY_NAMES = ['Show-stopper', 'Critical', 'Major', 'Normal', 'Minor'] as const;
export const STATE_NAMES: { name: string; isResolved: boolean }[] = [
  { name: 'Submitted', isResolved: false },
  { name: 'Open', isResolved: false },
  { name: 'In Progress', isResolved: false },
  { name: 'Waiting for reporter', isResolved: false },
  { name: 'Fixed', isResolved: true },
  { name: 'Verified', isResolved: true },
];
export const TYPE_NAMES = ['Incident', 'Service request', 'Preventive maintenance'] as const;

/** A field change, as the workflow's event reports it. */
export interface FieldChange {
  field: string;
  removed: unknown;
  added: unknown;
}

export type IssueListener = (
  kind: 'issue.created' | 'issue.updated' | 'issue.commented',
  issue: YtIssue,
  by: YtUser,
  extra: { changes?: FieldChange[]; comment?: YtComment },
) => void;

export class YouTrackState {
  readonly users = new Map<string, YtUser>();
  readonly projects: YtProject[] = [];
  readonly issues: YtIssue[] = [];
  private seq = 100;
  private listeners: IssueListener[] = [];
  private readonly bundles = {
    priority: {
      $type: 'EnumBundle',
      id: '6-1',
      values: PRIORITY_NAMES.map((name, i): YtBundleElement => ({
        $type: 'EnumBundleElement',
        id: `67-${i}`,
        name,
      })),
    },
    state: {
      $type: 'StateBundle',
      id: '6-2',
      values: STATE_NAMES.map((s, i): YtBundleElement => ({
        $type: 'StateBundleElement',
        id: `68-${i}`,
        name: s.name,
        isResolved: s.isResolved,
      })),
    },
    type: {
      $type: 'EnumBundle',
      id: '6-3',
      values: TYPE_NAMES.map((name, i): YtBundleElement => ({
        $type: 'EnumBundleElement',
        id: `69-${i}`,
        name,
      })),
    },
  };

  constructor(private readonly now: () => number = Date.now) {}

  onChange(listener: IssueListener): void {
    this.listeners.push(listener);
  }

  private emit(...args: Parameters<IssueListener>): void {
    for (const l of this.listeners) l(...args);
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.seq}`;
  }

  addUser(login: string, fullName: string, email: string | null = null): YtUser {
    const user: YtUser = { $type: 'User', id: this.nextId('1'), login, fullName, email };
    this.users.set(login, user);
    return user;
  }

  addProject(shortName: string, name: string): YtProject {
    const project: YtProject = { $type: 'Project', id: this.nextId('0'), shortName, name };
    this.projects.push(project);
    return project;
  }

  user(login: string): YtUser {
    const user = this.users.get(login);
    if (!user) throw new YtError(400, 'bad_request', `User "${login}" not found`);
    return user;
  }

  project(shortNameOrId: string): YtProject {
    const p = this.projects.find((x) => x.shortName === shortNameOrId || x.id === shortNameOrId);
    if (!p) throw new YtError(404, 'Not Found', `Entity with id ${shortNameOrId} not found`);
    return p;
  }

  /** An issue by database id (`2-15`) or readable id (`HW-15`). */
  issue(id: string): YtIssue {
    const issue = this.issues.find((i) => i.id === id || i.idReadable === id);
    if (!issue) throw new YtError(404, 'Not Found', `Entity with id ${id} not found`);
    return issue;
  }

  private field(issue: YtIssue, name: string): YtCustomField {
    const f = issue.customFields.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!f)
      throw new YtError(400, 'bad_request', `Unknown field "${name}" in project ${issue.project.shortName}`);
    return f;
  }

  private element(bundle: { values: YtBundleElement[] }, name: string, field: string): YtBundleElement {
    const el = bundle.values.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!el) throw new YtError(400, 'bad_request', `Value "${name}" is not allowed for field ${field}`);
    return el;
  }

  createIssue(input: {
    project: string;
    summary: string;
    description?: string;
    reporter: string;
    priority?: string;
    type?: string;
    state?: string;
    by?: string;
  }): YtIssue {
    if (!input.summary.trim()) throw new YtError(400, 'bad_request', 'Summary is required');
    const project = this.project(input.project);
    const number = this.issues.filter((i) => i.project.id === project.id).length + 1;
    const t = this.now();
    const pcf = (type: string, bundle?: YouTrackState['bundles']['priority']) => ({
      $type: type,
      id: this.nextId('5'),
      ...(bundle ? { bundle } : {}),
    });
    const issue: YtIssue = {
      $type: 'Issue',
      id: this.nextId('2'),
      idReadable: `${project.shortName}-${number}`,
      numberInProject: number,
      summary: input.summary,
      description: input.description ?? null,
      created: t,
      updated: t,
      resolved: null,
      project,
      reporter: this.user(input.reporter),
      comments: [],
      tags: [],
      links: [],
      customFields: [
        {
          $type: 'SingleEnumIssueCustomField',
          id: this.nextId('4'),
          name: 'Priority',
          value: this.element(this.bundles.priority, input.priority ?? 'Normal', 'Priority'),
          projectCustomField: pcf('EnumProjectCustomField', this.bundles.priority),
        },
        {
          $type: 'SingleEnumIssueCustomField',
          id: this.nextId('4'),
          name: 'Type',
          value: this.element(this.bundles.type, input.type ?? 'Incident', 'Type'),
          projectCustomField: pcf('EnumProjectCustomField', this.bundles.type),
        },
        {
          $type: 'StateIssueCustomField',
          id: this.nextId('4'),
          name: 'State',
          value: this.element(this.bundles.state, input.state ?? 'Submitted', 'State'),
          projectCustomField: pcf('StateProjectCustomField', this.bundles.state),
        },
        {
          $type: 'SingleUserIssueCustomField',
          id: this.nextId('4'),
          name: 'Assignee',
          value: null,
          projectCustomField: pcf('UserProjectCustomField'),
        },
        {
          $type: 'SimpleIssueCustomField',
          id: this.nextId('4'),
          name: 'Temperature',
          value: null,
          projectCustomField: pcf('SimpleProjectCustomField'),
        },
      ],
    };
    this.issues.push(issue);
    this.emit('issue.created', issue, this.user(input.by ?? input.reporter), {});
    return issue;
  }

  addComment(id: string, by: string, text: string, limitedTo?: string[]): YtComment {
    const issue = this.issue(id);
    if (!text.trim()) throw new YtError(400, 'bad_request', 'Comment text is required');
    const t = this.now();
    const comment: YtComment = {
      $type: 'IssueComment',
      id: this.nextId('4'),
      text,
      created: t,
      updated: null,
      author: this.user(by),
      visibility: limitedTo
        ? {
            $type: 'LimitedVisibility',
            permittedGroups: limitedTo.map((g) => ({ $type: 'UserGroup' as const, id: g })),
          }
        : { $type: 'UnlimitedVisibility' },
    };
    issue.comments.push(comment);
    issue.updated = t;
    this.emit('issue.commented', issue, comment.author, { comment });
    return comment;
  }

  /**
   * Applies one command to issues (`Assignee john`, `State {In Progress}`, `Temperature 42`,
   * `Priority Critical`, `project HW`, `relates to HW-3`), as `POST /api/commands` does.
   */
  applyCommand(query: string, ids: readonly string[], by: string): void {
    const issues = ids.map((id) => this.issue(id));
    const q = query.trim();
    const m = /^(\{[^}]+\}|[A-Za-z][\w-]*(?:\s+to|\s+for)?)\s+(.+)$/.exec(q);
    if (!m) throw new YtError(400, 'bad_request', `Command [${q}] is invalid`);
    const name = m[1]!.replace(/[{}]/g, '').trim();
    const value = m[2]!.trim().replace(/^\{(.*)\}$/, '$1');
    const lower = name.toLowerCase();
    for (const issue of issues) {
      const changes: FieldChange[] = [];
      if (lower === 'relates to' || lower === 'duplicates' || lower === 'is required for') {
        const other = this.issue(value);
        issue.links.push({
          $type: 'IssueLink',
          direction: 'BOTH',
          linkType: {
            $type: 'IssueLinkType',
            name: lower === 'duplicates' ? 'Duplicate' : lower === 'relates to' ? 'Relates' : 'Depend',
          },
          issues: [{ $type: 'Issue', id: other.id, idReadable: other.idReadable }],
        });
        continue;
      }
      if (lower === 'project') {
        const target = this.project(value);
        if (target.id === issue.project.id) continue;
        const number = this.issues.filter((i) => i.project.id === target.id).length + 1;
        changes.push({
          field: 'project',
          removed: { name: issue.project.shortName },
          added: { name: target.shortName },
        });
        issue.project = target;
        issue.idReadable = `${target.shortName}-${number}`;
        issue.numberInProject = number;
      } else {
        const field = this.field(issue, name);
        const before = field.value;
        if (field.$type === 'SingleUserIssueCustomField')
          field.value = /^unassigned$/i.test(value) ? null : this.user(value);
        else if (field.$type === 'SimpleIssueCustomField') {
          if (value === 'null') field.value = null;
          else if (!/^-?\d+$/.test(value))
            throw new YtError(
              400,
              'bad_request',
              `Value "${value}" is not an integer for field ${field.name}`,
            );
          else field.value = Number(value);
        } else field.value = this.element(field.projectCustomField.bundle!, value, field.name);
        if (field.name === 'State') {
          const resolved = (field.value as YtBundleElement).isResolved === true;
          const wasResolved = issue.resolved !== null;
          if (resolved && !wasResolved) issue.resolved = this.now();
          if (!resolved && wasResolved) {
            changes.push({ field: 'resolved', removed: issue.resolved, added: null });
            issue.resolved = null;
          }
        }
        if (JSON.stringify(before) !== JSON.stringify(field.value))
          changes.push({ field: field.name, removed: before, added: field.value });
      }
      if (changes.length === 0) continue;
      issue.updated = this.now();
      // The app's workflow rule reports changes people care about, not the value the sweep writes.
      if (changes.some((c) => c.field !== 'Temperature'))
        this.emit('issue.updated', issue, this.user(by), {
          changes: changes.filter((c) => c.field !== 'Temperature'),
        });
    }
  }

  /** The issues a query in YouTrack's query language finds (the subset the sidecar uses). */
  search(query: string): YtIssue[] {
    let rest = query.trim();
    let sort: { by: string; desc: boolean } | undefined;
    const sortAt = rest.toLowerCase().indexOf('sort by:');
    if (sortAt >= 0) {
      const spec = rest.slice(sortAt + 'sort by:'.length).trim();
      rest = rest.slice(0, sortAt).trim();
      const m = /^(\{[^}]+\}|[\w-]+)(?:\s+(asc|desc))?$/i.exec(spec);
      if (!m) throw new YtError(400, 'bad_request', `Cannot parse sort: ${spec}`);
      sort = { by: m[1]!.replace(/[{}]/g, '').toLowerCase(), desc: m[2]?.toLowerCase() === 'desc' };
    }
    let found = [...this.issues];
    const projectTerm = /project:\s*((?:\{[^}]+\}|[\w-]+)(?:\s*,\s*(?:\{[^}]+\}|[\w-]+))*)/i.exec(rest);
    if (projectTerm) {
      const names = projectTerm[1]!.split(',').map((p) => p.trim().replace(/[{}]/g, '').toLowerCase());
      found = found.filter(
        (i) =>
          names.includes(i.project.shortName.toLowerCase()) || names.includes(i.project.name.toLowerCase()),
      );
      rest = rest.replace(projectTerm[0], ' ');
    }
    if (/#Unresolved\b/i.test(rest)) {
      found = found.filter((i) => i.resolved === null);
      rest = rest.replace(/#Unresolved\b/i, ' ');
    }
    if (/#Resolved\b/i.test(rest)) {
      found = found.filter((i) => i.resolved !== null);
      rest = rest.replace(/#Resolved\b/i, ' ');
    }
    const idTerm = /\b([A-Za-z][\w]*-\d+)\b/.exec(rest);
    if (idTerm) {
      found = found.filter((i) => i.idReadable.toLowerCase() === idTerm[1]!.toLowerCase());
      rest = rest.replace(idTerm[0], ' ');
    }
    const text = rest.trim();
    if (text) found = found.filter((i) => i.summary.toLowerCase().includes(text.toLowerCase()));
    if (sort) {
      const key = (i: YtIssue): number | string => {
        if (sort.by === 'created') return i.created;
        if (sort.by === 'updated') return i.updated;
        if (sort.by === 'issue id')
          return `${i.project.shortName}-${String(i.numberInProject).padStart(9, '0')}`;
        const f = i.customFields.find((c) => c.name.toLowerCase() === sort.by);
        if (!f) throw new YtError(400, 'bad_request', `Unknown sort field ${sort.by}`);
        return typeof f.value === 'number' ? f.value : -Infinity;
      };
      found.sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        const c = ka < kb ? -1 : ka > kb ? 1 : a.numberInProject - b.numberInProject;
        return sort.desc ? -c : c;
      });
    }
    return found;
  }
}
