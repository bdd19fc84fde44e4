// The YouTrack stand-in's REST API, as documented for `/api`: a permanent token as Bearer, `fields`
// projections honoured, `$top`/`$skip` paging, the query language subset the sidecar uses, commands,
// comments with visibility, and YouTrack's error bodies `{"error", "error_description"}`.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityLog } from './activities.js';
import { parseFields, project } from './projection.js';
import { YtError } from './state.js';
import type { YouTrackState, YtCustomFieldInput } from './state.js';

export interface ApiCall {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new YtError(400, 'bad_request', 'Request body is not a valid JSON object');
  }
}

function projected(value: unknown, fields: string | null, fallback: string): unknown {
  try {
    return project(value, parseFields(fields ?? fallback));
  } catch {
    throw new YtError(400, 'bad_request', `Invalid fields parameter: ${fields}`);
  }
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new YtError(400, 'bad_request', `${name} must be a non-negative integer`);
  return Number(raw);
}

/** The issue ids a command or body names (`{id}` or `{idReadable}`). */
function issueRefs(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new YtError(400, 'bad_request', 'issues: name at least one issue');
  return value.map((v) => {
    const o = (v ?? {}) as { id?: unknown; idReadable?: unknown };
    const id = typeof o.id === 'string' ? o.id : typeof o.idReadable === 'string' ? o.idReadable : undefined;
    if (!id) throw new YtError(400, 'bad_request', 'issues: each issue needs id or idReadable');
    return id;
  });
}

export function createApiServer(opts: {
  state: YouTrackState;
  /** Permanent token → the login it acts as. */
  tokens: ReadonlyMap<string, string>;
  calls: ApiCall[];
  /**
   * Answers to give instead of the real one (tests of retries), consumed in order; `afterApplying`
   * carries the request out first and loses its answer (a gateway timing out behind YouTrack); `on`
   * (`POST /api/issues`) keeps a fault for that request, the others passing it by.
   */
  faults: { status: number; retryAfter?: string; afterApplying?: boolean; on?: string }[];
  /** The activity stream (`/api/activitiesPage`, `/api/issues/{id}/activities`). */
  activities?: ActivityLog;
}): Server {
  const { state } = opts;
  const route = async (req: IncomingMessage, url: URL, actor: string): Promise<[number, unknown]> => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const fields = url.searchParams.get('fields');
    let m: RegExpExecArray | null;
    if (path === '/api/issues' && method === 'GET') {
      const top = intParam(url, '$top', 42);
      const skip = intParam(url, '$skip', 0);
      const issues = state.search(url.searchParams.get('query') ?? '').slice(skip, skip + top);
      return [200, projected(issues, fields, 'id')];
    }
    if (path === '/api/issues' && method === 'POST') {
      const body = await readJson(req);
      const p = body.project as { id?: unknown; shortName?: unknown } | undefined;
      const projectRef =
        typeof p?.id === 'string' ? p.id : typeof p?.shortName === 'string' ? p.shortName : undefined;
      if (!projectRef) throw new YtError(400, 'bad_request', 'project: the project is required');
      if (typeof body.summary !== 'string')
        throw new YtError(400, 'bad_request', 'summary: the summary is required');
      const issue = state.createIssue({
        project: projectRef,
        summary: body.summary,
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
        ...(Array.isArray(body.customFields)
          ? { customFields: body.customFields as YtCustomFieldInput[] }
          : {}),
        reporter: actor,
      });
      return [200, projected(issue, fields, 'id')];
    }
    if ((m = /^\/api\/issues\/([^/]+)$/.exec(path)) && method === 'GET')
      return [200, projected(state.issue(decodeURIComponent(m[1]!)), fields, 'id')];
    if ((m = /^\/api\/issues\/([^/]+)\/comments$/.exec(path))) {
      const issue = state.issue(decodeURIComponent(m[1]!));
      if (method === 'GET') return [200, projected(issue.comments, fields, 'id')];
      if (method === 'POST') {
        const body = await readJson(req);
        if (typeof body.text !== 'string')
          throw new YtError(400, 'bad_request', 'text: the comment text is required');
        const visibility = body.visibility as
          { $type?: unknown; permittedGroups?: { id?: unknown }[] } | undefined;
        const limited =
          typeof visibility?.$type === 'string' && visibility.$type.endsWith('LimitedVisibility')
            ? (visibility.permittedGroups ?? []).map((g) => String(g.id))
            : undefined;
        const comment = state.addComment(issue.id, actor, body.text, limited);
        return [200, projected(comment, fields, 'id')];
      }
    }
    if ((m = /^\/api\/issues\/([^/]+)\/customFields$/.exec(path)) && method === 'GET')
      return [200, projected(state.issue(decodeURIComponent(m[1]!)).customFields, fields, 'id')];
    if (path === '/api/commands' && method === 'POST') {
      const body = await readJson(req);
      if (typeof body.query !== 'string' || !body.query.trim())
        throw new YtError(400, 'bad_request', 'query: the command is required');
      state.applyCommand(body.query, issueRefs(body.issues), actor);
      if (typeof body.comment === 'string' && body.comment.trim())
        for (const id of issueRefs(body.issues)) state.addComment(id, actor, body.comment);
      return [200, projected({ $type: 'CommandList', query: body.query }, fields, 'query')];
    }
    if (path === '/api/admin/projects' && method === 'GET') {
      const q = (url.searchParams.get('query') ?? '').toLowerCase();
      const found = state.projects.filter(
        (p) => !q || p.shortName.toLowerCase().includes(q) || p.name.toLowerCase().includes(q),
      );
      return [
        200,
        projected(
          found.slice(intParam(url, '$skip', 0), intParam(url, '$skip', 0) + intParam(url, '$top', 42)),
          fields,
          'id',
        ),
      ];
    }
    if ((m = /^\/api\/admin\/projects\/([^/]+)\/customFields$/.exec(path)) && method === 'GET')
      return [
        200,
        projected(state.projectCustomFields(decodeURIComponent(m[1]!)), fields, 'id,field(name),canBeEmpty'),
      ];
    const activity = opts.activities?.answer(path, method, url);
    if (activity) return activity;
    if (path === '/api/users/me' && method === 'GET')
      return [200, projected(state.user(actor), fields, 'id,login')];
    throw new YtError(404, 'Not Found', `No resource ${method} ${path}`);
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const record = (status: number, body?: unknown) =>
      opts.calls.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, status, body });
    const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const actor = auth ? opts.tokens.get(auth[1]!.trim()) : undefined;
    if (!actor) {
      record(401);
      send(res, 401, { error: 'Unauthorized', error_description: 'You are not logged in.' });
      return;
    }
    const at = opts.faults.findIndex((f) => !f.on || f.on === `${req.method} ${url.pathname}`);
    const fault = at < 0 ? undefined : opts.faults.splice(at, 1)[0];
    if (fault?.afterApplying) {
      const lost = () => {
        record(fault.status);
        send(res, fault.status, {
          error: 'Gateway Timeout',
          error_description: 'The upstream did not answer',
        });
      };
      route(req, url, actor).then(lost, lost);
      return;
    }
    if (fault) {
      record(fault.status);
      if (fault.retryAfter) res.setHeader('Retry-After', fault.retryAfter);
      send(res, fault.status, { error: 'Service Unavailable', error_description: 'Try again later' });
      return;
    }
    route(req, url, actor).then(
      ([status, body]) => {
        record(status);
        send(res, status, body);
      },
      (error: unknown) => {
        const e = error instanceof YtError ? error : new YtError(500, 'server_error', String(error));
        record(e.status);
        send(res, e.status, {
          error: e.error,
          error_description: e.description,
          ...(e.field ? { error_field: e.field } : {}),
        });
      },
    );
  });
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}
