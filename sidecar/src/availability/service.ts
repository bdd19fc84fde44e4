// Availability as the Forge pages use it: an engineer's own entries over the coming weeks (with
// their feed's state and the weeks they confirmed), adding, changing and removing entries, and the
// team's week for coordinators. Only the engineer, or a coordinator named in the settings, changes
// an engineer's entries. Every write bumps the revision in the same transaction, so the assignment
// world — and with it the next suggestion — sees the change at once.
import {
  absenceSpan,
  checkAbsenceEntry,
  engineerTicketsJql,
  isoDay,
  isDateOnly,
  loadRuleOf,
  localDateTime,
  mondayOf,
  parseIsoDay,
  teamWeek,
  weekStartAt,
  DEFAULT_LOAD_WEIGHTS,
  DEFAULT_BAND_LOAD_WEIGHTS,
  bilingual,
  err,
  ok,
} from '@frontline/shared';
import type {
  Absence,
  Engineer,
  EntryView,
  FieldIssue,
  Message,
  MyAvailabilityView,
  Result,
  SourcedAbsence,
  TeamWeekView,
  WordedMessage,
} from '@frontline/shared';
import type { AssignmentWorld } from '../assignment/plan.js';
import { engineerLoads } from '../assignment/repository.js';
import type { EnteredAbsenceSource } from '../assignment/world.js';
import { feedAbsences } from '../assignment/world.js';
import type { Clock, WorldSource } from '../ports.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { Db } from '../store/db.js';
import { feedLinkContext } from './feeds.js';
import {
  absenceById,
  absencesOf,
  absencesRevision,
  absencesSince,
  bumpRevision,
  confirmationsOf,
  confirmedWeeksOf,
  confirmWeek,
  deleteAbsence,
  deleteFeedLink,
  feedLinkOf,
  feedStatusOf,
  saveFeedLink,
  insertAbsence,
  updateAbsence,
} from './repository.js';
import type { StoredAbsence } from './repository.js';

/** A field at fault, with the worded reason beside the English message (the screens pick a language). */
export type RefusedField = FieldIssue & { reason?: WordedMessage };

/**
 * Why a request was refused, as HTTP will say it: `reason` is the code, parameters and words in
 * English and Russian (`message` is its English words); `details` names the fields at fault.
 */
export interface Refusal {
  status: 400 | 403 | 404 | 422 | 503;
  code: string;
  message: string;
  reason: WordedMessage;
  details?: RefusedField[];
}

/** A field at fault as a message, before it is put into words. */
interface FieldProblem {
  path: string;
  problem: Message;
}

const fieldOf = ({ path, problem }: FieldProblem): RefusedField => {
  const reason = bilingual(problem);
  return { path, message: reason.en, reason };
};

const refuse = (
  status: Refusal['status'],
  code: string,
  message: Message,
  fields?: readonly FieldProblem[] | readonly RefusedField[],
) => {
  const reason = bilingual(message);
  const details = fields?.map((f) => ('problem' in f ? fieldOf(f) : f));
  return err<Refusal>({ status, code, message: reason.en, reason, ...(details ? { details } : {}) });
};

export type { EntryView, MyAvailabilityView, TeamWeekView };

export interface AvailabilityService {
  /** For the assignment world: entered absences by engineer, and the revision that says when they changed. */
  entered: EnteredAbsenceSource;
  mine(
    actor: string,
    query: { accountId?: string; from?: string; weeks?: number },
  ): Promise<Result<MyAvailabilityView, Refusal>>;
  add(actor: string, accountId: string | undefined, input: unknown): Promise<Result<EntryView, Refusal>>;
  change(actor: string, id: string, input: unknown): Promise<Result<EntryView, Refusal>>;
  remove(actor: string, id: string): Promise<Result<{ id: string }, Refusal>>;
  confirm(
    actor: string,
    accountId: string | undefined,
    weekStart: string,
  ): Promise<Result<{ weekStart: string }, Refusal>>;
  teamWeek(
    actor: string,
    query: { team?: string; weekStart?: string },
  ): Promise<Result<TeamWeekView, Refusal>>;
  /** Keeps an engineer's calendar "secret address", sealed; the next hourly refresh reads it. */
  linkFeed(
    actor: string,
    accountId: string | undefined,
    url: unknown,
  ): Promise<Result<{ linked: true }, Refusal>>;
  unlinkFeed(actor: string, accountId: string | undefined): Promise<Result<{ linked: false }, Refusal>>;
}

/** A name for an accountId: the engineer's, else the accountId itself. */
function nameOf(engineers: readonly Engineer[], accountId: string): string {
  return engineers.find((e) => e.accountId === accountId)?.name ?? accountId;
}

/** An instant as `YYYY-MM-DDTHH:MM` in `zone`. */
function localBound(zone: string, instant: string): string {
  const { date, time } = localDateTime(zone, new Date(instant));
  return `${date}T${time}`;
}

function entryView(stored: StoredAbsence, engineer: Engineer, engineers: readonly Engineer[]): EntryView {
  const { absence } = stored;
  const whole = isDateOnly(absence.from);
  return {
    id: stored.id,
    kind: absence.kind,
    wholeDays: whole,
    from: whole ? absence.from : localBound(engineer.timeZone, absence.from),
    to: whole ? absence.to : localBound(engineer.timeZone, absence.to),
    ...(absence.note ? { note: absence.note } : {}),
    enteredBy: { accountId: stored.enteredBy, name: nameOf(engineers, stored.enteredBy) },
    enteredAt: stored.enteredAt.toISOString(),
    updatedBy: { accountId: stored.updatedBy, name: nameOf(engineers, stored.updatedBy) },
    updatedAt: stored.updatedAt.toISOString(),
  };
}

const WEEK_START = /^\d{4}-\d{2}-\d{2}$/;

/** A Monday given by the page, or a field issue. */
function mondayParam(name: string, value: string): Result<string, Refusal> {
  const day = WEEK_START.test(value) ? parseIsoDay(value) : NaN;
  if (!Number.isFinite(day) || isoDay(day) !== value || value < '2000-01-03' || value > '2099-12-28')
    return refuse(400, 'invalid_query', { code: 'availability.invalidDate', params: { name } }, [
      { path: name, problem: { code: 'availability.dateRange' } },
    ]);
  return ok(mondayOf(value));
}

/** The most a feed address may be (Outlook's and Google's are well under 500 characters). */
const MAX_FEED_URL = 2000;

/** A calendar address as people paste it (`webcal://` as Outlook offers it) as an https URL, or why not. */
function feedUrlOf(raw: unknown): Result<string, Message> {
  if (typeof raw !== 'string' || raw.trim() === '') return err({ code: 'availability.feed.empty' });
  const text = raw.trim().replace(/^webcals?:\/\//i, 'https://');
  if (text.length > MAX_FEED_URL)
    return err({ code: 'availability.feed.tooLong', params: { max: MAX_FEED_URL } });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ code: 'availability.feed.notAnAddress' });
  }
  if (url.protocol !== 'https:') return err({ code: 'availability.feed.notHttps' });
  return ok(url.toString());
}

export function createAvailabilityService(deps: {
  db: Db;
  now: Clock;
  world: WorldSource<AssignmentWorld>;
  /** Seals the feed addresses engineers link (undefined without FRONTLINE_SECRET_KEY: linking is refused). */
  box?: SecretBox | undefined;
}): AvailabilityService {
  const { db } = deps;

  /** Settings engineers and whether `actor` may act for `accountId`. */
  async function authorise(
    actor: string,
    accountId: string,
  ): Promise<Result<{ engineer: Engineer; world: AssignmentWorld }, Refusal>> {
    const world = await deps.world.load();
    const engineer = world.settings.engineers.find((e) => e.accountId === accountId);
    const coordinator = world.settings.availability.coordinators.includes(actor);
    if (actor !== accountId && !coordinator)
      return refuse(403, 'not_yours', { code: 'availability.notYours' });
    if (!engineer)
      return refuse(404, 'not_an_engineer', { code: 'availability.notAnEngineer', params: { accountId } });
    return ok({ engineer, world });
  }

  const entered: EnteredAbsenceSource = {
    revision: () => absencesRevision(db),
    async byEngineer(engineers) {
      // Two days back: enough for any zone's "today"; older entries cannot exclude anyone any more.
      const rows = await absencesSince(db, new Date(deps.now().getTime() - 2 * 86_400_000));
      const byEngineer = new Map<string, Absence[]>();
      for (const row of rows) {
        const list = byEngineer.get(row.accountId) ?? [];
        list.push({ ...row.absence, enteredBy: nameOf(engineers, row.enteredBy) });
        byEngineer.set(row.accountId, list);
      }
      return byEngineer;
    },
  };

  /** Checks and writes one entry (new when `id` is undefined) inside one serialised transaction. */
  async function write(
    actor: string,
    engineer: Engineer,
    world: AssignmentWorld,
    input: unknown,
    id: string | undefined,
  ): Promise<Result<EntryView, Refusal>> {
    return db
      .transaction(async (tx) => {
        await bumpRevision(tx);
        const others = (await absencesOf(tx, engineer.accountId)).filter((s) => s.id !== id);
        const checked = checkAbsenceEntry(
          input,
          engineer.timeZone,
          others.map((s) => ({ id: s.id, absence: s.absence })),
        );
        if (!checked.ok) {
          const overlap = checked.error.every((i) => i.path === 'from' && i.message.startsWith('Overlaps'));
          // Throwing rolls the revision bump back: nothing half-written.
          const refused = refuse(
            422,
            overlap ? 'overlapping_absence' : 'invalid_absence',
            overlap
              ? { code: 'availability.overlapping' }
              : { code: 'availability.invalidAbsence', params: { count: checked.error.length } },
            checked.error,
          );
          throw new RefusedWrite(refused.error);
        }
        const now = deps.now();
        const span = absenceSpan(checked.value, engineer.timeZone);
        const savedId =
          id ??
          (await insertAbsence(tx, {
            accountId: engineer.accountId,
            absence: checked.value,
            span,
            actor,
            now,
          }));
        if (id) await updateAbsence(tx, { id, absence: checked.value, span, actor, now });
        const saved = await absenceById(tx, savedId);
        if (!saved) throw new Error(`absence ${savedId} vanished inside its own transaction`);
        return ok(entryView(saved, engineer, world.settings.engineers));
      })
      .catch((error: unknown) => {
        if (error instanceof RefusedWrite) return err(error.refusal);
        throw error;
      });
  }

  return {
    entered,

    async mine(actor, query) {
      const accountId = query.accountId ?? actor;
      const world = await deps.world.load();
      const coordinator = world.settings.availability.coordinators.includes(actor);
      if (accountId !== actor && !coordinator)
        return refuse(403, 'not_yours', { code: 'availability.notYoursToOpen' });
      const engineer = world.settings.engineers.find((e) => e.accountId === accountId);
      if (!engineer)
        return refuse(404, 'not_an_engineer', {
          code: 'availability.notAnEngineerAskAdmin',
          params: { accountId },
        });
      const today = localDateTime(engineer.timeZone, deps.now()).date;
      const first = query.from
        ? mondayParam('from', query.from)
        : ok(weekStartAt(engineer.timeZone, deps.now()));
      if (!first.ok) return first;
      const count = query.weeks ?? 4;
      const weekStarts = Array.from({ length: count }, (_, i) => isoDay(parseIsoDay(first.value) + 7 * i));
      const [entries, confirmed, status, feed, link] = await Promise.all([
        absencesOf(db, accountId),
        confirmedWeeksOf(db, accountId, weekStarts),
        feedStatusOf(db, accountId),
        feedAbsences(db),
        feedLinkOf(db, accountId),
      ]);
      const fromFeed = (feed.get(accountId) ?? []).map((a) => ({ source: 'feed' as const, absence: a }));
      const fromSettings = engineer.absences.map((a) => ({ source: 'settings' as const, absence: a }));
      return ok({
        engineer: { accountId, name: engineer.name, timeZone: engineer.timeZone },
        isCoordinator: coordinator,
        today,
        weeks: weekStarts.map((weekStart) => ({ weekStart, confirmed: confirmed.has(weekStart) })),
        entries: entries.map((s) => entryView(s, engineer, world.settings.engineers)),
        elsewhere: [...fromSettings, ...fromFeed].map(({ source, absence }) => ({
          source,
          kind: absence.kind,
          from: isDateOnly(absence.from) ? absence.from : localBound(engineer.timeZone, absence.from),
          to: isDateOnly(absence.to) ? absence.to : localBound(engineer.timeZone, absence.to),
          ...(absence.note ? { note: absence.note } : {}),
        })),
        feed: status
          ? {
              source: status.source,
              lastReadAt: status.lastOkAt?.toISOString() ?? null,
              absences: status.absences,
              error: status.lastError,
              errorAt: status.lastErrorAt?.toISOString() ?? null,
            }
          : null,
        feedLink: link
          ? {
              linkedBy: nameOf(world.settings.engineers, link.linkedBy),
              linkedAt: link.linkedAt.toISOString(),
            }
          : null,
        engineers: coordinator
          ? world.settings.engineers.map((e) => ({ accountId: e.accountId, name: e.name }))
          : [],
      });
    },

    async add(actor, accountId, input) {
      const allowed = await authorise(actor, accountId ?? actor);
      if (!allowed.ok) return allowed;
      return write(actor, allowed.value.engineer, allowed.value.world, input, undefined);
    },

    async change(actor, id, input) {
      const existing = await absenceById(db, id);
      if (!existing)
        return refuse(404, 'no_such_absence', { code: 'availability.noSuchAbsence', params: { id } });
      const allowed = await authorise(actor, existing.accountId);
      if (!allowed.ok) return allowed;
      return write(actor, allowed.value.engineer, allowed.value.world, input, id);
    },

    async remove(actor, id) {
      const existing = await absenceById(db, id);
      if (!existing)
        return refuse(404, 'no_such_absence', { code: 'availability.noSuchAbsence', params: { id } });
      const allowed = await authorise(actor, existing.accountId);
      if (!allowed.ok) return allowed;
      await db.transaction(async (tx) => {
        await bumpRevision(tx);
        await deleteAbsence(tx, id);
      });
      return ok({ id });
    },

    async confirm(actor, accountId, weekStart) {
      const week = mondayParam('weekStart', weekStart);
      if (!week.ok)
        return refuse(422, 'invalid_week', { code: 'availability.invalidWeek' }, week.error.details);
      const allowed = await authorise(actor, accountId ?? actor);
      if (!allowed.ok) return allowed;
      await confirmWeek(db, { accountId: accountId ?? actor, weekStart: week.value, actor, now: deps.now() });
      return ok({ weekStart: week.value });
    },

    async linkFeed(actor, accountId, raw) {
      const allowed = await authorise(actor, accountId ?? actor);
      if (!allowed.ok) return allowed;
      const url = feedUrlOf(raw);
      if (!url.ok)
        return refuse(422, 'invalid_feed', { code: 'availability.feed.invalid' }, [
          { path: 'url', problem: url.error },
        ]);
      if (!deps.box) return refuse(503, 'no_secret_key', { code: 'availability.noSecretKey' });
      const owner = allowed.value.engineer.accountId;
      const sealedUrl = deps.box.seal(url.value, feedLinkContext(owner));
      await saveFeedLink(db, { accountId: owner, sealedUrl, actor, now: deps.now() });
      return ok({ linked: true as const });
    },

    async unlinkFeed(actor, accountId) {
      const allowed = await authorise(actor, accountId ?? actor);
      if (!allowed.ok) return allowed;
      await deleteFeedLink(db, allowed.value.engineer.accountId);
      return ok({ linked: false as const });
    },

    async teamWeek(_actor, query) {
      const world = await deps.world.load();
      const teams = [...new Set(world.settings.engineers.flatMap((e) => e.teams))].sort();
      const team = query.team ?? teams[0];
      if (team === undefined || !teams.includes(team))
        return refuse(
          404,
          'no_such_team',
          { code: 'availability.noSuchTeam', params: { team: String(query.team) } },
          [
            {
              path: 'team',
              problem: teams.length
                ? { code: 'availability.knownTeams', params: { teams: teams.join(', ') } }
                : { code: 'availability.noTeamsYet' },
            },
          ],
        );
      const zone = world.settings.engineers.find((e) => e.teams.includes(team))?.timeZone ?? 'UTC';
      const start = query.weekStart
        ? mondayParam('week', query.weekStart)
        : ok(weekStartAt(zone, deps.now()));
      if (!start.ok) return start;
      const policy = world.settings.assignment.find((p) => p.project === team);
      const rule = loadRuleOf(
        policy ?? { loadWeights: DEFAULT_LOAD_WEIGHTS, loadWeightsByTemperature: DEFAULT_BAND_LOAD_WEIGHTS },
        world.settings.temperature,
      );
      const [loads, confirmed, feed, enteredRows] = await Promise.all([
        engineerLoads(db, rule),
        confirmationsOf(db, start.value),
        feedAbsences(db),
        absencesSince(db, new Date(Date.parse(`${start.value}T00:00:00Z`) - 2 * 86_400_000)),
      ]);
      const absences = new Map<string, SourcedAbsence[]>();
      const add = (accountId: string, item: SourcedAbsence) =>
        absences.set(accountId, [...(absences.get(accountId) ?? []), item]);
      for (const e of world.settings.engineers)
        for (const a of e.absences) add(e.accountId, { absence: a, source: 'settings' });
      for (const [accountId, list] of feed)
        for (const a of list) add(accountId, { absence: a, source: 'feed' });
      for (const row of enteredRows)
        add(row.accountId, {
          id: row.id,
          absence: { ...row.absence, enteredBy: nameOf(world.settings.engineers, row.enteredBy) },
          source: 'entered',
        });
      const grid = teamWeek({
        team,
        weekStart: start.value,
        engineers: world.settings.engineers,
        absences,
        dutyRota: world.settings.dutyRota ?? null,
        loads,
        confirmed: new Set(confirmed.keys()),
        now: deps.now(),
      });
      return ok({
        ...grid,
        teams,
        today: localDateTime(zone, deps.now()).date,
        rows: grid.rows.map((row) => ({ ...row, ticketsJql: engineerTicketsJql(row.accountId) })),
      });
    },
  };
}

/** A refusal raised inside a write transaction so that it rolls back. */
class RefusedWrite extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
