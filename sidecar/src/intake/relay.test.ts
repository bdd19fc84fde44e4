// The relay's pacing, on an in-memory outbox: the first wake-up drains at once, and a stream of
// wake-ups during a pass becomes one more pass, no sooner than `coalesceMs` after the last began.
// Time is a manual clock: the tests move it, nothing sleeps.
import { manualClock, settle } from '../../test/manual-clock.js';
import type { ManualClock } from '../../test/manual-clock.js';
import { createLogger } from '../logger.js';
import type { Db, Queryable } from '../store/db.js';
import { IntakeRelay } from './relay.js';

const log = createLogger({ level: 'silent' });

/** An outbox of event ids; a pass takes up to the batch size and waits on `hold` while it runs. */
function fakeOutbox(clock: ManualClock) {
  const pending: string[] = [];
  const passes: { began: number; took: string[] }[] = [];
  const jobs: string[] = [];
  let hold: Promise<void> = Promise.resolve();
  const tx: Queryable = {
    async query<T>(_sql: string, params: readonly unknown[] = []) {
      const pass = { began: clock.now(), took: pending.splice(0, Number(params[0])) };
      passes.push(pass);
      await hold;
      return { rows: pass.took.map((id) => ({ event_id: id })) as T[], rowCount: pass.took.length };
    },
  };
  const db = {
    kind: 'postgres',
    query: tx.query,
    transaction: (fn: (t: Queryable) => Promise<unknown>) => fn(tx),
    close: async () => undefined,
  } as unknown as Db;
  const queue = {
    async insertInTransaction(_tx: Queryable, _name: string, data: readonly unknown[]) {
      jobs.push(...(data as { eventId: string }[]).map((d) => d.eventId));
    },
  };
  return {
    db,
    queue,
    pending,
    passes,
    jobs,
    holdPasses(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

describe('IntakeRelay pacing', () => {
  it('drains at once when woken after a quiet spell', async () => {
    const clock = manualClock();
    const outbox = fakeOutbox(clock);
    const relay = new IntakeRelay({ ...outbox, log, clock, intervalMs: 60_000, coalesceMs: 10_000 });
    await relay.start(); // the start-up pass finds nothing
    outbox.pending.push('e1');
    relay.wake();
    await settle();
    expect(outbox.jobs).toEqual(['e1']);
    await relay.stop();
  });

  it('turns wake-ups during a pass into one more pass, held until coalesceMs after the last began', async () => {
    const clock = manualClock();
    const outbox = fakeOutbox(clock);
    const relay = new IntakeRelay({ ...outbox, log, clock, intervalMs: 60_000, coalesceMs: 300 });
    await relay.start();
    const release = outbox.holdPasses();
    outbox.pending.push('e1');
    relay.wake();
    await settle();
    expect(outbox.passes).toHaveLength(2); // the start-up pass and the one just woken
    for (const id of ['e2', 'e3', 'e4']) {
      outbox.pending.push(id);
      relay.wake();
    }
    await clock.advance(100);
    release();
    await clock.advance(199);
    expect(outbox.passes).toHaveLength(2); // held: 299 ms after the last pass began
    await clock.advance(1);
    expect(outbox.jobs).toHaveLength(4);
    const [, first, second] = outbox.passes;
    expect(second!.began - first!.began).toBe(300);
    expect(second!.took).toEqual(['e2', 'e3', 'e4']);
    await clock.advance(400);
    expect(outbox.passes).toHaveLength(3); // nothing more was asked for
    await relay.stop();
  });

  it('stop() cancels a held pass; the events wait in the outbox for the next start', async () => {
    const clock = manualClock();
    const outbox = fakeOutbox(clock);
    const relay = new IntakeRelay({ ...outbox, log, clock, intervalMs: 60_000, coalesceMs: 60_000 });
    await relay.start();
    const release = outbox.holdPasses();
    relay.wake();
    await settle();
    expect(outbox.passes).toHaveLength(2);
    outbox.pending.push('late');
    relay.wake();
    release();
    await relay.stop();
    await clock.advance(120_000);
    expect(outbox.passes).toHaveLength(2);
    expect(outbox.pending).toEqual(['late']);
  });
});
