// The YouTrack stand-in: REST API (server.ts), data and rules (state.ts), and the YouTrack app's
// workflow rules posting signed events to the sidecar (events.ts). Seeded with the hardware team's
// queue (demo-data.ts) when asked.
import { ActivityLog } from './activities.js';
import { closeServer } from './close.js';
import { EventSender, eventBody } from './events.js';
import type { EventDelivery, EventTarget } from './events.js';
import { createApiServer, listen } from './server.js';
import type { ApiCall } from './server.js';
import { YouTrackState } from './state.js';
import type { YtIssue } from './state.js';
import {
  YOUTRACK_BOT_LOGIN,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_PROJECT,
  YOUTRACK_DEMO_REPORTERS,
  YOUTRACK_DEMO_TOKEN,
} from './demo-data.js';
import { demoEngineers } from '@frontline/shared';

export * from './demo-data.js';
export type { ApiCall } from './server.js';
export { ActivityLog } from './activities.js';
export type { YtActivity } from './activities.js';
export type { EventDelivery, EventTarget } from './events.js';
export { YouTrackState, YtError } from './state.js';
export type { YtComment, YtCustomField, YtIssue, YtUser } from './state.js';

export interface YouTrackStandIn {
  url: string;
  state: YouTrackState;
  /** Every REST call the stand-in answered. */
  calls: ApiCall[];
  /** The activity stream: what was created, changed and commented, and when. */
  activities: ActivityLog;
  /** Every event delivery attempt to the sidecar. */
  deliveries: EventDelivery[];
  /** Answers to give instead of the real ones, in order (429/5xx for retry tests). */
  faults: { status: number; retryAfter?: string }[];
  /** Points the workflow's events at the sidecar (undefined stops them). */
  deliverTo(target: EventTarget | undefined): void;
  /** Resolves once every event posted so far has been answered (or given up on). */
  eventsSettled(): Promise<void>;
  /** Raises a ticket as a customer's contact would in YouTrack (the event follows). */
  raise(input: {
    summary: string;
    reporter: string;
    priority?: string;
    type?: string;
    project?: string;
  }): YtIssue;
  close(): Promise<void>;
}

export interface YouTrackStandInOptions {
  /** Seed the hardware queue, its engineers and reporters (default true). */
  seed?: boolean;
  log?: (line: string) => void;
  now?: () => number;
}

export async function startYouTrackStandIn(opts: YouTrackStandInOptions = {}): Promise<YouTrackStandIn> {
  const now = opts.now ?? Date.now;
  const state = new YouTrackState(now);
  const log = opts.log ?? (() => {});
  state.addUser(YOUTRACK_BOT_LOGIN, 'Frontline', null);
  if (opts.seed ?? true) {
    state.addProject(YOUTRACK_DEMO_PROJECT.shortName, YOUTRACK_DEMO_PROJECT.name);
    for (const e of demoEngineers) state.addUser(YOUTRACK_DEMO_LOGINS[e.accountId]!, e.name, e.email ?? null);
    for (const r of YOUTRACK_DEMO_REPORTERS) state.addUser(r.login, r.fullName, r.email);
  }
  const sender = new EventSender({ maxAttempts: 4, baseDelayMs: 200, log });
  state.onChange((kind, issue, by, extra) => sender.send(eventBody(kind, issue, by, extra, now())));
  const activities = new ActivityLog(state);
  const calls: ApiCall[] = [];
  const faults: { status: number; retryAfter?: string }[] = [];
  const server = createApiServer({
    state,
    tokens: new Map([[YOUTRACK_DEMO_TOKEN, YOUTRACK_BOT_LOGIN]]),
    calls,
    faults,
    activities,
  });
  const url = await listen(server);
  return {
    url,
    state,
    calls,
    activities,
    deliveries: sender.deliveries,
    faults,
    deliverTo: (target) => sender.pointAt(target),
    eventsSettled: () => sender.idle(),
    raise: (input) =>
      state.createIssue({
        project: input.project ?? YOUTRACK_DEMO_PROJECT.shortName,
        summary: input.summary,
        reporter: input.reporter,
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.type ? { type: input.type } : {}),
      }),
    close: () => closeServer(server),
  };
}
