// The HTTP application: health and metrics, Jira webhook intake, the admin API (/api), the Forge
// Remote endpoints (/forge), the YouTrack app's (/youtrack) and Telegram's webhook, then one 404 and one error
// middleware for everything.
import express from 'express';
import type { Express, Router } from 'express';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Accepted, IncomingEvent } from '../intake/accept.js';
import { errorMiddleware, notFound } from './errors.js';
import { createHealthRouter } from './health.js';
import type { ReadinessCheck } from './health.js';
import { createWebhookRouter } from './webhooks.js';
import { createYouTrackWebhookRouter } from './youtrack-webhook.js';

export interface AppDeps {
  log: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck;
  acceptEvent: (event: IncomingEvent) => Promise<Accepted>;
  webhookSecrets: readonly string[];
  webhookBodyLimit?: number;
  /** Secrets the YouTrack app's events are signed with; none → every YouTrack delivery gets 401. */
  youtrackWebhookSecrets?: readonly string[];
  /** False while starting: webhook deliveries are answered 503. */
  intakeReady?: () => boolean;
  /** The admin REST router (`createAdminRouter`), mounted at /api. */
  adminRouter?: Router;
  /** The Forge Remote router (`createForgeRouter`), mounted at /forge. */
  forgeRouter?: Router;
  /** The YouTrack app's router (`createYouTrackAppRouter`), mounted at /youtrack. */
  youtrackAppRouter?: Router;
  /** The customer's page (`createCustomerPageRouter`): its own paths (/c/…), no login. */
  customerPageRouter?: Router;
  /** Telegram's webhook (`createTelegramWebhookRouter`): POST /telegram/webhook, its own secret. */
  telegramWebhookRouter?: Router;
}

/** Builds the Express app; the caller listens and closes. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(createHealthRouter({ readiness: deps.readiness, registry: deps.metrics.registry }));
  app.use(
    createWebhookRouter({
      secrets: deps.webhookSecrets,
      acceptEvent: deps.acceptEvent,
      log: deps.log,
      metrics: deps.metrics,
      bodyLimit: deps.webhookBodyLimit,
      ready: deps.intakeReady,
    }),
  );
  app.use(
    createYouTrackWebhookRouter({
      secrets: deps.youtrackWebhookSecrets ?? [],
      acceptEvent: deps.acceptEvent,
      log: deps.log,
      metrics: deps.metrics,
      bodyLimit: deps.webhookBodyLimit,
      ready: deps.intakeReady,
    }),
  );
  if (deps.adminRouter) app.use('/api', deps.adminRouter);
  if (deps.forgeRouter) app.use('/forge', deps.forgeRouter);
  if (deps.youtrackAppRouter) app.use('/youtrack', deps.youtrackAppRouter);
  if (deps.customerPageRouter) app.use(deps.customerPageRouter);
  if (deps.telegramWebhookRouter) app.use(deps.telegramWebhookRouter);
  app.use(notFound);
  app.use(errorMiddleware(deps.log));
  return app;
}
