// Assembles the /api and /forge routers from services the composition root built once (settings,
// contracts, the app-token store, failed work) plus the extra routes each side mounts (the
// temperature sweep under /api; issue views and suggestions under /forge/api).
import { Router } from 'express';
import type { Logger } from 'pino';
import type { ContractService } from '../../contracts/service.js';
import type { Metrics } from '../../metrics.js';
import type { FailedWorkSource } from '../../ports.js';
import type { AppTokenStore } from '../../secrets/app-tokens.js';
import type { SettingsService } from '../../settings/service.js';
import type { Db } from '../../store/db.js';
import { HttpError } from '../errors.js';
import { createForgeRouter, type ForgeIncomingEvent } from '../forge/index.js';
import { createAdminRouter } from './index.js';

export interface AdminAndForgeRoutersDeps {
  config: {
    adminToken: string | undefined;
    forge: { appId: string | undefined; jwksUrl: string };
  };
  db: Db;
  log: Logger;
  settings: SettingsService;
  contracts: ContractService;
  /** Failed work from every source (jobs and notifications). */
  failedWork: FailedWorkSource;
  /** The sealed app-token store (undefined without FRONTLINE_SECRET_KEY). */
  appTokens: AppTokenStore | undefined;
  /** Forge deliveries are counted with the webhook intake. */
  metrics: Pick<Metrics, 'intake'>;
  acceptEvent(event: ForgeIncomingEvent): Promise<{ id: string; duplicate: boolean }>;
  /** Extra routers under /api, before the admin API's own routes. */
  adminRouters?: readonly Router[];
  /** Extra routers under /forge/api. */
  forgeRouters?: readonly Router[];
}

export interface AdminRouters {
  adminRouter: Router;
  forgeRouter: Router;
}

/** Without FORGE_APP_ID no token can be checked against an audience, so every /forge call is refused. */
function forgeDisabled(): Router {
  const router = Router();
  router.use(() => {
    throw new HttpError(401, 'invalid_fit', 'Forge Remote is disabled: FORGE_APP_ID is not set');
  });
  return router;
}

/** Builds both routers. */
export function createAdminAndForgeRouters(deps: AdminAndForgeRoutersDeps): AdminRouters {
  const adminRouter = Router();
  for (const router of deps.adminRouters ?? []) adminRouter.use(router);
  adminRouter.use(
    createAdminRouter({
      db: deps.db,
      adminToken: deps.config.adminToken,
      jobs: deps.failedWork,
      log: deps.log.child({ component: 'admin' }),
      settings: deps.settings,
      contracts: deps.contracts,
    }),
  );
  const { appId, jwksUrl } = deps.config.forge;
  const forgeRouter = appId
    ? createForgeRouter({
        db: deps.db,
        log: deps.log.child({ component: 'forge' }),
        fit: { appId, jwksUrl },
        acceptEvent: deps.acceptEvent,
        settings: deps.settings,
        metrics: deps.metrics,
        ...(deps.appTokens ? { appTokens: deps.appTokens } : {}),
        ...(deps.forgeRouters ? { routers: deps.forgeRouters } : {}),
      })
    : forgeDisabled();
  if (!appId) deps.log.warn('FORGE_APP_ID is not set: /forge refuses every request');
  return { adminRouter, forgeRouter };
}
