// The Jira stand-in: an in-memory Jira Cloud on loopback for tests and the local demo.
import type { JiraStandIn, StandInOptions } from './types.js';

export * from './types.js';

/** Starts the stand-in on 127.0.0.1 (random port by default) and resolves once it listens. */
export async function startJiraStandIn(_opts: StandInOptions = {}): Promise<JiraStandIn> {
  throw new Error('startJiraStandIn: not implemented yet');
}
