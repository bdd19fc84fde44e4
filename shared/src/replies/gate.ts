// The glossary gate: which of a reply's findings hold it back when the project's gate is `block`.
// A forbidden term and a misspelling are errors; a stock phrase, a repeated word or a missing
// required term are advice the agent may leave.
import type { ReplyGate } from '../schemas/replies.js';
import type { Finding, FindingKind } from './check.js';

/** The finding kinds a `block` gate refuses to post. */
export const BLOCKING_FINDING_KINDS: readonly FindingKind[] = ['forbiddenTerm', 'spelling'];

/** The findings that stop a reply under `gate` (none under `warn`). */
export function blockingFindings<F extends Pick<Finding, 'kind'>>(
  findings: readonly F[],
  gate: ReplyGate,
): F[] {
  return gate === 'block' ? findings.filter((f) => BLOCKING_FINDING_KINDS.includes(f.kind)) : [];
}
