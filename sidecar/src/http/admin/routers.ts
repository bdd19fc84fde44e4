// Builds the /api and /forge routers from what the composition root has once the store and queue
// are up (`startSidecar({ routers: createAdminAndForgeRouters })`). Loads FRONTLINE_SETTINGS_FILE
// first, so a bad settings file stops start-up with a message naming each bad field.
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../store/db.js';
import type { Metrics } from '../../metrics.js';
import { HttpError } from '../errors.js';
import { createSettingsService } from '../../settings/service.js';
import { describeSettingsFileError, loadSettingsFile } from '../../settings/file.js';
import { createContractService } from '../../contracts/service.js';
import { createAppTokenStore, type AppTokenStore } from '../../secrets/app-tokens.js';
import { createSecretBox } from '../../secrets/secret-box.js';
import { createAdminRouter, type FailedJobsQueue } from './index.js';
import { createForgeRouter, type ForgeIncomingEvent } from '../forge/index.js';

/** The part of the composition root's context these routers use. */
export interface AdminRoutersContext {
  config: {
    adminToken: string | undefined;
    secretKey: string | undefined;
    forge: { appId: string | undefined; jwksUrl: string };
    settingsFile?: string | undefined;
  };
  db: Db;
  queue: FailedJobsQueue;
  /** Failed work from every source (jobs and notifications); the queue alone when absent. */
  failedWork?: FailedJobsQueue;
  log: Logger;
  /** When given, Forge deliveries are counted with the webhook intake. */
  metrics?: Pick<Metrics, 'intake'>;
  acceptEvent(event: ForgeIncomingEvent): Promise<{ id: string; duplicate: boolean }>;
}

export interface AdminRoutersOptions {
  /** Settings to load at start; defaults to `FRONTLINE_SETTINGS_FILE`. */
  settingsFile?: string;
  /** Extra routers under /forge/api. */
  forgeRouters?: readonly Router[];
}

export interface AdminRouters {
  adminRouter: Router;
  forgeRouter: Router;
  /** The sealed app-token store (undefined without FRONTLINE_SECRET_KEY), for jobs that call Jira as the app. */
  appTokens: AppTokenStore | undefined;
}

/** Without FORGE_APP_ID no token can be checked against an audience, so every /forge call is refused. */
function forgeDisabled(): Router {
  const router = Router();
  router.use(() => {
    throw new HttpError(401, 'invalid_fit', 'Forge Remote is disabled: FORGE_APP_ID is not set');
  });
  return router;
}

/** Loads the settings file (if any) and builds both routers; throws with a readable message on a bad file. */
export async function createAdminAndForgeRouters(
  ctx: AdminRoutersContext,
  opts: AdminRoutersOptions = {},
): Promise<AdminRouters> {
  const settings = createSettingsService(ctx.db);
  const settingsFile = opts.settingsFile ?? ctx.config.settingsFile;
  if (settingsFile) {
    const loaded = await loadSettingsFile(settingsFile, settings);
    if (!loaded.ok) throw new Error(describeSettingsFileError(settingsFile, loaded.error));
    ctx.log.info(
      { settingsFile, version: loaded.value.version },
      loaded.value.created
        ? 'settings loaded from file as a new version'
        : 'settings file matches the live settings',
    );
  }
  const appTokens = ctx.config.secretKey
    ? createAppTokenStore({ db: ctx.db, box: createSecretBox(ctx.config.secretKey) })
    : undefined;
  const adminRouter = createAdminRouter({
    db: ctx.db,
    adminToken: ctx.config.adminToken,
    jobs: ctx.failedWork ?? ctx.queue,
    log: ctx.log.child({ component: 'admin' }),
    settings,
    contracts: createContractService(ctx.db),
  });
  const { appId, jwksUrl } = ctx.config.forge;
  const forgeRouter = appId
    ? createForgeRouter({
        db: ctx.db,
        log: ctx.log.child({ component: 'forge' }),
        fit: { appId, jwksUrl },
        acceptEvent: ctx.acceptEvent,
        settings,
        ...(ctx.metrics ? { metrics: ctx.metrics } : {}),
        ...(appTokens ? { appTokens } : {}),
        ...(opts.forgeRouters ? { routers: opts.forgeRouters } : {}),
      })
    : forgeDisabled();
  if (!appId) ctx.log.warn('FORGE_APP_ID is not set: /forge refuses every request');
  return { adminRouter, forgeRouter, appTokens };
}
