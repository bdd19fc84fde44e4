// Alerts, as a pure function of open tickets, their evaluations and `now`:
// - SLA at risk: an open clock has used the configured share of its target (default 75%) → once per
//   ticket, clock, cycle and share;
// - SLA breached: an open clock's current cycle went over its target → once per ticket, clock, cycle;
// - a special period (month-end close, …) is active for a ticket's calendar → once per ticket and period;
// - duty page: the desk is closed now and the ticket's first-response clock runs out before it opens
//   → the engineer on duty, once per ticket, with the SLA time left;
// - status update due: the contract's cadence for the ticket's priority has passed in the contract's
//   business calendar without a public reply → the assignee, once per silent stretch, with the next
//   checkpoint in the customer's business hours.
// Each alert carries the idempotency key that makes it "once": every tick computes it again and the
// outbox keeps the first.
import {
  activePeriodsAt,
  addBusinessMinutes,
  businessMinutesBetween,
  isWorkingTime,
  nextWorkingInstant,
} from '@frontline/shared';
import type {
  CalendarLike,
  Contract,
  NotificationEvent,
  SlaClock,
  SlaTargetName,
  TicketEvaluation,
} from '@frontline/shared';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import { openClocks } from './clocks.js';

export type AlertKind = 'slaAtRisk' | 'slaBreached' | 'specialPeriodStarts' | 'dutyPage' | 'statusUpdateDue';

export interface Alert {
  kind: AlertKind;
  event: NotificationEvent;
  issueKey: string;
  idempotencyKey: string;
  /** The clock concerned (SLA alerts, duty page). */
  clock?: { target: SlaTargetName; remainingMinutes: number; fractionUsed: number; dueAt: string | null };
  /** The share that was crossed (SLA at risk). */
  share?: number;
  /** The special period that is active. */
  period?: string;
  /** When the desk opens again (duty page). */
  deskOpensAt?: Date | null;
  /** Business hours without a public update, and when the next one is due (status update). */
  silentHours?: number;
  checkpoint?: Date;
  lastPublicUpdateAt?: Date;
}

/** One open ticket with what the alerts read about it. */
export interface AlertTicket {
  issue: TrackedIssue;
  evaluation: TicketEvaluation | undefined;
  contract: Contract | undefined;
  /** The desk's calendar (the project's policy, else the fallback). */
  deskCalendar: CalendarLike | undefined;
  /** The contract's calendar, if it is known. */
  contractCalendar: CalendarLike | undefined;
}

const clockFacts = (c: SlaClock) => ({
  target: c.target,
  remainingMinutes: c.remainingMinutes,
  fractionUsed: c.fractionUsed,
  dueAt: c.dueAt,
});

/** Every alert due at `now`. */
export function dueAlerts(input: {
  tickets: readonly AlertTicket[];
  now: Date;
  atRiskShare: number;
}): Alert[] {
  const { now, atRiskShare } = input;
  const alerts: Alert[] = [];
  for (const t of input.tickets) {
    const key = t.issue.key;
    for (const clock of openClocks(t.evaluation)) {
      if (clock.cycleBreached)
        alerts.push({
          kind: 'slaBreached',
          event: 'slaBreached',
          issueKey: key,
          idempotencyKey: `sla-breached:${key}:${clock.target}:${clock.cycle}`,
          clock: clockFacts(clock),
        });
      else if (clock.fractionUsed >= atRiskShare)
        alerts.push({
          kind: 'slaAtRisk',
          event: 'slaAtRisk',
          issueKey: key,
          idempotencyKey: `sla-at-risk:${key}:${clock.target}:${clock.cycle}:${atRiskShare}`,
          clock: clockFacts(clock),
          share: atRiskShare,
        });
    }

    const periods =
      t.evaluation?.sla?.activePeriods ??
      (t.contractCalendar ? activePeriodsAt(t.contractCalendar, now) : []);
    for (const period of periods)
      alerts.push({
        kind: 'specialPeriodStarts',
        event: 'specialPeriodStarts',
        issueKey: key,
        idempotencyKey: `special-period:${key}:${period.name}`,
        period: period.name,
      });

    const page = dutyPageAlert(t, now);
    if (page) alerts.push(page);

    const cadence = t.contract?.communication.statusUpdates?.everyBusinessHours[t.issue.priority];
    const calendar = t.contractCalendar ?? t.deskCalendar;
    if (cadence !== undefined && calendar && t.issue.assigneeId && isWorkingTime(calendar, now)) {
      const since = t.evaluation ? new Date(t.evaluation.lastPublicUpdateAt) : t.issue.lastPublicUpdateAt;
      const silentMinutes = businessMinutesBetween(calendar, since, now);
      if (silentMinutes >= cadence * 60)
        alerts.push({
          kind: 'statusUpdateDue',
          event: 'statusUpdateDue',
          issueKey: key,
          idempotencyKey: `status-update:${key}:${since.toISOString()}`,
          silentHours: Math.floor(silentMinutes / 60),
          checkpoint: addBusinessMinutes(calendar, now, cadence * 60),
          lastPublicUpdateAt: since,
        });
    }
  }
  return alerts;
}

/**
 * The duty page a ticket calls for at `now`, if any: the desk is closed and the ticket's running
 * first-response clock runs out before it opens. The schedules tick and the processing of the
 * ticket's own events both ask this, and both send under the same idempotency key, so whichever
 * sees it first pages and the other finds the page already in the outbox.
 */
export function dutyPageAlert(
  t: Pick<AlertTicket, 'issue' | 'evaluation' | 'deskCalendar'>,
  now: Date,
): Alert | undefined {
  const key = t.issue.key;
  const firstResponse = openClocks(t.evaluation).find((c) => c.target === 'firstResponse');
  if (
    !t.deskCalendar ||
    firstResponse?.state !== 'running' ||
    firstResponse.dueAt === null ||
    isWorkingTime(t.deskCalendar, now)
  )
    return undefined;
  const opens = nextWorkingInstant(t.deskCalendar, now);
  if (opens !== null && Date.parse(firstResponse.dueAt) >= opens.getTime()) return undefined;
  return {
    kind: 'dutyPage',
    event: 'dutyPage',
    issueKey: key,
    idempotencyKey: `duty-page:${key}`,
    clock: clockFacts(firstResponse),
    deskOpensAt: opens,
  };
}
