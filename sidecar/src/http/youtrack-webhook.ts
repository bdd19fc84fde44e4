// POST /webhooks/youtrack: the events of Frontline's YouTrack app (its workflow rules post one per
// issue created, changed or commented). The same guarantees as Jira's intake: the signature is
// checked on the raw body, timing-safe, under every configured secret; the body is bounded, UTF-8
// JSON and a valid event (400 naming the field otherwise); the event is stored, deduplicated on
// `X-Frontline-Delivery`, before the 202, and processed once by the intake job.
import express, { Router } from 'express';
import type { Request } from 'express';
import {
  MAX_YOUTRACK_DELIVERY_ID_LENGTH,
  parseWith,
  YOUTRACK_DELIVERY_HEADER,
  YOUTRACK_SIGNATURE_HEADER,
  YouTrackEventSchema,
} from '@frontline/shared';
import type { Logger } from '../logger.js';
import { intakeResultFor } from '../metrics.js';
import type { Metrics } from '../metrics.js';
import { isEventTimeInRange } from '../intake/accept.js';
import type { Accepted, IncomingEvent } from '../intake/accept.js';
import { verifySignature } from '../intake/signature.js';
import { HttpError, toHttpError } from './errors.js';
import { decodeUtf8, jsonProblemToHttp, parseJsonText } from './json-body.js';
import { DEFAULT_WEBHOOK_BODY_LIMIT, isJsonContentType } from './webhooks.js';

const SOURCE = 'youtrack-webhook';

/** The event type an accepted YouTrack event is stored (and dispatched) under. */
export const youtrackEventType = (type: string): string => `youtrack:${type}`;

export interface YouTrackWebhookDeps {
  secrets: readonly string[];
  acceptEvent: (event: IncomingEvent) => Promise<Accepted>;
  log: Logger;
  metrics: Metrics;
  bodyLimit?: number;
  now?: () => Date;
  /** False while the store and queue start: deliveries get 503 (the app retries them). */
  ready?: () => boolean;
}

/** The one delivery id: a repeated header would be stored as an id nobody sent. */
function deliveryId(req: Request): string {
  const values = req.headersDistinct[YOUTRACK_DELIVERY_HEADER.toLowerCase()] ?? [];
  const problem = (code: string, message: string) =>
    new HttpError(400, code, message, [{ path: YOUTRACK_DELIVERY_HEADER, message }]);
  if (values.length === 0) throw problem('delivery_missing', `${YOUTRACK_DELIVERY_HEADER} header is missing`);
  if (values.length > 1)
    throw problem('duplicate_identifier', `${YOUTRACK_DELIVERY_HEADER} is sent more than once`);
  const id = values[0]!.trim();
  if (id === '') throw problem('delivery_missing', `${YOUTRACK_DELIVERY_HEADER} is empty`);
  if (id.length > MAX_YOUTRACK_DELIVERY_ID_LENGTH)
    throw problem(
      'identifier_too_long',
      `${YOUTRACK_DELIVERY_HEADER} is longer than ${MAX_YOUTRACK_DELIVERY_ID_LENGTH} characters`,
    );
  return id;
}

/** The YouTrack intake router (mount at the app root). */
export function createYouTrackWebhookRouter(deps: YouTrackWebhookDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const bodyLimit = deps.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const rawBody = express.raw({ type: () => true, limit: bodyLimit });

  router.post('/webhooks/youtrack', rawBody, async (req, res) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers[YOUTRACK_SIGNATURE_HEADER.toLowerCase()];
    const signed = Array.isArray(signature) ? signature[0] : signature;
    if (!signed)
      throw new HttpError(401, 'signature_missing', `${YOUTRACK_SIGNATURE_HEADER} header is missing`);
    if (deps.secrets.length === 0 || !verifySignature(body, signed, deps.secrets))
      throw new HttpError(
        401,
        'signature_invalid',
        `${YOUTRACK_SIGNATURE_HEADER} does not match the body under any configured secret`,
      );
    const contentType = req.headers['content-type'];
    if (!isJsonContentType(contentType))
      throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    const delivery = deliveryId(req);
    const decoded = decodeUtf8(body, contentType);
    if (!decoded.ok) throw jsonProblemToHttp(decoded.error);
    const text = decoded.value as string;
    const json = parseJsonText(text);
    if (!json.ok) throw jsonProblemToHttp(json.error);
    const parsed = parseWith(YouTrackEventSchema, json.value);
    if (!parsed.ok) {
      const fields = parsed.error.map((issue) => issue.path || '(body)').join(', ');
      throw new HttpError(
        400,
        'not_a_youtrack_event',
        `Not a Frontline YouTrack event: check ${fields}`,
        parsed.error,
      );
    }
    const event = parsed.value;
    const receivedAt = now();
    if (!isEventTimeInRange(event.timestamp, receivedAt)) {
      const message = 'timestamp must be after 2000-01-01 and at most one day after the delivery arrives';
      throw new HttpError(400, 'timestamp_out_of_range', message, [{ path: 'timestamp', message }]);
    }
    if (deps.ready && !deps.ready()) {
      deps.metrics.intake.inc({ source: SOURCE, result: 'error' });
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: { code: 'not_ready', message: 'The sidecar is starting; retry shortly' } });
      return;
    }
    const accepted = await deps.acceptEvent({
      source: SOURCE,
      idempotencyKey: delivery,
      eventType: youtrackEventType(event.type),
      payload: event,
      payloadJson: text,
      receivedAt,
      occurredAt: new Date(event.timestamp),
    });
    const logged = {
      delivery: {
        id: delivery,
        eventId: accepted.id,
        eventType: event.type,
        issueKey: event.issue.idReadable,
      },
    };
    if (accepted.duplicate) {
      deps.metrics.intake.inc({ source: SOURCE, result: 'duplicate' });
      deps.log.info(logged, 'duplicate YouTrack delivery; already accepted');
      res.status(200).json({ duplicate: true, id: accepted.id });
      return;
    }
    deps.metrics.intake.inc({ source: SOURCE, result: 'accepted' });
    deps.log.info(logged, `YouTrack ${event.type} of ${event.issue.idReadable} accepted`);
    res.status(202).json({ id: accepted.id });
  });

  router.use('/webhooks/youtrack', ((err, _req, _res, next) => {
    deps.metrics.intake.inc({ source: SOURCE, result: intakeResultFor(toHttpError(err).status) });
    if ((err as { type?: string } | null)?.type === 'entity.too.large')
      return next(
        new HttpError(413, 'payload_too_large', `Body is larger than the limit of ${bodyLimit} bytes`),
      );
    next(err);
  }) as express.ErrorRequestHandler);

  return router;
}
