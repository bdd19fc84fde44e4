// What a "job queue error" line holds. pg-boss passes on pg-pool's errors, which carry the whole
// pg client (`err.client`: host, user, database, cancel key), and re-emits worker errors as plain
// objects spread from the error; the line must hold the error alone, and stay small.
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createLogger } from '../logger.js';
import { logQueueError } from './queue.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

/** An error as pg-pool emits it for an idle client whose backend was terminated. */
function idleClientError(): Error {
  const client = new pg.Client({
    connectionString: 'postgres://frontline_app:sup3r-s3cret@db.northwind.internal:5432/frontline',
  });
  Object.assign(client, { processID: 48151, secretKey: 623_42 });
  const err = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
    severity: 'FATAL',
    client,
  });
  return err;
}

const FORBIDDEN = [
  'db.northwind.internal',
  'frontline_app',
  'sup3r-s3cret',
  '"host"',
  '"user"',
  '"password"',
  '"database"',
  '"processID"',
  '"secretKey"',
  '"connectionParameters"',
];

/**
 * The line's size without the stack trace, whose length depends on where the checkout lives; the
 * client pg-pool attaches to its errors made the rest about 3.7 KB.
 */
function lengthWithoutStack(line: string): number {
  const parsed = JSON.parse(line) as { err?: Record<string, unknown> };
  return JSON.stringify({ ...parsed, err: { ...parsed.err, stack: undefined } }).length;
}

describe('logQueueError', () => {
  it('logs the message, code and stack of a pooled client error, nothing of the client', () => {
    const { log, lines } = capture();
    logQueueError(log, idleClientError());
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const word of FORBIDDEN) expect(line).not.toContain(word);
    expect(lengthWithoutStack(line)).toBeLessThan(1_000);
    const parsed = JSON.parse(line) as { msg: string; err: Record<string, unknown> };
    expect(parsed.msg).toBe('job queue error');
    expect(parsed.err).toMatchObject({
      message: 'terminating connection due to administrator command',
      code: '57P01',
    });
    expect(String(parsed.err.stack)).toContain('idleClientError');
  });

  it('keeps the queue and worker of an error pg-boss re-emitted as a plain object', () => {
    const { log, lines } = capture();
    const err = idleClientError();
    logQueueError(log, {
      ...err,
      message: err.message,
      stack: err.stack,
      queue: 'intake.process',
      worker: 'w-1',
    });
    const line = lines[0]!;
    for (const word of FORBIDDEN) expect(line).not.toContain(word);
    expect(lengthWithoutStack(line)).toBeLessThan(1_000);
    expect(JSON.parse(line)).toMatchObject({
      err: { message: err.message, code: '57P01', queue: 'intake.process', worker: 'w-1' },
    });
  });

  it('logs something readable for a thrown non-error', () => {
    const { log, lines } = capture();
    logQueueError(log, 'queue cache refresh failed');
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { message: 'queue cache refresh failed' } });
  });
});
