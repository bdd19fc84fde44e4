import { handleTemperatureTick } from './tick.js';
import type { AcceptedEvent } from '../intake/handlers/types.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { Queryable } from '../store/db.js';

const tx: Queryable = { query: () => Promise.reject(new Error('no SQL expected')) };
const tick = (invocation: unknown): AcceptedEvent => ({
  id: 'd0c7b1de-0000-4000-8000-000000000001',
  source: 'forge-event',
  eventType: 'scheduled:temperature-sweep',
  payload: { event: { context: { moduleKey: 'temperature-sweep' }, contextToken: 't' }, invocation },
  receivedAt: new Date('2026-11-30T09:05:00Z'),
});

function deps() {
  const sent: unknown[][] = [];
  const warnings: string[] = [];
  return {
    sent,
    warnings,
    log: { info: () => {}, warn: (_o: object, msg: string) => void warnings.push(msg) },
    handler: handleTemperatureTick({
      enqueueInTransaction: async (...args: unknown[]) => {
        sent.push(args);
        return 'job-1';
      },
    }),
  };
}

const world = {} as AssignmentWorld;

describe('scheduled temperature tick', () => {
  it('asks for a sweep of its installation in the processing transaction', async () => {
    const d = deps();
    await d.handler.record(
      tx,
      tick({ installationId: 'ari:cloud:ecosystem::installation/1', systemTokenStored: true }),
      { world, now: new Date(), log: d.log },
    );
    expect(d.sent).toEqual([
      [
        tx,
        'temperature.sweep',
        {
          trigger: 'tick',
          installationId: 'ari:cloud:ecosystem::installation/1',
          requestedAt: '2026-11-30T09:05:00.000Z',
        },
      ],
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('asks for nothing without an installation, and warns when the tick brought no token', async () => {
    const d = deps();
    await d.handler.record(tx, tick({}), { world, now: new Date(), log: d.log });
    expect(d.sent).toEqual([]);
    await d.handler.record(
      tx,
      tick({ installationId: 'ari:cloud:ecosystem::installation/1', systemTokenStored: false }),
      { world, now: new Date(), log: d.log },
    );
    expect(d.sent).toHaveLength(1);
    expect(d.warnings).toHaveLength(2);
  });
});
