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

/**
 * YouTrack's error: an HTTP status and the body `{"error", "error_description"}`, with `error_field`
 * when one field of the request is what YouTrack refuses (a required field left empty).
 */
export class YtError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly field?: string,
  ) {
    super(description);
  }
}

/**
 * A field a project adds to the standard ones (Priority, Type, State, Assignee, Temperature):
 * `enum` and `multiEnum` pick from `values`; `text` is a TextIssueCustomField, `string` a simple one.
 * A field that cannot be empty must be given when an issue is created.
 */
export interface YtFieldDef {
  name: string;
  kind: 'enum' | 'multiEnum' | 'text' | 'string';
  values?: readonly string[];
  canBeEmpty: boolean;
}

/** A project's field as `/api/admin/projects/{id}/customFields` returns it. */
export interface YtProjectCustomField {
  $type: string;
  id: string;
  canBeEmpty: boolean;
  emptyFieldText: string;
  field: { $type: 'CustomField'; id: string; name: string; fieldType: { $type: 'FieldType'; id: string } };
  bundle?: { $type: string; id: string; values: YtBundleElement[] };
  defaultValues?: YtBundleElement[];
}

/** A custom field value as `POST /api/issues` takes it: `{name, $type, value}`. */
export interface YtCustomFieldInput {
  name?: unknown;
  $type?: unknown;
  value?: unknown;
}

const EXTRA_TYPES: Record<YtFieldDef['kind'], { issue: string; project: string; fieldType: string }> = {
  enum: { issue: 'SingleEnumIssueCustomField', project: 'EnumProjectCustomField', fieldType: 'enum[1]' },
  multiEnum: { issue: 'MultiEnumIssueCustomField', project: 'EnumProjectCustomField', fieldType: 'enum[*]' },
  text: { issue: 'TextIssueCustomField', project: 'TextProjectCustomField', fieldType: 'text' },
  string: { issue: 'SimpleIssueCustomField', project: 'SimpleProjectCustomField', fieldType: 'string' },
};

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
  /** Fields projects add to the standard ones, by project id. */
  private readonly extraFields = new Map<
    string,
    (YtFieldDef & { id: string; bundle?: { $type: string; id: string; values: YtBundleElement[] } })[]
  >();
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

  /** Adds a field to a project's issues (those created from now on). */
  addProjectField(project: string, def: YtFieldDef): void {
    const p = this.project(project);
    const bundleId = this.nextId('6');
    const bundle = def.values
      ? {
          $type: 'EnumBundle',
          id: bundleId,
          values: def.values.map((name): YtBundleElement => ({
            $type: 'EnumBundleElement',
            id: this.nextId('70'),
            name,
          })),
        }
      : undefined;
    const list = this.extraFields.get(p.id) ?? [];
    list.push({ ...def, id: this.nextId('5'), ...(bundle ? { bundle } : {}) });
    this.extraFields.set(p.id, list);
  }

  /** The project's fields, as `GET /api/admin/projects/{id}/customFields` lists them. */
  projectCustomFields(project: string): YtProjectCustomField[] {
    const p = this.project(project);
    const field = (name: string, fieldType: string) => ({
      $type: 'CustomField' as const,
      id: `58-${name.toLowerCase().replace(/\W+/g, '-')}`,
      name,
      fieldType: { $type: 'FieldType' as const, id: fieldType },
    });
    const standard: YtProjectCustomField[] = [
      {
        $type: 'EnumProjectCustomField',
        id: `${p.id}-priority`,
        canBeEmpty: false,
        emptyFieldText: 'No Priority',
        field: field('Priority', 'enum[1]'),
        bundle: this.bundles.priority,
        defaultValues: this.bundles.priority.values.filter((v) => v.name === 'Normal'),
      },
      {
        $type: 'EnumProjectCustomField',
        id: `${p.id}-type`,
        canBeEmpty: false,
        emptyFieldText: 'No Type',
        field: field('Type', 'enum[1]'),
        bundle: this.bundles.type,
        defaultValues: this.bundles.type.values.filter((v) => v.name === 'Incident'),
      },
      {
        $type: 'StateProjectCustomField',
        id: `${p.id}-state`,
        canBeEmpty: false,
        emptyFieldText: 'No State',
        field: field('State', 'state[1]'),
        bundle: this.bundles.state,
        defaultValues: this.bundles.state.values.filter((v) => v.name === 'Submitted'),
      },
      {
        $type: 'UserProjectCustomField',
        id: `${p.id}-assignee`,
        canBeEmpty: true,
        emptyFieldText: 'Unassigned',
        field: field('Assignee', 'user[1]'),
      },
      {
        $type: 'SimpleProjectCustomField',
        id: `${p.id}-temperature`,
        canBeEmpty: true,
        emptyFieldText: 'No Temperature',
        field: field('Temperature', 'integer'),
      },
    ];
    const extra = (this.extraFields.get(p.id) ?? []).map((d): YtProjectCustomField => ({
      $type: EXTRA_TYPES[d.kind].project,
      id: d.id,
      canBeEmpty: d.canBeEmpty,
      emptyFieldText: `No ${d.name}`,
      field: field(d.name, EXTRA_TYPES[d.kind].fieldType),
      ...(d.bundle ? { bundle: d.bundle } : {}),
    }));
    return [...standard, ...extra];
  }

  /**
   * The values of a new issue's `customFields`, checked against the project's fields before anything
   * is written: the standard ones by name, the project's own as issue custom fields; a field that
   * cannot be empty and was not given is refused with YouTrack's `error_field`.
   */
  private newIssueFields(
    project: YtProject,
    given: readonly YtCustomFieldInput[],
  ): { standard: Record<string, string>; extra: YtCustomField[] } {
    const defs = this.extraFields.get(project.id) ?? [];
    const standard: Record<string, string> = {};
    const values = new Map<string, unknown>();
    for (const f of given) {
      const name = typeof f.name === 'string' ? f.name : '';
      if (!name) throw new YtError(400, 'bad_request', 'customFields: each field needs its name');
      const valueName = (v: unknown) => (v as { name?: unknown } | null)?.name;
      if (['priority', 'type', 'state'].includes(name.toLowerCase())) {
        const v = valueName(f.value);
        if (typeof v === 'string') standard[name.toLowerCase()] = v;
        continue;
      }
      if (['assignee', 'temperature'].includes(name.toLowerCase())) continue;
      const def = defs.find((d) => d.name.toLowerCase() === name.toLowerCase());
      if (!def)
        throw new YtError(
          400,
          'bad_request',
          `Unknown field "${name}" in project ${project.shortName}`,
          name,
        );
      values.set(def.name, f.value);
    }
    const extra = defs.map((def): YtCustomField => {
      const raw = values.get(def.name);
      let value: unknown = null;
      if (def.kind === 'enum' && raw) {
        value = this.element(def.bundle!, String((raw as { name?: unknown }).name ?? ''), def.name);
      } else if (def.kind === 'multiEnum' && Array.isArray(raw)) {
        value = raw.map((r) =>
          this.element(def.bundle!, String((r as { name?: unknown }).name ?? ''), def.name),
        );
        if ((value as unknown[]).length === 0) value = [];
      } else if (def.kind === 'text' && raw) {
        const text = typeof raw === 'string' ? raw : (raw as { text?: unknown }).text;
        value = typeof text === 'string' && text.trim() ? { $type: 'TextFieldValue', text } : null;
      } else if (def.kind === 'string' && typeof raw === 'string' && raw.trim()) value = raw;
      const empty = value === null || (Array.isArray(value) && value.length === 0);
      if (empty && !def.canBeEmpty)
        throw new YtError(400, 'bad_request', `${def.name} is required`, def.name);
      return {
        $type: EXTRA_TYPES[def.kind].issue,
        id: this.nextId('4'),
        name: def.name,
        value: def.kind === 'multiEnum' && empty ? [] : value,
        projectCustomField: {
          $type: EXTRA_TYPES[def.kind].project,
          id: def.id,
          ...(def.bundle ? { bundle: def.bundle } : {}),
        },
      };
    });
    return { standard, extra };
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
    /** As `POST /api/issues` takes them: `[{name, $type, value}]`. */
    customFields?: readonly YtCustomFieldInput[];
  }): YtIssue {
    if (!input.summary.trim()) throw new YtError(400, 'bad_request', 'Summary is required', 'summary');
    const project = this.project(input.project);
    const given = this.newIssueFields(project, input.customFields ?? []);
    const priority = input.priority ?? given.standard.priority ?? 'Normal';
    const type = input.type ?? given.standard.type ?? 'Incident';
    const state = input.state ?? given.standard.state ?? 'Submitted';
    this.element(this.bundles.priority, priority, 'Priority');
    this.element(this.bundles.type, type, 'Type');
    this.element(this.bundles.state, state, 'State');
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
          value: this.element(this.bundles.priority, priority, 'Priority'),
          projectCustomField: pcf('EnumProjectCustomField', this.bundles.priority),
        },
        {
          $type: 'SingleEnumIssueCustomField',
          id: this.nextId('4'),
          name: 'Type',
          value: this.element(this.bundles.type, type, 'Type'),
          projectCustomField: pcf('EnumProjectCustomField', this.bundles.type),
        },
        {
          $type: 'StateIssueCustomField',
          id: this.nextId('4'),
          name: 'State',
          value: this.element(this.bundles.state, state, 'State'),
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
        ...given.extra,
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
        // A link is seen from both issues (outward on one, inward on the other; "relates" both ways),
        // and linking twice leaves one link.
        const typeName = lower === 'duplicates' ? 'Duplicate' : lower === 'relates to' ? 'Relates' : 'Depend';
        const link = (from: YtIssue, to: YtIssue, direction: string) => {
          const same = from.links.find((l) => l.linkType.name === typeName && l.direction === direction);
          if (same?.issues.some((i) => i.id === to.id)) return;
          const entry = { $type: 'Issue' as const, id: to.id, idReadable: to.idReadable };
          if (same) same.issues.push(entry);
          else
            from.links.push({
              $type: 'IssueLink',
              direction,
              linkType: { $type: 'IssueLinkType', name: typeName },
              issues: [entry],
            });
        };
        const directed = typeName !== 'Relates';
        link(issue, other, directed ? 'OUTWARD' : 'BOTH');
        link(other, issue, directed ? 'INWARD' : 'BOTH');
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
