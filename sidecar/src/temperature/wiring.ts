// The temperature parts the composition root mounts: the issue views under /forge/api and the
// operator's sweep route under /api, built once the store and queue are open.
import { Router } from 'express';
import { createJiraGateway } from '../trackers/jira/index.js';
import type { JiraGateway, JiraLogger } from '../trackers/jira/types.js';
import { DEMO_APP_TOKEN, DEMO_TEMPERATURE_FIELD_KEY } from '../../sandbox/index.js';
import { loadWorld } from '../intake/handlers/index.js';
import type { TemperatureSweepRequest } from '../jobs/kinds/temperature-sweep.js';
import { createIssueViewsRouter } from '../http/forge/issue-views/index.js';
import type { FitClaims } from '../http/forge/fit.js';
import { createAppTokenStore } from '../secrets/app-tokens.js';
import type { AppTokenStore } from '../secrets/app-tokens.js';
import { createSecretBox } from '../secrets/secret-box.js';
import type { Db } from '../store/db.js';
import { createTemperatureAdminRouter } from './admin-router.js';
import type { TemperatureJobOptions } from './sweep.js';

export interface TemperatureRoutersContext {
  config: { adminToken: string | undefined; secretKey: string | undefined };
  db: Db;
  queue: { send(name: 'temperature.sweep', data: TemperatureSweepRequest): Promise<string> };
  log: JiraLogger;
  /** A gateway whose transport app-token calls share (pacing, concurrency); else one per call. */
  jira?: JiraGateway | undefined;
}

/** Jira as the app for a FIT's installation, with the system token Forge left sealed in the store. */
export function appJiraFor(deps: {
  appTokens: AppTokenStore | undefined;
  jira?: JiraGateway | undefined;
  log: JiraLogger;
}): (claims: FitClaims) => Promise<JiraGateway | undefined> {
  return async (claims) => {
    const token = await deps.appTokens?.get({ installationId: claims.installationId, kind: 'system' });
    if (!token) return undefined;
    return deps.jira
      ? deps.jira.forAppToken(token.token, token.apiBaseUrl)
      : createJiraGateway({
          baseUrl: token.apiBaseUrl,
          auth: { type: 'appToken', token: token.token },
          logger: deps.log,
        });
  };
}

/** The issue views router (for /forge/api) and the sweep route (for /api). */
export function createTemperatureRouters(ctx: TemperatureRoutersContext): {
  issueViews: Router;
  admin: Router;
} {
  const appTokens = ctx.config.secretKey
    ? createAppTokenStore({ db: ctx.db, box: createSecretBox(ctx.config.secretKey) })
    : undefined;
  return {
    issueViews: createIssueViewsRouter({
      db: ctx.db,
      world: () => loadWorld(ctx.db),
      jiraFor: appJiraFor({ appTokens, jira: ctx.jira, log: ctx.log }),
    }),
    admin: createTemperatureAdminRouter({
      adminToken: ctx.config.adminToken,
      enqueueSweep: (request) => ctx.queue.send('temperature.sweep', request),
    }),
  };
}

/** Builds the admin and Forge routers with `build`, adding the temperature routes to both. */
export async function routersWithTemperature<C extends TemperatureRoutersContext>(
  ctx: C,
  build: (ctx: C, forgeRouters: Router[]) => Promise<{ adminRouter: Router; forgeRouter: Router }>,
): Promise<{ adminRouter: Router; forgeRouter: Router }> {
  const temperature = createTemperatureRouters(ctx);
  const built = await build(ctx, [temperature.issueViews]);
  const adminRouter = Router();
  adminRouter.use(temperature.admin, built.adminRouter);
  return { adminRouter, forgeRouter: built.forgeRouter };
}

/**
 * The sweep's options: the Temperature field from `FRONTLINE_TEMPERATURE_FIELD` (the key Jira gives
 * the app's field); with the local stand-in, its demo field and the app token it accepts. Undefined
 * when neither is there: sweeps then fail saying the field is not configured.
 */
export function temperatureJobOptions(
  configuredField: string | undefined,
  standIn: { url: string } | undefined,
  log: JiraLogger,
): TemperatureJobOptions | undefined {
  const fieldKey = configuredField ?? (standIn ? DEMO_TEMPERATURE_FIELD_KEY : undefined);
  if (!fieldKey) return undefined;
  if (!standIn) return { fieldKey };
  const localApp = createJiraGateway({
    baseUrl: standIn.url,
    auth: { type: 'appToken', token: DEMO_APP_TOKEN },
    logger: log,
  });
  return { fieldKey, localApp };
}
