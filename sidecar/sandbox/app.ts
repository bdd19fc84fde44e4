// The stand-in's HTTP face: Jira Cloud's REST paths for the subset Frontline uses, with Jira's
// auth rules, error bodies, pagination and rate-limit headers (when a fault is injected).
import express, { type NextFunction, type Request, type Response } from 'express';
import { DEMO_APP_USER, DEMO_AUTOMATION_USER, DEMO_ISSUE_TYPES, DEMO_STATUSES } from './demo-data.js';
import { parseJql } from './jql.js';
import type { Renderer } from './render.js';
import { CREATE_SCREEN_SYSTEM_FIELDS, SYSTEM_FIELDS } from './render.js';
import type {
  FaultHandle,
  FaultSpec,
  RecordedExchange,
  WebhookRegistration,
  WebhookTarget,
} from './types.js';
import { refuse, type Caller, type Outcome, type Refusal, type World } from './world.js';

export interface StandInAppDeps {
  world: World;
  renderer: Renderer;
  credentials: readonly { email: string; apiToken: string }[];
  appTokens: readonly string[];
  userTokens: Readonly<Record<string, string>>;
  record: boolean;
  exchanges: RecordedExchange[];
  faults: ActiveFault[];
  registerWebhook(target: WebhookTarget): WebhookRegistration;
  listWebhooks(): WebhookRegistration[];
  /** Runs a submitted bulk move later, as Jira's task queue does. */
  scheduleBulkMove(taskId: string, caller: Caller, body: unknown): void;
}

export interface ActiveFault extends FaultHandle {
  spec: FaultSpec;
  hits: number;
  remaining: number;
}

/** A fault handle that counts what it has answered. */
export function newFault(spec: FaultSpec): ActiveFault {
  return { spec, hits: 0, remaining: spec.times };
}

const matchesFault = (spec: FaultSpec, req: Request): boolean =>
  (spec.method === undefined || spec.method.toUpperCase() === req.method) &&
  (spec.path === undefined ||
    (typeof spec.path === 'string' ? req.path.startsWith(spec.path) : spec.path.test(req.path)));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Query values as lists (`?fields=a,b&fields=c` → `['a','b','c']`). */
function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const raw = Array.isArray(value) ? value : [value];
  return raw
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const intParam = (value: unknown, fallback: number): number => {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

const flatHeaders = (h: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(h)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
  );

/** Decodes search's page token; tokens are opaque to callers (base64url JSON of the offset). */
function decodePageToken(token: string | undefined): number | undefined {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    return typeof parsed.offset === 'number' && parsed.offset >= 0 ? parsed.offset : undefined;
  } catch {
    return undefined;
  }
}
const encodePageToken = (offset: number): string =>
  Buffer.from(JSON.stringify({ offset })).toString('base64url');

export function createStandInApp(deps: StandInAppDeps): express.Express {
  const { world, renderer } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '10mb', type: () => true }));

  // Record every exchange (including refused and injected ones) for the contract test.
  app.use((req, res, next) => {
    if (!deps.record) return next();
    const path = req.path; // routers rewrite req.path below their mount point
    let responseBody: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      responseBody = body;
      return json(body);
    };
    res.on('finish', () => {
      deps.exchanges.push({
        method: req.method,
        path,
        query: Object.fromEntries(
          Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
        ),
        requestHeaders: flatHeaders(req.headers),
        requestBody: req.body,
        status: res.statusCode,
        responseHeaders: flatHeaders(res.getHeaders()),
        responseBody,
        injected: res.locals.injected === true,
      });
    });
    next();
  });

  // Injected faults: answer 429/5xx (with Jira's rate-limit headers) or just delay.
  app.use(async (req, res, next) => {
    const fault = deps.faults.find((f) => f.remaining > 0 && matchesFault(f.spec, req));
    if (!fault) return next();
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
    if (fault.spec.status === undefined) return next();
    res.locals.injected = true;
    if (fault.spec.retryAfterSeconds !== undefined)
      res.set('Retry-After', String(fault.spec.retryAfterSeconds));
    if (fault.spec.rateLimitReason) res.set('RateLimit-Reason', fault.spec.rateLimitReason);
    if (fault.spec.status === 429) {
      res.set('X-RateLimit-Limit', '100');
      res.set('X-RateLimit-Remaining', '0');
      res.set('X-RateLimit-NearLimit', 'true');
    }
    const message = fault.spec.status === 429 ? 'Rate limit exceeded.' : 'Internal server error.';
    res.status(fault.spec.status).json(refuse(fault.spec.status, message).body);
  });

  // Authentication: basic (email + API token) acts as the automation account; bearer as the app.
  app.use((req, res, next) => {
    const header = req.get('authorization') ?? '';
    const [scheme, value = ''] = header.split(' ');
    let caller: Caller | undefined;
    if (scheme?.toLowerCase() === 'basic') {
      const [email, token] = Buffer.from(value, 'base64').toString('utf8').split(':');
      if (deps.credentials.some((c) => c.email === email && c.apiToken === token)) {
        caller = { accountId: DEMO_AUTOMATION_USER.accountId, kind: 'basic' };
      }
    } else if (scheme?.toLowerCase() === 'bearer' && deps.appTokens.includes(value)) {
      caller = { accountId: DEMO_APP_USER.accountId, kind: 'app' };
    } else if (scheme?.toLowerCase() === 'bearer' && Object.hasOwn(deps.userTokens, value)) {
      caller = { accountId: deps.userTokens[value]!, kind: 'user' };
    }
    if (!caller) {
      res
        .status(401)
        .json(
          refuse(401, 'You are not authenticated. Authentication required to perform this operation.').body,
        );
      return;
    }
    res.locals.caller = caller;
    next();
  });

  const callerOf = (res: Response): Caller => res.locals.caller as Caller;
  const send = <T>(res: Response, outcome: Outcome<T>, onOk: (value: T) => void): void => {
    if (outcome.ok) onOk(outcome.value);
    else res.status(outcome.error.status).json(outcome.error.body);
  };
  const sendRefusal = (res: Response, refusal: Refusal): void => {
    res.status(refusal.status).json(refusal.body);
  };
  const param = (req: Request, name: string): string => String(req.params[name]);

  const api = express.Router();

  api.get('/project/search', (req, res) => {
    const keys = listParam(req.query.keys);
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = Math.min(intParam(req.query.maxResults, 50), 100);
    const all = world.projects.filter((p) => !keys || keys.includes(p.key) || keys.includes(p.id));
    const page = all.slice(startAt, startAt + maxResults);
    res.json({
      self: `${requestBase(req)}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`,
      maxResults,
      startAt,
      total: all.length,
      isLast: startAt + page.length >= all.length,
      values: page.map((p) => renderer.project(p)),
    });
  });

  api.get('/project/:projectIdOrKey', (req, res) => {
    const project = world.project(param(req, 'projectIdOrKey'));
    if (!project) return sendRefusal(res, refuse(404, 'No project could be found with key or id given.'));
    res.json(renderer.projectFull(project));
  });

  api.get('/issuetype', (_req, res) => {
    res.json(DEMO_ISSUE_TYPES.map((t) => renderer.issueType(t.id)));
  });

  api.get('/field', (_req, res) => {
    res.json([
      ...SYSTEM_FIELDS.map((f) => ({
        id: f.id,
        key: f.id,
        name: f.name,
        custom: false,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: [f.id],
        schema: f.schema,
      })),
      ...world.customFields.map((f) => renderer.field(f)),
    ]);
  });

  api.get('/user', (req, res) => {
    const user = world.users.get(String(req.query.accountId ?? ''));
    if (!user) return sendRefusal(res, refuse(404, 'The user with the given accountId does not exist.'));
    res.json(renderer.user(user));
  });

  api.get('/user/search', (req, res) => {
    const query = String(req.query.query ?? '').toLowerCase();
    const accountId = req.query.accountId === undefined ? undefined : String(req.query.accountId);
    if (query === '' && accountId === undefined) {
      return sendRefusal(res, refuse(400, "One of 'query' or 'accountId' parameters must be provided."));
    }
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = Math.min(intParam(req.query.maxResults, 50), 1000);
    const found = [...world.users.values()].filter(
      (u) =>
        (accountId === undefined || u.accountId === accountId) &&
        (query === '' ||
          u.displayName.toLowerCase().includes(query) ||
          (u.emailAddress ?? '').toLowerCase().startsWith(query)),
    );
    res.json(found.slice(startAt, startAt + maxResults).map((u) => renderer.user(u)));
  });

  api.get('/users/search', (req, res) => {
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = Math.min(intParam(req.query.maxResults, 50), 1000);
    res.json([...world.users.values()].slice(startAt, startAt + maxResults).map((u) => renderer.user(u)));
  });

  api.get('/issue/createmeta/:projectIdOrKey/issuetypes', (req, res) => {
    const project = world.project(param(req, 'projectIdOrKey'));
    if (!project)
      return sendRefusal(res, refuse(400, 'The project was not found or you do not have permission.'));
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = intParam(req.query.maxResults, 50);
    const types = project.issueTypeIds.map((id) => renderer.issueType(id));
    res.json({
      startAt,
      maxResults,
      total: types.length,
      issueTypes: types.slice(startAt, startAt + maxResults),
    });
  });

  api.get('/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId', (req, res) => {
    const project = world.project(param(req, 'projectIdOrKey'));
    const typeId = param(req, 'issueTypeId');
    if (!project || !project.issueTypeIds.includes(typeId)) {
      return sendRefusal(res, refuse(400, 'The issue type was not found in this project.'));
    }
    const system = CREATE_SCREEN_SYSTEM_FIELDS.map(({ id, required }) => {
      const f = SYSTEM_FIELDS.find((x) => x.id === id)!;
      return {
        fieldId: f.id,
        key: f.id,
        name: f.name,
        required,
        schema: f.schema,
        hasDefaultValue: false,
        operations: ['set'],
      };
    });
    const custom = world.screenFields(project.key, typeId).map(({ field, required }) => ({
      fieldId: field.id,
      key: field.key,
      name: field.name,
      required,
      schema: field.schema,
      hasDefaultValue: false,
      operations: ['set'],
      ...(field.allowedValues
        ? {
            allowedValues: field.allowedValues.map((v) => ({
              self: `${requestBase(req)}/rest/api/3/customFieldOption/${v.id}`,
              ...v,
            })),
          }
        : {}),
    }));
    const fields = [...system, ...custom];
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = intParam(req.query.maxResults, 50);
    res.json({
      startAt,
      maxResults,
      total: fields.length,
      fields: fields.slice(startAt, startAt + maxResults),
    });
  });

  api.post('/issue', (req, res) => {
    send(res, world.createIssue(callerOf(res), req.body), (issue) =>
      res
        .status(201)
        .json({ id: issue.id, key: issue.key, self: `${requestBase(req)}/rest/api/3/issue/${issue.id}` }),
    );
  });

  api.get('/issue/:issueIdOrKey', (req, res) => {
    const issue = world.issue(param(req, 'issueIdOrKey'));
    if (!issue)
      return sendRefusal(res, refuse(404, 'Issue does not exist or you do not have permission to see it.'));
    res.json(renderer.issue(issue, listParam(req.query.fields) ?? ['*all']));
  });

  api.put('/issue/:issueIdOrKey', (req, res) => {
    send(res, world.editIssue(callerOf(res), param(req, 'issueIdOrKey'), req.body), () =>
      res.status(204).end(),
    );
  });

  api.put('/issue/:issueIdOrKey/assignee', (req, res) => {
    send(res, world.assign(callerOf(res), param(req, 'issueIdOrKey'), req.body), () => res.status(204).end());
  });

  api.get('/issue/:issueIdOrKey/transitions', (req, res) => {
    send(res, world.transitionsOf(param(req, 'issueIdOrKey')), (transitions) =>
      res.json({
        expand: 'transitions',
        transitions: transitions.map((t) => ({
          id: t.id,
          name: t.name,
          to: renderer.status(t.toStatusId),
          hasScreen: false,
          isGlobal: true,
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
        })),
      }),
    );
  });

  api.post('/issue/:issueIdOrKey/transitions', (req, res) => {
    send(res, world.transition(callerOf(res), param(req, 'issueIdOrKey'), req.body), () =>
      res.status(204).end(),
    );
  });

  api.get('/issue/:issueIdOrKey/comment', (req, res) => {
    const issue = world.issue(param(req, 'issueIdOrKey'));
    if (!issue)
      return sendRefusal(res, refuse(404, 'Issue does not exist or you do not have permission to see it.'));
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = intParam(req.query.maxResults, 100);
    res.json({
      startAt,
      maxResults,
      total: issue.comments.length,
      comments: issue.comments.slice(startAt, startAt + maxResults).map((c) => renderer.comment(issue, c)),
    });
  });

  api.post('/issue/:issueIdOrKey/comment', (req, res) => {
    const key = param(req, 'issueIdOrKey');
    send(res, world.addComment(callerOf(res), key, req.body), (comment) =>
      res.status(201).json(renderer.comment(world.issue(key)!, comment)),
    );
  });

  api.post('/issueLink', (req, res) => {
    send(res, world.link(callerOf(res), req.body), () => res.status(201).end());
  });

  const search = (req: Request, res: Response, input: Record<string, unknown>): void => {
    const jql = typeof input.jql === 'string' ? input.jql : '';
    if (jql.trim() === '') {
      return sendRefusal(
        res,
        refuse(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction.'),
      );
    }
    const parsed = parseJql(jql);
    if (!parsed.ok) return sendRefusal(res, refuse(400, parsed.error));
    const offset = decodePageToken(typeof input.nextPageToken === 'string' ? input.nextPageToken : undefined);
    if (offset === undefined) return sendRefusal(res, refuse(400, 'The nextPageToken is invalid.'));
    const fields = listParam(input.fields);
    const idOnly = fields === undefined || fields.every((f) => f === 'id' || f === 'key');
    const cap = idOnly ? 5000 : 100;
    const pageSize = Math.max(1, Math.min(intParam(input.maxResults, 50), cap));
    const all = world.search(parsed.value);
    const page = all.slice(offset, offset + pageSize);
    const isLast = offset + page.length >= all.length;
    const withChangelog = listParam(input.expand)?.includes('changelog') ?? false;
    res.json({
      issues: page.map((issue) => {
        const rendered = renderer.issue(issue, fields?.some((f) => f !== 'id') ? fields : undefined);
        if (!withChangelog) return rendered;
        const histories = world.changelogOf(issue.id).map((h) => ({
          id: h.id,
          author: renderer.userById(h.authorId),
          created: h.created,
          items: h.items,
        }));
        return {
          ...rendered,
          changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
        };
      }),
      ...(isLast ? {} : { nextPageToken: encodePageToken(offset + page.length) }),
      isLast,
    });
  };
  api.get('/search/jql', (req, res) => search(req, res, req.query as Record<string, unknown>));
  api.post('/search/jql', (req, res) => search(req, res, (req.body ?? {}) as Record<string, unknown>));

  api.post('/bulk/issues/move', (req, res) => {
    const caller = callerOf(res);
    const submitted = world.submitBulkMove(caller, req.body);
    if (!submitted.ok) return sendRefusal(res, submitted.error);
    deps.scheduleBulkMove(submitted.value.taskId, caller, req.body);
    res.status(201).json({ taskId: submitted.value.taskId });
  });

  api.get('/bulk/queue/:taskId', (req, res) => {
    const task = world.bulkTasks.get(param(req, 'taskId'));
    if (!task) return sendRefusal(res, refuse(404, 'The task was not found.'));
    res.json({
      taskId: task.taskId,
      status: task.status,
      submittedBy: renderer.userById(task.submittedBy),
      progressPercent: task.progressPercent,
      created: task.created,
      ...(task.started ? { started: task.started } : {}),
      updated: task.updated,
      totalIssueCount: task.total,
      processedAccessibleIssues: task.processed.map(Number),
      failedAccessibleIssues: task.failed,
      invalidOrInaccessibleIssueCount: task.invalidOrInaccessible,
    });
  });

  api.post('/app/field/value', (req, res) => {
    const updates = (req.body as { updates?: unknown } | undefined)?.updates;
    if (!Array.isArray(updates)) return sendRefusal(res, refuse(400, 'updates must be a list.'));
    const parsed = (updates as Record<string, unknown>[]).map((u) => ({
      fieldIdOrKey: String(u.customField ?? ''),
      issueIds: Array.isArray(u.issueIds) ? u.issueIds : [],
      value: u.value,
    }));
    send(res, world.setAppFieldValues(callerOf(res), parsed), () => res.status(204).end());
  });

  api.put('/app/field/:fieldIdOrKey/value', (req, res) => {
    const updates = (req.body as { updates?: unknown } | undefined)?.updates;
    if (!Array.isArray(updates)) return sendRefusal(res, refuse(400, 'updates must be a list.'));
    const parsed = (updates as Record<string, unknown>[]).map((u) => ({
      fieldIdOrKey: param(req, 'fieldIdOrKey'),
      issueIds: Array.isArray(u.issueIds) ? u.issueIds : [],
      value: u.value,
    }));
    send(res, world.setAppFieldValues(callerOf(res), parsed), () => res.status(204).end());
  });

  api.get('/status/:idOrName', (req, res) => {
    const wanted = param(req, 'idOrName').toLowerCase();
    const status = DEMO_STATUSES.find((s) => s.id === wanted || s.name.toLowerCase() === wanted);
    if (!status) return sendRefusal(res, refuse(404, 'The status was not found.'));
    res.json(renderer.status(status.id));
  });

  // Issue properties (the workflow validator reads Frontline's approval state from one), by issue id.
  const issueProperties = new Map<string, Map<string, unknown>>();
  api.put('/issue/:issueIdOrKey/properties/:propertyKey', (req, res) => {
    const issue = world.issue(param(req, 'issueIdOrKey'));
    if (!issue)
      return sendRefusal(res, refuse(404, 'Issue does not exist or you do not have permission to see it.'));
    if (req.body === undefined || JSON.stringify(req.body).length > 32_768)
      return sendRefusal(res, refuse(400, 'The property value must be JSON of at most 32768 bytes.'));
    const props = issueProperties.get(issue.id) ?? new Map<string, unknown>();
    const existed = props.has(param(req, 'propertyKey'));
    props.set(param(req, 'propertyKey'), req.body);
    issueProperties.set(issue.id, props);
    res.status(existed ? 200 : 201).end();
  });
  api.get('/issue/:issueIdOrKey/properties/:propertyKey', (req, res) => {
    const issue = world.issue(param(req, 'issueIdOrKey'));
    const key = param(req, 'propertyKey');
    const props = issue ? issueProperties.get(issue.id) : undefined;
    if (!issue || !props?.has(key))
      return sendRefusal(res, refuse(404, `The property with key '${key}' does not exist.`));
    res.json({ key, value: props.get(key) });
  });

  app.use('/rest/api/3', api);

  // The admin webhook API (REST 1.0), where a site admin registers a webhook with a secret.
  app.post('/rest/webhooks/1.0/webhook', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.url !== 'string' || typeof body.secret !== 'string') {
      return sendRefusal(res, refuse(400, '', { url: 'A url and a secret are required.' }));
    }
    const events = Array.isArray(body.events) ? (body.events as WebhookTarget['events']) : undefined;
    const name = typeof body.name === 'string' ? body.name : undefined;
    res.status(201).json(deps.registerWebhook({ url: body.url, secret: body.secret, events, name }));
  });
  app.get('/rest/webhooks/1.0/webhook', (_req, res) => {
    res.json(deps.listWebhooks());
  });

  app.use((req, res) => {
    sendRefusal(res, refuse(404, `No resource at ${req.method} ${req.path}.`));
  });
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.type === 'entity.parse.failed')
      return sendRefusal(res, refuse(400, 'Unexpected character in the JSON body.'));
    sendRefusal(res, refuse(error.status ?? 500, 'Internal server error.'));
  });
  return app;
}

function requestBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
