// /healthz, /readyz and /metrics on an app whose store and queue are not up yet.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { createApp } from './app.js';
import { storeAndQueueReadiness } from './health.js';

async function serve(
  queueReady: boolean,
  db: boolean | { query(sql: string): Promise<unknown> },
  storeTimeoutMs?: number,
): Promise<{ url: string; server: Server }> {
  const app = createApp({
    log: createLogger({ level: 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: storeAndQueueReadiness({
      db:
        typeof db === 'object'
          ? db
          : db
            ? { query: async () => ({}) }
            : { query: async () => Promise.reject(new Error('connection refused')) },
      queueReady: () => queueReady,
      ...(storeTimeoutMs === undefined ? {} : { storeTimeoutMs }),
    }),
    acceptEvent: async () => ({ id: 'unused', duplicate: false }),
    intakeReady: () => queueReady,
    webhookSecrets: [],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('health routes', () => {
  it('says healthy but not ready while the queue is starting and the store is unreachable', async () => {
    const { url, server } = await serve(false, false);
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        error: { code: string; message: string; details: Record<string, unknown> };
      };
      expect(body.error.code).toBe('not_ready');
      expect(body.error.details.queue).toBe('not started');
      expect(String(body.error.details.store)).toContain('connection refused');
    } finally {
      server.close();
    }
  });

  it('is ready when both are', async () => {
    const { url, server } = await serve(true, true);
    try {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', components: { store: true, queue: true } });
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect(await metrics.text()).toContain('# TYPE frontline_intake_total counter');
    } finally {
      server.close();
    }
  });

  it('says 503 while the store hangs, within the check timeout, and 200 once it answers again', async () => {
    let hang = true;
    const db = {
      query: () => (hang ? new Promise<never>(() => undefined) : Promise.resolve({})),
    };
    const { url, server } = await serve(true, db, 300);
    try {
      const began = performance.now();
      const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      expect(ready.status).toBe(503);
      expect(performance.now() - began).toBeLessThan(2_000);
      const body = (await ready.json()) as { error: { details: Record<string, unknown> } };
      expect(String(body.error.details.store)).toContain('did not answer within 300 ms');
      hang = false;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
