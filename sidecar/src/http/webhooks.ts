// POST /webhooks/jira: Jira's admin webhooks through the signed intake (signed-intake.ts), which
// verifies, bounds, stores deduplicated and answers. What is Jira's own: `X-Hub-Signature`, the
// optional `X-Atlassian-Webhook-Identifier` (without it a delivery is deduplicated on its body's
// hash), the webhook schema, and the retry count Jira puts on a redelivery.
import type { Router } from 'express';
import { JiraWebhookSchema } from '../intake/jira-webhook.js';
import { createSignedIntakeRouter } from './signed-intake.js';
import type { SignedIntake, SignedIntakeDeps } from './signed-intake.js';

export { DEFAULT_WEBHOOK_BODY_LIMIT, isJsonContentType } from './signed-intake.js';

export type WebhookDeps = SignedIntakeDeps;

const JIRA_INTAKE: SignedIntake<typeof JiraWebhookSchema> = {
  path: '/webhooks/jira',
  source: 'jira-webhook',
  signatureHeader: 'X-Hub-Signature',
  identifierHeader: 'X-Atlassian-Webhook-Identifier',
  withoutIdentifier: 'body-hash',
  schema: JiraWebhookSchema,
  notItsEvent: { code: 'not_a_jira_webhook', message: 'Not a Jira webhook' },
  facts: (event) => ({
    storedType: event.webhookEvent,
    type: event.webhookEvent,
    timestamp: event.timestamp,
    issueKey: event.issue?.key,
  }),
  deliveryFields: (req) => {
    const retry = req.headers['x-atlassian-webhook-retry'];
    return { retry: Array.isArray(retry) ? retry[0] : retry };
  },
  logMessages: { accepted: () => 'webhook accepted', duplicate: 'duplicate delivery; already accepted' },
};

/** The Jira webhook intake router (mount at the app root). */
export function createWebhookRouter(deps: WebhookDeps): Router {
  return createSignedIntakeRouter(JIRA_INTAKE, deps);
}
