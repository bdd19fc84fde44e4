// The sidecar's core routes for the Forge app (settings, issue views, assignment, events) over
// Forge Remote: each request carries a Forge Invocation Token, and with appSystemToken the app's own
// Jira token. Failures come back as typed results so a resolver can fall back to the KVS cache.
import { z } from 'zod';
import type { Contract } from '@frontline/shared';
import {
  CommunicationPreferencesSchema,
  MasterSystemLinksSchema,
  ServiceManagerSchema,
} from '@frontline/shared';
import { callSidecar } from './call.js';
import type { InvokeRemote, RemoteResult } from './call.js';

export { SIDECAR_REMOTE } from './call.js';
export type { InvokeRemote, RemoteError, RemoteResponse, RemoteResult } from './call.js';

/** The sidecar's routes for the Forge app (sidecar/src/http/forge: every request carries a FIT). */
export const sidecarPaths = {
  health: '/forge/api/health',
  settings: '/forge/api/settings',
  /** Settings versions, newest first: who, when, which paths changed. */
  settingsVersions: '/forge/api/settings/versions',
  /** Makes an earlier version live again as a new version. */
  restoreSettings: (version: number) => `/forge/api/settings/versions/${version}/restore`,
  /** A test message through one channel as the saved settings configure it. */
  channelTest: (channel: string) => `/forge/api/channels/${encodeURIComponent(channel)}/test`,
  /** Events from the app (Frontline's own, like product events) are accepted durably here. */
  events: '/forge/events',
  /** The contract panel's data: the customer's contracts and which one this request falls under. */
  contracts: (issueKey: string) => `/forge/api/issues/${encodeURIComponent(issueKey)}/contracts`,
  /** The Temperature glance: score, band and each factor's points and reason, computed on request. */
  temperature: (issueKey: string) => `/forge/api/issues/${encodeURIComponent(issueKey)}/temperature`,
  /** Engineers ranked for the issue now, on every call (404 `no_suggestions` without a policy). */
  suggestions: (issueKey: string) => `/forge/api/issues/${encodeURIComponent(issueKey)}/suggestions`,
  /** Assigns and records the decision for time to assign (`{ accountId }`). */
  assign: (issueKey: string) => `/forge/api/issues/${encodeURIComponent(issueKey)}/assign`,
} as const;

/** The event type the sidecar turns into a notice to the target team. */
export const ROUTED_EVENT_TYPE = 'frontline:issue-routed';

/** The live settings document and its version, as the sidecar stores it. */
export interface SettingsSnapshot {
  version: number;
  document: unknown;
  updatedAt?: string;
  updatedBy?: string;
}

/** One settings version as the history lists it. */
export interface SettingsVersionSummary {
  version: number;
  actor: string;
  source: string;
  changes: { op: 'added' | 'removed' | 'changed'; path: string }[];
  /** The earlier version a restore brought back; absent from a sidecar that does not record it. */
  restoredFrom?: number | null;
  createdAt: string;
}

/** The notice the sidecar turns into a message to the target team. */
export interface RoutedEvent {
  presetId: string;
  channel: string | null;
  sourceKey: string;
  targetKey: string;
  targetProject: string;
  method: 'move' | 'clone';
  summary: string;
  actorAccountId: string;
  routedAt: string;
}

/**
 * What Route and Reply read from the customer's contract: the fields of the shared `Contract` that
 * the sidecar's contract panel (GET /forge/api/issues/:key/contracts) carries.
 */
export type ContractFacts = Pick<
  Contract,
  'id' | 'customer' | 'number' | 'title' | 'communication' | 'serviceManager' | 'masterSystem'
>;

const PanelSchema = z.looseObject({
  state: z.string(),
  customer: z.looseObject({ id: z.string(), name: z.string() }).optional(),
  contracts: z.array(
    z.looseObject({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      appliesToThisRequest: z.boolean().optional(),
      communication: CommunicationPreferencesSchema,
      serviceManager: ServiceManagerSchema,
      masterSystem: MasterSystemLinksSchema,
    }),
  ),
});

/** The contract a panel answer says this request falls under (else its only contract), or null. */
export function contractOfPanel(panel: unknown): ContractFacts | null {
  const parsed = PanelSchema.safeParse(panel);
  if (!parsed.success || parsed.data.state !== 'matched' || !parsed.data.customer) return null;
  const { contracts, customer } = parsed.data;
  const card =
    contracts.find((c) => c.appliesToThisRequest) ?? (contracts.length === 1 ? contracts[0] : undefined);
  if (!card) return null;
  return {
    id: card.id,
    customer: { id: customer.id, name: customer.name },
    number: card.number,
    title: card.title,
    communication: card.communication,
    serviceManager: card.serviceManager,
    masterSystem: card.masterSystem,
  };
}

/** Typed calls to the sidecar over Forge Remote. */
export function createSidecarClient(invokeRemote: InvokeRemote) {
  const call = <T>(path: string, method: string, body?: unknown, headers: Record<string, string> = {}) =>
    callSidecar<T>(invokeRemote, { path, method, body, headers });
  type LiveSettings = {
    version: number;
    settings: unknown;
    updatedAt?: string | null;
    updatedBy?: string | null;
  };
  const snapshot = (live: LiveSettings): SettingsSnapshot => ({
    version: live.version,
    document: live.settings,
    ...(live.updatedAt ? { updatedAt: live.updatedAt } : {}),
    ...(live.updatedBy ? { updatedBy: live.updatedBy } : {}),
  });
  const asSnapshot = async (result: RemoteResult<LiveSettings>): RemoteResult<SettingsSnapshot> => {
    const r = await result;
    return r.ok ? { ok: true, value: snapshot(r.value) } : r;
  };
  return {
    health: () => call<{ status?: string; settingsVersion?: number }>(sidecarPaths.health, 'GET'),
    getSettings: () => asSnapshot(call<LiveSettings>(sidecarPaths.settings, 'GET')),
    /** Replaces the whole document; with `baseVersion` the sidecar refuses (409) if someone saved meanwhile. */
    putSettings: (document: unknown, baseVersion?: number) =>
      asSnapshot(
        call<LiveSettings>(
          sidecarPaths.settings,
          'PUT',
          document,
          baseVersion === undefined ? {} : { 'If-Match': `"${baseVersion}"` },
        ),
      ),
    /** Settings versions, newest first (who, when, which paths changed). */
    settingsVersions: (limit = 50) =>
      call<{ versions: SettingsVersionSummary[] }>(`${sidecarPaths.settingsVersions}?limit=${limit}`, 'GET'),
    /** Version `version`'s document made live again as a new version; 409 when someone saved since `baseVersion`. */
    restoreSettings: (version: number, baseVersion?: number) =>
      asSnapshot(
        call<LiveSettings>(
          sidecarPaths.restoreSettings(version),
          'POST',
          {},
          baseVersion === undefined ? {} : { 'If-Match': `"${baseVersion}"` },
        ),
      ),
    /** A test send through `channel`; a refusal (422) carries its code and message in `error.body`. */
    testChannel: (channel: string, recipient?: string) =>
      call<{ ok: true; recipient: string }>(
        sidecarPaths.channelTest(channel),
        'POST',
        recipient ? { recipient } : {},
      ),
    notifyRouted: (event: RoutedEvent) =>
      call<unknown>(sidecarPaths.events, 'POST', { eventType: ROUTED_EVENT_TYPE, routed: event }),
    /** The contract this request falls under, as far as the sidecar's contract panel tells it. */
    getContract: async (issueKey: string): RemoteResult<ContractFacts | null> => {
      const panel = await call<unknown>(sidecarPaths.contracts(issueKey), 'GET');
      return panel.ok ? { ok: true, value: contractOfPanel(panel.value) } : panel;
    },
    /** The whole contract panel as the sidecar builds it (the panel screen validates nothing more). */
    getContractPanel: (issueKey: string) => call<unknown>(sidecarPaths.contracts(issueKey), 'GET'),
    getTemperature: (issueKey: string) => call<unknown>(sidecarPaths.temperature(issueKey), 'GET'),
    getSuggestions: (issueKey: string) => call<unknown>(sidecarPaths.suggestions(issueKey), 'GET'),
    /** One key per click: a retried delivery of the same click is recorded once by the sidecar. */
    assign: (issueKey: string, accountId: string, idempotencyKey: string) =>
      call<{ accountId: string; suggestedRank?: number | null; actingAs?: 'person' | 'app' }>(
        sidecarPaths.assign(issueKey),
        'POST',
        { accountId },
        { 'Idempotency-Key': idempotencyKey },
      ),
  };
}

export type SidecarClient = ReturnType<typeof createSidecarClient>;
