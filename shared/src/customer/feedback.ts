import { z } from 'zod';

// The customer's rating of a resolved ticket (1–5 with an optional comment) and the NPS question
// (0–10), with the rules the desk acts on: a low rating reaches the service manager at once; the NPS
// is the share of promoters minus the share of detractors; surveys run once per period.

const comment = z
  .string()
  .trim()
  .max(2_000, 'The comment is at most 2,000 characters')
  .optional()
  .transform((c) => (c ? c : undefined));

export const RatingAnswerSchema = z.strictObject({
  score: z.coerce
    .number({ error: 'Choose a rating from 1 to 5' })
    .int('Choose a rating from 1 to 5')
    .min(1, 'Choose a rating from 1 to 5')
    .max(5, 'Choose a rating from 1 to 5'),
  comment,
});
export type RatingAnswer = z.output<typeof RatingAnswerSchema>;

export const NpsAnswerSchema = z.strictObject({
  score: z.coerce
    .number({ error: 'Choose a score from 0 to 10' })
    .int('Choose a score from 0 to 10')
    .min(0, 'Choose a score from 0 to 10')
    .max(10, 'Choose a score from 0 to 10'),
  comment,
});
export type NpsAnswer = z.output<typeof NpsAnswerSchema>;

/** A rating of 2 or less reaches the ticket's service manager at once. */
export const LOW_RATING_AT_MOST = 2;
export const isLowRating = (score: number): boolean => score <= LOW_RATING_AT_MOST;

export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export const npsGroup = (score: number): NpsGroup =>
  score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';

/** How many answers are promoters (9–10) and detractors (0–6). */
export function npsCounts(scores: readonly number[]): { promoters: number; detractors: number } {
  let promoters = 0;
  let detractors = 0;
  for (const s of scores) {
    const g = npsGroup(s);
    if (g === 'promoter') promoters++;
    else if (g === 'detractor') detractors++;
  }
  return { promoters, detractors };
}

/** NPS from scores: % promoters − % detractors, rounded; null without answers. */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const { promoters, detractors } = npsCounts(scores);
  return Math.round(((promoters - detractors) * 100) / scores.length);
}

/** Average rating rounded to 2 decimals; null without ratings. */
export function averageRating(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
}

/**
 * The survey period `at` falls in, for a cadence in months (a divisor of 12), counted in UTC from
 * January: cadence 3 gives `2027-Q1`…`2027-Q4`, 12 gives `2027`, others `2027-P1`…; null when off (0).
 */
export function surveyPeriod(at: Date, cadenceMonths: number): { key: string; start: Date } | null {
  if (cadenceMonths <= 0 || 12 % cadenceMonths !== 0) return null;
  const year = at.getUTCFullYear();
  const index = Math.floor(at.getUTCMonth() / cadenceMonths);
  const start = new Date(Date.UTC(year, index * cadenceMonths, 1));
  const key =
    cadenceMonths === 12
      ? `${year}`
      : cadenceMonths === 3
        ? `${year}-Q${index + 1}`
        : `${year}-P${index + 1}`;
  return { key, start };
}
