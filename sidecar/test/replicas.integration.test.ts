// Three sidecar replicas (separate processes) on one PostgreSQL behind a round-robin sender, as a
// load balancer in front of them would be. Jira's deliveries stream in with redeliveries sent to a
// different replica than the first copy; one replica is killed with SIGKILL mid-stream and started
// again; the sender retries on connection errors and 5xx as Jira does. What is asserted:
// - every acknowledged delivery (202, or 200 for a duplicate) is stored once and handled exactly
//   once: one intake_event_handling row per event, whichever replica's worker ran it, and none left
//   unprocessed (jobs the killed replica held are picked up by the others);
// - a redelivery to another replica is recognised as the same event (same id in the answer);
// - cron slots: pg-boss never queued two jobs of one schedule for the same minute across the
//   replicas (only exercised when a 5-minute boundary falls inside the run; the count is printed).
// Not asserted here: assignments and notifications. With no settings stored, intake tracks the
// issues but decides no assignment and queues no message, and the tables that could show a double
// (assignment_decisions, notify_outbox, schedule_runs) are unique by key in the schema itself, so
// counting their rows per key would prove nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signBody } from '../src/intake/signature.js';
import { freePort, startReplica, stopReplicas } from './replicas.js';
import type { Replica } from './replicas.js';
import { freshStore } from './stores.js';
import type { StoreUnderTest } from './stores.js';
import { issueCreated, TEST_SECRETS, waitFor } from './webhook-client.js';

const TEST_DATABASE_URL = process.env.FRONTLINE_TEST_DATABASE_URL;
if (!TEST_DATABASE_URL)
  console.warn('replicas test: FRONTLINE_TEST_DATABASE_URL is not set; the three-replica test is skipped.');

const REPLICAS = 3;
const UNIQUE_EVENTS = 1_200;
const LANES = 8;
/** Sent deliveries (first copies and redeliveries) at which replica 1 is killed, and started again. */
const KILL_AT = 500;
const RESTART_AT = 800;

interface Planned {
  identifier: string;
  raw: string;
}

/** 1,200 events, and after every third one a redelivery of the event two back: 1,600 deliveries. */
function plan(): Planned[] {
  const firsts: Planned[] = [];
  const deliveries: Planned[] = [];
  for (let i = 0; i < UNIQUE_EVENTS; i += 1) {
    const first = {
      identifier: randomUUID(),
      raw: JSON.stringify(issueCreated(`SUP-${i + 1}`, 1_790_000_000_000 + i)),
    };
    firsts.push(first);
    deliveries.push(first);
    if (i % 3 === 2) deliveries.push(firsts[i - 2]!);
  }
  return deliveries;
}

interface Ack {
  status: number;
  id: string;
  replica: number;
}

/** One delivery as Jira makes it, to the replica at `url`. Throws on connection errors. */
async function post(url: string, delivery: Planned, retry: number): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${url}/webhooks/jira`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': delivery.identifier,
      'x-hub-signature': signBody(delivery.raw, TEST_SECRETS[0]!),
      ...(retry > 0 ? { 'x-atlassian-webhook-retry': String(retry) } : {}),
    },
    body: delivery.raw,
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as { id?: unknown }) : {};
  return { status: res.status, ...(typeof body.id === 'string' ? { id: body.id } : {}) };
}

const maybe = TEST_DATABASE_URL ? describe : describe.skip;

maybe('three sidecar replicas on one PostgreSQL', () => {
  let store: StoreUnderTest;
  const replicas: Replica[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    store = await freshStore('postgres');
    for (let i = 0; i < REPLICAS; i += 1) ports.push(await freePort());
    // Started together: the migrations and pg-boss's schema are set up under their own locks.
    for (const port of ports)
      replicas.push(startReplica({ port, databaseUrl: store.databaseUrl!, secrets: TEST_SECRETS }));
    await Promise.all(replicas.map((r) => r.ready));
  }, 120_000);

  afterAll(async () => {
    await stopReplicas(replicas);
    await store?.dispose();
  }, 60_000);

  it('processes every acknowledged event exactly once while one replica is killed and restarted', async () => {
    const deliveries = plan();
    const current: Replica[] = replicas.slice(0, REPLICAS);
    const acks = new Map<string, Ack[]>(); // by delivery identifier
    const gaveUp: number[] = [];
    let next = 0;
    let sent = 0;
    let roundRobin = 0;

    const send = async (index: number) => {
      const delivery = deliveries[index]!;
      // A redelivery goes first to a replica other than the one that acknowledged the first copy.
      const firstAck = acks.get(delivery.identifier)?.[0];
      let target = firstAck ? (firstAck.replica + 1) % REPLICAS : roundRobin++ % REPLICAS;
      for (let attempt = 0; attempt < 200; attempt += 1) {
        sent += 1;
        if (sent === KILL_AT) current[1]!.child.kill('SIGKILL');
        if (sent === RESTART_AT) {
          const again = startReplica({
            port: ports[1]!,
            databaseUrl: store.databaseUrl!,
            secrets: TEST_SECRETS,
          });
          replicas.push(again);
          current[1] = again;
        }
        try {
          const res = await post(current[target]!.url, delivery, attempt);
          if ((res.status === 202 || res.status === 200) && res.id) {
            acks.set(delivery.identifier, [
              ...(acks.get(delivery.identifier) ?? []),
              { status: res.status, id: res.id, replica: target },
            ]);
            return;
          }
          if (res.status < 500) throw new Error(`delivery ${index} answered ${res.status}`);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('delivery ')) throw err;
          // Connection refused or reset: the replica is down; as a balancer would, try the next.
        }
        target = (target + 1) % REPLICAS;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      gaveUp.push(index);
    };
    const started = Date.now();
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < deliveries.length) await send(next++);
      }),
    );
    const streamSeconds = (Date.now() - started) / 1000;
    expect(gaveUp).toEqual([]);
    expect(current[1]!.child.pid).not.toBe(replicas[1]!.child.pid);
    await current[1]!.ready;

    // Every copy of one event got the same id, whichever replica answered.
    const split = [...acks.entries()].filter(([, list]) => new Set(list.map((a) => a.id)).size !== 1);
    expect(split).toEqual([]);
    expect(acks.size).toBe(UNIQUE_EVENTS);
    const ids = [...acks.values()].map((list) => list[0]!.id);

    const db = new pg.Client({ connectionString: store.databaseUrl });
    await db.connect();
    try {
      await waitFor(
        async () =>
          Number(
            (
              await db.query<{ n: string }>(
                'SELECT count(*) AS n FROM intake_events WHERE processed_at IS NULL',
              )
            ).rows[0]!.n,
          ) === 0,
        90_000,
        'every stored event to be processed',
      );
      const stored = await db.query<{ id: string }>('SELECT id FROM intake_events');
      expect(stored.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      const handled = await db.query<{ event_id: string; n: string; jobs: string[] }>(
        'SELECT event_id, count(*) AS n, array_agg(job_id) AS jobs FROM intake_event_handling GROUP BY event_id',
      );
      const timesHandled = new Map(handled.rows.map((row) => [row.event_id, Number(row.n)]));
      expect(ids.filter((id) => timesHandled.get(id) !== 1)).toEqual([]);
      expect(handled.rows.filter((row) => Number(row.n) !== 1)).toEqual([]);

      const cron = await db.query<{ name: string; slot: string; n: string }>(
        `SELECT name, date_trunc('minute', created_on)::text AS slot, count(*) AS n FROM pgboss.job
          WHERE name IN ('schedules.tick', 'absences.refresh') GROUP BY 1, 2`,
      );
      expect(cron.rows.filter((row) => Number(row.n) > 1)).toEqual([]);
      console.info(
        `replicas: ${deliveries.length} deliveries (${UNIQUE_EVENTS} events) in ${streamSeconds.toFixed(1)} s ` +
          `with replica 1 killed at ${KILL_AT} sends; ${sent - deliveries.length} resends; ` +
          `${cron.rows.length} cron slot(s) fell inside the run`,
      );
    } finally {
      await db.end();
    }
  }, 180_000);
});
