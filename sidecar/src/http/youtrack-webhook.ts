// POST /webhooks/youtrack: the events of Frontline's YouTrack app (its workflow rules post one per
// issue created, changed or commented) through the signed intake (signed-intake.ts), with the same
// guarantees as Jira's. What is YouTrack's own: `X-Frontline-Signature`, the required
// `X-Frontline-Delivery` (the app always sends one, so a delivery without it is refused), the
// event schema, and the `youtrack:` prefix its events are stored and dispatched under.
import type { Router } from 'express';
import { YOUTRACK_DELIVERY_HEADER, YOUTRACK_SIGNATURE_HEADER, YouTrackEventSchema } from '@frontline/shared';
import { createSignedIntakeRouter } from './signed-intake.js';
import type { SignedIntake, SignedIntakeDeps } from './signed-intake.js';

/** The event type an accepted YouTrack event is stored (and dispatched) under. */
export const youtrackEventType = (type: string): string => `youtrack:${type}`;

export type YouTrackWebhookDeps = SignedIntakeDeps;

const YOUTRACK_INTAKE: SignedIntake<typeof YouTrackEventSchema> = {
  path: '/webhooks/youtrack',
  source: 'youtrack-webhook',
  signatureHeader: YOUTRACK_SIGNATURE_HEADER,
  identifierHeader: YOUTRACK_DELIVERY_HEADER,
  withoutIdentifier: 'refuse',
  schema: YouTrackEventSchema,
  notItsEvent: { code: 'not_a_youtrack_event', message: 'Not a Frontline YouTrack event' },
  facts: (event) => ({
    storedType: youtrackEventType(event.type),
    type: event.type,
    timestamp: event.timestamp,
    issueKey: event.issue.idReadable,
  }),
  logMessages: {
    accepted: (facts) => `YouTrack ${facts.type} of ${facts.issueKey} accepted`,
    duplicate: 'duplicate YouTrack delivery; already accepted',
  },
};

/** The YouTrack intake router (mount at the app root). */
export function createYouTrackWebhookRouter(deps: YouTrackWebhookDeps): Router {
  return createSignedIntakeRouter(YOUTRACK_INTAKE, deps);
}
