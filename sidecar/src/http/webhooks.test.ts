// A delivery that meets an unreachable store is answered 503 with Retry-After (Jira retries it) and
// counted apart from bugs, so an outage shows on the intake counter as what it is.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { signBody } from '../intake/signature.js';
import { issueCreated, TEST_SECRETS } from '../../test/webhook-client.js';
import { createApp } from './app.js';

const metrics = createMetrics({ queueDepth: () => Promise.resolve([]) });
const app = createApp({
  log: createLogger({ level: 'silent' }),
  metrics,
  readiness: () => Promise.resolve({ ready: true, checks: {} }) as never,
  acceptEvent: () =>
    Promise.reject(
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ),
  webhookSecrets: TEST_SECRETS,
});
const server = createServer(app);
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function counted(result: string): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'frontline_intake_total');
  const values = (metric?.values ?? []) as { labels: Record<string, string>; value: number }[];
  return values.find((v) => v.labels.source === 'jira-webhook' && v.labels.result === result)?.value ?? 0;
}

describe('Jira webhook while the store is unreachable', () => {
  it('answers 503 store_unavailable with Retry-After and counts it as such', async () => {
    const body = JSON.stringify(issueCreated('SUP-7'));
    const res = await fetch(`${url}/webhooks/jira`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature': signBody(body, TEST_SECRETS[0]!),
        'x-atlassian-webhook-identifier': 'outage-1',
      },
      body,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    expect(await counted('store_unavailable')).toBe(1);
    expect(await counted('error')).toBe(0);
  });
});
