// PLACEHOLDER until @frontline/shared exports `SettingsDocumentSchema`: a tiny document of the same
// name and section layout so the admin API can be built and tested. Replace the body of this file
// with `export { SettingsDocumentSchema } from '@frontline/shared';` once it lands.
import { z } from 'zod';

const Named = z.strictObject({ id: z.string().trim().min(1), name: z.string().trim().min(1) });

export const SettingsDocumentSchema = z.strictObject({
  calendars: z.array(Named.extend({ timeZone: z.string().min(1) })).default([]),
  sla: z.array(Named.extend({ responseMinutes: z.number().int().positive() })).default([]),
  temperature: z.strictObject({ hotAt: z.number().min(0).max(100).default(70) }).default({ hotAt: 70 }),
  engineers: z.array(Named.extend({ skills: z.array(z.string()).default([]) })).default([]),
  routingPresets: z.array(Named).default([]),
  replyTemplates: z.array(Named.extend({ body: z.string().min(1) })).default([]),
  glossary: z.strictObject({ terms: z.array(z.string()).default([]) }).default({ terms: [] }),
  channels: z.strictObject({ email: z.boolean().default(false) }).default({ email: false }),
});
