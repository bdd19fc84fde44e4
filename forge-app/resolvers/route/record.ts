// The per-issue route record in KVS: what a click started (the plan) and what the modal shows now
// (the view). A repeat click, a reopened modal and a second poller all read it instead of routing
// again.
import type { RoutingPlan } from '@frontline/shared';
import { storeKeys } from '../../storage/app-store.js';
import type { RouteView } from '../../ui-contract.js';
import type { ResolverDeps } from '../resolver-kit.js';

export interface RouteRecord {
  presetId: string;
  sourceId: string;
  sourceKey: string;
  actorAccountId: string;
  plan: RoutingPlan;
  view: RouteView;
}

/** A record before anything has been shown for it. */
export type RecordBase = Omit<RouteRecord, 'view'>;

/** How long a finished route answers repeat clicks with its result instead of routing again. */
export const DONE_RECORD_TTL_SECONDS = 10 * 60;
/** A move may sit in Jira's queue for long; its record outlives any modal that polls it. */
const MOVING_RECORD_TTL_SECONDS = 24 * 60 * 60;
/** Longer than one resolver may run (25 s), so a crashed click frees the issue on its own. */
export const LOCK_TTL_SECONDS = 120;

export function readRouteRecord(deps: ResolverDeps, sourceId: string): Promise<RouteRecord | undefined> {
  return deps.store.get<RouteRecord>(storeKeys.routeRecord(sourceId));
}

/** Stores the record with the view it has reached; a moving one is kept until the move ends. */
export async function saveRouteRecord(deps: ResolverDeps, record: RouteRecord): Promise<void> {
  const ttlSeconds = record.view.state === 'moving' ? MOVING_RECORD_TTL_SECONDS : DONE_RECORD_TTL_SECONDS;
  await deps.store.set(storeKeys.routeRecord(record.sourceId), record, { ttlSeconds });
}
