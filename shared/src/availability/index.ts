export * from './entry.js';
export * from './week.js';
export * from './settings.js';
