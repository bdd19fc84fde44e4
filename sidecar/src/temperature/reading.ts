// One issue's temperature: the customer's contract (matched the way assignment matches it), the SLA
// clocks under that contract's policy, and the shared score. History comes from the store when the
// sidecar saw the issue's events; otherwise it is rebuilt from the fields the tracker returns
// (creation, priority, status, public comments — read by the tracker's issue source), which is what
// an issue created before Frontline was installed has to go on.
import type { SlaEvent, SlaReport, Temperature } from '@frontline/shared';
import type { ContractMatch } from '../assignment/contract-match.js';
import { evaluateIssue } from '../assignment/plan.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { IssueSnapshot } from '../ports.js';

/** What a temperature reads from the settings world. */
export type TemperatureWorld = Pick<AssignmentWorld, 'settings' | 'calendars' | 'contracts'>;

/** A temperature with what it was computed from. */
export interface IssueTemperature {
  temperature: Temperature;
  contract: ContractMatch | undefined;
  sla: SlaReport | null;
}

/**
 * The temperature of an issue at `now`, by the one ticket evaluation (`evaluateIssue`). `history`
 * should hold a `created` fact (the store's history, or what the tracker's fields tell); without an
 * SLA policy for the customer the score still counts priority, tier, the contract calendar's special
 * periods and silence.
 */
export function readIssueTemperature(
  world: TemperatureWorld,
  snapshot: IssueSnapshot,
  history: readonly SlaEvent[],
  now: Date,
): IssueTemperature {
  const evaluated = evaluateIssue(world, snapshot, history, now);
  return { temperature: evaluated.temperature, contract: evaluated.contract, sla: evaluated.sla };
}

/** The history to replay: the store's when it knows the creation, else what the fields tell. */
export function historyToReplay(stored: readonly SlaEvent[] | undefined, fromFields: SlaEvent[]): SlaEvent[] {
  return stored && stored.some((e) => e.type === 'created') ? [...stored] : fromFields;
}
