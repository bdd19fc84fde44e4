// The sidecar's availability routes (sidecar/src/http/forge/availability.ts) over Forge Remote. The
// acting person is the FIT's principal: Forge signs it, nothing in the request names them.
import { callSidecar, queryOf as query } from './call.js';
import type { InvokeRemote } from './call.js';

export const availabilityPaths = {
  me: '/forge/api/availability/me',
  absences: '/forge/api/availability/absences',
  absence: (id: string) => `/forge/api/availability/absences/${encodeURIComponent(id)}`,
  confirm: '/forge/api/availability/confirm',
  team: '/forge/api/availability/team',
  feed: '/forge/api/availability/feed',
} as const;

/** Typed calls to the availability routes; failures come back as results, never thrown. */
export function createAvailabilityClient(invokeRemote: InvokeRemote) {
  const call = <T>(path: string, method: string, body?: unknown) =>
    callSidecar<T>(invokeRemote, { path, method, body });
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
