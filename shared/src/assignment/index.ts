export * from './rank.js';
export * from './decide.js';
export * from './demo-engineers.js';
export { onDutyAt } from './duty.js';
export { absenceAt, absenceSpan } from './absence.js';
export { formatWhen } from './wording.js';
export { loadRuleOf, ticketLoadWeight, weightedLoads, type LoadRule, type OpenTicket } from './load.js';
