// The intake every tracker's webhook goes through: a signed JSON delivery is verified, bounded,
// parsed and stored, deduplicated, before it is answered. Nothing here calls a tracker: the work
// happens in jobs, so a slow or failing tracker never makes a delivery time out. Its guarantees:
//   - the signature is checked on the raw bytes (HMAC-SHA256, timing-safe, under every configured
//     secret) before anything else is read, and the body is bounded (413 stating the limit);
//   - what the store cannot hold is refused here, naming the field, before the delivery joins a
//     shared INSERT: UTF-8 only (415 otherwise), nesting capped before parsing, no NUL or lone
//     surrogate, an event time after 2000 and at most a day ahead, an identifier sent once and
//     short enough for the dedupe index (400 for each);
//   - the event is stored under (source, identifier) before the 202; a redelivery gets 200 and the
//     first delivery's id; a store that cannot be reached gets 503 with Retry-After, as does a
//     sidecar still starting;
//   - each outcome is counted under `frontline_intake_total{source}` and logged on one line.
// A tracker says only what is its own: the path and source, its signature and identifier headers,
// its event schema and how an event's type, time and ticket are read (see `SignedIntake`).
import express, { Router } from 'express';
import type { Request } from 'express';
import { parseWith } from '@frontline/shared';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { intakeResultFor } from '../metrics.js';
import type { Metrics } from '../metrics.js';
import { isEventTimeInRange, MAX_IDEMPOTENCY_KEY_LENGTH } from '../intake/accept.js';
import type { Accepted, EventSource, IncomingEvent } from '../intake/accept.js';
import { bodyHash, verifySignature } from '../intake/signature.js';
import { HttpError, toHttpError } from './errors.js';
import { decodeUtf8, jsonProblemToHttp, parseJsonText } from './json-body.js';

/** 10 MB, decimal, as documented: larger deliveries get 413. */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 10_000_000;

/** `application/json` or any `+json` type; charset parameters are fine. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** What the running sidecar gives each tracker's intake. */
export interface SignedIntakeDeps {
  secrets: readonly string[];
  acceptEvent: (event: IncomingEvent) => Promise<Accepted>;
  log: Logger;
  metrics: Metrics;
  /** Bytes; larger bodies get 413. */
  bodyLimit?: number | undefined;
  now?: () => Date;
  /** False while the store and queue start: deliveries get 503 (the sender retries them). */
  ready?: (() => boolean) | undefined;
}

/** What an accepted event is stored and logged as. */
export interface IntakeEventFacts {
  /** The type it is stored (and dispatched) under. */
  storedType: string;
  /** The type as the tracker names it, for the log line. */
  type: string;
  /** When the tracker says it happened, in milliseconds since the epoch. */
  timestamp: number;
  issueKey: string | undefined;
}

/** What one tracker's signed webhook is: everything else is the same for every tracker. */
export interface SignedIntake<Schema extends z.ZodType> {
  path: string;
  source: EventSource;
  /** Carries `sha256=<hex HMAC of the raw body>`. */
  signatureHeader: string;
  /** Carries the delivery's identifier, the dedupe key. */
  identifierHeader: string;
  /**
   * A delivery without an identifier: deduplicated on its body's hash, or refused with 400
   * `delivery_missing` (a sender that always sends one).
   */
  withoutIdentifier: 'body-hash' | 'refuse';
  schema: Schema;
  /** JSON that is not this tracker's event: the error code and the message's opening words. */
  notItsEvent: { code: string; message: string };
  facts(event: z.output<Schema>): IntakeEventFacts;
  /** Further fields of the delivery's log line, read from its headers. */
  deliveryFields?(req: Request): Record<string, unknown>;
  logMessages: { accepted(facts: IntakeEventFacts): string; duplicate: string };
}

/** "10 MB (10000000 bytes)": the limit as the README states it, and exactly. */
function describeLimit(bytes: number): string {
  return bytes % 1_000_000 === 0 ? `${bytes / 1_000_000} MB (${bytes} bytes)` : `${bytes} bytes`;
}

/**
 * The delivery's identifier (undefined when none is sent): the dedupe key, so it must be one value
 * the dedupe index can hold. Node joins repeated headers into "a, b", which would be stored as an
 * identifier nobody sent; an empty value identifies nothing.
 */
function deliveryIdentifier(req: Request, name: string): string | undefined {
  const values = req.headersDistinct[name.toLowerCase()] ?? [];
  if (values.length > 1) {
    throw new HttpError(400, 'duplicate_identifier', `${name} is sent more than once`, [
      { path: name, message: 'send the header once' },
    ]);
  }
  const identifier = values[0]?.trim();
  if (!identifier) return undefined;
  if (identifier.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    const message = `${name} is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`;
    throw new HttpError(400, 'identifier_too_long', message, [{ path: name, message }]);
  }
  return identifier;
}

/** The dedupe key: the identifier, or what the tracker does without one. */
function dedupeKey(
  req: Request,
  body: Buffer,
  intake: Pick<SignedIntake<z.ZodType>, 'identifierHeader' | 'withoutIdentifier'>,
): string {
  const identifier = deliveryIdentifier(req, intake.identifierHeader);
  if (identifier !== undefined) return identifier;
  if (intake.withoutIdentifier === 'body-hash') return bodyHash(body);
  const sent = (req.headersDistinct[intake.identifierHeader.toLowerCase()] ?? []).length > 0;
  const message = sent
    ? `${intake.identifierHeader} is empty`
    : `${intake.identifierHeader} header is missing`;
  throw new HttpError(400, 'delivery_missing', message, [{ path: intake.identifierHeader, message }]);
}

function firstHeader(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** One tracker's intake router (mount at the app root). */
export function createSignedIntakeRouter<Schema extends z.ZodType>(
  intake: SignedIntake<Schema>,
  deps: SignedIntakeDeps,
): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const { source, signatureHeader } = intake;
  // Raw bytes whatever the declared type: the signature covers the exact body, and the type is
  // checked only after the sender is known to hold a secret.
  const bodyLimit = deps.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const rawBody = express.raw({ type: () => true, limit: bodyLimit });

  router.post(intake.path, rawBody, async (req, res) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);

    const signature = firstHeader(req, signatureHeader);
    if (!signature) throw new HttpError(401, 'signature_missing', `${signatureHeader} header is missing`);
    if (!verifySignature(body, signature, deps.secrets)) {
      const message = `${signatureHeader} does not match the body under any configured secret`;
      throw new HttpError(401, 'signature_invalid', message);
    }
    const contentType = firstHeader(req, 'content-type');
    if (!isJsonContentType(contentType)) {
      throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    const key = dedupeKey(req, body, intake);
    // Everything the store cannot hold is refused here, naming the field, before the delivery joins
    // a shared INSERT: UTF-8 only, nesting capped before parsing, no NUL or lone surrogate.
    const decoded = decodeUtf8(body, contentType);
    if (!decoded.ok) throw jsonProblemToHttp(decoded.error);
    const text = decoded.value as string;
    const json = parseJsonText(text);
    if (!json.ok) throw jsonProblemToHttp(json.error);
    const parsed = parseWith(intake.schema, json.value);
    if (!parsed.ok) {
      const fields = parsed.error.map((issue) => issue.path || '(body)').join(', ');
      const { code, message } = intake.notItsEvent;
      throw new HttpError(400, code, `${message}: check ${fields}`, parsed.error);
    }
    const event = parsed.value;
    const facts = intake.facts(event);
    const receivedAt = now();
    // Refused rather than replaced by the receipt time: a time this far off means the sender's
    // clock or payload is wrong, and the sender's delivery log then shows the reason to whoever
    // fixes it.
    if (!isEventTimeInRange(facts.timestamp, receivedAt)) {
      const message = 'timestamp must be after 2000-01-01 and at most one day after the delivery arrives';
      throw new HttpError(400, 'timestamp_out_of_range', message, [{ path: 'timestamp', message }]);
    }
    if (deps.ready && !deps.ready()) {
      // Answered here, not thrown: a delivery during start-up is expected and will be retried.
      deps.metrics.intake.inc({ source, result: 'error' });
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: { code: 'not_ready', message: 'The sidecar is starting; retry shortly' } });
      return;
    }
    const accepted = await deps.acceptEvent({
      source,
      idempotencyKey: key,
      eventType: facts.storedType,
      payload: event,
      payloadJson: text,
      receivedAt,
      occurredAt: new Date(facts.timestamp),
    });
    // The delivery's fields go on its one log line, nested under one key, rather than on a child
    // logger: pino runs the credential redaction (wildcard paths) once per top-level key of every
    // line and of every child's bindings, which made logging the dearest step of a delivery.
    const logged = {
      delivery: {
        id: firstHeader(req, intake.identifierHeader)?.trim() || 'unidentified',
        ...intake.deliveryFields?.(req),
        eventId: accepted.id,
        eventType: facts.type,
        issueKey: facts.issueKey,
      },
    };
    if (accepted.duplicate) {
      deps.metrics.intake.inc({ source, result: 'duplicate' });
      deps.log.info(logged, intake.logMessages.duplicate);
      res.status(200).json({ duplicate: true, id: accepted.id });
      return;
    }
    deps.metrics.intake.inc({ source, result: 'accepted' });
    deps.log.info(logged, intake.logMessages.accepted(facts));
    res.status(202).json({ id: accepted.id });
  });

  router.use(intake.path, ((err, _req, _res, next) => {
    deps.metrics.intake.inc({ source, result: intakeResultFor(toHttpError(err).status) });
    if ((err as { type?: string } | null)?.type === 'entity.too.large') {
      const message = `Body is larger than the limit of ${describeLimit(bodyLimit)}`;
      return next(new HttpError(413, 'payload_too_large', message));
    }
    next(err);
  }) as express.ErrorRequestHandler);

  return router;
}
