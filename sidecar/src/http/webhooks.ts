// POST /webhooks/jira: verify the signature on the raw body, check it is JSON and a Jira webhook,
// then persist + enqueue (deduplicated) and answer. Nothing here calls Jira: the work happens in
// jobs, so a slow or failing Jira never makes a delivery time out.
import express, { Router } from 'express';
import type { Request } from 'express';
import { parseWith } from '@frontline/shared';
import type { Logger } from '../logger.js';
import { intakeResultFor } from '../metrics.js';
import type { Metrics } from '../metrics.js';
import { isEventTimeInRange, MAX_IDEMPOTENCY_KEY_LENGTH } from '../intake/accept.js';
import type { Accepted, IncomingEvent } from '../intake/accept.js';
import { bodyHash, verifySignature } from '../intake/signature.js';
import { JiraWebhookSchema } from '../intake/jira-webhook.js';
import { HttpError, toHttpError } from './errors.js';
import { decodeUtf8, jsonProblemToHttp, parseJsonText } from './json-body.js';

/** 10 MB, decimal, as documented: larger deliveries get 413. */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 10_000_000;

const IDENTIFIER_HEADER = 'X-Atlassian-Webhook-Identifier';

export interface WebhookDeps {
  secrets: readonly string[];
  acceptEvent: (event: IncomingEvent) => Promise<Accepted>;
  log: Logger;
  metrics: Metrics;
  /** Bytes; larger bodies get 413. */
  bodyLimit?: number;
  now?: () => Date;
  /** False while the store and queue start: deliveries get 503 (Jira retries them). */
  ready?: () => boolean;
}

/** `application/json` or any `+json` type; charset parameters are fine. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** "10 MB (10000000 bytes)": the limit as the README states it, and exactly. */
function describeLimit(bytes: number): string {
  return bytes % 1_000_000 === 0 ? `${bytes / 1_000_000} MB (${bytes} bytes)` : `${bytes} bytes`;
}

/**
 * The delivery's identifier: the dedupe key, so it must be one value the dedupe index can hold.
 * Node joins repeated headers into "a, b", which would be stored as an identifier nobody sent.
 */
function deliveryIdentifier(req: Request): string | undefined {
  const values = req.headersDistinct[IDENTIFIER_HEADER.toLowerCase()];
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) {
    throw new HttpError(400, 'duplicate_identifier', `${IDENTIFIER_HEADER} is sent more than once`, [
      { path: IDENTIFIER_HEADER, message: 'send the header once' },
    ]);
  }
  const identifier = values[0]!;
  if (identifier.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    const message = `${IDENTIFIER_HEADER} is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`;
    throw new HttpError(400, 'identifier_too_long', message, [{ path: IDENTIFIER_HEADER, message }]);
  }
  return identifier;
}

/** Counts the outcome of each delivery under `frontline_intake_total{source="jira-webhook"}`. */
function countError(metrics: Metrics, err: unknown): void {
  metrics.intake.inc({ source: 'jira-webhook', result: intakeResultFor(toHttpError(err).status) });
}

/** The Jira webhook intake router (mount at the app root). */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  // Raw bytes whatever the declared type: the signature covers the exact body, and the type is
  // checked only after the sender is known to hold a secret.
  const bodyLimit = deps.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const rawBody = express.raw({ type: () => true, limit: bodyLimit });

  router.post('/webhooks/jira', rawBody, async (req, res) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const identifier = header(req, IDENTIFIER_HEADER.toLowerCase());
    // The delivery's fields go on its one log line, nested under one key, rather than on a child
    // logger: pino runs the credential redaction (wildcard paths) once per top-level key of every
    // line and of every child's bindings, which made logging the dearest step of a delivery.
    const delivery = { id: identifier ?? 'unidentified', retry: header(req, 'x-atlassian-webhook-retry') };

    const signature = header(req, 'x-hub-signature');
    if (!signature) throw new HttpError(401, 'signature_missing', 'X-Hub-Signature header is missing');
    if (!verifySignature(body, signature, deps.secrets)) {
      throw new HttpError(
        401,
        'signature_invalid',
        'X-Hub-Signature does not match the body under any configured secret',
      );
    }
    const contentType = header(req, 'content-type');
    if (!isJsonContentType(contentType)) {
      throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    const dedupeKey = deliveryIdentifier(req) ?? bodyHash(body);
    // Everything the store cannot hold is refused here, naming the field, before the delivery joins
    // a shared INSERT: UTF-8 only, nesting capped before parsing, no NUL or lone surrogate.
    const decoded = decodeUtf8(body, contentType);
    if (!decoded.ok) throw jsonProblemToHttp(decoded.error);
    const text = decoded.value as string;
    const json = parseJsonText(text);
    if (!json.ok) throw jsonProblemToHttp(json.error);
    const parsed = parseWith(JiraWebhookSchema, json.value);
    if (!parsed.ok) {
      const fields = parsed.error.map((issue) => issue.path || '(body)').join(', ');
      throw new HttpError(400, 'not_a_jira_webhook', `Not a Jira webhook: check ${fields}`, parsed.error);
    }
    const event = parsed.value;
    const receivedAt = now();
    // Refused rather than replaced by the receipt time: a time this far off means the sender's
    // clock or payload is wrong, and Jira's delivery log then shows the reason to whoever fixes it.
    if (!isEventTimeInRange(event.timestamp, receivedAt)) {
      const message = 'timestamp must be after 2000-01-01 and at most one day after the delivery arrives';
      throw new HttpError(400, 'timestamp_out_of_range', message, [{ path: 'timestamp', message }]);
    }
    if (deps.ready && !deps.ready()) {
      // Answered here, not thrown: a delivery during start-up is expected and Jira will retry it.
      deps.metrics.intake.inc({ source: 'jira-webhook', result: 'error' });
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: { code: 'not_ready', message: 'The sidecar is starting; retry shortly' } });
      return;
    }
    const accepted = await deps.acceptEvent({
      source: 'jira-webhook',
      idempotencyKey: dedupeKey,
      eventType: event.webhookEvent,
      payload: event,
      payloadJson: text,
      receivedAt,
      occurredAt: new Date(event.timestamp),
    });
    const issueKey = event.issue?.key;
    if (accepted.duplicate) {
      deps.metrics.intake.inc({ source: 'jira-webhook', result: 'duplicate' });
      deps.log.info(
        { delivery: { ...delivery, eventId: accepted.id, eventType: event.webhookEvent, issueKey } },
        'duplicate delivery; already accepted',
      );
      res.status(200).json({ duplicate: true, id: accepted.id });
      return;
    }
    deps.metrics.intake.inc({ source: 'jira-webhook', result: 'accepted' });
    deps.log.info(
      { delivery: { ...delivery, eventId: accepted.id, eventType: event.webhookEvent, issueKey } },
      'webhook accepted',
    );
    res.status(202).json({ id: accepted.id });
  });

  router.use('/webhooks/jira', ((err, _req, _res, next) => {
    countError(deps.metrics, err);
    if ((err as { type?: string } | null)?.type === 'entity.too.large') {
      const message = `Body is larger than the limit of ${describeLimit(bodyLimit)}`;
      return next(new HttpError(413, 'payload_too_large', message));
    }
    next(err);
  }) as express.ErrorRequestHandler);

  return router;
}
