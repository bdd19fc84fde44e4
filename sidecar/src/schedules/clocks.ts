// A tracked ticket's clocks at `now`, through the one shared evaluation, for the schedules and the
// bot: the contract the ticket was matched to, its stored SLA facts, and which calendar counts its
// business time (the contract's where it has one, the desk's otherwise).
import { evaluateTicket } from '@frontline/shared';
import type { CalendarLike, Contract, SlaClock, SlaEvent, TicketEvaluation } from '@frontline/shared';
import type { AssignmentWorld } from '../assignment/plan.js';
import { loadHistory } from '../assignment/repository.js';
import { withCreation } from '../assignment/track.js';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import type { Queryable } from '../store/db.js';
import { projectRules } from './digest.js';

/** The contract a tracked ticket was matched to, if it is still known. */
export function contractOf(
  world: Pick<AssignmentWorld, 'contracts'>,
  issue: Pick<TrackedIssue, 'contractId'>,
): Contract | undefined {
  return issue.contractId ? world.contracts.find((c) => c.id === issue.contractId) : undefined;
}

/**
 * The calendar a ticket's business time is counted in: its contract's calendar where it has one,
 * else the desk's (the project's policy, else the schedules' fallback).
 */
export function ticketCalendar(
  world: Pick<AssignmentWorld, 'settings' | 'calendars' | 'contracts'>,
  issue: Pick<TrackedIssue, 'contractId' | 'project'>,
): CalendarLike | undefined {
  const contract = contractOf(world, issue);
  if (contract && Object.hasOwn(world.calendars, contract.calendarId))
    return world.calendars[contract.calendarId];
  return projectRules(issue.project, world.settings.assignment, world.calendars, world.settings.schedules)
    .calendar;
}

/** The ticket's stored SLA facts, starting with its creation. */
export async function trackedHistory(q: Queryable, issue: TrackedIssue): Promise<SlaEvent[]> {
  return withCreation(await loadHistory(q, [issue.key]), issue);
}

/** The ticket's evaluation at `now` (its SLA clocks and temperature). */
export async function evaluateTracked(
  q: Queryable,
  world: AssignmentWorld,
  issue: TrackedIssue,
  now: Date,
): Promise<TicketEvaluation | undefined> {
  return evaluateWithHistory(world, issue, await trackedHistory(q, issue), now);
}

/** The ticket's evaluation at `now` over a history already read. */
export function evaluateWithHistory(
  world: AssignmentWorld,
  issue: TrackedIssue,
  history: readonly SlaEvent[],
  now: Date,
): TicketEvaluation | undefined {
  const evaluated = evaluateTicket({
    ticket: {
      priority: issue.priority,
      createdAt: issue.createdAt,
      ...(issue.requestType ? { requestType: issue.requestType } : {}),
    },
    history,
    contract: contractOf(world, issue) ?? null,
    settings: world.settings,
    calendars: world.calendars,
    now,
  });
  return evaluated.ok ? evaluated.value : undefined;
}

/** The open clocks (running or paused, not stopped or waiting). */
export function openClocks(evaluation: TicketEvaluation | undefined): SlaClock[] {
  return (evaluation?.sla?.clocks ?? []).filter((c) => c.state === 'running' || c.state === 'paused');
}

/** The nearest open clock (least time left), if any. */
export function nearestClock(evaluation: TicketEvaluation | undefined): SlaClock | undefined {
  return openClocks(evaluation).sort((a, b) => a.remainingMinutes - b.remainingMinutes)[0];
}

/** The time zone of a calendar in the settings (raw calendars carry it), if known. */
export function calendarZone(
  world: Pick<AssignmentWorld, 'settings'>,
  calendarId: string,
): string | undefined {
  return Object.hasOwn(world.settings.calendars, calendarId)
    ? world.settings.calendars[calendarId]!.timeZone
    : undefined;
}

/** The zone the desk of `project` works in: its calendar's, else Moscow (the Northwind desk's). */
export function deskTimeZone(world: Pick<AssignmentWorld, 'settings'>, project: string): string {
  const policy = world.settings.assignment.find((p) => p.project === project);
  return (
    calendarZone(world, policy?.deskCalendar ?? world.settings.schedules.fallbackCalendar) ?? 'Europe/Moscow'
  );
}
