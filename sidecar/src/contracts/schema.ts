// PLACEHOLDER until @frontline/shared exports `ContractSchema`: the fields the contract API needs
// (an `id` and a `customerId`) plus a few of the scenario's, so import and upsert can be built and
// tested. Replace the body with `export { ContractSchema } from '@frontline/shared';` once it lands.
import { z } from 'zod';

export const ContractSchema = z.strictObject({
  id: z.string().trim().min(1),
  customerId: z.string().trim().min(1),
  customerName: z.string().trim().min(1),
  title: z.string().trim().min(1),
  linesOfBusiness: z.array(z.string().trim().min(1)).default([]),
  slaPolicyId: z.string().trim().min(1).optional(),
  validFrom: z.iso.date(),
  validTo: z.iso.date().optional(),
  supportHoursPerMonth: z.number().int().positive().optional(),
  coverage24x7: z.boolean().default(false),
  masterSystemUrl: z.url().optional(),
  tsm: z.strictObject({ name: z.string().trim().min(1), email: z.email() }).optional(),
});
