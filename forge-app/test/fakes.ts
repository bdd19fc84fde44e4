// Test doubles at the project's seams: Jira through a real HTTP server (the sidecar's Jira
// stand-in) behind a fetch-backed `requestJira`, and an in-memory sidecar behind `invokeRemote`.
import type { ForgeProductApi, JiraResponse } from '../jira/jira-client.js';
import { createJiraClient } from '../jira/jira-client.js';
import type { InvokeRemote, RoutedEvent, SettingsSnapshot } from '../remote/sidecar-client.js';
import { createSidecarClient, ROUTED_EVENT_TYPE, SIDECAR_REMOTE } from '../remote/sidecar-client.js';
import type { ResolverDeps } from '../resolvers/resolver-kit.js';
import { createMemoryStore } from '../storage/memory-store.js';

/** `@forge/api`'s product API, sending each request to `baseUrl` with basic auth, as a user would. */
export function fetchJiraApi(
  baseUrl: string,
  credentials: { email: string; apiToken: string },
): ForgeProductApi {
  const auth = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
  return {
    asUser: () => ({
      requestJira: async (url, init = {}): Promise<JiraResponse> =>
        fetch(`${baseUrl}${(url as unknown as { value_: string }).value_}`, {
          ...init,
          headers: { ...init.headers, Authorization: auth },
        }),
    }),
  };
}

export interface FakeSidecar {
  invokeRemote: InvokeRemote;
  /** Routed notices received, in order. */
  routed: RoutedEvent[];
  /** Settings documents received by PUT, in order. */
  saved: unknown[];
  settings: SettingsSnapshot;
  /** When true every call fails as if the sidecar were down. */
  down: boolean;
  /** Answer for PUT /settings (an error body is wrapped as `{ error }`); default accepts and bumps the version. */
  onPut?: (document: unknown) => { status: number; body: unknown };
  /** The answer of GET /forge/api/issues/:key/contracts (the contract panel's data). */
  contractPanel?: unknown;
  /** The answer of GET /forge/api/issues/:key/temperature. */
  temperature?: unknown;
  /** The answer of GET /forge/api/issues/:key/suggestions; undefined answers 404 `no_suggestions`. */
  suggestions?: unknown;
  /** Assignments received (POST /forge/api/issues/:key/assign), in order. */
  assigned: { issueKey: string; accountId: string; idempotencyKey: string | undefined }[];
  /** Whose identity the fake sidecar says an assignment was made under (default `person`). */
  actingAs?: 'person' | 'app';
  /** Answer for an assignment; default accepts it and makes the engineer the assignee. */
  onAssign?: (accountId: string) => { status: number; body: unknown } | undefined;
  /** Issue-view calls received, by path, so a test can tell a fresh fetch from a cached one. */
  calls: string[];
}

const answer = (status: number, body: unknown) => ({
  ok: status >= 200 && status < 300,
  status,
  text: async () => (body === undefined ? '' : JSON.stringify(body)),
});

/** An in-memory sidecar answering the Forge app's routes, in the shapes of sidecar/src/http/forge. */
export function fakeSidecar(document: unknown, version = 1): FakeSidecar {
  const fake: FakeSidecar = {
    routed: [],
    saved: [],
    assigned: [],
    calls: [],
    settings: { version, document },
    down: false,
    invokeRemote: async (remoteKey, { path, method, body, headers }) => {
      if (remoteKey !== SIDECAR_REMOTE)
        return answer(404, { error: { code: 'no_remote', message: remoteKey } });
      if (fake.down) throw new Error('connect ECONNREFUSED');
      const parsed = body ? (JSON.parse(body) as Record<string, unknown>) : undefined;
      const live = () => ({
        version: fake.settings.version,
        settings: fake.settings.document,
        updatedBy: null,
      });
      const failed = (status: number, code: string, message: string) =>
        answer(status, { error: { code, message } });
      if (path === '/forge/api/health')
        return answer(200, { status: 'ok', settingsVersion: fake.settings.version });
      if (path === '/forge/api/settings' && method === 'GET') return answer(200, live());
      if (path === '/forge/api/settings' && method === 'PUT') {
        fake.saved.push(parsed);
        const custom = fake.onPut?.(parsed);
        if (custom) return answer(custom.status, custom.status < 300 ? custom.body : { error: custom.body });
        const ifMatch = headers?.['If-Match'];
        if (ifMatch && ifMatch !== `"${fake.settings.version}"`)
          return failed(409, 'version_conflict', `Settings are at version ${fake.settings.version}`);
        fake.settings = { version: fake.settings.version + 1, document: parsed };
        return answer(200, { ...live(), created: true, changes: [] });
      }
      if (path === '/forge/events' && method === 'POST' && parsed?.eventType === ROUTED_EVENT_TYPE) {
        fake.routed.push(parsed.routed as RoutedEvent);
        return answer(202, { id: `event-${fake.routed.length}` });
      }
      const issueRoute = /^\/forge\/api\/issues\/([^/]+)\/(contracts|temperature|suggestions|assign)$/.exec(
        path,
      );
      if (issueRoute) fake.calls.push(`${method} ${path}`);
      const issueKey = decodeURIComponent(issueRoute?.[1] ?? '');
      if (issueRoute?.[2] === 'contracts')
        return answer(200, fake.contractPanel ?? { state: 'noCustomer', message: {}, contracts: [] });
      if (issueRoute?.[2] === 'temperature')
        return fake.temperature
          ? answer(200, fake.temperature)
          : failed(404, 'issue_not_found', `Issue ${issueKey} was not found`);
      if (issueRoute?.[2] === 'suggestions')
        return fake.suggestions
          ? answer(200, fake.suggestions)
          : failed(404, 'no_suggestions', `No suggestions for ${issueKey} yet`);
      if (issueRoute?.[2] === 'assign' && method === 'POST') {
        const accountId = String(parsed?.accountId);
        fake.assigned.push({ issueKey, accountId, idempotencyKey: headers?.['Idempotency-Key'] });
        const custom = fake.onAssign?.(accountId);
        if (custom) return answer(custom.status, custom.status < 300 ? custom.body : { error: custom.body });
        if (fake.suggestions)
          fake.suggestions = { ...(fake.suggestions as object), assigneeAccountId: accountId };
        return answer(200, { issueKey, accountId, suggestedRank: null, actingAs: fake.actingAs ?? 'person' });
      }
      return failed(404, 'not_found', `no route ${method} ${path}`);
    },
  };
  return fake;
}

/** Resolver dependencies over a Jira base URL and a fake sidecar; time is real, waits are short. */
export function testDeps(
  api: ForgeProductApi,
  sidecar: FakeSidecar,
  overrides: Partial<ResolverDeps> = {},
): ResolverDeps & { store: ReturnType<typeof createMemoryStore> } {
  return {
    jira: createJiraClient(api),
    store: createMemoryStore(),
    sidecar: createSidecarClient(sidecar.invokeRemote),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 25))),
    ...overrides,
  } as ResolverDeps & { store: ReturnType<typeof createMemoryStore> };
}

/** The sidecar's contract panel for a TransLogistic ticket under its 1C support contract. */
export function contractPanel(communication: { detail: string; register: string; language: string }) {
  return {
    state: 'matched',
    customer: { id: 'translogistic', name: 'TransLogistic', matchedBy: 'organization' },
    request: { requestType: null, createdAt: '2026-11-20T09:00:00Z' },
    contracts: [
      {
        id: 'tl-1c-2026',
        number: 'TL-1C-2026/04',
        title: '1C support',
        lineOfBusiness: '1C support',
        tier: 'standard',
        appliesToThisRequest: true,
        communication: { channel: 'email', ...communication },
        serviceManager: {
          accountId: '712020:6c1f3b2e-0008-4a1e-9d01-northwind0008',
          name: 'Sergey Lebedev',
          email: 's.lebedev@northwind.example',
          timeZone: 'Europe/Moscow',
        },
        masterSystem: {
          contractUrl: 'https://erp.northwind.example/contracts/TL-1C-2026-04',
          configurationItems: [],
        },
      },
    ],
  };
}
