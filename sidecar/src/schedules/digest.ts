// The service managers' morning digest, as pure functions over plain data: which tickets have had
// no engineer for longer than the project's threshold in business hours, grouped by customer,
// critical ones marked apart from scheduled maintenance, hottest first. No tickets → no digest.
import { businessMinutesBetween, localDateTime, zonedInstant } from '@frontline/shared';
import type { AssignmentPolicy, CalendarLike, TemperaturePolicy } from '@frontline/shared';
import type { TrackedIssue } from '../assignment/repository.js';
import type { ScheduleOptions } from './options.js';

/** How a ticket is marked in digests and reminders. */
export type TicketMark = 'critical' | 'maintenance' | 'normal';

/** What the schedules read about an open ticket (a tracked issue). */
export type ScheduledTicket = Pick<
  TrackedIssue,
  | 'key'
  | 'summary'
  | 'project'
  | 'priority'
  | 'status'
  | 'statusSince'
  | 'assigneeId'
  | 'requestType'
  | 'labels'
  | 'customerId'
  | 'customerName'
  | 'serviceManagerId'
  | 'routedTeam'
  | 'temperature'
  | 'createdAt'
  | 'unassignedSince'
  | 'lastPublicUpdateAt'
>;

/** Scheduled maintenance (by request type or label) is never critical; otherwise priority or temperature decide. */
export function markOf(
  ticket: Pick<ScheduledTicket, 'requestType' | 'labels' | 'priority' | 'temperature'>,
  options: Pick<ScheduleOptions, 'maintenance' | 'critical'>,
  bands: TemperaturePolicy['bands'],
): TicketMark {
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const maintenanceTypes = lower(options.maintenance.requestTypes);
  const maintenanceLabels = lower(options.maintenance.labels);
  if (
    (ticket.requestType && maintenanceTypes.has(ticket.requestType.toLowerCase())) ||
    ticket.labels.some((l) => maintenanceLabels.has(l.toLowerCase()))
  )
    return 'maintenance';
  if (options.critical.priorities.includes(ticket.priority) || ticket.temperature >= bands.critical)
    return 'critical';
  return 'normal';
}

/** The business calendar and unassigned threshold that apply to a project. */
export function projectRules(
  project: string,
  policies: readonly AssignmentPolicy[],
  calendars: Readonly<Record<string, CalendarLike>>,
  options: Pick<ScheduleOptions, 'digest' | 'fallbackCalendar'>,
): { calendar: CalendarLike | undefined; thresholdHours: number } {
  const policy = policies.find((p) => p.project === project);
  const calendarId = policy?.deskCalendar ?? options.fallbackCalendar;
  return {
    calendar: Object.hasOwn(calendars, calendarId) ? calendars[calendarId] : undefined,
    thresholdHours: policy?.unassignedThresholdHours ?? options.digest.defaultThresholdHours,
  };
}

export interface DigestEntry {
  key: string;
  summary: string;
  priority: string;
  temperature: number;
  mark: TicketMark;
  /** Business hours without an engineer, whole hours rounded down. */
  unassignedBusinessHours: number;
}

export interface DigestGroup {
  customerId: string | null;
  customerName: string | null;
  entries: DigestEntry[];
}

export interface Digest {
  /** The manager it is for; null: the desk lead's digest of tickets that matched no contract. */
  managerId: string | null;
  /** The manager's local date the digest is for. */
  localDate: string;
  groups: DigestGroup[];
  total: number;
  critical: number;
}

const byHeat = (a: DigestEntry, b: DigestEntry) =>
  b.temperature - a.temperature ||
  b.unassignedBusinessHours - a.unassignedBusinessHours ||
  a.key.localeCompare(b.key);

/**
 * The digest for one manager at `now` (their customers' tickets), or with `managerId: null` the desk
 * lead's (tickets that matched no contract); null when nothing qualifies.
 */
export function buildDigest(input: {
  managerId: string | null;
  managerTimeZone: string;
  tickets: readonly ScheduledTicket[];
  now: Date;
  policies: readonly AssignmentPolicy[];
  calendars: Readonly<Record<string, CalendarLike>>;
  options: ScheduleOptions;
  bands: TemperaturePolicy['bands'];
  /**
   * The calendar a ticket's business time is counted in (its contract's where it has one); default:
   * the desk's.
   */
  calendarOf?: (ticket: ScheduledTicket) => CalendarLike | undefined;
  /** How business minutes are counted (the shared calendar's; a reference implementation in benchmarks). */
  minutesBetween?: (calendar: CalendarLike, from: Date, to: Date) => number;
}): Digest | null {
  const minutesBetween = input.minutesBetween ?? businessMinutesBetween;
  const groups = new Map<string, DigestGroup>();
  let total = 0;
  let critical = 0;
  for (const ticket of input.tickets) {
    const mine =
      input.managerId === null ? ticket.customerId === null : ticket.serviceManagerId === input.managerId;
    if (!mine || ticket.assigneeId !== null) continue;
    const since = ticket.unassignedSince ?? ticket.createdAt;
    const rules = projectRules(ticket.project, input.policies, input.calendars, input.options);
    const calendar = input.calendarOf ? input.calendarOf(ticket) : rules.calendar;
    if (!calendar) continue;
    const minutes = minutesBetween(calendar, since, input.now);
    if (minutes <= rules.thresholdHours * 60) continue;
    const mark = markOf(ticket, input.options, input.bands);
    const groupKey = ticket.customerId ?? '';
    let group = groups.get(groupKey);
    if (!group) {
      group = { customerId: ticket.customerId, customerName: ticket.customerName, entries: [] };
      groups.set(groupKey, group);
    }
    group.entries.push({
      key: ticket.key,
      summary: ticket.summary,
      priority: ticket.priority,
      temperature: ticket.temperature,
      mark,
      unassignedBusinessHours: Math.floor(minutes / 60),
    });
    total += 1;
    if (mark === 'critical') critical += 1;
  }
  if (total === 0) return null;
  const sorted = [...groups.values()].map((g) => ({ ...g, entries: [...g.entries].sort(byHeat) }));
  sorted.sort(
    (a, b) =>
      byHeat(a.entries[0]!, b.entries[0]!) || (a.customerName ?? '').localeCompare(b.customerName ?? ''),
  );
  return {
    managerId: input.managerId,
    localDate: localDateTime(input.managerTimeZone, input.now).date,
    groups: sorted,
    total,
    critical,
  };
}

/**
 * Whether a manager's digest is due at `now`: their local clock has passed the digest time today,
 * by no more than the catch-up window. Returns the local date it is for.
 */
export function digestDue(
  timeZone: string,
  localTime: string,
  now: Date,
  catchUpMinutes: number,
): { due: boolean; localDate: string; at: Date } {
  const localDate = localDateTime(timeZone, now).date;
  const at = zonedInstant(timeZone, localDate, localTime);
  const late = now.getTime() - at.getTime();
  return { due: late >= 0 && late < catchUpMinutes * 60_000, localDate, at };
}
