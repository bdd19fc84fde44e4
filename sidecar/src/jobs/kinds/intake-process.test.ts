// An accepted event whose processing the store or the calendar refuses as data fails once, with its
// reason, instead of being retried five times; everything else stays retryable.
import { describe, expect, it } from '@jest/globals';
import { addBusinessMinutes } from '@frontline/shared';
import { createLogger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { isRetryable } from '../kind.js';
import { intakeProcessKind, refusedValue } from './intake-process.js';

const log = createLogger({ level: 'silent' });
const EVENT = '5f1e7c1a-0000-4000-8000-000000000001';

function storeFailingWith(error: Error): Db {
  return {
    kind: 'postgres',
    query: () => Promise.reject(error),
    transaction: () => Promise.reject(error),
    close: () => Promise.resolve(),
  };
}

function kindOn(db: Db) {
  return intakeProcessKind({
    db,
    now: () => new Date('2026-11-10T08:00:00Z'),
    world: { load: () => Promise.resolve({} as never) },
    handlers: {} as never,
    assignment: {} as never,
  });
}

const attempt = (db: Db) =>
  kindOn(db).handle({ jobId: 'job-1', attempt: 0, log, signal: new AbortController().signal } as never, {
    eventId: EVENT,
  });

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('intake.process failures', () => {
  it('fails permanently, naming the event, when the store refuses a stored value', async () => {
    const failure = await attempt(
      storeFailingWith(pgError('22009', 'time zone displacement out of range')),
    ).catch((err: unknown) => err);
    expect(isRetryable(failure)).toBe(false);
    expect((failure as Error).message).toContain(EVENT);
    expect((failure as Error).message).toContain('22009');
  });

  it('stays retryable when the store is merely unreachable', async () => {
    const failure = await attempt(storeFailingWith(pgError('57P01', 'terminating connection'))).catch(
      (err: unknown) => err,
    );
    expect(isRetryable(failure)).toBe(true);
  });

  it('treats an instant beyond the calendar horizon as refused data', () => {
    const calendar = { timeZone: 'UTC', week: { mon: [['09:00', '18:00']] } } as never;
    let thrown: unknown;
    try {
      addBusinessMinutes(calendar, new Date(8_640_000_000_000_000), 60);
    } catch (err) {
      thrown = err;
    }
    expect(refusedValue(thrown)).toMatch(/calendar does not reach/);
    expect(refusedValue(new TypeError('x is undefined'))).toBeUndefined();
  });
});
