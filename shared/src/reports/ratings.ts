// Customer ratings and NPS in the service report: for the ratings answered in the period, their
// count, average, how many were 2 or less (the ones that reach the service manager) and that share,
// in total and per customer, engineer and team; NPS (% promoters − % detractors) of the survey
// answers given in the period, in total and per customer. The NPS survey asks a customer's contact
// about the service as a whole, not about a ticket, so engineers and teams have no NPS of their own.
import { averageRating, isLowRating, netPromoterScore, npsCounts } from '../customer/feedback.js';

export interface NpsFigures {
  answers: number;
  promoters: number;
  detractors: number;
  /** % promoters − % detractors, rounded; null without answers. */
  score: number | null;
}

export interface RatingFigures {
  /** Ratings answered in the period. */
  count: number;
  /** Average score (1–5) to two decimals; null without ratings. */
  average: number | null;
  /** Ratings of 2 or less. */
  low: number;
  /** low / count; null without ratings. */
  lowShare: number | null;
  /** The customer's NPS; null where there is none (an engineer or a team). */
  nps: NpsFigures | null;
}

export interface RatingRow extends RatingFigures {
  key: string;
  label: string;
}

export interface ReportRatings {
  totals: RatingFigures & { nps: NpsFigures };
  byCustomer: RatingRow[];
  byEngineer: RatingRow[];
  byTeam: RatingRow[];
}

/** One answered rating of a resolved ticket. */
export interface RatingFact {
  score: number;
  customerId: string | null;
  customerName: string | null;
  engineerId: string | null;
  team: string;
}

/** One answered NPS invitation. */
export interface NpsFact {
  score: number;
  customerId: string;
  customerName: string;
}

export function npsFigures(scores: readonly number[]): NpsFigures {
  return { answers: scores.length, ...npsCounts(scores), score: netPromoterScore(scores) };
}

function ratingFigures(scores: readonly number[], nps: NpsFigures | null): RatingFigures {
  const low = scores.filter(isLowRating).length;
  return {
    count: scores.length,
    average: averageRating(scores),
    low,
    lowShare: scores.length === 0 ? null : low / scores.length,
    nps,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null || k === '') continue;
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}

const byLabel = (a: RatingRow, b: RatingRow) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key);

/**
 * The report's ratings section from the period's answers. `engineerNames` labels engineers by
 * account id (the id itself when unknown).
 */
export function reportRatings(
  ratings: readonly RatingFact[],
  nps: readonly NpsFact[],
  engineerNames: ReadonlyMap<string, string> = new Map(),
): ReportRatings {
  const ratingsByCustomer = groupBy(ratings, (r) => r.customerId);
  const npsByCustomer = groupBy(nps, (n) => n.customerId);
  const customers = new Set([...ratingsByCustomer.keys(), ...npsByCustomer.keys()]);
  const byCustomer = [...customers]
    .map((id) => {
      const rs = ratingsByCustomer.get(id) ?? [];
      const ns = npsByCustomer.get(id) ?? [];
      const label = ns[0]?.customerName ?? rs.find((r) => r.customerName)?.customerName ?? id;
      return {
        key: id,
        label,
        ...ratingFigures(
          rs.map((r) => r.score),
          npsFigures(ns.map((n) => n.score)),
        ),
      };
    })
    .sort(byLabel);
  const byEngineer = [...groupBy(ratings, (r) => r.engineerId)]
    .map(([id, rs]) => ({
      key: id,
      label: engineerNames.get(id) ?? id,
      ...ratingFigures(
        rs.map((r) => r.score),
        null,
      ),
    }))
    .sort(byLabel);
  const byTeam = [...groupBy(ratings, (r) => r.team)]
    .map(([team, rs]) => ({
      key: team,
      label: team,
      ...ratingFigures(
        rs.map((r) => r.score),
        null,
      ),
    }))
    .sort(byLabel);
  const totalNps = npsFigures(nps.map((n) => n.score));
  return {
    totals: {
      ...ratingFigures(
        ratings.map((r) => r.score),
        totalNps,
      ),
      nps: totalNps,
    },
    byCustomer,
    byEngineer,
    byTeam,
  };
}
