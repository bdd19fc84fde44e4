import type { CalendarLike } from '../calendar/index.js';
import { compileCalendar, isWorkingTime, nextWorkingInstant } from '../calendar/index.js';
import type { AssignmentPolicy } from '../schemas/assignment.js';
import type { Priority } from '../schemas/calendar.js';
import type { DutyRota, Engineer } from '../schemas/engineers.js';
import { absenceAt } from './absence.js';
import { onDutyAt } from './duty.js';
import type { Bilingual } from './wording.js';
import { ABSENCE_WORDS, formatLoad, formatWhen } from './wording.js';

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
}

export type RankReasonCode = 'skill' | 'load' | 'onDuty' | 'language';
export type ExclusionCode = 'absent' | 'offShift' | 'overMaxLoad' | 'missingSkill' | 'notInTeam';

export interface RankReason extends Bilingual {
  code: RankReasonCode;
}

export interface ExclusionReason extends Bilingual {
  code: ExclusionCode;
  /** ISO instant when this reason stops applying, when that is known. */
  until?: string;
}

export interface RankedEngineer {
  accountId: string;
  name: string;
  score: number;
  load: number;
  onDuty: boolean;
  reasons: RankReason[];
}

export interface ExcludedEngineer {
  accountId: string;
  name: string;
  reasons: ExclusionReason[];
}

export interface Ranking {
  /** Best first: higher score, then lower load, then accountId. */
  ranked: RankedEngineer[];
  /** Everyone filtered out, with every reason that applies, by accountId. */
  excluded: ExcludedEngineer[];
  /** True when `now` is outside the desk calendar (nights, weekends, holidays). */
  offHours: boolean;
}

/** How often to re-check for a back-to-back absence when computing the return time. */
const MAX_CHAINED_ABSENCES = 8;

/** Per-call memo of calendar answers: engineers share a handful of calendars. */
class CalendarAnswers {
  private readonly working = new Map<string, boolean>();
  private readonly next = new Map<string, Date | null>();

  constructor(
    private readonly calendars: Readonly<Record<string, CalendarLike>>,
    private readonly now: Date,
  ) {}

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
}

/** When an absent engineer is really back: the end of the absence (and any that follow), then their next working instant. */
function backAt(engineer: Engineer, calendar: CalendarLike | undefined, end: Date): Date {
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
  engineer: Engineer,
  input: RankEngineersInput,
  answers: CalendarAnswers,
  onDuty: boolean,
  load: number,
  ticketWeight: number,
): ExclusionReason[] {
  const { ticket, policy, now } = input;
  const zone = input.displayTimeZone ?? engineer.timeZone;
  const reasons: ExclusionReason[] = [];

  if (policy.requireTeam && !engineer.teams.includes(ticket.project))
    reasons.push({
      code: 'notInTeam',
      en: `Not in the ${ticket.project} team`,
      ru: `Не входит в команду ${ticket.project}`,
    });

  const absence = absenceAt(engineer.absences, engineer.timeZone, now);
  if (absence) {
    const back = backAt(engineer, answers.calendar(engineer.calendar), absence.end);
    const when = formatWhen(zone, back, now);
    const kind = ABSENCE_WORDS[absence.absence.kind];
    const note = absence.absence.note ? `: ${absence.absence.note}` : '';
    reasons.push({
      code: 'absent',
      en: `Off until ${when.en} (${kind.en}${note})`,
      ru: `Отсутствует до ${when.ru} (${kind.ru}${note})`,
      until: back.toISOString(),
    });
  }

  const working = answers.isWorkingNow(engineer.calendar);
  if (working === undefined && !onDuty)
    reasons.push({
      code: 'offShift',
      en: `Working hours unknown: no calendar "${engineer.calendar}"`,
      ru: `Рабочее время неизвестно: нет календаря «${engineer.calendar}»`,
    });
  else if (working === false && !onDuty) {
    const next = answers.nextWorkingAfterNow(engineer.calendar);
    const when = next ? formatWhen(zone, next, now) : null;
    reasons.push({
      code: 'offShift',
      en: when ? `Off shift until ${when.en}` : 'Off shift, no working hours ahead',
      ru: when ? `Не на смене до ${when.ru}` : 'Не на смене, рабочих часов впереди нет',
      ...(next ? { until: next.toISOString() } : {}),
    });
  }

  if (load + ticketWeight > engineer.maxLoad)
    reasons.push({
      code: 'overMaxLoad',
      en: `Load ${formatLoad(load)} + ${formatLoad(ticketWeight)} for this ticket exceeds ${formatLoad(engineer.maxLoad)}`,
      ru: `Нагрузка ${formatLoad(load)} + ${formatLoad(ticketWeight)} за эту заявку больше предела ${formatLoad(engineer.maxLoad)}`,
    });

  for (const need of ticket.requiredSkills) {
    const minLevel = need.minLevel ?? 1;
    const level = skillLevel(engineer, need.skill);
    if (level >= minLevel) continue;
    reasons.push(
      level === 0
        ? { code: 'missingSkill', en: `No ${need.skill} skill`, ru: `Нет навыка ${need.skill}` }
        : {
            code: 'missingSkill',
            en: `${need.skill} level ${level}, needs ${minLevel}`,
            ru: `${need.skill}: уровень ${level}, нужен ${minLevel}`,
          },
    );
  }
  return reasons;
}

/** The engineer's level in a skill (names compare case-insensitively), 0 when they lack it. */
function skillLevel(engineer: Engineer, skill: string): number {
  const wanted = skill.trim().toLowerCase();
  return engineer.skills.find((s) => s.skill.trim().toLowerCase() === wanted)?.level ?? 0;
}

/** Score of an eligible engineer and the reasons behind it. Never increases with load. */
function scoreOf(
  engineer: Engineer,
  input: RankEngineersInput,
  load: number,
  ticketWeight: number,
  dutyUntil: Date | undefined,
): { score: number; reasons: RankReason[] } {
  const { ticket, policy, now } = input;
  const weights = policy.scoreWeights;
  const reasons: RankReason[] = [];

  const levels = ticket.requiredSkills.map((need) => ({
    skill: need.skill,
    level: skillLevel(engineer, need.skill),
  }));
  const skillFit = levels.length ? levels.reduce((sum, s) => sum + s.level / 5, 0) / levels.length : 0;
  if (levels.length) {
    const list = levels.map((s) => `${s.skill} ${s.level}/5`).join(', ');
    reasons.push({ code: 'skill', en: `Skills: ${list}`, ru: `Навыки: ${list}` });
  }
  const hot = (ticket.temperature ?? 0) >= policy.hotTemperature;
  const skillWeight = weights.skill * (hot ? 2 : 1);

  const headroom = Math.max(0, engineer.maxLoad - load - ticketWeight) / engineer.maxLoad;
  reasons.push({
    code: 'load',
    en: `Load ${formatLoad(load)} of ${formatLoad(engineer.maxLoad)}`,
    ru: `Нагрузка ${formatLoad(load)} из ${formatLoad(engineer.maxLoad)}`,
  });

  if (dutyUntil) {
    const when = formatWhen(input.displayTimeZone ?? engineer.timeZone, dutyUntil, now);
    reasons.push({ code: 'onDuty', en: `On duty until ${when.en}`, ru: `Дежурит до ${when.ru}` });
  }
  const speaks = ticket.language !== undefined && engineer.languages.includes(ticket.language);
  if (speaks)
    reasons.push({
      code: 'language',
      en: `Speaks the customer's language (${ticket.language})`,
      ru: `Говорит на языке клиента (${ticket.language})`,
    });

  const raw =
    skillWeight * skillFit +
    weights.headroom * headroom +
    (dutyUntil ? weights.duty : 0) +
    (speaks ? weights.language : 0);
  return { score: Math.round(raw * 1000) / 1000, reasons };
}

/** Orders ranked engineers: higher score, then lower load, then accountId (code-unit order, locale-free). */
function byRank(a: RankedEngineer, b: RankedEngineer): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.load !== b.load) return a.load - b.load;
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

/**
 * Ranks engineers for one ticket: filters out those who cannot take it now (absent, off shift and
 * not on duty, over their load limit, missing a skill, outside the team), then orders the rest by
 * skill fit, load headroom, duty and language, with a deterministic tie-break.
 */
export function rankEngineers(input: RankEngineersInput): Ranking {
  const { engineers, ticket, loads, dutyRota, now, policy } = input;
  const answers = new CalendarAnswers(input.calendars, now);
  const duty = dutyRota ? onDutyAt(dutyRota, now) : new Map<string, Date>();
  const ticketWeight = policy.loadWeights[ticket.priority];
  const ranked: RankedEngineer[] = [];
  const excluded: ExcludedEngineer[] = [];

  for (const engineer of engineers) {
    const load = Object.hasOwn(loads, engineer.accountId) ? loads[engineer.accountId]! : 0;
    const dutyUntil = duty.get(engineer.accountId);
    const reasons = exclusionReasons(engineer, input, answers, dutyUntil !== undefined, load, ticketWeight);
    if (reasons.length) {
      excluded.push({ accountId: engineer.accountId, name: engineer.name, reasons });
      continue;
    }
    const { score, reasons: why } = scoreOf(engineer, input, load, ticketWeight, dutyUntil);
    ranked.push({
      accountId: engineer.accountId,
      name: engineer.name,
      score,
      load,
      onDuty: !!dutyUntil,
      reasons: why,
    });
  }

  ranked.sort(byRank);
  excluded.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const desk = answers.isWorkingNow(policy.deskCalendar);
  return { ranked, excluded, offHours: desk === false };
}

/** Compiles every calendar once, for callers that rank many tickets against the same settings. */
export function compileCalendars(
  calendars: Readonly<Record<string, CalendarLike>>,
): Record<string, CalendarLike> {
  return Object.fromEntries(Object.entries(calendars).map(([id, c]) => [id, compileCalendar(c)]));
}
