// Where a reply's variables come from: the issue, the customer's contract and the agent writing.
// Whatever the agent types in the reply form (`extra`) wins, so a wrong fact can always be fixed
// by hand before sending.
import type { Contract } from '../schemas/contract.js';
import type { Language, ReplyStyle } from '../schemas/replies.js';
import type { TemplateValues } from './template.js';

/** The issue facts a reply may mention. */
export interface ReplyIssueFacts {
  key: string;
  summary?: string;
  reporterName?: string;
}

/** Everything a reply's variables are gathered from. */
export interface ReplyContext {
  issue: ReplyIssueFacts;
  agent: { name: string };
  contract?: Contract;
  /** Values typed by the agent (e.g. `logs.what`, `update.next`); they override the gathered ones. */
  extra?: TemplateValues;
}

/** Flattens the issue, the contract and the agent into the dotted names templates use. */
export function replyVariables(context: ReplyContext): Record<string, string | number> {
  const { issue, agent, contract } = context;
  const gathered: Record<string, string | undefined> = {
    'issue.key': issue.key,
    'issue.summary': issue.summary,
    'reporter.name': issue.reporterName,
    'agent.name': agent.name,
    'customer.name': contract?.customer.name,
    'contract.number': contract?.number,
    'contract.title': contract?.title,
    'serviceManager.name': contract?.serviceManager.name,
    'serviceManager.email': contract?.serviceManager.email,
  };
  const present = Object.entries(gathered).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return { ...Object.fromEntries(present), ...context.extra };
}

/** The language and style the customer asked for in the contract, for `renderReply`. */
export function customerStyle(contract: Contract): { language: Language; style: ReplyStyle } {
  const { language, detail, register } = contract.communication;
  return { language, style: { detail, register } };
}
