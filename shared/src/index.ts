// The public API of @frontline/shared. Other workspaces import only from here.
export * from './result.js';
export * from './schemas/errors.js';
export * from './schemas/routing.js';
export * from './routing/index.js';
export * from './schemas/replies.js';
export * from './schemas/glossary.js';
export * from './schemas/contract.js';
export * from './schemas/channels.js';
export * from './replies/index.js';
export * from './schemas/calendar.js';
export * from './calendar/index.js';
export * from './schemas/engineers.js';
export * from './schemas/assignment.js';
export * from './assignment/index.js';
export * from './schemas/sla.js';
export * from './sla/index.js';
