// The only module that talks to the sidecar (`invokeRemote`, Forge Remote: each request carries
// a Forge Invocation Token, and with appSystemToken the app's own Jira token). Failures come back
// as typed results so a resolver can fall back to the KVS cache.
import type { Result } from '@frontline/shared';

/** The remote key in manifest.yml. */
export const SIDECAR_REMOTE = 'frontline-sidecar';

/** The sidecar's routes for the Forge app (served under /forge/api by the sidecar). */
export const sidecarPaths = {
  health: '/forge/api/health',
  settings: '/forge/api/settings',
  routed: '/forge/api/events/routed',
  contract: (issueKey: string) => `/forge/api/contract?issueKey=${encodeURIComponent(issueKey)}`,
} as const;

/** What `invokeRemote` answers (a subset of the fetch Response). */
export interface RemoteResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

/** `invokeRemote` from `@forge/api`, or a fetch-backed stand-in in tests. */
export type InvokeRemote = (
  remoteKey: string,
  options: { path: string; method: string; headers?: Record<string, string>; body?: string },
) => Promise<RemoteResponse>;

/** A failed sidecar call: HTTP status (0 when unreachable) and the parsed body, if any. */
export interface RemoteError {
  status: number;
  message: string;
  body?: unknown;
}

export type RemoteResult<T> = Promise<Result<T, RemoteError>>;

/** The live settings document and its version, as the sidecar stores it. */
export interface SettingsSnapshot {
  version: number;
  document: unknown;
  updatedAt?: string;
  updatedBy?: string;
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

/** Typed calls to the sidecar over Forge Remote. */
export function createSidecarClient(invokeRemote: InvokeRemote) {
  async function call<T>(path: string, method: string, body?: unknown): RemoteResult<T> {
    try {
      const res = await invokeRemote(SIDECAR_REMOTE, {
        path,
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // a non-JSON answer (a proxy's error page) is kept as text
      }
      if (res.ok) return { ok: true, value: parsed as T };
      const message =
        typeof parsed === 'object' &&
        parsed !== null &&
        typeof (parsed as { message?: unknown }).message === 'string'
          ? (parsed as { message: string }).message
          : `The sidecar answered HTTP ${res.status}`;
      return { ok: false, error: { status: res.status, message, body: parsed } };
    } catch (error) {
      return { ok: false, error: { status: 0, message: `The sidecar is unreachable: ${String(error)}` } };
    }
  }
  return {
    health: () =>
      call<{ ok?: boolean; settingsVersion?: number; version?: string }>(sidecarPaths.health, 'GET'),
    getSettings: () => call<SettingsSnapshot>(sidecarPaths.settings, 'GET'),
    putSettings: (document: unknown, baseVersion?: number) =>
      call<SettingsSnapshot>(sidecarPaths.settings, 'PUT', { document, baseVersion }),
    notifyRouted: (event: RoutedEvent) => call<unknown>(sidecarPaths.routed, 'POST', event),
    getContract: (issueKey: string) => call<unknown>(sidecarPaths.contract(issueKey), 'GET'),
  };
}

export type SidecarClient = ReturnType<typeof createSidecarClient>;
