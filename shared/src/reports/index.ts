// The service report: lifecycle facts of a ticket, order statistics, the report's shape, its CSV
// and durations in words.
export * from './csv.js';
export * from './duration.js';
export * from './lifecycle.js';
export * from './parts.js';
export * from './query.js';
export * from './report.js';
export * from './stats.js';
export * from './cells.js';
export * from './ratings.js';
