// The admin REST API, mounted at /api. Every route needs `Authorization: Bearer
// <FRONTLINE_ADMIN_TOKEN>`; writes record who made them (`X-Frontline-Actor`, else the token's name).
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../store/db.js';
import { createSettingsService, type SettingsService } from '../../settings/service.js';
import { createContractService, type ContractService } from '../../contracts/service.js';
import { adminActor, requireAdminToken, type AdminCredential } from './auth.js';
import { createSettingsRouter } from './settings.js';
import { createContractsRouter } from './contracts.js';
import { createJobsRouter, type FailedJobsQueue } from './jobs.js';

export interface AdminRouterDeps {
  db: Db;
  /** `FRONTLINE_ADMIN_TOKEN`; unset → every /api request is refused with 401. */
  adminToken: string | undefined;
  /** The name versions record for that token when no `X-Frontline-Actor` is sent (default "admin-token"). */
  adminTokenName?: string;
  /** The platform's JobQueue (or anything with `listFailed` and `retry`). */
  jobs: FailedJobsQueue;
  /** Settings writes are announced here. */
  log?: Pick<Logger, 'info'>;
  /** Overrides, for sharing one instance with the Forge router. */
  settings?: SettingsService;
  contracts?: ContractService;
}

export type { AdminCredential, FailedJobsQueue };

/** Builds the /api router. */
export function createAdminRouter(deps: AdminRouterDeps): Router {
  const credentials: AdminCredential[] = deps.adminToken
    ? [{ name: deps.adminTokenName ?? 'admin-token', token: deps.adminToken }]
    : [];
  const router = Router();
  router.use(requireAdminToken(credentials));
  router.use(
    '/settings',
    createSettingsRouter({
      settings: deps.settings ?? createSettingsService(deps.db),
      source: 'admin-api',
      actorOf: adminActor,
      ...(deps.log ? { log: deps.log } : {}),
    }),
  );
  router.use(
    createContractsRouter({
      contracts: deps.contracts ?? createContractService(deps.db),
      actorOf: adminActor,
    }),
  );
  router.use(createJobsRouter({ jobs: deps.jobs }));
  return router;
}
