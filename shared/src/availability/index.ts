export * from './entry.js';
export * from './week.js';
export type * from './views.js';
export * from './settings.js';
