// The Jira gateway: the only module that talks to Jira (through jira.js).
import type { JiraGateway, JiraGatewayOptions } from './types.js';

export * from './types.js';

/** A gateway with timeouts, bounded concurrency, rate-limit handling and per-issue write pacing. */
export function createJiraGateway(_opts: JiraGatewayOptions): JiraGateway {
  throw new Error('createJiraGateway: not implemented yet');
}
