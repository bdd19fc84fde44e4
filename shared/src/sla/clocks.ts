// SLA clocks replayed from an issue's history. The result is a pure function of
// (policy, calendar, history, now): replaying the same facts always gives the same answer, and
// events may arrive in any order (they are sorted by time; ties keep their given order, with
// `created` first).
//
// Clock rules:
// - firstResponse runs from creation until the first public comment by an agent, or until the
//   issue is resolved, whichever comes first; it never restarts.
// - update waits for the first public agent comment, then runs; every later public agent comment
//   starts a new cycle from zero. Resolving stops it; reopening starts a new cycle at once (the
//   customer is owed news about the reopened problem).
// - resolution runs from creation until resolved; reopening resumes it with the time already
//   used (the problem was never really solved).
// - Customer comments and internal (non-public) agent comments stop no clock.
// - While the issue's status is one of the policy's pause statuses (compared case-insensitively)
//   an open clock is paused.
// - While paid work waits for the customer's approval (an `approval` fact with `awaiting: true`,
//   until one with `awaiting: false`) the resolution clock is paused; the others keep counting.
// - Only business time of the calendar counts.
// - Effective priority: while the calendar has active periods with a `priority`, an issue is
//   treated as the more urgent of its own priority and the most urgent period priority (a period
//   raises, never lowers). Targets follow the effective priority, so a medium request that enters
//   a month-end close is held to the highest target from local midnight of the first close day.
// - A clock is breached once its elapsed business time exceeds the target while the cycle is
//   open. `breachedAt` is the instant the remaining time reached zero, or the instant a raised
//   priority made the target smaller than the time already used.
// - Horizon: the creation and `now` must lie within the calendar horizon (2000-01-01 to 2100-01-01,
//   see `calendar/horizon.ts`), and so must every instant the report names (a due date included);
//   otherwise the result is `{ ok: false, error: { code: 'beyond_horizon', … } }`.
import type { ActivePeriod, BeyondHorizon, CalendarLike, CompiledCalendar } from '../calendar/index.js';
import { compiledOf } from '../calendar/compiled.js';
import { beyondHorizon, BeyondHorizonError, withinHorizon } from '../calendar/horizon.js';
import { isoInstant } from '../calendar/iso.js';
import { nextPeriodChangeMs, workBetween, workForward } from '../calendar/work.js';
import { DAY_MS, MINUTE_MS } from '../calendar/zone.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { Priority } from '../schemas/calendar.js';
import { PRIORITIES } from '../schemas/calendar.js';
import type { PriorityMinutes, SlaEvent, SlaPolicy, SlaTargetName } from '../schemas/sla.js';
import { SLA_TARGETS } from '../schemas/sla.js';

/** What a clock is doing during a stretch of time. */
export type SlaClockState = 'waiting' | 'running' | 'paused' | 'stopped';

/** A stretch of the timeline during which nothing about a clock changed. */
export interface SlaSegment {
  from: string;
  to: string;
  state: SlaClockState;
  /** Why the clock is in this state, in words. */
  reason: string;
  /** Effective priority and the period that raised it, if any. */
  priority: Priority;
  raisedBy: string | null;
  targetMinutes: number;
  /** Business minutes counted in this segment, and the cycle's total at its end. */
  businessMinutes: number;
  elapsedMinutes: number;
  cycle: number;
}

/** The state of one SLA target at `now`. */
export interface SlaClock {
  target: SlaTargetName;
  state: SlaClockState;
  priority: Priority;
  targetMinutes: number;
  /** Business minutes used in the current cycle. */
  elapsedMinutes: number;
  /** targetMinutes − elapsedMinutes; negative once breached. */
  remainingMinutes: number;
  /** elapsedMinutes / targetMinutes. */
  fractionUsed: number;
  /** When the target runs out if the clock keeps running (the breach instant once breached); null while paused, waiting or stopped. */
  dueAt: string | null;
  paused: boolean;
  /** True once any cycle of this clock went over its target (the clock's record, kept after a new cycle starts). */
  breached: boolean;
  breachedAt: string | null;
  /** True while the current cycle is over its target: what urgency is about now, after an answer has started a new cycle. */
  cycleBreached: boolean;
  cycleBreachedAt: string | null;
  /** For a stopped clock: whether every cycle stayed within target; null while open. */
  met: boolean | null;
  cycle: number;
  segments: SlaSegment[];
}

/** Every clock of a policy for one issue at `now`. */
export interface SlaReport {
  now: string;
  issuePriority: Priority;
  effectivePriority: Priority;
  raisedBy: string | null;
  activePeriods: ActivePeriod[];
  status: string | null;
  resolved: boolean;
  /** The last public agent comment, or the creation time when there is none: when the customer last heard from us. */
  lastPublicUpdateAt: string;
  clocks: SlaClock[];
}

export type SlaError = { code: 'no-created-event'; message: string } | BeyondHorizon;

export interface SlaOptions {
  /**
   * Whether each clock lists its segments (the timeline an SLA report shows). A caller that only
   * needs the clocks' state (a temperature, a sweep) leaves them out: they are most of the cost.
   * Default true.
   */
  segments?: boolean;
}

interface Rules {
  targets: Partial<Record<SlaTargetName, PriorityMinutes>>;
  pauseStatuses: ReadonlySet<string>;
}

interface IssueState {
  status: string | null;
  priority: Priority;
  resolved: boolean;
}

interface Effective {
  priority: Priority;
  raisedBy: string | null;
}

const URGENCY: Readonly<Record<Priority, number>> = Object.fromEntries(
  PRIORITIES.map((priority, rank) => [priority, rank]),
) as Record<Priority, number>;
const urgency = (priority: Priority) => URGENCY[priority];
const normalizeStatus = (status: string) => status.trim().toLowerCase();
const isoOf = isoInstant;
// A local copy of the minute: under loaders that wrap modules (tsx, bundlers) an imported binding
// becomes a getter call on every use, and the replay uses it for every segment.
const MINUTE = MINUTE_MS;
const DAY = DAY_MS;

/**
 * Rules by policy and request type, worked out once per policy object: a sweep replays thousands
 * of tickets under the same few policies. Policies, like calendars, must not be mutated after use.
 */
const rulesByPolicy = new WeakMap<SlaPolicy, Map<string | undefined, Rules>>();

function cachedRules(policy: SlaPolicy, requestType: string | undefined): Rules {
  let byType = rulesByPolicy.get(policy);
  if (!byType) {
    byType = new Map();
    rulesByPolicy.set(policy, byType);
  }
  let rules = byType.get(requestType);
  if (!rules) {
    rules = rulesFor(policy, requestType);
    byType.set(requestType, rules);
  }
  return rules;
}

/** Whether an issue in `status` has its clocks paused. */
function pausedIn(rules: Rules, status: string | null): boolean {
  return status !== null && rules.pauseStatuses.size > 0 && rules.pauseStatuses.has(normalizeStatus(status));
}

/** Policy targets with the request type's overrides applied. */
export function rulesFor(policy: SlaPolicy, requestType: string | undefined): Rules {
  const override = policy.requestTypes.find((o) => o.requestType === requestType);
  return {
    targets: { ...policy.targets, ...(override?.targets ?? {}) },
    pauseStatuses: new Set((override?.pauseStatuses ?? policy.pauseStatuses).map(normalizeStatus)),
  };
}

/** The issue priority raised by the most urgent period priority active at `at`. */
export function effectivePriority(calendar: CalendarLike, priority: Priority, at: Date): Effective {
  const t = at.getTime();
  if (!withinHorizon(t)) throw new BeyondHorizonError(beyondHorizon('effectivePriority: at', t));
  return effectiveAt(compiledOf(calendar), priority, t);
}

function effectiveAt(calendar: CompiledCalendar, priority: Priority, t: number): Effective {
  let result: Effective = { priority, raisedBy: null };
  if (!calendar.hasPeriods) return result;
  for (const period of calendar.periodsOn(calendar.localDay(t))) {
    const raised = period.active.priority;
    if (raised !== undefined && urgency(raised) < urgency(result.priority)) {
      result = { priority: raised, raisedBy: period.active.name };
    }
  }
  return result;
}

/** Working milliseconds in [from, to). */
function workMs(calendar: CompiledCalendar, from: number, to: number): number {
  return from < to ? workBetween(calendar, from, to) : 0;
}

/** One clock being replayed. */
class ClockRun {
  phase: 'waiting' | 'open' | 'stopped';
  stopReason = '';
  elapsedMs = 0;
  cycle = 1;
  cycleBreachedAt: number | null = null;
  firstBreachAt: number | null = null;
  anyBreach = false;
  lastTargetMs: number;
  readonly segments: SlaSegment[] = [];

  constructor(
    readonly name: SlaTargetName,
    private readonly targets: PriorityMinutes,
    initialPriority: Priority,
    private readonly keepSegments: boolean,
  ) {
    this.phase = name === 'update' ? 'waiting' : 'open';
    this.lastTargetMs = this.targetMs(initialPriority);
  }

  targetMs(priority: Priority): number {
    return this.targets[priority] * MINUTE;
  }

  stop(reason: string): void {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.stopReason = reason;
  }

  /** Starts a fresh cycle (update clock) at zero. */
  restart(): void {
    if (this.phase !== 'waiting') this.cycle++;
    this.phase = 'open';
    this.elapsedMs = 0;
    this.cycleBreachedAt = null;
  }

  /** Resumes a stopped clock keeping its time (resolution clock after a reopen). */
  resume(): void {
    this.phase = 'open';
  }

  /** Accounts for [from, to) during which the issue state and effective priority stay as given. */
  advance(
    calendar: CompiledCalendar,
    from: number,
    to: number,
    issue: IssueState,
    effective: Effective,
    paused: boolean,
    /** The pause is the wait for the customer's approval, not the status. */
    awaitingApproval = false,
  ): void {
    const targetMs = this.targetMs(effective.priority);
    let state: SlaClockState;
    let worked = 0;
    if (this.phase === 'waiting') state = 'waiting';
    else if (this.phase === 'stopped') state = 'stopped';
    else {
      this.lastTargetMs = targetMs;
      if (paused) {
        state = 'paused';
        if (this.elapsedMs > targetMs) this.breach(from);
      } else {
        state = 'running';
        worked = workMs(calendar, from, to);
        if (this.cycleBreachedAt === null) {
          if (this.elapsedMs > targetMs) this.breach(from);
          else if (this.elapsedMs + worked > targetMs)
            // Exactly on target at `from`: the breach is the next instant of work, reported as `from`.
            this.breach(
              targetMs === this.elapsedMs ? from : workForward(calendar, from, targetMs - this.elapsedMs),
            );
        }
        this.elapsedMs += worked;
      }
    }
    if (!this.keepSegments) return;
    // Words only for the timeline: a replay without segments never builds them.
    const reason =
      state === 'waiting'
        ? 'starts with the first public reply by an agent'
        : state === 'stopped'
          ? this.stopReason
          : state === 'paused'
            ? awaitingApproval
              ? 'paused while the customer decides on the paid work'
              : `paused while the status is "${issue.status}"`
            : effective.raisedBy
              ? `counting at ${effective.priority} priority during "${effective.raisedBy}"`
              : 'counting business time';
    this.record({
      from: isoOf(from),
      to: isoOf(to),
      state,
      reason,
      priority: effective.priority,
      raisedBy: effective.raisedBy,
      targetMinutes: targetMs / MINUTE,
      businessMinutes: worked / MINUTE,
      elapsedMinutes: this.elapsedMs / MINUTE,
      cycle: this.cycle,
    });
  }

  /** Marks the breach when, at `at`, the open cycle has already used more than `targetMs` (a raised priority). */
  noteOverdue(at: number, targetMs: number): void {
    if (this.phase === 'open' && this.elapsedMs > targetMs) this.breach(at);
  }

  private breach(at: number): void {
    if (this.cycleBreachedAt !== null) return;
    this.cycleBreachedAt = at;
    this.anyBreach = true;
    if (this.firstBreachAt === null) this.firstBreachAt = at;
  }

  /** Appends a segment, extending the previous one when nothing but the time changed. */
  private record(segment: SlaSegment): void {
    const last = this.segments[this.segments.length - 1];
    if (
      last &&
      last.to === segment.from &&
      last.state === segment.state &&
      last.reason === segment.reason &&
      last.priority === segment.priority &&
      last.targetMinutes === segment.targetMinutes &&
      last.cycle === segment.cycle
    ) {
      last.to = segment.to;
      last.businessMinutes += segment.businessMinutes;
      last.elapsedMinutes = segment.elapsedMinutes;
    } else this.segments.push(segment);
  }
}

/** Order of events that share a timestamp: creation first, then as given. */
const creationFirst = (event: SlaEvent) => (event.type === 'created' ? 0 : 1);

/**
 * The positions of `history` in replay order (by time; at equal times creation first, then as
 * given), or null when the history is in that order already, as it nearly always is.
 */
function replayOrder(history: readonly SlaEvent[], times: readonly number[]): number[] | null {
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) {
    const before = times[i - 1]!;
    const at = times[i]!;
    if (
      at < before ||
      (at === before && history[i]!.type === 'created' && history[i - 1]!.type !== 'created')
    )
      sorted = false;
  }
  if (sorted) return null;
  const order = times.map((_, index) => index);
  return order.sort(
    (a, b) => times[a]! - times[b]! || creationFirst(history[a]!) - creationFirst(history[b]!) || a - b,
  );
}

/**
 * When a running clock with `elapsedMs` used at `fromMs` runs out, following the priority raises
 * that the calendar's periods will bring.
 */
function projectDue(
  calendar: CompiledCalendar,
  run: ClockRun,
  issuePriority: Priority,
  fromMs: number,
  elapsedMs: number,
): number {
  let t = fromMs;
  let used = elapsedMs;
  for (;;) {
    const targetMs = run.targetMs(effectiveAt(calendar, issuePriority, t).priority);
    const next = nextPeriodChangeMs(calendar, t, 400);
    const change = Number.isNaN(next) ? Infinity : next;
    const due = used >= targetMs ? t : workForward(calendar, t, targetMs - used);
    if (due <= change) return due;
    used += workMs(calendar, t, change);
    t = change;
  }
}

/** Replays an issue's history under an SLA policy and reports every clock at `now`. */
export function computeSlaClocks(
  policy: SlaPolicy,
  calendar: CalendarLike,
  history: readonly SlaEvent[],
  now: Date,
  options: SlaOptions = {},
): Result<SlaReport, SlaError> {
  try {
    return replay(policy, compiledOf(calendar), history, now, options.segments ?? true);
  } catch (error) {
    // A due date or breach instant that lies past the horizon ends the replay the same way.
    if (error instanceof BeyondHorizonError) return err(error.error);
    throw error;
  }
}

function replay(
  policy: SlaPolicy,
  compiled: CompiledCalendar,
  history: readonly SlaEvent[],
  now: Date,
  keepSegments: boolean,
): Result<SlaReport, SlaError> {
  // One pass reads every instant; the order is checked, and sorted only when it is not kept.
  const count = history.length;
  const times: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) times[i] = Date.parse(history[i]!.at);
  const order = replayOrder(history, times);
  let createdAt = -1;
  for (let k = 0; k < count; k++) {
    const i = order === null ? k : order[k]!;
    if (history[i]!.type === 'created') {
      createdAt = k;
      break;
    }
  }
  if (createdAt < 0) {
    return err({
      code: 'no-created-event',
      message: 'the history has no "created" event, so no clock can start',
    });
  }
  const createdIndex = order === null ? createdAt : order[createdAt]!;
  const created = history[createdIndex] as Extract<SlaEvent, { type: 'created' }>;
  const start = times[createdIndex]!;
  const nowMs = now.getTime();
  if (!withinHorizon(nowMs)) return err(beyondHorizon('now', nowMs));
  if (!withinHorizon(start)) return err(beyondHorizon('the creation', start));
  const end = Math.max(nowMs, start);

  const rules = cachedRules(policy, created.requestType);
  const issue: IssueState = {
    status: created.status ?? null,
    priority: created.priority,
    resolved: false,
  };
  const runs: ClockRun[] = [];
  let firstResponse: ClockRun | null = null;
  let update: ClockRun | null = null;
  let resolution: ClockRun | null = null;
  for (const name of SLA_TARGETS) {
    const targets = rules.targets[name];
    if (!targets) continue;
    const run = new ClockRun(name, targets, issue.priority, keepSegments);
    runs.push(run);
    if (name === 'firstResponse') firstResponse = run;
    else if (name === 'update') update = run;
    else resolution = run;
  }
  let lastPublicUpdate = start;
  let paused = pausedIn(rules, issue.status);
  let awaitingApproval = false;

  let cursor = start;
  // Events in replay order after the creation, up to `end`; facts stamped before the creation
  // (clock skew between systems) count as happening at creation.
  let k = 0;
  for (;;) {
    for (; k < count; k++) {
      if (k === createdAt) continue;
      const i = order === null ? k : order[k]!;
      const at = Math.max(times[i]!, start);
      if (at > cursor || times[i]! > end) break;
      const event = history[i]!;
      switch (event.type) {
        case 'created':
          break;
        case 'status':
          issue.status = event.to;
          paused = pausedIn(rules, issue.status);
          break;
        case 'priority':
          issue.priority = event.to;
          break;
        case 'comment':
          if (event.author === 'agent' && event.public) {
            lastPublicUpdate = at;
            firstResponse?.stop('answered by a public reply from an agent');
            if (!issue.resolved) update?.restart();
          }
          break;
        case 'resolved':
          issue.resolved = true;
          for (const r of runs) r.stop('resolved');
          break;
        case 'approval':
          awaitingApproval = event.awaiting;
          break;
        case 'reopened':
          if (!issue.resolved) break;
          issue.resolved = false;
          if (event.status !== undefined) {
            issue.status = event.status;
            paused = pausedIn(rules, issue.status);
          }
          resolution?.resume();
          update?.restart();
          break;
      }
    }
    if (cursor >= end) break;
    const change = nextPeriodChangeMs(compiled, cursor, 400);
    const periodChange = Number.isNaN(change) ? cursor + 400 * DAY : change;
    let stop = Math.min(end, periodChange);
    // The next event still to come (one stamped after `end` ends the history).
    for (let j = k; j < count; j++) {
      if (j === createdAt) continue;
      const i = order === null ? j : order[j]!;
      if (times[i]! <= end) stop = Math.min(stop, Math.max(times[i]!, start));
      break;
    }
    const effective = effectiveAt(compiled, issue.priority, cursor);
    for (const r of runs) {
      const forApproval = !paused && awaitingApproval && r === resolution;
      r.advance(compiled, cursor, stop, issue, effective, paused || forApproval, forApproval);
    }
    cursor = stop;
  }

  const effectiveNow = effectiveAt(compiled, issue.priority, end);
  // A target that shrank exactly at `now` (a period starting) has not been seen by any segment yet.
  for (const r of runs) r.noteOverdue(end, r.targetMs(effectiveNow.priority));
  const clocks = runs.map((r): SlaClock => {
    const phase = r.phase;
    const open = phase === 'open';
    const pausedNow = open && (paused || (awaitingApproval && r === resolution));
    const state: SlaClockState = phase === 'open' ? (pausedNow ? 'paused' : 'running') : phase;
    const targetMs = open || r.phase === 'waiting' ? r.targetMs(effectiveNow.priority) : r.lastTargetMs;
    let dueAt: number | null = null;
    if (state === 'running')
      dueAt = r.cycleBreachedAt ?? projectDue(compiled, r, issue.priority, end, r.elapsedMs);
    return {
      target: r.name,
      state,
      priority:
        open || r.phase === 'waiting'
          ? effectiveNow.priority
          : (r.segments.at(-1)?.priority ?? issue.priority),
      targetMinutes: targetMs / MINUTE_MS,
      elapsedMinutes: r.elapsedMs / MINUTE_MS,
      remainingMinutes: (targetMs - r.elapsedMs) / MINUTE_MS,
      fractionUsed: r.elapsedMs / targetMs,
      dueAt: dueAt === null ? null : isoOf(dueAt),
      paused: pausedNow,
      breached: r.anyBreach,
      breachedAt: r.firstBreachAt === null ? null : isoOf(r.firstBreachAt),
      cycleBreached: r.cycleBreachedAt !== null,
      cycleBreachedAt: r.cycleBreachedAt === null ? null : isoOf(r.cycleBreachedAt),
      met: r.phase === 'stopped' ? !r.anyBreach : null,
      cycle: r.cycle,
      segments: r.segments,
    };
  });

  return ok({
    now: isoOf(end),
    issuePriority: issue.priority,
    effectivePriority: effectiveNow.priority,
    raisedBy: effectiveNow.raisedBy,
    activePeriods: compiled.activePeriodsOn(compiled.localDay(end)),
    status: issue.status,
    resolved: issue.resolved,
    lastPublicUpdateAt: isoOf(lastPublicUpdate),
    clocks,
  });
}

/** The most urgent open clock (largest share of its target used), the input the temperature needs; null when none is open. */
export function mostUrgentClock(report: SlaReport): SlaClock | null {
  let best: SlaClock | null = null;
  for (const clock of report.clocks) {
    if (clock.state !== 'running' && clock.state !== 'paused') continue;
    if (!best || clock.fractionUsed > best.fractionUsed) best = clock;
  }
  return best;
}
