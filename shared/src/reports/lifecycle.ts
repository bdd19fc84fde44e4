// One ticket's lifecycle as the service report keeps it: when it was created, first answered in
// public by an agent, first assigned, started (its status category became In Progress) and
// resolved, how often it was reopened, each SLA clock's outcome, and the business minutes between
// those instants in the contract's calendar (wall-clock minutes when the ticket has no contract).
// Pure: the sidecar feeds it the ticket's history, its one evaluation and the instants it recorded.
import type { CalendarLike } from '../calendar/index.js';
import {
  businessMinutesBetween,
  isBusinessDay,
  localDateTime,
  workingIntervalsOfDate,
} from '../calendar/index.js';
import { PRIORITIES } from '../schemas/calendar.js';
import type { Priority } from '../schemas/calendar.js';
import type { ServiceTargets } from '../schemas/contract.js';
import type { SlaEvent, SlaTargetName } from '../schemas/sla.js';
import { SLA_TARGETS } from '../schemas/sla.js';
import type { SlaClock } from '../sla/index.js';
import { addDays } from './query.js';

/** How an SLA clock ended up: met, breached, or still open (null). */
export type ClockOutcome = 'met' | 'breached' | null;

/**
 * Business minutes from assignment to the start of work the desk promises, per priority, where the
 * ticket's contract names no target of its own (or the ticket has no contract).
 */
export const DEFAULT_WORK_START_TARGETS: Readonly<Record<Priority, number>> = {
  highest: 60,
  high: 120,
  medium: 240,
  low: 480,
  lowest: 960,
};

/** Business days a parts order may take where the contract names no delivery target. */
export const DEFAULT_PARTS_DELIVERY_DAYS = 2;

/** Whether a target is the contract's own term or the desk's default. */
export type TargetSource = 'contract' | 'default';

/**
 * The work-start target for a ticket of `priority`: the contract's business hours for that priority
 * in whole minutes (at least one), or the default.
 */
export function workStartTarget(
  priority: Priority,
  targets: ServiceTargets | undefined,
): { minutes: number; source: TargetSource } {
  const hours = targets?.workStartBusinessHours?.[priority];
  return hours === undefined
    ? { minutes: DEFAULT_WORK_START_TARGETS[priority], source: 'default' }
    : { minutes: Math.max(1, Math.round(hours * 60)), source: 'contract' };
}

/** The business days a parts order may take: the contract's own target, or the default. */
export function partsDeliveryTarget(targets: ServiceTargets | undefined): {
  businessDays: number;
  source: TargetSource;
} {
  const days = targets?.partsDeliveryBusinessDays;
  return days === undefined
    ? { businessDays: DEFAULT_PARTS_DELIVERY_DAYS, source: 'default' }
    : { businessDays: days, source: 'contract' };
}

/** The targets the report measures a contract's tickets and parts orders against, each with its source. */
export interface EffectiveServiceTargets {
  /** Business minutes from assignment to the start of work, per priority. */
  workStart: Record<Priority, { minutes: number; source: TargetSource }>;
  partsDelivery: { businessDays: number; source: TargetSource };
}

/** Every target a contract's terms amount to, the defaults filling what it does not name. */
export function effectiveServiceTargets(targets: ServiceTargets | undefined): EffectiveServiceTargets {
  return {
    workStart: Object.fromEntries(PRIORITIES.map((p) => [p, workStartTarget(p, targets)])) as Record<
      Priority,
      { minutes: number; source: TargetSource }
    >,
    partsDelivery: partsDeliveryTarget(targets),
  };
}

export interface TicketDimensions {
  issueKey: string;
  project: string;
  team: string;
  customerId: string | null;
  customerName: string | null;
  contractId: string | null;
  engineerId: string | null;
  priority: Priority;
  requestType: string | null;
}

export interface TicketLifecycleInput extends TicketDimensions {
  createdAt: Date;
  history: readonly SlaEvent[];
  /** Whether the ticket is resolved now. */
  resolved: boolean;
  /** The first instant an assignee was seen, if any. */
  firstAssignedAt: Date | null;
  /** The first instant the status category became In Progress, if it did. */
  workStartedAt: Date | null;
  /** The clocks of the ticket's one evaluation (empty without a contract). */
  clocks: readonly Pick<SlaClock, 'target' | 'targetMinutes' | 'elapsedMinutes' | 'breached' | 'met'>[];
  /** The contract's calendar; undefined counts wall-clock minutes. */
  calendar: CalendarLike | undefined;
  /** The contract's service targets; the defaults apply where it names none (or there is no contract). */
  targets?: ServiceTargets | undefined;
}

export interface ClockFigures {
  outcome: ClockOutcome;
  targetMinutes: number;
  elapsedMinutes: number;
}

export interface TicketLifecycle extends TicketDimensions {
  createdAt: Date;
  firstResponseAt: Date | null;
  firstAssignedAt: Date | null;
  workStartedAt: Date | null;
  resolvedAt: Date | null;
  reopenedCount: number;
  /** Business minutes (see the file comment). */
  firstResponseMinutes: number | null;
  assignMinutes: number | null;
  workStartMinutes: number | null;
  workStartTargetMinutes: number;
  /** Whether the work-start target came from the contract or is the default. */
  workStartTargetSource: TargetSource;
  resolutionMinutes: number | null;
  /** Whether the minutes above are business minutes of the contract's calendar. */
  businessTime: boolean;
  sla: Record<SlaTargetName, ClockFigures | null>;
}

/** Minutes from `from` to `to` in the calendar (wall clock without one); null when either is missing or `to` is earlier. */
export function minutesBetween(
  calendar: CalendarLike | undefined,
  from: Date | null,
  to: Date | null,
): number | null {
  if (!from || !to || to.getTime() < from.getTime()) return null;
  if (!calendar) return (to.getTime() - from.getTime()) / 60_000;
  return businessMinutesBetween(calendar, from, to);
}

function outcomeOf(clock: Pick<SlaClock, 'breached' | 'met'>): ClockOutcome {
  if (clock.breached) return 'breached';
  return clock.met === true ? 'met' : null;
}

/** The ticket's lifecycle (see the file comment). */
export function ticketLifecycle(input: TicketLifecycleInput): TicketLifecycle {
  const created = input.createdAt.getTime();
  let firstResponse: number | null = null;
  let resolvedAt: number | null = null;
  let reopened = 0;
  const ordered = [...input.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const e of ordered) {
    const at = Date.parse(e.at);
    if (e.type === 'comment' && e.public && e.author === 'agent' && at >= created && firstResponse === null)
      firstResponse = at;
    if (e.type === 'resolved') resolvedAt = at;
    if (e.type === 'reopened') {
      reopened++;
      resolvedAt = null;
    }
  }
  if (!input.resolved) resolvedAt = null;
  const cal = input.calendar;
  const target = workStartTarget(input.priority, input.targets);
  const firstResponseAt = firstResponse === null ? null : new Date(firstResponse);
  const resolved = resolvedAt === null ? null : new Date(resolvedAt);
  const sla = Object.fromEntries(SLA_TARGETS.map((t) => [t, null])) as Record<
    SlaTargetName,
    ClockFigures | null
  >;
  for (const c of input.clocks)
    sla[c.target] = {
      outcome: outcomeOf(c),
      targetMinutes: c.targetMinutes,
      elapsedMinutes: c.elapsedMinutes,
    };
  return {
    issueKey: input.issueKey,
    project: input.project,
    team: input.team,
    customerId: input.customerId,
    customerName: input.customerName,
    contractId: input.contractId,
    engineerId: input.engineerId,
    priority: input.priority,
    requestType: input.requestType,
    createdAt: input.createdAt,
    firstResponseAt,
    firstAssignedAt: input.firstAssignedAt,
    workStartedAt: input.workStartedAt,
    resolvedAt: resolved,
    reopenedCount: reopened,
    firstResponseMinutes: minutesBetween(cal, input.createdAt, firstResponseAt),
    assignMinutes: minutesBetween(cal, input.createdAt, input.firstAssignedAt),
    workStartMinutes: minutesBetween(cal, input.firstAssignedAt, input.workStartedAt),
    workStartTargetMinutes: target.minutes,
    workStartTargetSource: target.source,
    resolutionMinutes: minutesBetween(cal, input.createdAt, resolved),
    businessTime: cal !== undefined,
    sla,
  };
}

/**
 * When a parts order ordered at `orderedAt` is due: the end of the `businessDays`-th business day
 * after the order's own local date in the calendar (without a calendar, that many 24-hour days).
 */
export function partsDeliveryDue(
  calendar: CalendarLike | undefined,
  orderedAt: Date,
  businessDays: number,
): Date {
  if (!calendar) return new Date(orderedAt.getTime() + businessDays * 86_400_000);
  const zone = 'timeZone' in calendar ? calendar.timeZone : 'UTC';
  let date = localDateTime(zone, orderedAt).date;
  let counted = 0;
  // Bounded: a calendar with hours has a business day within a few weeks, and a contract promises
  // at most a working year of business days.
  for (let i = 0; i < 366 + 2 * businessDays && counted < businessDays; i++) {
    date = addDays(date, 1);
    if (isBusinessDay(calendar, date)) counted++;
  }
  const intervals = workingIntervalsOfDate(calendar, date);
  const last = intervals[intervals.length - 1];
  return last ? last.end : new Date(Date.parse(`${addDays(date, 1)}T00:00:00Z`));
}
