// Coordinator assignment: issue tracking from events, the decision per event, carrying it out in
// the tracker, and the Telegram "Take" function. The Forge panel's routes live in http/forge/.
export * from './issue-facts.js';
export * from './contract-match.js';
export * from './plan.js';
export * from './repository.js';
export * from './track.js';
export * from './carry-out.js';
export * from './notices.js';
export { createWorldLoader, DEFAULT_SKILLS_BY_LABEL, feedAbsences } from './world.js';
export { createTakeAssign, BLOCKING_EXCLUSIONS } from './take.js';
