// Which customer contract an issue falls under: by JSM organization first (the desk set it), then
// the reporter's e-mail domain, then a configured customer field. Among several contracts of the
// matched customer, the one valid at the creation wins (a customer may hold several lines
// of business; the earliest-started valid one is the stable choice).
import { localDateTime } from '@frontline/shared';
import type { Contract } from '@frontline/shared';
import type { CustomerMarks } from './issue-facts.js';

export type MatchedBy = 'organization' | 'emailDomain' | 'customerField';

export interface ContractMatch {
  contract: Contract;
  matchedBy: MatchedBy;
}

/** Whether `contract` is valid on the local day of `at` in the contract's own time zone. */
export function validAt(contract: Contract, at: Date): boolean {
  const day = localDateTime(contract.validity.timeZone, at).date;
  return contract.validity.from <= day && (contract.validity.to === undefined || day <= contract.validity.to);
}

const MATCHERS: readonly { by: MatchedBy; test: (c: Contract, marks: CustomerMarks) => boolean }[] = [
  {
    by: 'organization',
    test: (c, m) => (c.customer.jsmOrganizationIds ?? []).some((id) => m.organizationIds.includes(id)),
  },
  {
    by: 'emailDomain',
    test: (c, m) =>
      m.reporterEmailDomain !== undefined && (c.customer.emailDomains ?? []).includes(m.reporterEmailDomain),
  },
  {
    by: 'customerField',
    test: (c, m) =>
      m.customerFieldValue !== undefined && c.customer.customerFieldValue === m.customerFieldValue,
  },
];

/** The contract an issue falls under, or undefined when no valid contract matches. */
export function matchContract(
  contracts: readonly Contract[],
  marks: CustomerMarks,
  at: Date,
): ContractMatch | undefined {
  const valid = contracts.filter((c) => validAt(c, at));
  for (const matcher of MATCHERS) {
    const found = valid
      .filter((c) => matcher.test(c, marks))
      .sort((a, b) => a.validity.from.localeCompare(b.validity.from) || a.id.localeCompare(b.id));
    if (found[0]) return { contract: found[0], matchedBy: matcher.by };
  }
  return undefined;
}
