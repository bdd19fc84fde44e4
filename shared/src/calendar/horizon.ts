// The horizon of calendar and SLA arithmetic: instants from 2000-01-01T00:00:00Z to
// 2100-01-01T00:00:00Z, both included (so a range may end exactly at the last instant). Every ticket a desk handles lies well inside it, and bounding
// the range keeps each question finite: an absurd instant (year 275760, say) would otherwise send a
// due-date search through millennia of days, or a zone scan through a year Intl cannot name.
//
// Functions that return a `Result` (`computeSlaClocks`, `evaluateTicket`, `checkedCalendar`) answer
// `{ ok: false, error: { code: 'beyond_horizon', … } }` for such input. The plain calendar
// functions (`addBusinessMinutes` and friends) throw a `BeyondHorizonError` carrying the same
// record, so a caller that cannot vouch for its instants wraps them in `checkedCalendar`.
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

export const HORIZON_START_MS = Date.UTC(2000, 0, 1);
export const HORIZON_END_MS = Date.UTC(2100, 0, 1);

/** The horizon in words, for messages and documentation. */
export const HORIZON = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' } as const;

/** The typed error for an instant (or a result) outside the horizon. */
export interface BeyondHorizon {
  code: 'beyond_horizon';
  message: string;
  /** Which argument or result lies outside, e.g. "start", "now", "due date". */
  subject: string;
  /** The offending instant as epoch milliseconds (NaN-free; ±Infinity for a search that ran out). */
  at: number;
  horizon: typeof HORIZON;
}

/** Thrown by the plain calendar functions; `checkedCalendar` turns it back into a result. */
export class BeyondHorizonError extends RangeError {
  constructor(readonly error: BeyondHorizon) {
    super(error.message);
    this.name = 'BeyondHorizonError';
  }
}

/** True when `ms` lies inside the horizon. */
export function withinHorizon(ms: number): boolean {
  return ms >= HORIZON_START_MS && ms <= HORIZON_END_MS;
}

/** The error record for `subject` at `at`. */
export function beyondHorizon(subject: string, at: number): BeyondHorizon {
  const shown = Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? new Date(at).toISOString() : String(at);
  return {
    code: 'beyond_horizon',
    message: `${subject} (${shown}) lies outside the calendar horizon ${HORIZON.from} … ${HORIZON.to}`,
    subject,
    at,
    horizon: HORIZON,
  };
}

/** Throws a BeyondHorizonError unless `ms` lies inside the horizon. */
export function assertWithinHorizon(subject: string, ms: number): void {
  if (!withinHorizon(ms)) throw new BeyondHorizonError(beyondHorizon(subject, ms));
}

/**
 * Runs calendar arithmetic and answers a result: the value, or `beyond_horizon` when an instant it
 * was given or would have to reach lies outside the horizon. Other exceptions are bugs and pass on.
 */
export function checkedCalendar<T>(compute: () => T): Result<T, BeyondHorizon> {
  try {
    return ok(compute());
  } catch (error) {
    if (error instanceof BeyondHorizonError) return err(error.error);
    throw error;
  }
}
