import type { AssignmentPolicy, BandLoadWeights, LoadWeights } from '../schemas/assignment.js';
import type { Priority } from '../schemas/calendar.js';
import type { TemperaturePolicy } from '../schemas/temperature.js';
import { bandOf } from '../temperature/index.js';

// An engineer's load is the sum, over the open tickets assigned to them, of what each ticket weighs.
// A ticket weighs its temperature band's weight (a hot ticket costs more attention than a cold one
// of the same priority) when its temperature is known; otherwise, or when the policy weighs by
// priority only, its priority's weight.

/** One open ticket as far as load is concerned. */
export interface OpenTicket {
  assigneeAccountId: string | null;
  priority: Priority;
  /** 0–100; absent or null when not known. */
  temperature?: number | null;
}

/** How tickets weigh: by band (under the temperature policy's bands) when known, else by priority. */
export interface LoadRule {
  byPriority: LoadWeights;
  /** null: by priority only. */
  byBand: BandLoadWeights | null;
  temperature: TemperaturePolicy;
}

/** The load rule of a project's assignment policy under the settings' temperature policy. */
export function loadRuleOf(
  policy: Pick<AssignmentPolicy, 'loadWeights' | 'loadWeightsByTemperature'>,
  temperature: TemperaturePolicy,
): LoadRule {
  return { byPriority: policy.loadWeights, byBand: policy.loadWeightsByTemperature, temperature };
}

const isRule = (rule: LoadRule | LoadWeights): rule is LoadRule => Object.hasOwn(rule, 'byPriority');

/** What one ticket weighs under `rule` (bare priority weights weigh by priority only). */
export function ticketLoadWeight(
  ticket: Pick<OpenTicket, 'priority' | 'temperature'>,
  rule: LoadRule | LoadWeights,
): number {
  if (!isRule(rule)) return rule[ticket.priority];
  const { temperature } = ticket;
  if (rule.byBand && typeof temperature === 'number')
    return rule.byBand[bandOf(temperature, rule.temperature)];
  return rule.byPriority[ticket.priority];
}

/** Each engineer's weighted load: the sum of `ticketLoadWeight` over every open ticket they hold. */
export function weightedLoads(
  tickets: readonly OpenTicket[],
  rule: LoadRule | LoadWeights,
): Record<string, number> {
  const loads: Record<string, number> = {};
  for (const ticket of tickets) {
    if (ticket.assigneeAccountId === null) continue;
    const id = ticket.assigneeAccountId;
    loads[id] = (Object.hasOwn(loads, id) ? loads[id]! : 0) + ticketLoadWeight(ticket, rule);
  }
  return loads;
}
