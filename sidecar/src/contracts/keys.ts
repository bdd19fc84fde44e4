// The two fields the store indexes a contract by, read from a validated contract. Kept in one place
// so a change in the shared ContractSchema's field names touches one function.
import type { Contract } from '@frontline/shared';

export type { Contract };

/** The contract's id and its customer's id. */
export function contractKeys(contract: Contract): { id: string; customerId: string } {
  return { id: contract.id, customerId: contract.customer.id };
}
