// The relay while the store is unreachable: it keeps going (a failed pass is retried, the process
// is not taken down, start-up does not fail), backs off instead of retrying on every tick, and
// relays what waited once the store answers again. Time is a manual clock: nothing sleeps.
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { manualClock, settle } from '../../test/manual-clock.js';
import type { ManualClock } from '../../test/manual-clock.js';
import { createLogger } from '../logger.js';
import type { Db, Queryable } from '../store/db.js';
import { IntakeRelay } from './relay.js';

/** An outbox behind a store that refuses every transaction while `down` is true. */
function flakyOutbox(clock: ManualClock) {
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
      state.attempts.push(clock.now());
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
    const clock = manualClock();
    const { db, queue, state } = flakyOutbox(clock);
    const { log, lines } = capture();
    // A 10 ms floor: without backoff that is a pass (and a log line) every 10 ms of the outage.
    const relay = new IntakeRelay({
      db,
      queue,
      log,
      clock,
      intervalMs: 10,
      retryBaseMs: 40,
      retryMaxMs: 400,
    });
    await relay.start();
    for (let i = 0; i < 20; i++) relay.wake(); // intake keeps waking it
    await clock.advance(600);
    const during = state.attempts.length;
    // 40 + 80 + 160 + 320 ms of backoff fit in 600 ms: five passes, not sixty.
    expect(state.attempts).toEqual([0, 40, 120, 280, 600]);
    const gaps = state.attempts.slice(1).map((t, i) => t - state.attempts[i]!);
    expect(gaps[gaps.length - 1]!).toBeGreaterThan(gaps[0]! * 2);
    expect(lines.filter((l) => l.msg.startsWith('intake relay failed')).length).toBe(during);
    expect(state.jobs).toEqual([]);

    state.down = false;
    await clock.advance(400); // the next retry, 400 ms after the last failure
    expect(state.jobs).toEqual(['e1', 'e2']);
    // A pass that succeeds ends the backoff: the next event goes at once (a backoff would hold it).
    await clock.advance(50);
    state.pending.push('e3');
    relay.wake();
    await settle();
    expect(state.jobs).toEqual(['e1', 'e2', 'e3']);
    await relay.stop();
  });

  it('stop() ends a pending retry', async () => {
    const clock = manualClock();
    const { db, queue, state } = flakyOutbox(clock);
    const relay = new IntakeRelay({
      db,
      queue,
      log: capture().log,
      clock,
      intervalMs: 60_000,
      retryBaseMs: 50,
    });
    await relay.start();
    await relay.stop();
    const stoppedAt = state.attempts.length;
    await clock.advance(200);
    expect(state.attempts.length).toBe(stoppedAt);
  });
});
