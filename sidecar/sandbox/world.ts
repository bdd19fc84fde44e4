// The stand-in's in-memory Jira: projects, fields, users and issues, and the operations the REST
// routes perform on them. Every operation validates like Jira does and answers either a value or
// an HTTP status with Jira's error body; changes are announced to `emit` for webhooks.
import { err, ok, type Result } from '@frontline/shared';
import { adfFromText, adfToText, isAdfDocument } from './adf.js';
import {
  DEMO_APP_USER,
  DEMO_AUTOMATION_USER,
  DEMO_CUSTOM_FIELDS,
  DEMO_CUSTOMERS,
  DEMO_FIELD_IDS,
  DEMO_ISSUE_TYPES,
  DEMO_PRIORITIES,
  DEMO_PROJECTS,
  DEMO_STAFF,
  DEMO_STATUSES,
  DEMO_TRANSITIONS,
  type DemoCustomField,
  type DemoProject,
  type DemoTicket,
} from './demo-data.js';
import type { JqlClause, JqlQuery } from './jql.js';
import type { NewIssueInput, StandInComment, StandInIssue, StandInIssueLink, StandInUser } from './types.js';

export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}
export interface Refusal {
  status: number;
  body: JiraErrorBody;
}
export type Outcome<T> = Result<T, Refusal>;

/** Who is calling: the API-token account (basic) or the Forge app (bearer). */
export interface Caller {
  accountId: string;
  kind: 'basic' | 'app' | 'user';
}

export interface ChangeItem {
  field: string;
  fieldtype: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** One entry of an issue's changelog: who changed what, when. */
export interface ChangeHistory {
  id: string;
  authorId: string;
  created: string;
  items: ChangeItem[];
}

export type WorldEvent =
  | { kind: 'jira:issue_created'; issue: StandInIssue; actorId: string }
  | {
      kind: 'jira:issue_updated';
      issue: StandInIssue;
      actorId: string;
      eventTypeName: string;
      items: ChangeItem[];
    }
  | { kind: 'comment_created'; issue: StandInIssue; actorId: string; comment: StandInComment };

export interface BulkTask {
  taskId: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  submittedBy: string;
  created: string;
  started?: string;
  updated: string;
  total: number;
  progressPercent: number;
  processed: string[];
  failed: Record<string, string[]>;
  invalidOrInaccessible: number;
}

export const refuse = (status: number, message: string, errors: Record<string, string> = {}): Refusal => ({
  status,
  body: { errorMessages: message === '' ? [] : [message], errors },
});
const COMMENT_NOT_ADF = 'Comment body must be an Atlassian Document (see the Atlassian Document Format).';
const fieldRefusal = (errors: Record<string, string>): Refusal => refuse(400, '', errors);

/** Jira's timestamp format: `2026-11-22T11:10:32.000+0000`. */
export const jiraTime = (d: Date): string => d.toISOString().replace('Z', '+0000');

const staffUser = (s: { accountId: string; displayName: string; emailAddress: string }): StandInUser => ({
  ...s,
  accountType: 'atlassian',
  timeZone: 'Europe/Moscow',
  active: true,
});

/** Looks a referenced entity up by `{id}`, `{key}` or `{name}` as Jira accepts them. */
function refOf(value: unknown): { id?: string; key?: string; name?: string; accountId?: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (x: unknown): string | undefined =>
    typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined;
  return { id: str(v.id), key: str(v.key), name: str(v.name), accountId: str(v.accountId) };
}

export class World {
  readonly projects: readonly DemoProject[] = DEMO_PROJECTS;
  readonly customFields: readonly DemoCustomField[] = DEMO_CUSTOM_FIELDS;
  readonly users = new Map<string, StandInUser>();
  private readonly issuesById = new Map<string, StandInIssue>();
  private readonly idByKey = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  readonly linkList: StandInIssueLink[] = [];
  readonly bulkTasks = new Map<string, BulkTask>();
  private nextIssueId = 10100;
  private nextCommentId = 20000;
  private nextLinkId = 30000;
  private nextTaskId = 40000;

  /** Each issue's changelog (by issue id), oldest first, as `expand=changelog` answers it. */
  private readonly histories = new Map<string, ChangeHistory[]>();
  private nextHistoryId = 50000;
  private readonly emit: (event: WorldEvent) => void;

  constructor(
    emit: (event: WorldEvent) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.emit = (event) => {
      if (event.kind === 'jira:issue_updated' && event.items.length > 0) {
        const list = this.histories.get(event.issue.id) ?? [];
        list.push({
          id: String(this.nextHistoryId++),
          authorId: event.actorId,
          created: this.timestamp(),
          items: event.items.map((i) => ({ ...i })),
        });
        this.histories.set(event.issue.id, list);
      }
      emit(event);
    };
    for (const s of DEMO_STAFF) this.users.set(s.accountId, staffUser(s));
    for (const c of DEMO_CUSTOMERS) {
      for (const p of c.contacts) {
        this.users.set(p.accountId, {
          ...p,
          accountType: 'customer',
          timeZone: 'Europe/Moscow',
          active: true,
        });
      }
    }
    this.users.set(DEMO_AUTOMATION_USER.accountId, staffUser(DEMO_AUTOMATION_USER));
    this.users.set(DEMO_APP_USER.accountId, {
      ...DEMO_APP_USER,
      accountType: 'app',
      timeZone: 'Europe/Moscow',
      active: true,
    });
  }

  project(idOrKey: string): DemoProject | undefined {
    return this.projects.find((p) => p.id === idOrKey || p.key === idOrKey.toUpperCase());
  }

  issue(idOrKey: string): StandInIssue | undefined {
    const id = this.idByKey.get(idOrKey.toUpperCase()) ?? idOrKey;
    return this.issuesById.get(id);
  }

  issues(): StandInIssue[] {
    return [...this.issuesById.values()];
  }

  customField(idOrKey: string): DemoCustomField | undefined {
    return this.customFields.find((f) => f.id === idOrKey || f.key === idOrKey);
  }

  /** Custom fields on the create/edit screen of a project's issue type. */
  screenFields(projectKey: string, issueTypeId: string): { field: DemoCustomField; required: boolean }[] {
    return this.customFields.flatMap((field) =>
      (field.screens[projectKey] ?? [])
        .filter((s) => s.issueTypeId === issueTypeId)
        .map((s) => ({ field, required: s.required })),
    );
  }

  /** The issue's changelog, oldest first. */
  changelogOf(issueId: string): readonly ChangeHistory[] {
    return this.histories.get(issueId) ?? [];
  }

  private timestamp(): string {
    return jiraTime(this.now());
  }

  private allocateKey(projectKey: string): string {
    const n = (this.counters.get(projectKey) ?? 0) + 1;
    this.counters.set(projectKey, n);
    return `${projectKey}-${n}`;
  }

  private requireIssue(idOrKey: string): Outcome<StandInIssue> {
    const issue = this.issue(idOrKey);
    return issue
      ? ok(issue)
      : err(refuse(404, 'Issue does not exist or you do not have permission to see it.'));
  }

  /** Inserts an issue directly (seeding and test set-up); announces it like a UI-created issue. */
  insertIssue(input: NewIssueInput, actorId = DEMO_AUTOMATION_USER.accountId, announce = true): StandInIssue {
    const project = this.project(input.projectKey);
    if (!project) throw new Error(`Unknown project ${input.projectKey}`);
    const created = this.timestamp();
    const issue: StandInIssue = {
      id: String(this.nextIssueId++),
      key: this.allocateKey(project.key),
      projectId: project.id,
      issueTypeId: input.issueTypeId,
      statusId: DEMO_STATUSES[0].id,
      summary: input.summary,
      description: input.description === undefined ? null : adfFromText(input.description),
      reporterId: input.reporterId ?? actorId,
      assigneeId: input.assigneeId ?? null,
      priorityId: input.priorityId ?? '3',
      labels: [...(input.labels ?? [])],
      custom: { ...input.custom },
      comments: [],
      created,
      updated: created,
    };
    this.issuesById.set(issue.id, issue);
    this.idByKey.set(issue.key, issue.id);
    if (announce) this.emit({ kind: 'jira:issue_created', issue, actorId });
    return issue;
  }

  /** A demo ticket as set-up input (the customer's organization goes into the Organizations field). */
  ticketInput(t: DemoTicket): NewIssueInput {
    const org = DEMO_CUSTOMERS.find((c) => c.key === t.customerKey);
    return {
      projectKey: t.projectKey,
      issueTypeId: t.issueTypeId,
      summary: t.summary,
      description: t.description,
      reporterId: t.reporterId,
      assigneeId: t.assigneeId ?? null,
      priorityId: t.priorityId,
      labels: [...(t.labels ?? [])],
      custom: {
        ...t.custom,
        ...(org ? { [DEMO_FIELD_IDS.organizations]: [{ id: org.organizationId, name: org.name }] } : {}),
      },
    };
  }

  /** Applies `fields` of a create or edit request; collects Jira-style field errors. */
  private applyFields(
    issue: StandInIssue,
    fields: Record<string, unknown>,
    projectKey: string,
    issueTypeId: string,
    caller: Caller,
    changes: ChangeItem[],
  ): Record<string, string> {
    const errors: Record<string, string> = {};
    const onScreen = new Map(this.screenFields(projectKey, issueTypeId).map((s) => [s.field.id, s]));
    const change = (field: string, fieldId: string, from: string | null, to: string | null): void => {
      if (from !== to) {
        changes.push({ field, fieldtype: 'jira', fieldId, from, fromString: from, to, toString: to });
      }
    };
    for (const [name, value] of Object.entries(fields)) {
      switch (name) {
        case 'project':
        case 'issuetype':
          break; // handled by the caller
        case 'summary':
          if (typeof value !== 'string' || value.trim() === '')
            errors.summary = 'You must specify a summary of the issue.';
          else if (value.length > 255) errors.summary = 'Summary must be less than 255 characters.';
          else {
            change('summary', 'summary', issue.summary, value);
            issue.summary = value;
          }
          break;
        case 'description':
          if (value !== null && !isAdfDocument(value)) {
            errors.description =
              'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
          } else {
            change('description', 'description', adfToText(issue.description), adfToText(value));
            issue.description = value;
          }
          break;
        case 'reporter':
        case 'assignee': {
          const ref = refOf(value);
          if (value !== null && (!ref?.accountId || !this.users.has(ref.accountId))) {
            errors[name] = `Specified user does not exist or you do not have required permissions`;
            break;
          }
          const accountId = value === null ? null : ref!.accountId!;
          const prop = name === 'reporter' ? 'reporterId' : 'assigneeId';
          change(name, name, issue[prop], accountId);
          issue[prop] = accountId;
          break;
        }
        case 'priority': {
          const ref = refOf(value);
          const priority = DEMO_PRIORITIES.find((p) => p.id === ref?.id || p.name === ref?.name);
          if (!priority) errors.priority = 'The priority selected is invalid.';
          else {
            change('priority', 'priority', issue.priorityId, priority.id);
            issue.priorityId = priority.id;
          }
          break;
        }
        case 'labels':
          if (!Array.isArray(value) || value.some((l) => typeof l !== 'string' || /\s/.test(l))) {
            errors.labels = 'Labels must be a list of words without spaces.';
          } else {
            change('labels', 'labels', issue.labels.join(' '), value.join(' '));
            issue.labels = [...(value as string[])];
          }
          break;
        default: {
          const field = this.customField(name);
          if (!field || !onScreen.has(field.id) || (field.appOwned && caller.kind !== 'app')) {
            errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
            break;
          }
          change(field.name, field.id, stringOf(issue.custom[field.id]), stringOf(value));
          issue.custom[field.id] = value;
        }
      }
    }
    for (const { field, required } of onScreen.values()) {
      if (required && (issue.custom[field.id] === undefined || issue.custom[field.id] === null)) {
        errors[field.id] ??= `${field.name} is required.`;
      }
    }
    return errors;
  }

  /** POST /rest/api/3/issue */
  createIssue(caller: Caller, body: unknown): Outcome<StandInIssue> {
    const fields = fieldsOf(body);
    if (!fields) return err(refuse(400, 'The request body must contain "fields".'));
    const projectRef = refOf(fields.project);
    const project = projectRef ? this.project(projectRef.id ?? projectRef.key ?? '') : undefined;
    if (!project) return err(fieldRefusal({ project: 'Specify a valid project ID or key' }));
    const typeRef = refOf(fields.issuetype);
    const type = DEMO_ISSUE_TYPES.find((t) => t.id === typeRef?.id || t.name === typeRef?.name);
    if (!type || !project.issueTypeIds.includes(type.id)) {
      return err(fieldRefusal({ issuetype: 'Specify an issue type' }));
    }
    if (fields.summary === undefined)
      return err(fieldRefusal({ summary: 'You must specify a summary of the issue.' }));
    const draft: StandInIssue = {
      id: '',
      key: '',
      projectId: project.id,
      issueTypeId: type.id,
      statusId: DEMO_STATUSES[0].id,
      summary: '',
      description: null,
      reporterId: caller.accountId,
      assigneeId: null,
      priorityId: '3',
      labels: [],
      custom: {},
      comments: [],
      created: '',
      updated: '',
    };
    const errors = this.applyFields(draft, fields, project.key, type.id, caller, []);
    if (Object.keys(errors).length > 0) return err(fieldRefusal(errors));
    const created = this.timestamp();
    const issue: StandInIssue = {
      ...draft,
      id: String(this.nextIssueId++),
      key: this.allocateKey(project.key),
      created,
      updated: created,
    };
    this.issuesById.set(issue.id, issue);
    this.idByKey.set(issue.key, issue.id);
    this.emit({ kind: 'jira:issue_created', issue, actorId: caller.accountId });
    return ok(issue);
  }

  /** PUT /rest/api/3/issue/{issueIdOrKey} */
  editIssue(caller: Caller, idOrKey: string, body: unknown): Outcome<void> {
    const found = this.requireIssue(idOrKey);
    if (!found.ok) return found;
    const issue = found.value;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const fields = (fieldsOf(body) ?? {}) as Record<string, unknown>;
    const update = (typeof b.update === 'object' && b.update !== null ? b.update : {}) as Record<
      string,
      unknown
    >;
    const project = this.project(issue.projectId)!;
    const copy: StandInIssue = { ...issue, labels: [...issue.labels], custom: { ...issue.custom } };
    const changes: ChangeItem[] = [];
    const errors = this.applyFields(copy, fields, project.key, issue.issueTypeId, caller, changes);
    for (const [name, ops] of Object.entries(update)) {
      if (name !== 'labels' || !Array.isArray(ops)) {
        errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
        continue;
      }
      const before = copy.labels.join(' ');
      for (const op of ops as Record<string, unknown>[]) {
        if (typeof op.add === 'string' && !copy.labels.includes(op.add)) copy.labels.push(op.add);
        if (typeof op.remove === 'string') copy.labels = copy.labels.filter((l) => l !== op.remove);
      }
      const after = copy.labels.join(' ');
      if (before !== after) {
        changes.push({
          field: 'labels',
          fieldtype: 'jira',
          fieldId: 'labels',
          from: null,
          fromString: before,
          to: null,
          toString: after,
        });
      }
    }
    if (Object.keys(errors).length > 0) return err(fieldRefusal(errors));
    Object.assign(issue, copy, { updated: this.timestamp() });
    if (changes.length > 0) {
      this.emit({
        kind: 'jira:issue_updated',
        issue,
        actorId: caller.accountId,
        eventTypeName: 'issue_updated',
        items: changes,
      });
    }
    return ok(undefined);
  }

  /** PUT /rest/api/3/issue/{issueIdOrKey}/assignee */
  assign(caller: Caller, idOrKey: string, body: unknown): Outcome<void> {
    const found = this.requireIssue(idOrKey);
    if (!found.ok) return found;
    const ref = refOf(body);
    if (ref === undefined) return err(refuse(400, 'The request body must be a user.'));
    const accountId = ref.accountId ?? null;
    if (accountId !== null && accountId !== '-1' && !this.users.has(accountId)) {
      return err(fieldRefusal({ assignee: `User '${accountId}' cannot be assigned issues.` }));
    }
    const issue = found.value;
    const next = accountId === '-1' ? this.project(issue.projectId)!.leadAccountId : accountId;
    const before = issue.assigneeId;
    issue.assigneeId = next;
    issue.updated = this.timestamp();
    if (before !== next) {
      this.emit({
        kind: 'jira:issue_updated',
        issue,
        actorId: caller.accountId,
        eventTypeName: 'issue_assigned',
        items: [
          {
            field: 'assignee',
            fieldtype: 'jira',
            fieldId: 'assignee',
            from: before,
            fromString: this.displayName(before),
            to: next,
            toString: this.displayName(next),
          },
        ],
      });
    }
    return ok(undefined);
  }

  private displayName(accountId: string | null): string | null {
    return accountId === null ? null : (this.users.get(accountId)?.displayName ?? accountId);
  }

  /** GET /rest/api/3/issue/{issueIdOrKey}/transitions */
  transitionsOf(idOrKey: string): Outcome<(typeof DEMO_TRANSITIONS)[number][]> {
    const found = this.requireIssue(idOrKey);
    if (!found.ok) return found;
    return ok(DEMO_TRANSITIONS.filter((t) => t.toStatusId !== found.value.statusId));
  }

  /** POST /rest/api/3/issue/{issueIdOrKey}/transitions */
  transition(caller: Caller, idOrKey: string, body: unknown): Outcome<void> {
    const available = this.transitionsOf(idOrKey);
    if (!available.ok) return available;
    const ref = refOf((body as Record<string, unknown> | null)?.transition);
    const t = available.value.find((x) => x.id === ref?.id);
    if (!t) return err(refuse(400, `Transition id '${ref?.id ?? ''}' is not valid for this issue.`));
    const issue = this.issue(idOrKey)!;
    const fields = fieldsOf(body);
    if (fields && Object.keys(fields).length > 0) {
      const edited = this.editIssue(caller, idOrKey, { fields });
      if (!edited.ok) return edited;
    }
    const from = DEMO_STATUSES.find((s) => s.id === issue.statusId)!;
    const to = DEMO_STATUSES.find((s) => s.id === t.toStatusId)!;
    issue.statusId = to.id;
    issue.updated = this.timestamp();
    this.emit({
      kind: 'jira:issue_updated',
      issue,
      actorId: caller.accountId,
      eventTypeName: to.category === 'done' ? 'issue_resolved' : 'issue_generic',
      items: [
        {
          field: 'status',
          fieldtype: 'jira',
          fieldId: 'status',
          from: from.id,
          fromString: from.name,
          to: to.id,
          toString: to.name,
        },
      ],
    });
    return ok(undefined);
  }

  /** POST /rest/api/3/issue/{issueIdOrKey}/comment */
  addComment(caller: Caller, idOrKey: string, body: unknown): Outcome<StandInComment> {
    const found = this.requireIssue(idOrKey);
    if (!found.ok) return found;
    const b = (body ?? {}) as Record<string, unknown>;
    if (!isAdfDocument(b.body)) {
      return err(
        fieldRefusal({
          comment: COMMENT_NOT_ADF,
        }),
      );
    }
    const props = Array.isArray(b.properties) ? (b.properties as Record<string, unknown>[]) : [];
    const internal = props.some(
      (p) =>
        p.key === 'sd.public.comment' && (p.value as Record<string, unknown> | undefined)?.internal === true,
    );
    const comment: StandInComment = {
      id: String(this.nextCommentId++),
      authorId: caller.accountId,
      body: b.body,
      public: !internal,
      created: this.timestamp(),
    };
    const issue = found.value;
    issue.comments.push(comment);
    issue.updated = comment.created;
    this.emit({ kind: 'comment_created', issue, actorId: caller.accountId, comment });
    return ok(comment);
  }

  /** POST /rest/api/3/issueLink */
  link(caller: Caller, body: unknown): Outcome<void> {
    const b = (body ?? {}) as Record<string, unknown>;
    const type = refOf(b.type);
    const typeName = LINK_TYPES.find((t) => t.name === type?.name || t.id === type?.id)?.name;
    if (!typeName)
      return err(refuse(404, `No issue link type with name '${type?.name ?? type?.id ?? ''}' found.`));
    const inwardRef = refOf(b.inwardIssue);
    const outwardRef = refOf(b.outwardIssue);
    const inward = this.issue(inwardRef?.key ?? inwardRef?.id ?? '');
    const outward = this.issue(outwardRef?.key ?? outwardRef?.id ?? '');
    if (!inward || !outward)
      return err(refuse(404, 'Issue does not exist or you do not have permission to see it.'));
    const commentBody = (b.comment as Record<string, unknown> | undefined)?.body;
    if (commentBody !== undefined && !isAdfDocument(commentBody)) {
      return err(
        fieldRefusal({
          comment: COMMENT_NOT_ADF,
        }),
      );
    }
    const exists = this.linkList.some(
      (l) => l.typeName === typeName && l.inwardIssueId === inward.id && l.outwardIssueId === outward.id,
    );
    // Jira answers 201 for a link that already exists and does not duplicate it.
    if (!exists) {
      this.linkList.push({
        id: String(this.nextLinkId++),
        typeName,
        inwardIssueId: inward.id,
        outwardIssueId: outward.id,
      });
    }
    if (commentBody !== undefined) this.addComment(caller, inward.key, { body: commentBody });
    return ok(undefined);
  }

  /** Issues matching a parsed query, in its order (created DESC when none is given). */
  search(query: JqlQuery): StandInIssue[] {
    const matches = this.issues().filter((issue) => query.clauses.every((c) => this.matches(issue, c)));
    const orders =
      query.orderBy.length > 0 ? query.orderBy : [{ field: 'created', direction: 'DESC' } as const];
    return matches.sort((a, b) => {
      for (const o of orders) {
        const d = compareBy(o.field, a, b);
        if (d !== 0) return o.direction === 'ASC' ? d : -d;
      }
      return Number(a.id) - Number(b.id);
    });
  }

  private matches(issue: StandInIssue, clause: JqlClause): boolean {
    const actual = this.clauseValues(issue, clause.field);
    const norm = (s: string): string => s.toLowerCase();
    switch (clause.op) {
      case '=':
        return actual.some((a) => norm(a) === norm(clause.value));
      case '!=':
        return actual.length > 0 && !actual.some((a) => norm(a) === norm(clause.value));
      case 'in':
        return actual.some((a) => clause.values.some((v) => norm(v) === norm(a)));
      case 'not in':
        return actual.length > 0 && !actual.some((a) => clause.values.some((v) => norm(v) === norm(a)));
      case 'is empty':
        return actual.length === 0;
      case 'is not empty':
        return actual.length > 0;
    }
  }

  /** Every value a clause on `field` may match (id, key or name). */
  private clauseValues(issue: StandInIssue, field: JqlClause['field']): string[] {
    const status = DEMO_STATUSES.find((s) => s.id === issue.statusId)!;
    const project = this.project(issue.projectId)!;
    switch (field) {
      case 'project':
        return [project.key, project.id, project.name];
      case 'status':
        return [status.id, status.name];
      case 'statusCategory':
        return [status.category, CATEGORY_NAMES[status.category]];
      case 'assignee':
        return issue.assigneeId ? [issue.assigneeId] : [];
      case 'key':
        return [
          issue.key,
          issue.id,
          ...[...this.idByKey].filter(([, id]) => id === issue.id).map(([k]) => k),
        ];
      case 'issuetype': {
        const t = DEMO_ISSUE_TYPES.find((x) => x.id === issue.issueTypeId)!;
        return [t.id, t.name];
      }
      case 'labels':
        return issue.labels;
    }
  }

  /** POST /rest/api/3/bulk/issues/move: validates and queues the task (it runs in `runBulkMove`). */
  submitBulkMove(caller: Caller, body: unknown): Outcome<BulkTask> {
    const mapping = (body as Record<string, unknown> | null)?.targetToSourcesMapping;
    if (typeof mapping !== 'object' || mapping === null || Object.keys(mapping).length === 0) {
      return err(refuse(400, 'targetToSourcesMapping must name at least one target.'));
    }
    let total = 0;
    for (const [target, spec] of Object.entries(mapping as Record<string, Record<string, unknown>>)) {
      const [projectRef, typeId] = target.split(',');
      const project = this.project(projectRef ?? '');
      if (!project || !typeId || !project.issueTypeIds.includes(typeId)) {
        return err(refuse(400, `The target '${target}' is not a valid project and issue type.`));
      }
      const ids = spec?.issueIdsOrKeys;
      if (!Array.isArray(ids) || ids.length === 0) {
        return err(refuse(400, `No issues to move were given for target '${target}'.`));
      }
      total += ids.length;
    }
    if (total > 1000) return err(refuse(400, 'You can move up to 1,000 issues in one request.'));
    const created = this.timestamp();
    const task: BulkTask = {
      taskId: String(this.nextTaskId++),
      status: 'ENQUEUED',
      submittedBy: caller.accountId,
      created,
      updated: created,
      total,
      progressPercent: 0,
      processed: [],
      failed: {},
      invalidOrInaccessible: 0,
    };
    this.bulkTasks.set(task.taskId, task);
    return ok(task);
  }

  /** Marks a queued move as picked up, as Jira's task queue does before it works through the issues. */
  startBulkMove(taskId: string): void {
    const task = this.bulkTasks.get(taskId);
    if (!task || task.status !== 'ENQUEUED') return;
    task.status = 'RUNNING';
    task.started = this.timestamp();
    task.updated = task.started;
  }

  /** Runs a started move: each issue moves or gets its own failure messages. */
  runBulkMove(taskId: string, caller: Caller, body: unknown): void {
    const task = this.bulkTasks.get(taskId);
    if (!task) return;
    this.startBulkMove(taskId);
    const mapping = (body as Record<string, unknown>).targetToSourcesMapping as Record<
      string,
      Record<string, unknown>
    >;
    for (const [target, spec] of Object.entries(mapping)) {
      const [projectRef, typeId] = target.split(',') as [string, string];
      const project = this.project(projectRef)!;
      const mandatory = mandatoryValues(spec.targetMandatoryFields);
      for (const ref of spec.issueIdsOrKeys as unknown[]) {
        const issue = this.issue(String(ref));
        if (!issue) {
          task.invalidOrInaccessible += 1;
          continue;
        }
        const missing = this.screenFields(project.key, typeId).filter(
          ({ field, required }) =>
            required && issue.custom[field.id] === undefined && mandatory[field.id] === undefined,
        );
        if (missing.length > 0) {
          task.failed[issue.id] = missing.map(({ field }) => `${field.name} is required.`);
          continue;
        }
        this.moveIssue(caller, issue, project, typeId, mandatory);
        task.processed.push(issue.id);
      }
    }
    task.status = 'COMPLETE';
    task.progressPercent = 100;
    task.updated = this.timestamp();
  }

  private moveIssue(
    caller: Caller,
    issue: StandInIssue,
    project: DemoProject,
    issueTypeId: string,
    mandatory: Record<string, unknown>,
  ): void {
    const fromProject = this.project(issue.projectId)!;
    const oldKey = issue.key;
    if (fromProject.id !== project.id) issue.key = this.allocateKey(project.key);
    issue.projectId = project.id;
    issue.issueTypeId = issueTypeId;
    // Fields the target has no place for are dropped, like Jira does on move.
    const kept = new Set(this.screenFields(project.key, issueTypeId).map((s) => s.field.id));
    for (const id of Object.keys(issue.custom)) {
      if (!kept.has(id) && !this.customField(id)?.appOwned) delete issue.custom[id];
    }
    for (const [id, value] of Object.entries(mandatory)) if (kept.has(id)) issue.custom[id] = value;
    issue.updated = this.timestamp();
    this.idByKey.set(issue.key, issue.id);
    this.emit({
      kind: 'jira:issue_updated',
      issue,
      actorId: caller.accountId,
      eventTypeName: 'issue_moved',
      items: [
        {
          field: 'project',
          fieldtype: 'jira',
          fieldId: 'project',
          from: fromProject.id,
          fromString: fromProject.name,
          to: project.id,
          toString: project.name,
        },
        {
          field: 'Key',
          fieldtype: 'jira',
          fieldId: 'issuekey',
          from: null,
          fromString: oldKey,
          to: null,
          toString: issue.key,
        },
      ],
    });
  }

  /** POST /rest/api/3/app/field/value and PUT /rest/api/3/app/field/{field}/value. */
  setAppFieldValues(
    caller: Caller,
    updates: { fieldIdOrKey: string; issueIds: unknown[]; value: unknown }[],
  ): Outcome<void> {
    if (caller.kind !== 'app') {
      return err(refuse(403, 'Only the app that provides the field can update its values.'));
    }
    for (const u of updates) {
      const field = this.customField(u.fieldIdOrKey);
      if (!field?.appOwned) return err(refuse(404, `The custom field '${u.fieldIdOrKey}' was not found.`));
      for (const id of u.issueIds) {
        if (!this.issue(String(id))) return err(refuse(404, `Issue ${String(id)} does not exist.`));
      }
    }
    for (const u of updates) {
      const field = this.customField(u.fieldIdOrKey)!;
      for (const id of u.issueIds) this.issue(String(id))!.custom[field.id] = u.value;
    }
    return ok(undefined);
  }
}

export const LINK_TYPES = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Relates', inward: 'relates to', outward: 'relates to' },
  { id: '10002', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
] as const;

export const CATEGORY_NAMES = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' } as const;

function fieldsOf(body: unknown): Record<string, unknown> | undefined {
  const fields = (body as Record<string, unknown> | null | undefined)?.fields;
  return typeof fields === 'object' && fields !== null && !Array.isArray(fields)
    ? (fields as Record<string, unknown>)
    : undefined;
}

function stringOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function compareBy(
  field: 'created' | 'updated' | 'key' | 'priority',
  a: StandInIssue,
  b: StandInIssue,
): number {
  switch (field) {
    case 'created':
    case 'updated':
      return a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : Number(a.id) - Number(b.id);
    case 'key': {
      const [pa, na] = a.key.split('-');
      const [pb, nb] = b.key.split('-');
      return pa === pb ? Number(na) - Number(nb) : (pa ?? '') < (pb ?? '') ? -1 : 1;
    }
    case 'priority':
      return Number(a.priorityId) - Number(b.priorityId);
  }
}

/** `targetMandatoryFields` (`[{fields: {customfield_x: {retain, type, value}}}]`) as id → value. */
function mandatoryValues(spec: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (!Array.isArray(spec)) return values;
  for (const entry of spec as Record<string, unknown>[]) {
    const fields = entry?.fields;
    if (typeof fields !== 'object' || fields === null) continue;
    for (const [id, v] of Object.entries(fields as Record<string, unknown>)) {
      const value = (v as Record<string, unknown> | null)?.value;
      values[id] = value ?? v;
    }
  }
  return values;
}
