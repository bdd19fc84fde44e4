// The tracker port over YouTrack's REST API. YouTrack has no transitions, no bulk field API and no
// app-owned fields: assignment, state changes, moves, links and the Temperature value are commands
// (`POST /api/commands`), internal notes are comments with LimitedVisibility, and issues are read
// with a `fields` projection, page by page (`$top`/`$skip`).
//
// `getIssue` answers the two questions the use cases ask of any tracker in shared words: `assignee`
// (`{accountId}`) and `comment` (`{comments: [{body}]}`); other requested fields come back as
// YouTrack names them (a projection such as `customFields(name,value(name))`).
import { adfToText, err, ok } from '@frontline/shared';
import type { AdfDocument, Trackers } from '@frontline/shared';
import { TrackerCallError } from '../../ports.js';
import type {
  AppFieldValue,
  CreatedIssueRef,
  MoveOutcome,
  MoveRequest,
  SearchOptions,
  Tracker,
  TrackerIssue,
  TrackerResult,
  TrackerTransition,
} from '../../ports.js';
import type { YouTrackClient } from './client.js';
import { braced, customFieldValue } from './issue-source.js';

/** What the tracker needs from the settings (read on each call: they can change while running). */
export type YouTrackSettings = Trackers['youtrack'];

export interface YouTrackTrackerOptions {
  client: YouTrackClient;
  settings: () => Promise<YouTrackSettings>;
  /** Issues per command when the sweep writes the Temperature field (default 50). */
  commandBatchSize?: number;
}

interface YtIssue {
  id: string;
  idReadable?: string;
  customFields?: unknown;
  comments?: { text?: string | null }[];
  [key: string]: unknown;
}

const permanent = (op: string, message: string) =>
  err({
    kind: 'permanent' as const,
    op,
    status: 0,
    message,
    errorMessages: [message],
    errors: {},
    outcomeUnknown: false,
    attempts: 0,
  });

/** The projection for a `getIssue` asking for our shared fields (and anything else verbatim). */
function projection(fields: readonly string[] | undefined): string {
  const parts = new Set(['id', 'idReadable']);
  for (const f of fields ?? []) {
    if (f === 'assignee') parts.add('customFields(name,value(login))');
    else if (f === 'comment') parts.add('comments(text,created,author(login),visibility($type))');
    else parts.add(f);
  }
  return [...parts].join(',');
}

/** A project's field as `/api/admin/projects/{id}/customFields` lists it. */
interface YtProjectField {
  $type?: string;
  canBeEmpty?: boolean;
  field?: { name?: string; fieldType?: { id?: string } };
  bundle?: { values?: { name?: string }[] };
  defaultValues?: unknown[];
}

/** One entry of a new issue's `customFields`. */
interface YtCustomFieldValue {
  $type: string;
  name: string;
  value: unknown;
}

const refusedFields = (errors: Record<string, string>) =>
  err({
    kind: 'permanent' as const,
    op: 'createIssue',
    status: 0,
    message: Object.entries(errors)
      .map(([name, why]) => `${name}: ${why}`)
      .join('; '),
    errorMessages: Object.values(errors),
    errors,
    outcomeUnknown: false,
    attempts: 0,
  });

/** A plain value's text: a string, a number, or the `name`/`text`/`login` of an entity. */
function plainText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const o = value as { name?: unknown; text?: unknown; login?: unknown; value?: unknown };
    for (const v of [o.name, o.text, o.login, o.value]) if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/**
 * The typed `customFields` of a new issue from plain values by field name (names the project lacks are
 * left out), or the fields whose values the project cannot take (not in its bundle, not a number).
 */
export function typedCustomFields(
  project: readonly YtProjectField[],
  values: Readonly<Record<string, unknown>>,
  sourceValues: Readonly<Record<string, unknown>>,
  logins: Readonly<Record<string, string>>,
): TrackerResult<YtCustomFieldValue[]> {
  const byName = (name: string) =>
    project.find((p) => p.field?.name?.trim().toLowerCase() === name.trim().toLowerCase());
  const wanted = new Map<YtProjectField, unknown>();
  const errors: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = byName(name);
    // A field the project does not have is left out, as a target screen without it leaves it out.
    if (field && !isEmpty(value)) wanted.set(field, value);
  }
  // What the target needs and nothing gave: the source's value of the same field, when it has one.
  for (const field of project) {
    if (wanted.has(field) || field.canBeEmpty !== false || (field.defaultValues ?? []).length) continue;
    const name = field.field?.name ?? '';
    const fromSource = Object.entries(sourceValues).find(
      ([n]) => n.toLowerCase() === name.toLowerCase(),
    )?.[1];
    if (!isEmpty(fromSource)) wanted.set(field, fromSource);
  }
  const out: YtCustomFieldValue[] = [];
  for (const [field, raw] of wanted) {
    const name = field.field?.name ?? '';
    const kind = field.field?.fieldType?.id ?? '';
    const allowed = (field.bundle?.values ?? []).map((v) => v.name ?? '');
    const pick = (v: unknown): { name: string } | string => {
      const text = plainText(v) ?? '';
      const hit = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
      return hit !== undefined
        ? { name: hit }
        : `"${text}" is not one of ${allowed.join(', ') || '(no values)'}`;
    };
    const type = field.$type ?? '';
    if (type === 'EnumProjectCustomField' || type === 'StateProjectCustomField') {
      const multi = kind.endsWith('[*]');
      const items = (Array.isArray(raw) ? raw : [raw]).map(pick);
      const bad = items.find((i): i is string => typeof i === 'string');
      if (bad) {
        errors[name] = bad;
        continue;
      }
      if (multi) out.push({ $type: 'MultiEnumIssueCustomField', name, value: items });
      else
        out.push({
          $type: type === 'StateProjectCustomField' ? 'StateIssueCustomField' : 'SingleEnumIssueCustomField',
          name,
          value: items[0],
        });
    } else if (type === 'UserProjectCustomField') {
      const id = typeof raw === 'object' && raw ? (raw as { accountId?: unknown }).accountId : undefined;
      const login = typeof id === 'string' ? (logins[id] ?? id) : plainText(raw);
      if (!login) errors[name] = 'expected a YouTrack user';
      else out.push({ $type: 'SingleUserIssueCustomField', name, value: { login } });
    } else if (type === 'TextProjectCustomField') {
      const text = Array.isArray(raw) ? raw.map(plainText).filter(Boolean).join(', ') : plainText(raw);
      if (text) out.push({ $type: 'TextIssueCustomField', name, value: { $type: 'TextFieldValue', text } });
    } else if (type === 'SimpleProjectCustomField' && (kind === 'integer' || kind === 'float')) {
      const n = typeof raw === 'number' ? raw : Number(plainText(raw));
      if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n)))
        errors[name] = `"${plainText(raw) ?? ''}" is not a number`;
      else out.push({ $type: 'SimpleIssueCustomField', name, value: n });
    } else {
      const text = Array.isArray(raw) ? raw.map(plainText).filter(Boolean).join(', ') : plainText(raw);
      if (text) out.push({ $type: 'SimpleIssueCustomField', name, value: text });
    }
  }
  return Object.keys(errors).length ? refusedFields(errors) : ok(out);
}

export function createYouTrackTracker(
  opts: YouTrackTrackerOptions,
): Tracker & { issueUrl(key: string): string } {
  const { client } = opts;

  const command = (op: string, query: string, issues: readonly { id?: string; idReadable?: string }[]) =>
    client.call<unknown>({
      op,
      method: 'POST',
      path: '/api/commands',
      body: { query, issues: issues.map((i) => ({ ...i })) },
      // A command sets values (assignee, state, a field): applying it twice leaves the same issue.
      idempotent: true,
    });

  const loginOf = async (accountId: string): Promise<string> =>
    (await opts.settings()).logins[accountId] ?? accountId;

  const tracker: Tracker & { issueUrl(key: string): string } = {
    issueUrl: (key) => client.issueUrl(key),

    async *search(query: string, searchOpts?: SearchOptions): AsyncIterable<TrackerIssue> {
      const top = searchOpts?.pageSize ?? 100;
      const fields = searchOpts?.fields?.length ? searchOpts.fields.join(',') : 'id,idReadable';
      for (let skip = 0; ; skip += top) {
        const page = await client.call<YtIssue[]>({
          op: 'searchIssues',
          method: 'GET',
          path: '/api/issues',
          query: { query, fields, $top: top, $skip: skip },
          idempotent: true,
        });
        if (!page.ok) throw new TrackerCallError(page.error);
        const issues = Array.isArray(page.value) ? page.value : [];
        for (const issue of issues)
          yield {
            id: String(issue.id),
            ...(issue.idReadable ? { key: issue.idReadable } : {}),
            fields: issue,
          };
        if (issues.length < top) return;
      }
    },

    async getIssue(key, getOpts) {
      const got = await client.call<YtIssue>({
        op: 'getIssue',
        method: 'GET',
        path: `/api/issues/${encodeURIComponent(key)}`,
        query: { fields: projection(getOpts?.fields) },
        idempotent: true,
      });
      if (!got.ok) return got;
      const issue = got.value;
      const fields: Record<string, unknown> = { ...issue };
      if (getOpts?.fields?.includes('assignee')) {
        const value = customFieldValue(issue, 'Assignee') as { login?: string } | null | undefined;
        const logins = (await opts.settings()).logins;
        const accountId = value?.login
          ? (Object.entries(logins).find(([, l]) => l === value.login)?.[0] ?? value.login)
          : undefined;
        fields.assignee = accountId ? { accountId } : null;
      }
      if (getOpts?.fields?.includes('comment'))
        fields.comment = { comments: (issue.comments ?? []).map((c) => ({ body: c.text ?? '' })) };
      return ok({ id: String(issue.id), ...(issue.idReadable ? { key: issue.idReadable } : {}), fields });
    },

    async assignIssue(key, accountId) {
      const target = accountId === null ? 'Unassigned' : braced(await loginOf(accountId));
      const done = await command('assignIssue', `Assignee ${target}`, [{ idReadable: key }]);
      return done.ok ? ok(undefined) : done;
    },

    async addComment(key, body: string | AdfDocument, commentOpts) {
      const text = typeof body === 'string' ? body : adfToText(body);
      const group = (await opts.settings()).internalGroupId;
      const posted = await client.call<{ id: string }>({
        op: 'addComment',
        method: 'POST',
        path: `/api/issues/${encodeURIComponent(key)}/comments`,
        query: { fields: 'id' },
        body: {
          text,
          ...(commentOpts?.internal
            ? {
                visibility: {
                  $type: 'LimitedVisibility',
                  permittedGroups: group ? [{ id: group }] : [],
                },
              }
            : {}),
        },
        // Posted twice, a comment is seen twice: never re-sent after an unknown outcome.
        idempotent: false,
      });
      return posted.ok ? ok({ id: posted.value.id }) : posted;
    },

    // YouTrack has no bulk field API. One command may name many issues, so values are grouped:
    // every issue with the same temperature gets one `Temperature <n>` command (up to `batchSize`
    // issues each). Temperatures are small integers that many issues share, so a sweep sends about
    // as many commands as there are distinct values that changed, instead of one update per issue;
    // and a command only sets a value, so it may be sent again after a timeout.
    async setAppFieldValues(fieldName, values: readonly AppFieldValue[], setOpts) {
      const batch = Math.max(1, setOpts?.batchSize ?? opts.commandBatchSize ?? 50);
      const byValue = new Map<string, string[]>();
      for (const v of values) {
        const text = v.value === null || v.value === undefined ? 'null' : String(v.value);
        byValue.set(text, [...(byValue.get(text) ?? []), String(v.issueId)]);
      }
      let requests = 0;
      for (const [value, ids] of byValue) {
        for (let i = 0; i < ids.length; i += batch) {
          const done = await command(
            'setFieldValues',
            `${braced(fieldName)} ${value}`,
            ids.slice(i, i + batch).map((id) => ({ id })),
          );
          if (!done.ok) return done;
          requests += 1;
        }
      }
      return ok({ requests });
    },

    async getTransitions(key) {
      const got = await client.call<YtIssue>({
        op: 'getTransitions',
        method: 'GET',
        path: `/api/issues/${encodeURIComponent(key)}`,
        query: { fields: 'id,customFields(name,projectCustomField(bundle(values(id,name,isResolved))))' },
        idempotent: true,
      });
      if (!got.ok) return got;
      const state = (Array.isArray(got.value.customFields) ? got.value.customFields : []).find(
        (f: { name?: string }) => f.name === 'State',
      ) as
        | { projectCustomField?: { bundle?: { values?: { name: string; isResolved?: boolean }[] } } }
        | undefined;
      const values = state?.projectCustomField?.bundle?.values ?? [];
      return ok(
        values.map((v): TrackerTransition => ({
          id: v.name,
          name: v.name,
          to: { id: v.name, name: v.name, statusCategory: { key: v.isResolved ? 'done' : 'indeterminate' } },
        })),
      );
    },

    async transitionIssue(key, transitionId) {
      const done = await command('transitionIssue', `State ${braced(transitionId)}`, [{ idReadable: key }]);
      return done.ok ? ok(undefined) : done;
    },

    async moveIssues(request: MoveRequest): Promise<TrackerResult<MoveOutcome>> {
      const moved: string[] = [];
      const failed: Record<string, string[]> = {};
      for (const id of request.issueIdsOrKeys) {
        const done = await command('moveIssues', `project ${braced(request.targetProject)}`, [
          /^[A-Za-z]/.test(id) ? { idReadable: id } : { id },
        ]);
        if (done.ok) moved.push(id);
        else failed[id] = [done.error.message];
      }
      return ok({
        taskId: 'command',
        status: Object.keys(failed).length === 0 ? 'COMPLETE' : 'FAILED',
        moved,
        failed,
        invalidOrInaccessibleCount: 0,
      });
    },

    // `fields`: `project: {key}` (or `{id}`), `summary`, `description`, and `customFieldValues`: the
    // project's fields by name in plain values (an enum value's name, a user's login or accountId,
    // text, a number; names the project lacks are left out). The project's fields are read first,
    // so each value goes in the typed array YouTrack takes (`SingleEnumIssueCustomField`, …) and a
    // value the field cannot hold is refused here, naming the field, before anything is written. A field that cannot be empty and has no
    // default takes the same-named value of `sourceValues` (the issue it is made from) when one is
    // there; what is still missing YouTrack itself refuses, naming the field (`error_field`).
    async createIssue(input): Promise<TrackerResult<CreatedIssueRef>> {
      const f = input.fields as {
        project?: { id?: string; key?: string };
        summary?: string;
        description?: string | AdfDocument;
        customFieldValues?: Record<string, unknown>;
        sourceValues?: Record<string, unknown>;
      };
      let projectId = f.project?.id;
      if (!projectId && f.project?.key) {
        const projects = await client.call<{ id: string; shortName: string }[]>({
          op: 'findProject',
          method: 'GET',
          path: '/api/admin/projects',
          query: { fields: 'id,shortName', query: f.project.key, $top: 50 },
          idempotent: true,
        });
        if (!projects.ok) return projects;
        projectId = projects.value.find((p) => p.shortName === f.project!.key)?.id;
      }
      if (!projectId) return permanent('createIssue', 'the project to create the issue in is unknown');
      const description =
        typeof f.description === 'string'
          ? f.description
          : f.description
            ? adfToText(f.description)
            : undefined;
      let customFields: YtCustomFieldValue[] = [];
      if (f.customFieldValues || f.sourceValues) {
        const listed = await client.call<YtProjectField[]>({
          op: 'projectFields',
          method: 'GET',
          path: `/api/admin/projects/${encodeURIComponent(projectId)}/customFields`,
          query: {
            fields: '$type,canBeEmpty,field(name,fieldType(id)),bundle(values(name)),defaultValues(name)',
            $top: 200,
          },
          idempotent: true,
        });
        if (!listed.ok) return listed;
        const typed = typedCustomFields(
          Array.isArray(listed.value) ? listed.value : [],
          f.customFieldValues ?? {},
          f.sourceValues ?? {},
          (await opts.settings()).logins,
        );
        if (!typed.ok) return typed;
        customFields = typed.value;
      }
      const created = await client.call<{ id: string; idReadable: string }>({
        op: 'createIssue',
        method: 'POST',
        path: '/api/issues',
        query: { fields: 'id,idReadable' },
        body: {
          project: { id: projectId },
          summary: f.summary ?? '',
          ...(description ? { description } : {}),
          ...(customFields.length ? { customFields } : {}),
        },
        // A second POST makes a second issue: never re-sent after an unknown outcome.
        idempotent: false,
      });
      if (!created.ok) return created;
      return ok({
        id: created.value.id,
        key: created.value.idReadable,
        self: client.issueUrl(created.value.idReadable),
      });
    },

    // YouTrack issues carry no free-form properties; what Jira keeps there (a customer's decision
    // for a workflow validator) the YouTrack app reads from the sidecar instead.
    setIssueProperty: (_key, propertyKey) =>
      Promise.resolve(permanent('setIssueProperty', `YouTrack issues have no property "${propertyKey}"`)),

    async linkIssues(input) {
      // YouTrack links by command on one side: "relates to HW-7", "duplicates HW-7", …
      const verb: Record<string, string> = {
        relates: 'relates to',
        duplicate: 'duplicates',
        blocks: 'is required for',
        cloners: 'relates to',
      };
      const phrase = verb[input.type.toLowerCase()] ?? 'relates to';
      const done = await client.call<unknown>({
        op: 'linkIssues',
        method: 'POST',
        path: '/api/commands',
        body: {
          query: `${phrase} ${input.outwardIssue}`,
          issues: [{ idReadable: input.inwardIssue }],
          ...(input.comment ? { comment: input.comment } : {}),
        },
        // A link is a set: linking twice leaves one link (the comment, if any, is the exception).
        idempotent: input.comment === undefined,
      });
      return done.ok ? ok(undefined) : done;
    },
  };
  return tracker;
}
