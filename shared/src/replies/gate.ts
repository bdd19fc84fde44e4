// The glossary gate: which of a reply's findings hold it back when the project's gate is `block`.
// A forbidden term and a misspelling are errors; a stock phrase, a repeated word or a missing
// required term are advice the agent may leave.
import type { Language, ReplyGate } from '../schemas/replies.js';
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

const KIND_NAMES: Record<Language, Record<FindingKind, string>> = {
  en: {
    forbiddenTerm: 'forbidden term',
    requiredTermMissing: 'required term missing',
    stockPhrase: 'stock phrase',
    repeatedWord: 'repeated word',
    spelling: 'spelling',
  },
  ru: {
    forbiddenTerm: 'запрещённый термин',
    requiredTermMissing: 'нет обязательного термина',
    stockPhrase: 'шаблонная фраза',
    repeatedWord: 'повтор слова',
    spelling: 'орфография',
  },
};

/**
 * The internal note that records an override of the gate next to the reply: who posted despite
 * which findings, and why. Written in the reply's language, for the agents who read the issue.
 */
export function gateOverrideNote(input: {
  findings: readonly Pick<Finding, 'kind' | 'text'>[];
  reason: string;
  agentName: string;
  language: Language;
}): string {
  const list = input.findings.map((f) => `«${f.text}» (${KIND_NAMES[input.language][f.kind]})`).join(', ');
  return input.language === 'ru'
    ? `${input.agentName} отправил(а) ответ выше в обход проверки глоссария.\nЗамечания: ${list}.\nПричина: ${input.reason}`
    : `${input.agentName} posted the reply above past the glossary check.\nFindings: ${list}.\nReason: ${input.reason}`;
}
