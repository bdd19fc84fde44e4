// The coordinator's decision for one issue, as a pure function of settings, contracts, the issue's
// history, engineers' loads and `now`: match the contract, evaluate the ticket (its SLA clocks and
// temperature, by the one shared evaluation), rank the engineers with the shared ranking and apply
// the project's assignment policy.
import { decideAssignment, evaluateTicket, rankEngineers } from '@frontline/shared';
import type {
  Absence,
  AssignmentDecision,
  AssignmentPolicy,
  CalendarLike,
  Contract,
  Engineer,
  Ranking,
  SettingsDocument,
  SlaEvent,
  TicketEvaluation,
  TicketToAssign,
} from '@frontline/shared';
import { matchContract } from './contract-match.js';
import type { ContractMatch } from './contract-match.js';
import type { IssueSnapshot } from './issue-facts.js';

/** Everything a decision reads that changes rarely: prepared once per settings version. */
export interface AssignmentWorld {
  settingsVersion: number;
  settings: SettingsDocument;
  /** Compiled once (ranking and SLA clocks run on the same calendars many times). */
  calendars: Readonly<Record<string, CalendarLike>>;
  contracts: readonly Contract[];
  /** Settings engineers with the absences read from their calendars feeds added. */
  engineers: readonly Engineer[];
  /** Issue label (lower case) → the skill it calls for. */
  skillsByLabel: Readonly<Record<string, string>>;
}

/** Adds feed absences to each engineer's own list (a new array per engineer that gets any). */
export function withFeedAbsences(
  engineers: readonly Engineer[],
  feed: ReadonlyMap<string, readonly Absence[]>,
): Engineer[] {
  return engineers.map((e) => {
    const extra = feed.get(e.accountId);
    return extra && extra.length ? { ...e, absences: [...e.absences, ...extra] } : e;
  });
}

/** The skills an issue calls for: labels mapped by the options, or labels that name a skill outright. */
export function requiredSkills(
  snapshot: Pick<IssueSnapshot, 'labels'>,
  world: Pick<AssignmentWorld, 'engineers' | 'skillsByLabel'>,
): { skill: string }[] {
  const known = new Map<string, string>();
  for (const e of world.engineers) for (const s of e.skills) known.set(s.skill.toLowerCase(), s.skill);
  const skills = new Set<string>();
  for (const label of snapshot.labels) {
    const lower = label.toLowerCase();
    const mapped = Object.hasOwn(world.skillsByLabel, lower) ? world.skillsByLabel[lower] : undefined;
    const skill = mapped ?? known.get(lower);
    if (skill) skills.add(skill);
  }
  return [...skills].map((skill) => ({ skill }));
}

/** A ticket's evaluation (shared `evaluateTicket`) with the contract it was made under. */
export interface IssueEvaluation extends TicketEvaluation {
  contract: ContractMatch | undefined;
  /** The temperature score (`temperature.score`), what load is weighed by. */
  score: number;
}

/**
 * The one evaluation of an issue at `now`: the customer's contract (organization, e-mail domain or
 * customer field, as the contract panel shows it), then the shared evaluation under that contract.
 * Tracking, suggestions, the sweep and the glance all read a ticket's clocks and temperature here.
 */
export function evaluateIssue(
  world: Pick<AssignmentWorld, 'settings' | 'calendars' | 'contracts'>,
  snapshot: Pick<IssueSnapshot, 'priority' | 'createdAt' | 'requestType' | 'customer'>,
  history: readonly SlaEvent[],
  now: Date,
): IssueEvaluation {
  const contract = matchContract(world.contracts, snapshot.customer, snapshot.createdAt);
  const evaluated = evaluateTicket({
    ticket: snapshot,
    history,
    contract: contract?.contract ?? null,
    settings: world.settings,
    calendars: world.calendars,
    now,
  });
  // `now` is the sidecar's own clock, inside the horizon for decades: a refusal here is a bug.
  if (!evaluated.ok) throw new RangeError(evaluated.error.message);
  return { ...evaluated.value, contract, score: evaluated.value.temperature.score };
}

export interface AssignmentPlan {
  contract: ContractMatch | undefined;
  /** The ticket's clocks and temperature (see `evaluateIssue`). */
  temperature: IssueEvaluation;
  ticket: TicketToAssign;
  /** Absent when the project has no assignment policy (the sidecar does not assign there). */
  policy?: AssignmentPolicy;
  ranking?: Ranking;
  decision?: AssignmentDecision;
}

/** The whole decision for one issue at `now`. */
export function planAssignment(input: {
  world: AssignmentWorld;
  snapshot: IssueSnapshot;
  history: readonly SlaEvent[];
  loads: Readonly<Record<string, number>>;
  now: Date;
}): AssignmentPlan {
  const { world, snapshot, now } = input;
  const temperature = evaluateIssue(world, snapshot, input.history, now);
  const contract = temperature.contract;
  const ticket: TicketToAssign = {
    requiredSkills: requiredSkills(snapshot, world),
    project: snapshot.project,
    priority: temperature.effectivePriority,
    temperature: temperature.score,
    ...(contract ? { language: contract.contract.communication.language } : {}),
    ...(snapshot.requestType ? { requestType: snapshot.requestType } : {}),
  };
  const policy = world.settings.assignment.find((p) => p.project === snapshot.project);
  if (!policy) return { contract, temperature, ticket };
  const ranking = rankEngineers({
    engineers: world.engineers,
    ticket,
    loads: input.loads,
    dutyRota: world.settings.dutyRota ?? null,
    now,
    policy,
    calendars: world.calendars,
    temperaturePolicy: world.settings.temperature,
  });
  return {
    contract,
    temperature,
    ticket,
    policy,
    ranking,
    decision: decideAssignment(policy, ticket, ranking),
  };
}
