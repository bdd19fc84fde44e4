// The temperature of a ticket: one 0–100 urgency score that explains itself. Each factor earns
// whole points (its policy points times its weight, rounded); the score is their sum.
//
// Clamping: when the points add up to more than 100 (or less than 0), the excess is taken back
// from the factors listed last first (silence, then special period, tier, priority, SLA used), and
// the reason of every trimmed factor says so. The listed points therefore always add up to the
// score exactly, and because the score is the clamped sum, more of any factor never cools a ticket.
import { MINUTE_MS } from '../calendar/zone.js';
import { bilingual } from '../i18n/messages.js';
import type { Message, MessageCode } from '../i18n/messages.js';
import type { MessageParams } from '../i18n/format.js';
import type { SlaReport } from '../sla/index.js';
import { mostUrgentClock } from '../sla/index.js';
import type {
  TemperatureBand,
  TemperatureFactor,
  TemperatureInput,
  TemperaturePolicy,
} from '../schemas/temperature.js';
import { TemperaturePolicySchema } from '../schemas/temperature.js';

/**
 * Why a factor earned its points: the code and parameters (locale catalogues word them), and the
 * sentence already worded in both languages of the desk for screens that show `en`/`ru` as they are.
 */
export interface TemperatureReason {
  code: MessageCode;
  params: MessageParams;
  /** Said after the reason: the score was capped at 100 or held at 0 by taking points from this factor. */
  note?: 'temperature.capped' | 'temperature.floored';
  en: string;
  ru: string;
}

const reasonOf = (message: Message): TemperatureReason => bilingual(message);

export interface FactorContribution {
  factor: TemperatureFactor;
  points: number;
  reason: TemperatureReason;
}

export interface Temperature {
  score: number;
  band: TemperatureBand;
  factors: FactorContribution[];
}

/** Northwind Service's defaults: SLA time used weighs most, silence and special periods can push a ticket over. */
export const DEFAULT_TEMPERATURE_POLICY: TemperaturePolicy = TemperaturePolicySchema.parse({
  weights: { slaUsed: 1, priority: 1, tier: 1, specialPeriod: 1, silence: 1 },
  bands: { warm: 25, hot: 50, critical: 75 },
  slaUsed: { fullPoints: 50, breachedPoints: 20 },
  priorityPoints: { highest: 25, high: 15, medium: 8, low: 3, lowest: 0 },
  tierPoints: { platinum: 15, gold: 10, silver: 5, bronze: 0 },
  otherTierPoints: 0,
  silenceCurve: [
    { hours: 0, points: 0 },
    { hours: 4, points: 5 },
    { hours: 24, points: 15 },
    { hours: 72, points: 25 },
  ],
});

/** How long the customer has waited: minutes below an hour, whole hours after. */
function silenceReason(ms: number): TemperatureReason {
  const minutes = Math.floor(ms / MINUTE_MS);
  return minutes < 60
    ? reasonOf({ code: 'temperature.silenceMinutes', params: { minutes } })
    : reasonOf({ code: 'temperature.silenceHours', params: { hours: Math.floor(minutes / 60) } });
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/** Points of a piecewise-linear curve at `x` (flat before the first and after the last point). */
function curveAt(curve: TemperaturePolicy['silenceCurve'], x: number): number {
  const first = curve[0]!;
  if (x <= first.hours) return first.points;
  for (let i = 1; i < curve.length; i++) {
    const right = curve[i]!;
    if (x <= right.hours) {
      const left = curve[i - 1]!;
      return left.points + ((right.points - left.points) * (x - left.hours)) / (right.hours - left.hours);
    }
  }
  return curve[curve.length - 1]!.points;
}

function slaFactor(input: TemperatureInput, policy: TemperaturePolicy): FactorContribution {
  const sla = input.sla;
  if (!sla)
    return {
      factor: 'slaUsed',
      points: 0,
      reason: reasonOf({ code: 'temperature.slaNone' }),
    };
  const raw =
    policy.slaUsed.fullPoints * Math.min(sla.fractionUsed, 1) +
    (sla.breached ? policy.slaUsed.breachedPoints : 0);
  const percent = Math.round(sla.fractionUsed * 100);
  const reason = reasonOf({
    code: sla.breached ? 'temperature.slaBreached' : 'temperature.slaUsed',
    params: { target: sla.target, percent },
  });
  return { factor: 'slaUsed', points: Math.round(policy.weights.slaUsed * raw), reason };
}

function priorityFactor(input: TemperatureInput, policy: TemperaturePolicy): FactorContribution {
  return {
    factor: 'priority',
    points: Math.round(policy.weights.priority * policy.priorityPoints[input.priority]),
    reason: reasonOf({ code: 'temperature.priority', params: { priority: input.priority } }),
  };
}

function tierFactor(input: TemperatureInput, policy: TemperaturePolicy): FactorContribution {
  const listed = input.tier !== null && Object.hasOwn(policy.tierPoints, input.tier);
  const raw = listed ? policy.tierPoints[input.tier!]! : policy.otherTierPoints;
  const reason =
    input.tier === null
      ? reasonOf({ code: 'temperature.tierNone' })
      : reasonOf({ code: 'temperature.tier', params: { tier: input.tier } });
  return { factor: 'tier', points: Math.round(policy.weights.tier * raw), reason };
}

function periodFactor(input: TemperatureInput, policy: TemperaturePolicy): FactorContribution {
  const boosting = input.activePeriods.filter(
    (p) => p.temperatureBoost !== undefined && p.temperatureBoost !== 0,
  );
  if (boosting.length === 0) {
    return {
      factor: 'specialPeriod',
      points: 0,
      reason: reasonOf({ code: 'temperature.periodNone' }),
    };
  }
  const raw = boosting.reduce((sum, p) => sum + p.temperatureBoost!, 0);
  const list = boosting.map((p) => `${p.name} (${signed(p.temperatureBoost!)})`).join(', ');
  return {
    factor: 'specialPeriod',
    points: Math.round(policy.weights.specialPeriod * raw),
    reason: reasonOf({ code: 'temperature.period', params: { periods: list } }),
  };
}

function silenceFactor(input: TemperatureInput, policy: TemperaturePolicy, now: Date): FactorContribution {
  const silentMs = Math.max(0, now.getTime() - Date.parse(input.lastPublicUpdateAt));
  return {
    factor: 'silence',
    points: Math.round(policy.weights.silence * curveAt(policy.silenceCurve, silentMs / 3_600_000)),
    reason: silenceReason(silentMs),
  };
}

/** Takes points back (or gives them) from the last factors first so the total lands within 0–100. */
function clampContributions(factors: FactorContribution[]): FactorContribution[] {
  const total = factors.reduce((sum, f) => sum + f.points, 0);
  const target = Math.min(100, Math.max(0, total));
  let gap = total - target; // > 0: too many points; < 0: too few
  if (gap === 0) return factors;
  const note = gap > 0 ? 'temperature.capped' : 'temperature.floored';
  const noted = bilingual({ code: note });
  const out = [...factors];
  for (let i = out.length - 1; i >= 0 && gap !== 0; i--) {
    const factor = out[i]!;
    const change =
      gap > 0 ? Math.min(gap, Math.max(0, factor.points)) : Math.max(gap, Math.min(0, factor.points));
    if (change === 0) continue;
    gap -= change;
    out[i] = {
      factor: factor.factor,
      points: factor.points - change,
      reason: {
        ...factor.reason,
        note,
        en: factor.reason.en + noted.en,
        ru: factor.reason.ru + noted.ru,
      },
    };
  }
  return out;
}

/** The band a score falls in. */
export function bandOf(score: number, policy: TemperaturePolicy): TemperatureBand {
  if (score >= policy.bands.critical) return 'critical';
  if (score >= policy.bands.hot) return 'hot';
  if (score >= policy.bands.warm) return 'warm';
  return 'cold';
}

/** A ticket's temperature: an integer score 0–100, its band, and each factor's points with the reason in English and Russian. */
export function computeTemperature(
  input: TemperatureInput,
  policy: TemperaturePolicy,
  now: Date,
): Temperature {
  const factors = clampContributions([
    slaFactor(input, policy),
    priorityFactor(input, policy),
    tierFactor(input, policy),
    periodFactor(input, policy),
    silenceFactor(input, policy, now),
  ]);
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  return { score, band: bandOf(score, policy), factors };
}

/**
 * The temperature input for an issue from its SLA report. The priority factor uses the issue's own
 * priority: a special period already adds its `temperatureBoost`, and counting the priority it
 * raises as well would count the period twice. "Breached" is the current cycle's state: an update
 * cycle missed yesterday does not make a ticket we answered a minute ago hotter.
 */
export function temperatureInputFromSla(report: SlaReport, tier: string | null): TemperatureInput {
  const clock = mostUrgentClock(report);
  return {
    sla: clock
      ? { target: clock.target, fractionUsed: Math.max(0, clock.fractionUsed), breached: clock.cycleBreached }
      : null,
    priority: report.issuePriority,
    tier,
    activePeriods: report.activePeriods,
    lastPublicUpdateAt: report.lastPublicUpdateAt,
  };
}
