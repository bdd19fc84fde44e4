import type { LoadWeights } from '../schemas/assignment.js';
import type { Priority } from '../schemas/calendar.js';

/** One open ticket as far as load is concerned. */
export interface OpenTicket {
  assigneeAccountId: string | null;
  priority: Priority;
}

/** Each engineer's weighted load: the sum of the policy's weight for every open ticket they hold. */
export function weightedLoads(tickets: readonly OpenTicket[], weights: LoadWeights): Record<string, number> {
  const loads: Record<string, number> = {};
  for (const ticket of tickets) {
    if (ticket.assigneeAccountId === null) continue;
    const id = ticket.assigneeAccountId;
    loads[id] = (Object.hasOwn(loads, id) ? loads[id]! : 0) + weights[ticket.priority];
  }
  return loads;
}
