// Reminders, as a pure function of open tickets and `now`, sent only in the business hours of the
// ticket's calendar (its contract's where it has one, the desk's otherwise):
// - the customer replied (configured statuses) and nobody answered for X business hours → the
//   assignee; still so after the escalation delay → the service manager;
// - a critical ticket without a public update for Y business hours → the assignee ("never leave
//   the customer in the dark");
// - a ticket routed to a team → that team's channel, once.
// Each reminder carries an idempotency key built from the facts that make it unique (the status
// change, the last public update), so every tick may compute it again and the outbox sends it once.
import { businessMinutesBetween, isWorkingTime } from '@frontline/shared';
import type { AssignmentPolicy, CalendarLike, NotificationEvent, TemperaturePolicy } from '@frontline/shared';
import { markOf, projectRules } from './digest.js';
import type { ScheduledTicket } from './digest.js';
import type { ScheduleOptions } from './options.js';

export type ReminderKind = 'customerReplied' | 'customerRepliedEscalated' | 'silentCritical' | 'routedToTeam';

export type ReminderTarget =
  | { kind: 'assignee'; accountId: string }
  | { kind: 'serviceManager'; accountId: string }
  | { kind: 'team'; team: string };

export interface Reminder {
  kind: ReminderKind;
  issueKey: string;
  event: NotificationEvent;
  to: ReminderTarget;
  idempotencyKey: string;
  /** Business hours the situation has lasted (not for routing notices). */
  businessHours?: number;
}

/**
 * The key of "issue X was routed to team T": the same whether the Route click or a later tick
 * announces it, so a hand-off is announced once.
 */
export function routedNoticeKey(issueKey: string, team: string): string {
  return `routed:${issueKey}:${team}`;
}

/** Every reminder due at `now`. */
export function dueReminders(input: {
  tickets: readonly ScheduledTicket[];
  now: Date;
  policies: readonly AssignmentPolicy[];
  calendars: Readonly<Record<string, CalendarLike>>;
  options: ScheduleOptions;
  bands: TemperaturePolicy['bands'];
  /** The calendar a ticket's business time is counted in (its contract's where it has one); default: the desk's. */
  calendarOf?: (ticket: ScheduledTicket) => CalendarLike | undefined;
  /**
   * Whether the ticket's contract sets its own status-update cadence (then that cadence reminds,
   * with a drafted update, and the generic silent-critical reminder stays quiet).
   */
  hasCadence?: (ticket: ScheduledTicket) => boolean;
}): Reminder[] {
  const { now, options } = input;
  const repliedStatuses = new Set(options.customerReplied.statuses.map((s) => s.toLowerCase()));
  const reminders: Reminder[] = [];
  for (const t of input.tickets) {
    const calendar = input.calendarOf
      ? input.calendarOf(t)
      : projectRules(t.project, input.policies, input.calendars, options).calendar;
    if (!calendar || !isWorkingTime(calendar, now)) continue;
    const hoursSince = (from: Date) => businessMinutesBetween(calendar, from, now) / 60;

    if (t.routedTeam)
      reminders.push({
        kind: 'routedToTeam',
        issueKey: t.key,
        event: 'issueRouted',
        to: { kind: 'team', team: t.routedTeam },
        idempotencyKey: routedNoticeKey(t.key, t.routedTeam),
      });

    if (t.status && t.statusSince && repliedStatuses.has(t.status.toLowerCase())) {
      const waited = hoursSince(t.statusSince);
      const stamp = t.statusSince.toISOString();
      if (t.assigneeId && waited >= options.customerReplied.afterBusinessHours)
        reminders.push({
          kind: 'customerReplied',
          issueKey: t.key,
          event: 'customerReplied',
          to: { kind: 'assignee', accountId: t.assigneeId },
          idempotencyKey: `replied:${t.key}:${stamp}:assignee`,
          businessHours: Math.floor(waited),
        });
      if (t.serviceManagerId && waited >= options.customerReplied.escalateAfterBusinessHours)
        reminders.push({
          kind: 'customerRepliedEscalated',
          issueKey: t.key,
          event: 'customerReplied',
          to: { kind: 'serviceManager', accountId: t.serviceManagerId },
          idempotencyKey: `replied:${t.key}:${stamp}:manager`,
          businessHours: Math.floor(waited),
        });
    }

    if (t.assigneeId && markOf(t, options, input.bands) === 'critical' && !input.hasCadence?.(t)) {
      const silent = hoursSince(t.lastPublicUpdateAt);
      if (silent >= options.silentCritical.afterBusinessHours)
        reminders.push({
          kind: 'silentCritical',
          issueKey: t.key,
          event: 'statusUpdateDue',
          to: { kind: 'assignee', accountId: t.assigneeId },
          idempotencyKey: `silent:${t.key}:${t.lastPublicUpdateAt.toISOString()}`,
          businessHours: Math.floor(silent),
        });
    }
  }
  return reminders;
}
