// One evaluation of a ticket: the SLA clocks under its contract's policy and the temperature they
// give, at `now`. Every part of the product that needs a ticket's clocks or temperature (tracking an
// event, the sweep, the glance, suggestions) calls this one function, so they cannot disagree.
//
// Rules:
// - The contract names the SLA policy and the customer's tier; the policy names the calendar the
//   clocks run on. With a policy and its calendar the temperature follows the most urgent open
//   clock, the periods active on that calendar and the last public agent reply the replay saw.
// - Without them (no contract, an unknown policy or calendar, a history with no creation) there are
//   no clocks, and the temperature still counts priority, tier, the special periods of the
//   contract's own calendar and the silence since the last public agent reply (or the creation).
// - History facts stamped after `now` have not happened yet and count for nothing.
// - `now` must lie within the calendar horizon (2000-01-01 to 2100-01-01); otherwise the answer is
//   `beyond_horizon`. A creation or due date beyond it leaves the clocks out (`slaProblem` says why).
import type { ActivePeriod, BeyondHorizon, CalendarLike } from '../calendar/index.js';
import { compiledOf } from '../calendar/compiled.js';
import { beyondHorizon, withinHorizon } from '../calendar/horizon.js';
import { isoInstant } from '../calendar/iso.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { Priority } from '../schemas/calendar.js';
import type { SlaEvent, SlaPolicy } from '../schemas/sla.js';
import type { TemperatureInput, TemperaturePolicy } from '../schemas/temperature.js';
import type { SlaError, SlaReport } from '../sla/index.js';
import { computeSlaClocks } from '../sla/index.js';
import type { Temperature } from '../temperature/index.js';
import { computeTemperature, temperatureInputFromSla } from '../temperature/index.js';

/** What the evaluation reads of the ticket itself (its current state in the tracker). */
export interface TicketFacts {
  priority: Priority;
  createdAt: Date;
  requestType?: string | undefined;
}

/** What the evaluation reads of the customer's contract. */
export interface ContractTerms {
  tier: string;
  slaPolicyId: string;
  calendarId: string;
}

/** The settings the evaluation reads: SLA policies and the temperature policy. */
export interface EvaluationSettings {
  slaPolicies: readonly SlaPolicy[];
  temperature: TemperaturePolicy;
}

export interface EvaluationInput {
  ticket: TicketFacts;
  /** The ticket's SLA facts (any order; see `computeSlaClocks`). */
  history: readonly SlaEvent[];
  /** The contract the ticket falls under, or null when none matches. */
  contract: ContractTerms | null | undefined;
  settings: EvaluationSettings;
  /** Calendars by id; compiled ones answer fastest. */
  calendars: Readonly<Record<string, CalendarLike>>;
  now: Date;
  /** Whether the SLA report lists each clock's segments (default false: nothing here needs them). */
  segments?: boolean;
}

/** A ticket's clocks and temperature at one instant. */
export interface TicketEvaluation {
  /** The SLA report, or null when the ticket has no clocks (see `slaProblem`). */
  sla: SlaReport | null;
  /** Why there are no clocks: no contract or policy, or the replay's own error. Null when `sla` is set. */
  slaProblem: SlaProblem | null;
  temperature: Temperature;
  /** The priority targets and ranking use: the SLA report's effective priority, else the ticket's own. */
  effectivePriority: Priority;
  /** When the customer last heard from us (ISO): the last public agent reply, or the creation. */
  lastPublicUpdateAt: string;
}

export type SlaProblem =
  | { code: 'no-contract' }
  | { code: 'no-policy'; slaPolicyId: string }
  | { code: 'no-calendar'; calendarId: string }
  | SlaError;

export type EvaluationError = BeyondHorizon;

/** The last public agent reply at or before `now` (ms), or `fallback` when there is none later. */
function lastPublicReply(history: readonly SlaEvent[], fallback: number, now: number): number {
  let last = fallback;
  for (const e of history) {
    if (e.type !== 'comment' || e.author !== 'agent' || !e.public) continue;
    const at = Date.parse(e.at);
    if (at > last && at <= now) last = at;
  }
  return last;
}

const NO_PERIODS: ActivePeriod[] = [];

/** A ticket's SLA clocks and temperature at `now` (see the file comment for the rules). */
export function evaluateTicket(input: EvaluationInput): Result<TicketEvaluation, EvaluationError> {
  const { ticket, contract, settings, calendars, history } = input;
  const now = input.now.getTime();
  if (!withinHorizon(now)) return err(beyondHorizon('now', now));
  const tier = contract?.tier ?? null;

  let sla: SlaReport | null = null;
  let slaProblem: SlaProblem | null = null;
  if (!contract) slaProblem = { code: 'no-contract' };
  else {
    const policy = settings.slaPolicies.find((p) => p.id === contract.slaPolicyId);
    const calendar = policy ? calendars[policy.calendarId] : undefined;
    if (!policy) slaProblem = { code: 'no-policy', slaPolicyId: contract.slaPolicyId };
    else if (!calendar) slaProblem = { code: 'no-calendar', calendarId: policy.calendarId };
    else {
      const report = computeSlaClocks(policy, calendar, history, input.now, {
        segments: input.segments ?? false,
      });
      if (report.ok) sla = report.value;
      else slaProblem = report.error;
    }
  }

  let temperatureInput: TemperatureInput;
  if (sla) temperatureInput = temperatureInputFromSla(sla, tier);
  else {
    const own = contract ? calendars[contract.calendarId] : undefined;
    let activePeriods = NO_PERIODS;
    if (own) {
      const compiled = compiledOf(own);
      if (compiled.hasPeriods) activePeriods = compiled.activePeriodsOn(compiled.localDay(now));
    }
    temperatureInput = {
      sla: null,
      priority: ticket.priority,
      tier,
      activePeriods,
      lastPublicUpdateAt: isoInstant(lastPublicReply(history, ticket.createdAt.getTime(), now)),
    };
  }
  return ok({
    sla,
    slaProblem,
    temperature: computeTemperature(temperatureInput, settings.temperature, input.now),
    effectivePriority: sla?.effectivePriority ?? ticket.priority,
    lastPublicUpdateAt: temperatureInput.lastPublicUpdateAt,
  });
}
