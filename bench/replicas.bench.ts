// Replicas on one PostgreSQL: events per second carried end to end (first delivery sent → every
// event processed by an intake.process job) by one sidecar process and by three, in the same run,
// on a fresh database each. The sender round-robins over the replicas from 16 connections, as a
// load balancer would. Every process shares this machine's cores with the sender and PostgreSQL, so
// the ratio (three replicas against one) is the figure to compare; on 2 cores it shows what extra
// processes cost or gain when CPU, not the database, is the limit.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BenchResult, BenchSuite } from './lib.js';
import { withRatio } from './lib.js';
import { signBody } from '../sidecar/src/intake/signature.js';
import { freePort, startReplica, stopReplicas } from '../sidecar/test/replicas.js';
import type { Replica } from '../sidecar/test/replicas.js';
import { freshPostgresDatabase } from '../sidecar/test/stores.js';

const SECRET = 'northwind-bench-secret-0001';
const EVENTS = 1_500;
const LANES = 16;

function body(i: number): string {
  return JSON.stringify({
    timestamp: 1_790_000_000_000 + i,
    webhookEvent: 'jira:issue_created',
    issue_event_type_name: 'issue_created',
    user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Anna Petrova' },
    issue: {
      id: String(20_000 + i),
      key: `SUP-${i + 1}`,
      fields: {
        summary: 'Month-end close: VAT ledger does not match the sales book',
        project: { key: 'SUP', name: 'Service desk' },
        priority: { name: 'High' },
      },
    },
  });
}

const freshDatabase = (serverUrl: string) => freshPostgresDatabase(serverUrl, 'frontline_bench');

/** Events per second from the first send until every event is processed, with `count` replicas. */
async function endToEnd(serverUrl: string, count: number): Promise<number> {
  const database = await freshDatabase(serverUrl);
  const replicas: Replica[] = [];
  const db = new pg.Client({ connectionString: database.url });
  try {
    for (let i = 0; i < count; i += 1)
      replicas.push(
        startReplica({
          port: await freePort(),
          databaseUrl: database.url,
          secrets: [SECRET],
          logLevel: 'warn',
        }),
      );
    await Promise.all(replicas.map((r) => r.ready));
    await db.connect();
    const bodies = Array.from({ length: EVENTS }, (_, i) => body(i));
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < bodies.length) {
          const i = next++;
          const raw = bodies[i]!;
          const res = await fetch(`${replicas[i % count]!.url}/webhooks/jira`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-atlassian-webhook-identifier': randomUUID(),
              'x-hub-signature': signBody(raw, SECRET),
            },
            body: raw,
          });
          await res.arrayBuffer();
          if (res.status !== 202) throw new Error(`delivery ${i} answered ${res.status}`);
        }
      }),
    );
    for (;;) {
      const done = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM intake_events WHERE processed_at IS NOT NULL',
      );
      if (Number(done.rows[0]!.n) >= EVENTS) break;
      if (performance.now() - started > 300_000) throw new Error('events still unprocessed after 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return EVENTS / ((performance.now() - started) / 1000);
  } finally {
    await db.end().catch(() => undefined);
    await stopReplicas(replicas);
    await database.drop();
  }
}

const suite: BenchSuite = {
  name: 'replicas',
  async run(): Promise<BenchResult[]> {
    const serverUrl = process.env.FRONTLINE_BENCH_DATABASE_URL ?? process.env.FRONTLINE_TEST_DATABASE_URL;
    if (!serverUrl) {
      console.error(
        'replicas bench: neither FRONTLINE_BENCH_DATABASE_URL nor FRONTLINE_TEST_DATABASE_URL is set; skipped.',
      );
      return [];
    }
    const one = await endToEnd(serverUrl, 1);
    const three = await endToEnd(serverUrl, 3);
    return [
      {
        name: `1 replica on PostgreSQL: ${EVENTS} events accepted → processed`,
        value: Math.round(one),
        unit: 'events/s',
      },
      withRatio(
        {
          name: `3 replicas on PostgreSQL: ${EVENTS} events accepted → processed (ratio against 1 replica)`,
          value: Math.round(three),
          unit: 'events/s',
          baseline: Math.round(one),
        },
        false,
      ),
    ];
  },
};

export default suite;
