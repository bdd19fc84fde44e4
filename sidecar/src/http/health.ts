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

/** How long /readyz waits for the store's answer before it calls the store unreachable (ms). */
export const STORE_CHECK_TIMEOUT_MS = 2_000;

/** `promise`, or a rejection once `ms` have passed; the timer never keeps the process alive. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness of the store (a trivial query, bounded in time: a store that hangs is as unready as
 * one that refuses) and the queue (started, not stopping).
 */
export function storeAndQueueReadiness(deps: {
  db: { query(sql: string): Promise<unknown> } | undefined;
  queueReady: () => boolean;
  storeTimeoutMs?: number;
}): ReadinessCheck {
  const timeoutMs = deps.storeTimeoutMs ?? STORE_CHECK_TIMEOUT_MS;
  return async () => {
    let store: true | string = 'not open';
    if (deps.db) {
      store = await within(deps.db.query('SELECT 1'), timeoutMs, 'the store').then(
        () => true as const,
        (err: unknown) => `unreachable (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    return { store, queue: deps.queueReady() ? true : 'not started' };
  };
}
