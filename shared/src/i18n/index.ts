export * from './plural.js';
export * from './format.js';
export * from './messages.js';
export * from './when.js';
