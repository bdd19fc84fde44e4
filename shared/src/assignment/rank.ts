import type { CalendarLike } from '../calendar/index.js';
import { compileCalendar, isWorkingTime, nextWorkingInstant } from '../calendar/index.js';
import type { AssignmentPolicy } from '../schemas/assignment.js';
import type { Priority } from '../schemas/calendar.js';
import type { TemperaturePolicy } from '../schemas/temperature.js';
import { DEFAULT_TEMPERATURE_POLICY } from '../temperature/index.js';
import { loadRuleOf, ticketLoadWeight } from './load.js';
import type { DutyRota, Engineer } from '../schemas/engineers.js';
import type { MessageParams } from '../i18n/index.js';
import { absenceAt } from './absence.js';
import { onDutyAt } from './duty.js';
import type { Reason } from '../schemas/contract.js';
import { formatWhen, loadWords, overMaxLoadWords, reasonWords, roundLoad, wordsOf } from './wording.js';

/** What the ranking needs to know about the ticket. */
export interface TicketToAssign {
  requiredSkills: readonly { skill: string; minLevel?: number }[];
  project: string;
  priority: Priority;
  /** 0–100; hot tickets weigh expertise above spare capacity. */
  temperature?: number;
  /** Two-letter code of the customer's language. */
  language?: string;
  requestType?: string;
}

export interface RankEngineersInput {
  engineers: readonly Engineer[];
  ticket: TicketToAssign;
  /** Current weighted load per accountId (missing = 0). */
  loads: Readonly<Record<string, number>>;
  dutyRota: DutyRota | null;
  now: Date;
  policy: AssignmentPolicy;
  /** Business calendars by id: engineers' working hours and the desk calendar. Pass compiled ones on hot paths. */
  calendars: Readonly<Record<string, CalendarLike>>;
  /** Zone for times in reasons ("Off until Mon 09:00"); default: each engineer's own. */
  displayTimeZone?: string;
  /** The temperature bands a ticket's load weight is looked up by; default: the default policy's. */
  temperaturePolicy?: TemperaturePolicy;
}

export type RankReasonCode = 'skill' | 'load' | 'onDuty' | 'offNow' | 'language';
export type ExclusionCode = 'absent' | 'offShift' | 'overMaxLoad' | 'missingSkill' | 'notInTeam';

/**
 * Why an engineer ranks where they do. `code` and `params` are the facts (the catalogue's
 * `assignment.reason.<code>` words them); `en` and `ru` are those words, for screens that show them as they are.
 */
export interface RankReason extends Reason {
  code: RankReasonCode;
  params: MessageParams;
}

/**
 * Why an engineer cannot take the ticket now. `code` and `params` are the facts (the catalogue's
 * `assignment.exclusion.<code>` words them, with `until` in the reader's zone); `en` and `ru` are those words.
 */
export interface ExclusionReason extends Reason {
  code: ExclusionCode;
  /** ISO instant when this reason stops applying, when that is known. */
  until?: string;
  /** The facts behind the words, for screens that phrase the reason themselves (absence kind, who entered it, a team, loads, a skill). */
  params: MessageParams;
}

export interface RankedEngineer {
  accountId: string;
  name: string;
  score: number;
  load: number;
  onDuty: boolean;
  /**
   * Set when the engineer is outside their working hours and not on duty (nights, weekends): the ISO
   * instant they are back. They are still suggested, after everyone who can start now, and never
   * auto-assigned.
   */
  offUntil?: string;
  reasons: RankReason[];
}

export interface ExcludedEngineer {
  accountId: string;
  name: string;
  reasons: ExclusionReason[];
}

export interface Ranking {
  /**
   * Best first: when the desk is closed the engineers on duty lead; everyone who can start now comes
   * before those off now (`offUntil`); within each, higher score, then lower load, then accountId.
   */
  ranked: RankedEngineer[];
  /** Everyone filtered out, with every reason that applies, by accountId. */
  excluded: ExcludedEngineer[];
  /** True when `now` is outside the desk calendar (nights, weekends, holidays). */
  offHours: boolean;
}

interface SkillNeed {
  skill: string;
  key: string;
  minLevel: number;
  /** Shared exclusion reasons by the engineer's level (0 = lacks the skill). */
  missing: ExclusionReason[];
}

/** How often to re-check for a back-to-back absence when computing the return time. */
const MAX_CHAINED_ABSENCES = 8;

/**
 * Per-call memo: engineers share a handful of calendars, zones and return times, so each answer
 * (and each formatted time and reason) is worked out once per ranking rather than once per engineer.
 */
class RankMemo {
  private readonly working = new Map<string, boolean>();
  private readonly next = new Map<string, Date | null>();
  private readonly reasons = new Map<string, ExclusionReason>();
  private readonly offShiftReasons = new Map<string, Map<string, ExclusionReason>>();
  private readonly offNowReasons = new Map<string, RankReason>();
  /** The ticket's skill needs with their names normalised once, and their shared reasons by level. */
  readonly needs: readonly SkillNeed[];
  private readonly formatted = new Map<string, Reason>();

  constructor(
    private readonly calendars: Readonly<Record<string, CalendarLike>>,
    readonly now: Date,
    ticket: TicketToAssign,
  ) {
    this.needs = ticket.requiredSkills.map((need) => ({
      skill: need.skill,
      key: normalSkill(need.skill),
      minLevel: need.minLevel ?? 1,
      missing: [],
    }));
  }

  /** The shared reason of everyone off now who is back at `back`, with the time shown in `zone`. */
  offNow(zone: string, back: Date): RankReason {
    const key = `${zone} ${back.getTime()}`;
    let reason = this.offNowReasons.get(key);
    if (!reason) {
      reason = Object.freeze(offNowReason(zone, this, back));
      this.offNowReasons.set(key, reason);
    }
    return reason;
  }

  /** The shared off-shift reason for engineers on one calendar, with times shown in one zone. */
  offShiftReason(engineer: Engineer, zone: string): ExclusionReason {
    let byZone = this.offShiftReasons.get(engineer.calendar);
    if (!byZone) {
      byZone = new Map();
      this.offShiftReasons.set(engineer.calendar, byZone);
    }
    let reason = byZone.get(zone);
    if (!reason) {
      reason = Object.freeze(offShift(engineer, this, zone));
      byZone.set(zone, reason);
    }
    return reason;
  }

  calendar(id: string): CalendarLike | undefined {
    return Object.hasOwn(this.calendars, id) ? this.calendars[id] : undefined;
  }

  isWorkingNow(id: string): boolean | undefined {
    const calendar = this.calendar(id);
    if (!calendar) return undefined;
    let answer = this.working.get(id);
    if (answer === undefined) {
      answer = isWorkingTime(calendar, this.now);
      this.working.set(id, answer);
    }
    return answer;
  }

  nextWorkingAfterNow(id: string): Date | null {
    const calendar = this.calendar(id);
    if (!calendar) return null;
    if (!this.next.has(id)) this.next.set(id, nextWorkingInstant(calendar, this.now));
    return this.next.get(id) ?? null;
  }

  /**
   * One reason object per key, shared by every engineer it applies to (the same goes for the
   * off-shift and missing-skill reasons): building a thousand equal strings is most of the cost of
   * ranking a large team. Shared reasons are frozen, so a caller that edits one engineer's reason
   * fails loudly instead of silently changing every other engineer's.
   */
  reason(key: string, build: () => ExclusionReason): ExclusionReason {
    let reason = this.reasons.get(key);
    if (!reason) {
      reason = Object.freeze(build());
      this.reasons.set(key, reason);
    }
    return reason;
  }

  /** The words of a reason whose words depend only on `key`: see `wordsOf`. */
  words(key: string, build: () => Reason): Reason {
    return wordsOf(key, build);
  }

  when(zone: string, at: Date): Reason {
    const key = `${zone} ${at.getTime()}`;
    let text = this.formatted.get(key);
    if (!text) {
      text = Object.freeze(formatWhen(zone, at, this.now));
      this.formatted.set(key, text);
    }
    return text;
  }
}

/** When an absent engineer is really back: the end of the absence (and any that follow), then their next working instant. */
function backAt(engineer: Engineer, memo: RankMemo, end: Date): Date {
  const calendar = memo.calendar(engineer.calendar);
  let back = end;
  for (let i = 0; i < MAX_CHAINED_ABSENCES; i++) {
    const working = calendar ? (nextWorkingInstant(calendar, back) ?? back) : back;
    const again = absenceAt(engineer.absences, engineer.timeZone, working);
    if (!again) return working;
    back = again.end;
  }
  return back;
}

/** Every reason an engineer cannot take the ticket now (empty: eligible). */
function exclusionReasons(
  { engineer, skills }: PreparedEngineer,
  input: RankEngineersInput,
  memo: RankMemo,
  onDuty: boolean,
  load: number,
  ticketWeight: number,
): ExclusionReason[] {
  const { ticket, policy, now } = input;
  const zone = input.displayTimeZone ?? engineer.timeZone;
  const reasons: ExclusionReason[] = [];

  if (policy.requireTeam && !engineer.teams.includes(ticket.project))
    reasons.push(
      memo.reason('notInTeam', () => {
        const params = { team: ticket.project };
        return { code: 'notInTeam', params, ...reasonWords('assignment.exclusion.notInTeam', params) };
      }),
    );

  const absence = absenceAt(engineer.absences, engineer.timeZone, now);
  if (absence) {
    const back = backAt(engineer, memo, absence.end);
    const when = memo.when(zone, back);
    const { kind, note, enteredBy } = absence.absence;
    const params = {
      kind,
      ...(enteredBy !== undefined ? { enteredBy } : {}),
      ...(note ? { note } : {}),
    };
    const { en, ru } = memo.words(`absent\u0000${kind}\u0000${enteredBy}\u0000${note}\u0000${when.en}`, () =>
      reasonWords('assignment.exclusion.absent', params, {
        both: { entered: enteredBy !== undefined ? 'yes' : 'no', noted: note ? 'yes' : 'no' },
        en: { when: when.en },
        ru: { when: when.ru },
      }),
    );
    reasons.push({ code: 'absent', params, en, ru, until: back.toISOString() });
  }

  if (!onDuty && memo.isWorkingNow(engineer.calendar) !== true)
    reasons.push(memo.offShiftReason(engineer, zone));

  if (load + ticketWeight > engineer.maxLoad) {
    const params = { load: roundLoad(load), weight: roundLoad(ticketWeight), maxLoad: engineer.maxLoad };
    const { en, ru } = overMaxLoadWords(params.load, params.weight, params.maxLoad);
    reasons.push({ code: 'overMaxLoad', params, en, ru });
  }

  for (const need of memo.needs) {
    const level = skills.get(need.key) ?? 0;
    if (level < need.minLevel)
      reasons.push((need.missing[level] ??= Object.freeze(missingSkill(need, level))));
  }
  return reasons;
}

function missingSkill(need: SkillNeed, level: number): ExclusionReason {
  const params = { skill: need.skill, level, needs: need.minLevel };
  return { code: 'missingSkill', params, ...reasonWords('assignment.exclusion.missingSkill', params) };
}

/** Why an engineer outside their calendar's hours is excluded, and when they are back. */
function offShift(engineer: Engineer, memo: RankMemo, zone: string): ExclusionReason {
  const words = 'assignment.exclusion.offShift';
  if (!memo.calendar(engineer.calendar)) {
    const params = { hours: 'unknown', calendar: engineer.calendar };
    return { code: 'offShift', params, ...reasonWords(words, params) };
  }
  const next = memo.nextWorkingAfterNow(engineer.calendar);
  if (!next) {
    const params = { hours: 'none' };
    return { code: 'offShift', params, ...reasonWords(words, params) };
  }
  const when = memo.when(zone, next);
  const params = { hours: 'ahead' };
  return {
    code: 'offShift',
    params,
    ...reasonWords(words, params, { en: { when: when.en }, ru: { when: when.ru } }),
    until: next.toISOString(),
  };
}

/** An engineer with their skills indexed by normalised name. */
interface PreparedEngineer {
  engineer: Engineer;
  skills: ReadonlyMap<string, number>;
}

const normalSkill = (name: string) => name.trim().toLowerCase();

// Each engineer list is prepared once: skill indexes built and the list put in accountId order, so
// the excluded list comes out in its canonical order without a sort per ranking. Like compiled
// calendars, this relies on settings objects never being mutated.
const preparedTeams = new WeakMap<readonly Engineer[], readonly PreparedEngineer[]>();

/** The engineers in accountId order (code units, locale-free) with their skill indexes. */
function prepare(engineers: readonly Engineer[]): readonly PreparedEngineer[] {
  let team = preparedTeams.get(engineers);
  if (!team) {
    team = [...engineers]
      .sort((a, b) => compareIds(a.accountId, b.accountId))
      .map((engineer) => ({
        engineer,
        skills: new Map(engineer.skills.map((s) => [normalSkill(s.skill), s.level])),
      }));
    preparedTeams.set(engineers, team);
  }
  return team;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Score of an eligible engineer and the reasons behind it. Never increases with load. */
function scoreOf(
  { engineer, skills }: PreparedEngineer,
  input: RankEngineersInput,
  memo: RankMemo,
  load: number,
  ticketWeight: number,
  dutyUntil: Date | undefined,
): { score: number; reasons: RankReason[] } {
  const { ticket, policy } = input;
  const weights = policy.scoreWeights;
  const reasons: RankReason[] = [];

  const levels = memo.needs.map((need) => ({ skill: need.skill, level: skills.get(need.key) ?? 0 }));
  const skillFit = levels.length ? levels.reduce((sum, s) => sum + s.level / 5, 0) / levels.length : 0;
  if (levels.length) {
    const params = { skills: levels.map((s) => `${s.skill} ${s.level}/5`).join(', ') };
    const { en, ru } = memo.words(`skill ${params.skills}`, () =>
      reasonWords('assignment.reason.skill', params),
    );
    reasons.push({ code: 'skill', params, en, ru });
  }
  const hot = (ticket.temperature ?? 0) >= policy.hotTemperature;
  const skillWeight = weights.skill * (hot ? 2 : 1);

  const headroom = Math.max(0, engineer.maxLoad - load - ticketWeight) / engineer.maxLoad;
  const loadParams = { load: roundLoad(load), maxLoad: engineer.maxLoad };
  const words = loadWords(loadParams.load, loadParams.maxLoad);
  reasons.push({ code: 'load', params: loadParams, en: words.en, ru: words.ru });

  if (dutyUntil) {
    const when = memo.when(input.displayTimeZone ?? engineer.timeZone, dutyUntil);
    reasons.push({
      code: 'onDuty',
      params: { until: dutyUntil.toISOString() },
      ...memo.words(`onDuty ${when.en}`, () =>
        reasonWords('assignment.reason.onDuty', {}, { en: { when: when.en }, ru: { when: when.ru } }),
      ),
    });
  }
  const speaks = ticket.language !== undefined && engineer.languages.includes(ticket.language);
  if (speaks)
    reasons.push({
      code: 'language',
      params: { language: ticket.language! },
      ...memo.words(`language ${ticket.language}`, () =>
        reasonWords('assignment.reason.language', { language: ticket.language! }),
      ),
    });

  const raw =
    skillWeight * skillFit +
    weights.headroom * headroom +
    (dutyUntil ? weights.duty : 0) +
    (speaks ? weights.language : 0);
  return { score: Math.round(raw * 1000) / 1000, reasons };
}

/** When an engineer who is off now is back: their next working instant, or after an absence that starts then. */
function backFromOffShift(engineer: Engineer, memo: RankMemo): Date {
  const next = memo.nextWorkingAfterNow(engineer.calendar)!;
  const absent = engineer.absences.length ? absenceAt(engineer.absences, engineer.timeZone, next) : null;
  return absent ? backAt(engineer, memo, absent.end) : next;
}

/** The reason an engineer who is off now is still suggested: when they are back. */
function offNowReason(zone: string, memo: RankMemo, back: Date): RankReason {
  const when = memo.when(zone, back);
  return {
    code: 'offNow',
    params: { until: back.toISOString() },
    ...reasonWords('assignment.reason.offNow', {}, { en: { when: when.en }, ru: { when: when.ru } }),
  };
}

/** Orders ranked engineers: higher score, then lower load, then accountId (code-unit order, locale-free). */
export function byRank(a: RankedEngineer, b: RankedEngineer): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.load !== b.load) return a.load - b.load;
  return compareIds(a.accountId, b.accountId);
}

/**
 * Ranks engineers for one ticket: filters out those who cannot take it (absent, over their load
 * limit, missing a skill, outside the team, or with no known working hours ahead), then orders the
 * rest by skill fit, load headroom, duty and language, with a deterministic tie-break. Engineers who
 * are merely outside their working hours and not on duty stay in, after those who can start now,
 * marked with when they are back (`offUntil`, reason `offNow`): at night the coordinator still sees
 * the team, the engineer on duty first.
 */
export function rankEngineers(input: RankEngineersInput): Ranking {
  const { engineers, ticket, loads, dutyRota, now, policy } = input;
  const memo = new RankMemo(input.calendars, now, ticket);
  const duty = dutyRota ? onDutyAt(dutyRota, now) : new Map<string, Date>();
  // The same weight the ticket will add to its assignee's load once assigned.
  const ticketWeight = ticketLoadWeight(
    ticket,
    loadRuleOf(policy, input.temperaturePolicy ?? DEFAULT_TEMPERATURE_POLICY),
  );
  const offHours = memo.isWorkingNow(policy.deskCalendar) === false;
  const dutyFirst: RankedEngineer[] = [];
  const ranked: RankedEngineer[] = [];
  const offNowRanked: RankedEngineer[] = [];
  const excluded: ExcludedEngineer[] = [];

  for (const prepared of prepare(engineers)) {
    const engineer = prepared.engineer;
    const given = loads[engineer.accountId];
    // typeof, not `?? 0`: an id like "constructor" must not pick up Object.prototype members.
    const load = typeof given === 'number' ? given : 0;
    const dutyUntil = duty.get(engineer.accountId);
    const reasons = exclusionReasons(prepared, input, memo, dutyUntil !== undefined, load, ticketWeight);
    // Off shift with working hours ahead, and nothing else against them: still suggested, marked off now.
    const offShiftOnly = reasons.length === 1 && reasons[0]!.code === 'offShift' && !!reasons[0]!.until;
    if (reasons.length && !offShiftOnly) {
      excluded.push({ accountId: engineer.accountId, name: engineer.name, reasons });
      continue;
    }
    const { score, reasons: why } = scoreOf(prepared, input, memo, load, ticketWeight, dutyUntil);
    const entry: RankedEngineer = {
      accountId: engineer.accountId,
      name: engineer.name,
      score,
      load,
      onDuty: !!dutyUntil,
      reasons: why,
    };
    if (offShiftOnly) {
      const offNow = memo.offNow(
        input.displayTimeZone ?? engineer.timeZone,
        backFromOffShift(engineer, memo),
      );
      entry.offUntil = offNow.params.until as string;
      why.push(offNow);
      offNowRanked.push(entry);
    } else if (dutyUntil && offHours) dutyFirst.push(entry);
    else ranked.push(entry);
  }

  // On duty while the desk is closed, then able to start now, then off now; each best first.
  return {
    ranked: [...dutyFirst.sort(byRank), ...ranked.sort(byRank), ...offNowRanked.sort(byRank)],
    excluded,
    offHours,
  };
}

/** Compiles every calendar once, for callers that rank many tickets against the same settings. */
export function compileCalendars(
  calendars: Readonly<Record<string, CalendarLike>>,
): Record<string, CalendarLike> {
  return Object.fromEntries(Object.entries(calendars).map(([id, c]) => [id, compileCalendar(c)]));
}
