// SLA clocks: elapsed, remaining, due and breach of each target, replayed from an issue's history.
export type { SlaClock, SlaClockState, SlaError, SlaReport, SlaSegment } from './clocks.js';
export { computeSlaClocks, effectivePriority, mostUrgentClock, rulesFor } from './clocks.js';
