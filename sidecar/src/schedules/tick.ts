// One schedules tick (pg-boss cron, every 5 minutes; one job per slot across replicas): load open
// tickets and settings, send each service manager's digest once per local date when its time has
// come, and send every due reminder. Everything goes through the outbox in one transaction; a
// digest is claimed per (manager, local date) in `schedule_runs` and every message has an
// idempotency key, so overlapping ticks and retries still send each message once.
import type { Engineer, Language, ServiceManager } from '@frontline/shared';
import { addresseeLanguage, engineerReader, enqueueNotice, managerReader } from '../assignment/notices.js';
import type { Addressee, Notice, Reader } from '../assignment/notices.js';
import { issueUrl } from '../assignment/carry-out.js';
import { openTrackedIssues } from '../assignment/tracked-issues.js';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { Clock, Notifier, OutboundMessage, WorldSource } from '../ports.js';
import type { Db, Queryable } from '../store/db.js';
import { buildDigest, digestDue } from './digest.js';
import type { Digest } from './digest.js';
import { dueReminders } from './reminders.js';
import type { Reminder } from './reminders.js';
import { renderDigest, renderReminder } from './wording.js';

export interface TickDeps {
  db: Db;
  now: Clock;
  world: WorldSource<AssignmentWorld>;
  /** The outbox (undefined: nothing is queued). */
  notifier: Notifier | undefined;
  siteUrl: string | undefined;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface TickSummary {
  digests: number;
  reminders: number;
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
  deps: TickDeps,
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
  const reminders = dueReminders({ ...common, tickets });
  const byKey = new Map(tickets.map((t) => [t.key, t]));

  return deps.db.transaction(async (tx) => {
    const summary: TickSummary = { digests: 0, reminders: 0, messages: 0 };
    for (const manager of managers) {
      const due = digestDue(manager.timeZone, options.digest.localTime, now, options.digest.catchUpMinutes);
      if (!due.due || !(await claimRun(tx, 'digest', manager.accountId, due.localDate, now))) continue;
      const digest: Digest | null = buildDigest({
        ...common,
        managerId: manager.accountId,
        managerTimeZone: manager.timeZone,
        tickets,
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
          renderReminder(reminder, { summary: issue.summary, url: issueUrl(deps.siteUrl, issue.key) }, lang),
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
    return summary;
  });
}
