// The Jira webhook envelope, loosely: the fields intake relies on are checked, the rest passes
// through untouched for later handlers (vendor payloads change; only what we use is pinned).
import { z } from 'zod';

export const JiraWebhookSchema = z.looseObject({
  webhookEvent: z.string().min(1),
  timestamp: z.number().int().nonnegative(),
  issue_event_type_name: z.string().optional(),
  issue: z.looseObject({ id: z.string().optional(), key: z.string().optional() }).optional(),
});

export type JiraWebhook = z.output<typeof JiraWebhookSchema>;
