// Three sidecar replicas (separate processes) on one PostgreSQL behind a round-robin sender, as a
// load balancer in front of them would be. Jira's deliveries stream in with redeliveries sent to a
// different replica than the first copy; one replica is killed with SIGKILL mid-stream and started
// again; the sender retries on connection errors and 5xx as Jira does. Among them are the creations
// of real issues in the Jira stand-in: the store holds the demo desk's engineers, contracts, an
// `auto` policy for DB and a `suggest` policy for HW, and channels to the SMTP and Telegram
// stand-ins. Jira has two webhooks registered to the sidecar (the admin's and the one the sidecar
// registered), so each creation arrives as two events with different identifiers, and each of those
// deliveries is sent to all three replicas at once. What is asserted:
// - every acknowledged delivery (202, or 200 for a duplicate) is stored once and handled exactly
//   once: one intake_event_handling row per event, whichever replica's worker ran it, and none left
//   unprocessed (jobs the killed replica held are picked up by the others);
// - a redelivery to another replica is recognised as the same event (same id in the answer);
// - assignments: the stand-in saw exactly one assign call and one internal note per DB issue (the
//   team has room for all of them) and none for HW; one ranking per issue however many events
//   announce its creation, one recorded decision per DB issue, naming the engineer Jira now shows;
// - notifications: each decision's e-mail and Telegram message is in the outbox once, and what the
//   stand-ins received per idempotency key (e-mail by its Message-ID, Telegram by issue key in the
//   desk chat) is at most one; nothing is lost: every message was sent, or, if the killed replica
//   was in the middle of sending it, is parked `uncertain` for a person (never sent twice);
// - cron slots: pg-boss never queued two jobs of one schedule for the same minute across the
//   replicas (only exercised when a 5-minute boundary falls inside the run; the count is printed).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signBody } from '../src/intake/signature.js';
import { messageIdFor } from '../src/notify/channels/email.js';
import { freePort, startReplica, stopReplicas } from './replicas.js';
import type { Replica } from './replicas.js';
import { AUTO_PROJECT, DESK_CHAT_ID, engineerEmails, MAIL_FROM, startReplicaWorld } from './replica-world.js';
import type { ReplicaWorld } from './replica-world.js';
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
/** Real issues in the stand-in: DB (auto; the team's room is 3 × 10 Medium tickets) and HW (suggest). */
const AUTO_ISSUES = 24;
const SUGGEST_ISSUES = 12;
/** Each creation comes from both webhooks registered in Jira. */
const JIRA_DELIVERIES = 2 * (AUTO_ISSUES + SUGGEST_ISSUES);
/** Outbox claims last this long in the replicas, so rows the killed one held come back in time. */
const OUTBOX_LEASE_MS = 5_000;

interface Planned {
  identifier: string;
  raw: string;
  /** The signature Jira sent (the stand-in's deliveries); otherwise the body is signed here. */
  signature?: string;
  /** Sent to every replica at once, as when Jira's retries and a balancer's race all land. */
  everywhere?: boolean;
}

/**
 * 1,200 events, and after every third one a redelivery of the event two back: 1,600 deliveries;
 * the stand-in's creations spread evenly among them, each sent to all three replicas.
 */
function plan(fromJira: readonly Planned[]): Planned[] {
  const firsts: Planned[] = [];
  const deliveries: Planned[] = [];
  const every = Math.floor(UNIQUE_EVENTS / (fromJira.length + 1));
  let real = 0;
  for (let i = 0; i < UNIQUE_EVENTS; i += 1) {
    const first = {
      identifier: randomUUID(),
      raw: JSON.stringify(issueCreated(`SUP-${i + 1}`, 1_790_000_000_000 + i)),
    };
    firsts.push(first);
    deliveries.push(first);
    if (i % 3 === 2) deliveries.push(firsts[i - 2]!);
    if (i % every === every - 1 && real < fromJira.length)
      deliveries.push({ ...fromJira[real++]!, everywhere: true });
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
      'x-hub-signature': delivery.signature ?? signBody(delivery.raw, TEST_SECRETS[0]!),
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
  let world: ReplicaWorld;
  const replicas: Replica[] = [];
  const ports: number[] = [];
  let env: Record<string, string>;
  const replica = (port: number) =>
    startReplica({ port, databaseUrl: store.databaseUrl!, secrets: TEST_SECRETS, env });

  beforeAll(async () => {
    store = await freshStore('postgres');
    world = await startReplicaWorld({
      databaseUrl: store.databaseUrl!,
      secret: TEST_SECRETS[0]!,
      autoCount: AUTO_ISSUES,
      suggestCount: SUGGEST_ISSUES,
    });
    env = { ...world.env, FRONTLINE_OUTBOX_LEASE_MS: String(OUTBOX_LEASE_MS) };
    for (let i = 0; i < REPLICAS; i += 1) ports.push(await freePort());
    // Started together: the migrations and pg-boss's schema are set up under their own locks.
    for (const port of ports) replicas.push(replica(port));
    await Promise.all(replicas.map((r) => r.ready));
  }, 120_000);

  afterAll(async () => {
    await stopReplicas(replicas);
    await world?.close();
    await store?.dispose();
  }, 60_000);

  it('processes every acknowledged event exactly once while one replica is killed and restarted', async () => {
    const fromJira = world.deliveries.map(({ identifier, raw, signature }) => ({
      identifier,
      raw,
      signature,
    }));
    const deliveries = plan(fromJira);
    expect(deliveries.filter((d) => d.everywhere)).toHaveLength(JIRA_DELIVERIES);

    const current: Replica[] = replicas.slice(0, REPLICAS);
    const acks = new Map<string, Ack[]>(); // by delivery identifier
    const gaveUp: number[] = [];
    let next = 0;
    let sent = 0;
    let roundRobin = 0;

    const send = async (index: number, to?: number) => {
      const delivery = deliveries[index]!;
      // A redelivery goes first to a replica other than the one that acknowledged the first copy.
      const firstAck = acks.get(delivery.identifier)?.[0];
      let target = to ?? (firstAck ? (firstAck.replica + 1) % REPLICAS : roundRobin++ % REPLICAS);
      for (let attempt = 0; attempt < 200; attempt += 1) {
        sent += 1;
        if (sent === KILL_AT) current[1]!.child.kill('SIGKILL');
        if (sent === RESTART_AT) {
          const again = replica(ports[1]!);
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
        while (next < deliveries.length) {
          const index = next++;
          if (deliveries[index]!.everywhere)
            await Promise.all(Array.from({ length: REPLICAS }, (_, to) => send(index, to)));
          else await send(index);
        }
      }),
    );
    const streamSeconds = (Date.now() - started) / 1000;
    expect(gaveUp).toEqual([]);
    expect(current[1]!.child.pid).not.toBe(replicas[1]!.child.pid);
    await current[1]!.ready;

    // Every copy of one event got the same id, whichever replica answered.
    const split = [...acks.entries()].filter(([, list]) => new Set(list.map((a) => a.id)).size !== 1);
    expect(split).toEqual([]);
    expect(acks.size).toBe(UNIQUE_EVENTS + JIRA_DELIVERIES);
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

      // Assignments: wait until every DB ranking's action is finished, then count what Jira saw.
      const autoKeys = world.issues.auto.map((issue) => issue.key);
      const suggestKeys = world.issues.suggest.map((issue) => issue.key);
      await waitFor(
        async () =>
          Number(
            (
              await db.query<{ n: string }>(
                `SELECT count(*) AS n FROM assignment_rankings
                  WHERE issue_key = ANY($1) AND action_state IN ('done', 'superseded')`,
                [autoKeys],
              )
            ).rows[0]!.n,
          ) >= AUTO_ISSUES,
        30_000,
        'every automatic assignment to be carried out',
      );
      const perIssue = (rows: { issue_key: string; n: string }[]) =>
        Object.fromEntries(rows.map((row) => [row.issue_key, Number(row.n)]));
      const everyKey = (keys: readonly string[], n: number) => Object.fromEntries(keys.map((k) => [k, n]));
      const assignCalls = new Map<string, number>();
      for (const exchange of world.jira.exchanges) {
        const match = /^\/rest\/api\/[23]\/issue\/([^/]+)\/assignee$/.exec(exchange.path);
        if (exchange.method === 'PUT' && match)
          assignCalls.set(match[1]!, (assignCalls.get(match[1]!) ?? 0) + 1);
      }
      expect(Object.fromEntries(assignCalls)).toEqual(everyKey(autoKeys, 1));

      const decisions = await db.query<{ issue_key: string; account_id: string }>(
        'SELECT issue_key, account_id FROM assignment_decisions WHERE issue_key = ANY($1)',
        [[...autoKeys, ...suggestKeys]],
      );
      const decisionsPerIssue = new Map<string, number>();
      for (const row of decisions.rows)
        decisionsPerIssue.set(row.issue_key, (decisionsPerIssue.get(row.issue_key) ?? 0) + 1);
      expect(Object.fromEntries(decisionsPerIssue)).toEqual(everyKey(autoKeys, 1));
      const decided = new Map(decisions.rows.map((row) => [row.issue_key, row.account_id]));
      for (const key of autoKeys) {
        const issue = world.jira.state.issue(key)!;
        expect(issue.assigneeId).toBe(decided.get(key));
        expect(issue.comments.filter((c) => !c.public)).toHaveLength(1);
      }
      for (const key of suggestKeys) expect(world.jira.state.issue(key)!.assigneeId).toBeNull();

      // Notifications: each decision's two messages are queued once and settle as sent, or as
      // uncertain where the killed replica was in the middle of sending.
      await waitFor(
        async () =>
          Number(
            (
              await db.query<{ n: string }>(
                `SELECT count(*) AS n FROM notify_outbox WHERE status IN ('pending', 'sending')`,
              )
            ).rows[0]!.n,
          ) === 0,
        OUTBOX_LEASE_MS + 20_000,
        'every notification to be sent or parked',
      );
      const outbox = await db.query<{
        idempotency_key: string;
        channel: string;
        recipient: string;
        issue_key: string;
        status: string;
      }>('SELECT idempotency_key, channel, recipient, issue_key, status FROM notify_outbox');
      const emails = engineerEmails();
      const expected = autoKeys.flatMap((key) => [
        { issue: key, channel: 'email', recipient: emails.get(decided.get(key)!) },
        { issue: key, channel: 'telegram', recipient: DESK_CHAT_ID },
      ]);
      const queued = outbox.rows.map((row) => ({
        issue: row.issue_key,
        channel: row.channel,
        recipient: row.recipient,
      }));
      const byIssue = (a: { issue: string; channel: string }, b: { issue: string; channel: string }) =>
        `${a.issue}:${a.channel}`.localeCompare(`${b.issue}:${b.channel}`);
      expect(queued.sort(byIssue)).toEqual(expected.sort(byIssue));
      expect(outbox.rows.filter((row) => row.status !== 'sent' && row.status !== 'uncertain')).toEqual([]);

      const mailsById = new Map<string, number>();
      for (const mail of world.smtp.received) {
        const id = mail.headers.get('message-id') ?? '';
        mailsById.set(id, (mailsById.get(id) ?? 0) + 1);
      }
      const telegramByIssue = new Map<string, number>();
      for (const message of world.telegram.messages) {
        const key = /\b[A-Z]+-\d+\b/.exec(message.text)?.[0] ?? '';
        expect(message.chatId).toBe(DESK_CHAT_ID);
        telegramByIssue.set(key, (telegramByIssue.get(key) ?? 0) + 1);
      }
      const received = (row: (typeof outbox.rows)[number]) =>
        row.channel === 'email'
          ? (mailsById.get(messageIdFor(row.idempotency_key, MAIL_FROM)) ?? 0)
          : (telegramByIssue.get(row.issue_key) ?? 0);
      const wrong = outbox.rows
        .map((row) => ({ key: row.idempotency_key, status: row.status, received: received(row) }))
        .filter((r) => (r.status === 'sent' ? r.received !== 1 : r.received > 1));
      expect(wrong).toEqual([]);
      // Nothing arrived that the outbox does not account for.
      expect(world.smtp.received).toHaveLength(
        outbox.rows.filter((r) => r.channel === 'email' && received(r) > 0).length,
      );
      expect(world.telegram.messages).toHaveLength(
        outbox.rows.filter((r) => r.channel === 'telegram' && received(r) > 0).length,
      );
      // One ranking per issue: a second announcement of the creation decides nothing again.
      const rankings = await db.query<{ issue_key: string; n: string }>(
        'SELECT issue_key, count(*) AS n FROM assignment_rankings WHERE issue_key = ANY($1) GROUP BY 1',
        [[...autoKeys, ...suggestKeys]],
      );
      expect(perIssue(rankings.rows)).toEqual(everyKey([...autoKeys, ...suggestKeys], 1));

      const uncertain = outbox.rows.filter((row) => row.status === 'uncertain').length;
      // At most one claim round of the killed replica (the outbox claims 10 rows per round).
      expect(uncertain).toBeLessThanOrEqual(10);

      const cron = await db.query<{ name: string; slot: string; n: string }>(
        `SELECT name, date_trunc('minute', created_on)::text AS slot, count(*) AS n FROM pgboss.job
          WHERE name IN ('schedules.tick', 'absences.refresh') GROUP BY 1, 2`,
      );
      expect(cron.rows.filter((row) => Number(row.n) > 1)).toEqual([]);
      console.info(
        `replicas: ${deliveries.length} deliveries (${acks.size} events) in ${streamSeconds.toFixed(1)} s ` +
          `with replica 1 killed at ${KILL_AT} sends; ${sent - deliveries.length} resends; ` +
          `${cron.rows.length} cron slot(s) fell inside the run; ${AUTO_ISSUES} ${AUTO_PROJECT} issues assigned once ` +
          `each, ${outbox.rows.length} notifications (${uncertain} parked uncertain by the kill)`,
      );
    } finally {
      await db.end();
    }
  }, 180_000);
});
