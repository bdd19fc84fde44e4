// Customer contracts: validation with the shared schema, storage, CSV import.
export * from './service.js';
export type { StoredContract, UpsertedContract, ContractRepository } from './repository.js';
export { createContractRepository } from './repository.js';
export type { Contract } from './keys.js';
