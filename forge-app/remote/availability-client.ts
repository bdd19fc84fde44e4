// The sidecar's availability routes (sidecar/src/http/forge/availability.ts) over Forge Remote. The
// acting person is the FIT's principal: Forge signs it, nothing in the request names them.
import type { InvokeRemote, RemoteResult } from './sidecar-client.js';
import { SIDECAR_REMOTE } from './sidecar-client.js';

export const availabilityPaths = {
  me: '/forge/api/availability/me',
  absences: '/forge/api/availability/absences',
  absence: (id: string) => `/forge/api/availability/absences/${encodeURIComponent(id)}`,
  confirm: '/forge/api/availability/confirm',
  team: '/forge/api/availability/team',
  feed: '/forge/api/availability/feed',
} as const;

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Typed calls to the availability routes; failures come back as results, never thrown. */
export function createAvailabilityClient(invokeRemote: InvokeRemote) {
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
        // a proxy's error page stays text
      }
      if (res.ok) return { ok: true, value: parsed as T };
      const error = (parsed as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
      const message =
        typeof error?.message === 'string' ? error.message : `The sidecar answered HTTP ${res.status}`;
      return { ok: false, error: { status: res.status, message, details: error?.details } };
    } catch (error) {
      return { ok: false, error: { status: 0, message: `The sidecar is unreachable: ${String(error)}` } };
    }
  }
  return {
    mine: (params: { accountId?: string; from?: string }) =>
      call<unknown>(`${availabilityPaths.me}${query(params)}`, 'GET'),
    add: (entry: Record<string, unknown>) => call<unknown>(availabilityPaths.absences, 'POST', entry),
    change: (id: string, entry: Record<string, unknown>) =>
      call<unknown>(availabilityPaths.absence(id), 'PUT', entry),
    remove: (id: string) => call<unknown>(availabilityPaths.absence(id), 'DELETE'),
    confirm: (body: { weekStart: string; accountId?: string }) =>
      call<unknown>(availabilityPaths.confirm, 'POST', body),
    /** The calendar's secret address goes to the sidecar once, to be sealed there; it never comes back. */
    linkFeed: (body: { url: string; accountId?: string }) =>
      call<unknown>(availabilityPaths.feed, 'PUT', body),
    unlinkFeed: (params: { accountId?: string }) =>
      call<unknown>(`${availabilityPaths.feed}${query(params)}`, 'DELETE'),
    team: (params: { team?: string; week?: string }) =>
      call<unknown>(`${availabilityPaths.team}${query(params)}`, 'GET'),
  };
}

export type AvailabilityClient = ReturnType<typeof createAvailabilityClient>;
