// The sidecar's refusals in the user's language. A refusal carries its reason as code, parameters
// and words in English and Russian: `details.reason` for a whole request, `reason` on each field at
// fault in a `details` list. The screen picks the words for its locale; an answer without them (an
// older sidecar, the resolver's own checks) shows its English `message`. A screen without a form
// (Team week) shows a field list's reasons as one message.
import type { ResolverError } from '../../ui-contract';

/** Picks the words for the screen's language out of `{ en, ru }` (`Texts.pick`). */
export type PickWords = (text: { en: string; ru: string }) => string;

interface Worded {
  en: string;
  ru: string;
}

const isWorded = (value: unknown): value is Worded =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Partial<Worded>).en === 'string' &&
  typeof (value as Partial<Worded>).ru === 'string';

/** The words of a reason in the user's language, else `fallback`. */
const wordsOf = (reason: unknown, fallback: string, pick: PickWords) =>
  isWorded(reason) ? pick(reason) || fallback : fallback;

/**
 * Why a whole request was refused, in the user's language: its worded reason, or for a refusal that
 * names the fields at fault each field's reason in turn (its English message without words).
 */
export function refusalText(error: ResolverError, pick: PickWords): string {
  const details = error.details;
  if (Array.isArray(details)) {
    const words = (details as { message?: unknown; reason?: unknown }[])
      .filter((issue) => typeof issue.message === 'string')
      .map((issue) => wordsOf(issue.reason, issue.message as string, pick));
    return words.length > 0 ? words.join('; ') : error.message;
  }
  const reason =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as { reason?: unknown }).reason
      : undefined;
  return wordsOf(reason, error.message, pick);
}

/** The refusal with its message in the user's language, for screens that show `message`. */
export const inUserLanguage = (error: ResolverError, pick: PickWords): ResolverError => ({
  ...error,
  message: refusalText(error, pick),
});

/**
 * Each field at fault with its reason in the user's language, keyed by path (`form` for the root);
 * a refusal naming no field is the whole form's problem.
 */
export function fieldProblems(error: ResolverError, pick: PickWords): Record<string, string> {
  const problems: Record<string, string> = {};
  if (Array.isArray(error.details))
    for (const issue of error.details as { path?: unknown; message?: unknown; reason?: unknown }[])
      if (typeof issue.path === 'string' && typeof issue.message === 'string')
        problems[issue.path || 'form'] ??= wordsOf(issue.reason, issue.message, pick);
  if (Object.keys(problems).length === 0) problems.form = refusalText(error, pick);
  return problems;
}
