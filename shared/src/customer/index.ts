export * from './approval.js';
export * from './feedback.js';
export * from './tokens.js';
export * from './texts.js';
