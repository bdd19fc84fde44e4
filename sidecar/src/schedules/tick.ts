// One schedules tick (pg-boss cron, every 5 minutes; one job per slot across replicas): load open
// tickets and settings, send each service manager's digest (and the desk lead's digest of tickets
// that matched no contract) once per local date when its time has come, every due reminder, and the
// alerts (SLA at risk or breached, special periods, duty pages, status updates due) to the audiences
// the channel routes name. Everything goes through the outbox in one transaction; a
// digest is claimed per (manager, local date) in `schedule_runs` and every message has an
// idempotency key, so overlapping ticks and retries still send each message once.
import { onDutyAt } from '@frontline/shared';
import type { Engineer, Language, ServiceManager, SlaEvent, TicketEvaluation } from '@frontline/shared';
import { addresseeLanguage, engineerReader, enqueueNotice, managerReader } from '../assignment/notices.js';
import type { Addressee, Notice, Reader } from '../assignment/notices.js';
import { openTrackedIssues } from '../assignment/tracked-issues.js';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import { issueLinkOf } from '../notify/issue-links.js';
import type { IssueLinkDeps } from '../notify/issue-links.js';
import type { Clock, Notifier, OutboundMessage, WorldSource } from '../ports.js';
import type { Db, Queryable } from '../store/db.js';
import { buildDigest, digestDue } from './digest.js';
import type { Digest } from './digest.js';
import { dueReminders } from './reminders.js';
import type { Reminder } from './reminders.js';
import { dueAlerts } from './alerts.js';
import type { Alert, AlertTicket } from './alerts.js';
import {
  calendarZone,
  contractOf,
  deskTimeZone,
  evaluateWithHistory,
  nearestClock,
  ticketCalendar,
  trackedHistory,
} from './clocks.js';
import { markOf } from './digest.js';
import { draftStatusUpdate } from './status-update.js';
import { renderAlert, renderDigest, renderReminder } from './wording.js';

export interface TickDeps extends IssueLinkDeps {
  db: Db;
  now: Clock;
  world: WorldSource<AssignmentWorld>;
  /** The outbox (undefined: nothing is queued). */
  notifier: Notifier | undefined;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** What sending an alert needs: the outbox, a logger and where links to issues lead. */
export type AlertDeps = IssueLinkDeps & Pick<TickDeps, 'notifier' | 'log'>;

export interface TickSummary {
  digests: number;
  reminders: number;
  /** Alerts that added at least one message. */
  alerts: number;
  /** Outbox rows this tick added (duplicates of earlier ticks are not counted). */
  messages: number;
}

/** Every open ticket the sidecar tracks. */
export function openTickets(q: Queryable): Promise<TrackedIssue[]> {
  return openTrackedIssues(q);
}

/** The service managers named by contracts, once each, as readers (in their engineer profile's language if they have one). */
export function serviceManagers(world: AssignmentWorld): Reader[] {
  const byId = new Map<string, ServiceManager>();
  for (const c of world.contracts)
    if (!byId.has(c.serviceManager.accountId)) byId.set(c.serviceManager.accountId, c.serviceManager);
  return [...byId.values()].map((manager) =>
    managerReader(
      manager,
      world.engineers.find((e) => e.accountId === manager.accountId),
    ),
  );
}

/** Claims a once-per-slot run; false when another tick or replica already did. */
async function claimRun(tx: Queryable, name: string, key: string, slot: string, now: Date): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO schedule_runs (name, run_key, slot, ran_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING slot`,
    [name, key, slot, now],
  );
  return claimed.rows.length > 0;
}

/** Puts one message into the outbox for each delivery the routes ask for. */
function send(
  tx: Queryable,
  deps: AlertDeps,
  world: AssignmentWorld,
  input: Omit<Notice, 'message'> & { message: (language: Language) => OutboundMessage; language: Language },
): Promise<number> {
  const { message, language, ...notice } = input;
  return enqueueNotice(
    tx,
    { channels: world.settings.channels, notifier: deps.notifier, log: deps.log },
    { ...notice, message: message(language) },
  );
}

function addresseeFor(
  reminder: Reminder,
  engineers: readonly Engineer[],
  managers: readonly Reader[],
): Addressee | undefined {
  const to = reminder.to;
  if (to.kind === 'team') return { kind: 'team', team: to.team };
  if (to.kind === 'assignee') {
    const engineer = engineers.find((e) => e.accountId === to.accountId);
    return engineer ? { kind: 'assignee', reader: engineerReader(engineer) } : undefined;
  }
  const manager = managers.find((m) => m.accountId === to.accountId);
  return manager ? { kind: 'serviceManager', reader: manager } : undefined;
}

/** A tracked ticket with what the alerts read about it: its evaluation, contract and calendars. */
export function alertTicketOf(
  world: AssignmentWorld,
  issue: TrackedIssue,
  evaluation: TicketEvaluation | undefined,
): AlertTicket {
  const contract = contractOf(world, issue);
  const policy = world.settings.assignment.find((p) => p.project === issue.project);
  const deskId = policy?.deskCalendar ?? world.settings.schedules.fallbackCalendar;
  return {
    issue,
    evaluation,
    contract,
    deskCalendar: Object.hasOwn(world.calendars, deskId) ? world.calendars[deskId] : undefined,
    contractCalendar:
      contract && Object.hasOwn(world.calendars, contract.calendarId)
        ? world.calendars[contract.calendarId]
        : undefined,
  };
}

/** The engineers on duty at `now` by the duty rota, as readers. */
export function dutyReadersAt(world: AssignmentWorld, now: Date): Reader[] {
  const onDuty = world.settings.dutyRota ? [...onDutyAt(world.settings.dutyRota, now).keys()] : [];
  return onDuty
    .map((id) => world.engineers.find((e) => e.accountId === id))
    .filter((e): e is Engineer => e !== undefined)
    .map(engineerReader);
}

/** Runs one tick at `deps.now()`. */
export async function runSchedulesTick(deps: TickDeps): Promise<TickSummary> {
  const now = deps.now();
  const world = await deps.world.load();
  // Read from the live settings on every tick, so an admin's change applies from the next one.
  const options = world.settings.schedules;
  const tickets = await openTickets(deps.db);
  const managers = serviceManagers(world);
  const common = {
    now,
    policies: world.settings.assignment,
    calendars: world.calendars,
    options,
    bands: world.settings.temperature.bands,
  };
  const byKey = new Map(tickets.map((t) => [t.key, t]));
  const calendarOf = (t: { key: string }) => {
    const issue = byKey.get(t.key);
    return issue ? ticketCalendar(world, issue) : undefined;
  };
  const hasCadence = (t: { key: string; priority: TrackedIssue['priority'] }) => {
    const issue = byKey.get(t.key);
    const contract = issue ? contractOf(world, issue) : undefined;
    return contract?.communication.statusUpdates?.everyBusinessHours[t.priority] !== undefined;
  };
  const reminders = dueReminders({ ...common, tickets, calendarOf, hasCadence });
  // Read before the transaction opens: the embedded store has one connection, which it holds.
  const histories = new Map<string, SlaEvent[]>();
  const alertTickets: AlertTicket[] = [];
  for (const issue of tickets) {
    const history = await trackedHistory(deps.db, issue);
    histories.set(issue.key, history);
    alertTickets.push(alertTicketOf(world, issue, evaluateWithHistory(world, issue, history, now)));
  }
  const alerts = dueAlerts({ tickets: alertTickets, now, atRiskShare: options.slaAtRisk.share });
  const evaluations = new Map(alertTickets.map((t) => [t.issue.key, t.evaluation]));
  const dutyReaders = dutyReadersAt(world, now);

  return deps.db.transaction(async (tx) => {
    const summary: TickSummary = { digests: 0, reminders: 0, alerts: 0, messages: 0 };
    for (const manager of managers) {
      const due = digestDue(manager.timeZone, options.digest.localTime, now, options.digest.catchUpMinutes);
      if (!due.due || !(await claimRun(tx, 'digest', manager.accountId, due.localDate, now))) continue;
      const digest: Digest | null = buildDigest({
        ...common,
        managerId: manager.accountId,
        managerTimeZone: manager.timeZone,
        tickets,
        calendarOf,
      });
      await tx.query('UPDATE schedule_runs SET outcome = $4 WHERE name = $1 AND run_key = $2 AND slot = $3', [
        'digest',
        manager.accountId,
        due.localDate,
        JSON.stringify({ tickets: digest?.total ?? 0 }),
      ]);
      if (!digest) {
        deps.log.info(
          { manager: manager.accountId },
          `no digest for ${manager.name}: nothing waits too long`,
        );
        continue;
      }
      summary.digests += 1;
      summary.messages += await send(tx, deps, world, {
        event: 'unassignedDigest',
        addressee: { kind: 'serviceManager', reader: manager },
        customerId: null,
        baseKey: `digest:${manager.accountId}:${due.localDate}`,
        message: (language) => renderDigest(digest, language),
        language: manager.language,
      });
      deps.log.info(
        { manager: manager.accountId, tickets: digest.total, critical: digest.critical },
        `digest for ${manager.name}: ${digest.total} ticket(s) without an engineer, ${digest.critical} critical`,
      );
    }
    summary.messages += await sendUnmatchedDigest(tx, deps, world, { now, tickets, calendarOf, summary });
    for (const reminder of reminders) {
      const addressee = addresseeFor(reminder, world.engineers, managers);
      const issue = byKey.get(reminder.issueKey);
      if (!addressee || !issue) continue;
      const language = addresseeLanguage(world.settings, addressee);
      const added = await send(tx, deps, world, {
        event: reminder.event,
        addressee,
        customerId: issue.customerId,
        baseKey: reminder.idempotencyKey,
        message: (lang) =>
          renderReminder(
            reminder,
            { summary: issue.summary, url: issueLinkOf(deps, issue.key, world.settings.trackers) },
            lang,
          ),
        language,
      });
      if (added > 0) {
        summary.reminders += 1;
        summary.messages += added;
        deps.log.info(
          { issueKey: reminder.issueKey, kind: reminder.kind },
          `${reminder.issueKey}: ${reminder.kind} reminder`,
        );
      }
    }
    for (const alert of alerts) {
      const issue = byKey.get(alert.issueKey);
      if (!issue) continue;
      const added = await sendAlert(tx, deps, world, {
        alert,
        issue,
        managers,
        dutyReaders,
        history: histories.get(issue.key) ?? [],
        dueAt: nearestClock(evaluations.get(issue.key))?.dueAt ?? null,
      });
      if (added > 0) {
        summary.alerts += 1;
        summary.messages += added;
        deps.log.info(
          { issueKey: alert.issueKey, kind: alert.kind },
          `${alert.issueKey}: ${alert.kind} alert`,
        );
      }
    }
    return summary;
  });
}

/** The desk lead's digest of unassigned tickets that matched no contract, once per local date. */
async function sendUnmatchedDigest(
  tx: Queryable,
  deps: TickDeps,
  world: AssignmentWorld,
  input: {
    now: Date;
    tickets: TrackedIssue[];
    calendarOf: (t: { key: string }) => ReturnType<typeof ticketCalendar>;
    summary: TickSummary;
  },
): Promise<number> {
  const options = world.settings.schedules;
  const team = options.digest.unmatchedTeam;
  const timeZone = calendarZone(world, options.fallbackCalendar) ?? 'Europe/Moscow';
  const due = digestDue(timeZone, options.digest.localTime, input.now, options.digest.catchUpMinutes);
  if (!due.due || !(await claimRun(tx, 'digest-unmatched', team, due.localDate, input.now))) return 0;
  const digest = buildDigest({
    managerId: null,
    managerTimeZone: timeZone,
    tickets: input.tickets,
    now: input.now,
    policies: world.settings.assignment,
    calendars: world.calendars,
    options,
    bands: world.settings.temperature.bands,
    calendarOf: input.calendarOf,
  });
  await tx.query('UPDATE schedule_runs SET outcome = $4 WHERE name = $1 AND run_key = $2 AND slot = $3', [
    'digest-unmatched',
    team,
    due.localDate,
    JSON.stringify({ tickets: digest?.total ?? 0 }),
  ]);
  if (!digest) return 0;
  input.summary.digests += 1;
  deps.log.info(
    { team, tickets: digest.total },
    `digest for ${team}: ${digest.total} ticket(s) without an engineer and without a contract`,
  );
  return send(tx, deps, world, {
    event: 'unassignedDigest',
    addressee: { kind: 'team', team },
    customerId: null,
    baseKey: `digest-unmatched:${team}:${due.localDate}`,
    message: (language) => renderDigest(digest, language),
    language: addresseeLanguage(world.settings, { kind: 'team', team }),
  });
}

/** Everyone an alert may go to; the channel routes for its event decide who actually hears. */
function alertAddressees(
  alert: Alert,
  issue: TrackedIssue,
  world: AssignmentWorld,
  managers: readonly Reader[],
  dutyReaders: readonly Reader[],
): Addressee[] {
  const assignee = issue.assigneeId
    ? world.engineers.find((e) => e.accountId === issue.assigneeId)
    : undefined;
  const assigneeAddressee: Addressee[] = assignee
    ? [{ kind: 'assignee', reader: engineerReader(assignee) }]
    : [];
  const duty: Addressee[] = dutyReaders.map((reader) => ({ kind: 'dutyEngineer', reader }));
  if (alert.kind === 'dutyPage') return duty;
  if (alert.kind === 'statusUpdateDue') return assigneeAddressee;
  const manager = managers.find((m) => m.accountId === issue.serviceManagerId);
  return [
    ...(manager ? [{ kind: 'serviceManager' as const, reader: manager }] : []),
    ...assigneeAddressee,
    { kind: 'team', team: issue.project },
    ...duty,
  ];
}

/** Puts one alert into the outbox for each addressee the routes reach. */
export async function sendAlert(
  tx: Queryable,
  deps: AlertDeps,
  world: AssignmentWorld,
  input: {
    alert: Alert;
    issue: TrackedIssue;
    managers: readonly Reader[];
    dutyReaders: readonly Reader[];
    history: readonly SlaEvent[];
    dueAt: string | null;
  },
): Promise<number> {
  const { alert, issue } = input;
  const options = world.settings.schedules;
  const contract = contractOf(world, issue);
  const facts = {
    key: issue.key,
    summary: issue.summary,
    url: issueLinkOf(deps, issue.key, world.settings.trackers),
    priority: issue.priority,
    ...(issue.customerName ? { customer: issue.customerName } : {}),
    ...(markOf(issue, options, world.settings.temperature.bands) === 'critical' ? { critical: true } : {}),
    ...(input.dueAt ? { dueAt: new Date(input.dueAt) } : {}),
  };
  const assignee = world.engineers.find((e) => e.accountId === issue.assigneeId);
  const draft =
    alert.kind === 'statusUpdateDue' && contract && alert.checkpoint && alert.lastPublicUpdateAt
      ? draftStatusUpdate({
          templates: world.settings.replyTemplates,
          contract,
          issue,
          history: input.history,
          lastPublicUpdateAt: alert.lastPublicUpdateAt,
          checkpoint: alert.checkpoint,
          customerTimeZone: calendarZone(world, contract.calendarId) ?? deskTimeZone(world, issue.project),
          agentName: assignee?.name ?? '',
        })
      : undefined;
  if (alert.kind === 'statusUpdateDue' && !draft) return 0;
  let added = 0;
  for (const addressee of alertAddressees(alert, issue, world, input.managers, input.dutyReaders)) {
    const language = addresseeLanguage(world.settings, addressee);
    const timeZone =
      addressee.kind === 'team' ? deskTimeZone(world, issue.project) : addressee.reader.timeZone;
    const who =
      addressee.kind === 'team'
        ? `team:${addressee.team}`
        : `${addressee.kind}:${addressee.reader.accountId}`;
    added += await send(tx, deps, world, {
      event: alert.event,
      addressee,
      customerId: issue.customerId,
      baseKey: `${alert.idempotencyKey}:${who}`,
      message: (lang) => renderAlert(alert, facts, { language: lang, timeZone }, draft),
      language,
    });
  }
  return added;
}
