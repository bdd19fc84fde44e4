// The two fields the store indexes a contract by, read from a validated contract. Kept in one place
// so a change in the shared ContractSchema's field names touches one function.
import type { z } from 'zod';
import type { ContractSchema } from './schema.js';

export type Contract = z.output<typeof ContractSchema>;

/** The contract's id and its customer's id. */
export function contractKeys(contract: Contract): { id: string; customerId: string } {
  return { id: contract.id, customerId: contract.customerId };
}
