// Forge Remote endpoints, mounted at /forge. Every request must carry a valid Forge Invocation
// Token. App tokens that come with it (`x-forge-oauth-system`, `x-forge-oauth-user`) are taken off
// the request at once — nothing later can log them — and kept sealed until they expire.
//   POST /forge/events          product events and scheduled ticks → accepted durably, 202
//   GET  /forge/api/health      liveness plus the live settings version
//   *    /forge/api/settings…   the settings routes, acting as the FIT principal
//   *    /forge/api/…           extra routers (e.g. issue suggestions)
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../store/db.js';
import { intakeResultFor } from '../../metrics.js';
import type { IntakeResult, Metrics } from '../../metrics.js';
import { HttpError, toHttpError } from '../errors.js';
import { createSettingsService, type SettingsService } from '../../settings/service.js';
import { createAppTokenStore, type AppTokenStore } from '../../secrets/app-tokens.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { createSettingsRouter } from '../admin/settings.js';
import { jsonBody as requireJson } from '../admin/http-helpers.js';
import { jsonBody } from '../json-body.js';
import { isEventTimeInRange } from '../../intake/accept.js';
import { createFitVerifier, type FitClaims, type FitVerifier, type FitVerifierConfig } from './fit.js';
import { forgeEventType, forgeIdempotencyKey } from './event-key.js';

const SYSTEM_TOKEN_HEADER = 'x-forge-oauth-system';
const USER_TOKEN_HEADER = 'x-forge-oauth-user';

/** What /forge/events hands to intake (the platform's `IncomingEvent` with source `forge-event`). */
export interface ForgeIncomingEvent {
  source: 'forge-event';
  idempotencyKey: string;
  eventType: string;
  /** `{ event: <the body Forge sent>, invocation: <installation, API base URL, …> }`. */
  payload: ForgeEventPayload;
  receivedAt: Date;
}

export interface ForgeEventPayload {
  event: Record<string, unknown>;
  invocation: {
    installationId: string;
    apiBaseUrl: string;
    cloudId?: string;
    moduleKey?: string;
    /** Whether an app system token came with this delivery (it is in the token store, not here). */
    systemTokenStored: boolean;
  };
}

export interface ForgeRouterDeps {
  db: Db;
  log: Logger;
  /** FIT verification: `FORGE_APP_ID`, `FORGE_JWKS_URL`, … (or a ready verifier). */
  fit: FitVerifierConfig | FitVerifier;
  /** The platform's intake, bound to its store and queue. */
  acceptEvent(event: ForgeIncomingEvent): Promise<{ id: string; duplicate: boolean }>;
  /** Where app tokens are kept; or give `secretBox` and one is made over `db`. Neither → not kept. */
  appTokens?: AppTokenStore;
  secretBox?: SecretBox;
  settings?: SettingsService;
  /** Mounted under /forge/api after the built-in routes; they find the verified FIT via `forgeClaims(res)`. */
  routers?: readonly Router[];
  bodyLimit?: string | number;
  /** Counts /forge/events deliveries in `frontline_intake_total{source="forge-event"}`. */
  metrics?: Pick<Metrics, 'intake'>;
  /**
   * Expired tokens are deleted at most this often (default 5 min), on the next request that brings
   * a token — the 5-minute scheduled tick keeps that regular. `purgeExpired()` can also be scheduled.
   */
  purgeEveryMs?: number;
  now?: () => Date;
}

/** The verified FIT of the current request (set for every route under /forge). */
export function forgeClaims(res: Response): FitClaims {
  const claims = res.locals.forgeClaims as FitClaims | undefined;
  if (!claims) throw new Error('forgeClaims() used outside the /forge router');
  return claims;
}

const isVerifier = (fit: FitVerifierConfig | FitVerifier): fit is FitVerifier =>
  typeof (fit as FitVerifier).verify === 'function';

/** Reads a header once and removes it from the request, so no later logger or handler sees it. */
function takeHeader(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  delete req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

/** Builds the /forge router. */
export function createForgeRouter(deps: ForgeRouterDeps): Router {
  const verifier = isVerifier(deps.fit) ? deps.fit : createFitVerifier(deps.fit);
  const tokens =
    deps.appTokens ??
    (deps.secretBox ? createAppTokenStore({ db: deps.db, box: deps.secretBox }) : undefined);
  const settings = deps.settings ?? createSettingsService(deps.db);
  const now = deps.now ?? (() => new Date());
  const countEvent = (req: Request, result: IntakeResult) => {
    if (req.path === '/events') deps.metrics?.intake.inc({ source: 'forge-event', result });
  };
  /** Every refused /events delivery is counted here, once, by the status it is answered with. */
  const countRefusal: ErrorRequestHandler = (err, req, _res, next) => {
    countEvent(req, intakeResultFor(toHttpError(err).status));
    next(err);
  };
  const purgeEveryMs = deps.purgeEveryMs ?? 5 * 60_000;
  let lastPurge = -Infinity;
  const purgeIfDue = async (store: AppTokenStore) => {
    const at = now().getTime();
    if (at - lastPurge < purgeEveryMs) return;
    lastPurge = at;
    const purged = await store.purgeExpired();
    if (purged > 0) deps.log.info({ purged }, 'expired Forge app tokens deleted');
  };
  if (!tokens)
    deps.log.warn('FRONTLINE_SECRET_KEY is not set: Forge app tokens will not be kept between requests');

  const authenticate: RequestHandler = async (req, res, next) => {
    const systemToken = takeHeader(req, SYSTEM_TOKEN_HEADER);
    const userToken = takeHeader(req, USER_TOKEN_HEADER);
    const verified = await verifier.verify(req.get('authorization'));
    if (!verified.ok) {
      const { kind, reason } = verified.error;
      deps.log.warn({ path: req.path, reason }, 'Forge request refused');
      if (kind === 'unavailable') throw new HttpError(503, 'jwks_unavailable', reason);
      throw new HttpError(401, 'invalid_fit', reason);
    }
    const claims = verified.value;
    res.locals.forgeClaims = claims;
    res.locals.systemTokenStored = false;
    if (tokens && systemToken) {
      await tokens.save(
        { installationId: claims.installationId, kind: 'system' },
        systemToken,
        claims.apiBaseUrl,
      );
      res.locals.systemTokenStored = true;
    }
    if (tokens && userToken && claims.principal) {
      const key = {
        installationId: claims.installationId,
        kind: 'user' as const,
        principal: claims.principal,
      };
      await tokens.save(key, userToken, claims.apiBaseUrl);
    }
    if (tokens && (systemToken || userToken)) await purgeIfDue(tokens);
    next();
  };

  const router = Router();
  router.use(authenticate);
  // The shared guarded parser: UTF-8 only, nesting capped, no NUL or lone surrogate (400 naming
  // the field), so nothing here reaches canonical hashing or the store that either cannot hold.
  router.use(jsonBody({ limit: deps.bodyLimit ?? '1mb' }));

  router.post('/events', async (req, res) => {
    const body = requireJson(req);
    const type = forgeEventType(body);
    if (!type.ok) throw new HttpError(400, 'not_a_forge_event', `Not a Forge event: ${type.error}`);
    const claims = forgeClaims(res);
    const event = body as Record<string, unknown>;
    const receivedAt = now();
    // Processing reads a numeric `timestamp` as when the event happened; the same bound as the Jira
    // webhook's holds, for the same reason: an absurd time is refused, not acknowledged and then
    // failing its processing for good.
    if (typeof event.timestamp === 'number' && !isEventTimeInRange(event.timestamp, receivedAt)) {
      const message = 'timestamp must be after 2000-01-01 and at most one day after the event arrives';
      throw new HttpError(400, 'timestamp_out_of_range', message, [{ path: 'timestamp', message }]);
    }
    const invocation: ForgeEventPayload['invocation'] = {
      installationId: claims.installationId,
      apiBaseUrl: claims.apiBaseUrl,
      systemTokenStored: res.locals.systemTokenStored === true,
      ...(claims.cloudId ? { cloudId: claims.cloudId } : {}),
      ...(claims.moduleKey ? { moduleKey: claims.moduleKey } : {}),
    };
    const accepted = await deps.acceptEvent({
      source: 'forge-event',
      idempotencyKey: forgeIdempotencyKey(claims.installationId, event, type.value.scheduled),
      eventType: type.value.eventType,
      payload: { event, invocation },
      receivedAt,
    });
    countEvent(req, accepted.duplicate ? 'duplicate' : 'accepted');
    deps.log.info(
      { eventId: accepted.id, eventType: type.value.eventType, duplicate: accepted.duplicate },
      accepted.duplicate ? 'Forge event already accepted' : 'Forge event accepted',
    );
    if (accepted.duplicate) return void res.status(200).json({ id: accepted.id, duplicate: true });
    res.status(202).json({ id: accepted.id });
  });

  const api = Router();
  api.get('/health', async (_req, res) => {
    const live = await settings.live();
    res.json({
      status: 'ok',
      settingsVersion: live.version,
      installationId: forgeClaims(res).installationId,
    });
  });
  api.use(
    '/settings',
    createSettingsRouter({
      settings,
      source: 'forge',
      actorOf: (_req, res) => `forge:${forgeClaims(res).principal ?? 'app'}`,
      log: deps.log,
    }),
  );
  for (const extra of deps.routers ?? []) api.use(extra);
  router.use('/api', api);
  router.use(countRefusal);
  return router;
}

export {
  createFitVerifier,
  FORGE_JWKS_URL,
  type FitClaims,
  type FitVerifier,
  type FitVerifierConfig,
} from './fit.js';
