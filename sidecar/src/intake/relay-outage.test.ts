// The relay while the store is unreachable: it keeps going (a failed pass is retried, the process
// is not taken down, start-up does not fail), backs off instead of retrying on every tick, and
// relays what waited once the store answers again.
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger } from '../logger.js';
import type { Db, Queryable } from '../store/db.js';
import { IntakeRelay } from './relay.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An outbox behind a store that refuses every transaction while `down` is true. */
function flakyOutbox() {
  const state = { down: true, attempts: [] as number[], pending: ['e1', 'e2'], jobs: [] as string[] };
  const tx: Queryable = {
    async query<T>(_sql: string, params: readonly unknown[] = []) {
      const took = state.pending.splice(0, Number(params[0]));
      return { rows: took.map((id) => ({ event_id: id })) as T[], rowCount: took.length };
    },
  };
  const db = {
    kind: 'postgres',
    query: tx.query,
    transaction: async (fn: (t: Queryable) => Promise<unknown>) => {
      state.attempts.push(performance.now());
      if (state.down)
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return fn(tx);
    },
    close: async () => undefined,
  } as unknown as Db;
  const queue = {
    async insertInTransaction(_tx: Queryable, _name: string, data: readonly unknown[]) {
      state.jobs.push(...(data as { eventId: string }[]).map((d) => d.eventId));
    },
  };
  return { db, queue, state };
}

function capture() {
  const lines: { level: number; msg: string; attempt?: number }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('IntakeRelay while the store is unreachable', () => {
  it('starts anyway, backs off between failed passes, and relays everything once the store is back', async () => {
    const { db, queue, state } = flakyOutbox();
    const { log, lines } = capture();
    // A 10 ms floor: without backoff that is a pass (and a log line) every 10 ms of the outage.
    const relay = new IntakeRelay({ db, queue, log, intervalMs: 10, retryBaseMs: 40, retryMaxMs: 400 });
    await relay.start();
    for (let i = 0; i < 20; i++) relay.wake(); // intake keeps waking it
    await sleep(600);
    const during = state.attempts.length;
    // 40 + 80 + 160 + 320 ms of backoff fit in 600 ms: about five passes, not sixty.
    expect(during).toBeGreaterThanOrEqual(3);
    expect(during).toBeLessThanOrEqual(7);
    const gaps = state.attempts.slice(1).map((t, i) => t - state.attempts[i]!);
    expect(gaps[gaps.length - 1]!).toBeGreaterThan(gaps[0]! * 2);
    expect(lines.filter((l) => l.msg.startsWith('intake relay failed')).length).toBe(during);
    expect(state.jobs).toEqual([]);

    state.down = false;
    const deadline = performance.now() + 2_000;
    while (state.jobs.length < 2 && performance.now() < deadline) await sleep(10);
    expect(state.jobs).toEqual(['e1', 'e2']);
    // A pass that succeeds ends the backoff: the next event goes at once (a backoff would hold it).
    await sleep(50);
    state.pending.push('e3');
    const woken = performance.now();
    relay.wake();
    while (state.jobs.length < 3 && performance.now() - woken < 1_000) await sleep(2);
    expect(state.jobs).toEqual(['e1', 'e2', 'e3']);
    expect(performance.now() - woken).toBeLessThan(300);
    await relay.stop();
  });

  it('stop() ends a pending retry', async () => {
    const { db, queue, state } = flakyOutbox();
    const relay = new IntakeRelay({ db, queue, log: capture().log, intervalMs: 60_000, retryBaseMs: 50 });
    await relay.start();
    await relay.stop();
    const stoppedAt = state.attempts.length;
    await sleep(200);
    expect(state.attempts.length).toBe(stoppedAt);
  });
});
