// The public API of @frontline/shared. Other workspaces import only from here.
export * from './result.js';
export * from './schemas/errors.js';
export * from './schemas/routing.js';
export * from './routing/index.js';
