// Liveness, readiness and metrics. /healthz says the process answers; /readyz says it can accept
// work (store reachable, queue started) so a load balancer sends traffic only then.
import { Router } from 'express';
import type { Registry } from 'prom-client';

/** Each component's state: true when ready, otherwise a short reason. */
export type ReadinessCheck = () => Promise<Record<string, true | string>>;

export function createHealthRouter(deps: { readiness: ReadinessCheck; registry: Registry }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const components = await deps.readiness();
    const notReady = Object.entries(components).filter(([, state]) => state !== true);
    if (notReady.length > 0) {
      // Answered here rather than thrown: a 503 while starting is expected, not a bug to log.
      res.status(503).json({
        error: {
          code: 'not_ready',
          message: `Not ready: ${notReady.map(([name, why]) => `${name} ${String(why)}`).join('; ')}`,
          details: components,
        },
      });
      return;
    }
    res.status(200).json({ status: 'ready', components });
  });
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}

/** Readiness of the store (a trivial query) and the queue (started, not stopping). */
export function storeAndQueueReadiness(deps: {
  db: { query(sql: string): Promise<unknown> } | undefined;
  queueReady: () => boolean;
}): ReadinessCheck {
  return async () => {
    let store: true | string = 'not open';
    if (deps.db) {
      store = await deps.db.query('SELECT 1').then(
        () => true as const,
        (err: unknown) => `unreachable (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    return { store, queue: deps.queueReady() ? true : 'not started' };
  };
}
