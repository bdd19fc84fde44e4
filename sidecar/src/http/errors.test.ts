// The one error middleware's mapping of a store that cannot be reached: 503 store_unavailable with
// Retry-After for every connection-class failure, while any other error stays a 500 bug.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import pg from 'pg';
import { errorMiddleware } from './errors.js';

async function answerFor(err: unknown) {
  const logged: string[] = [];
  const app = express();
  app.get('/boom', () => {
    throw err;
  });
  app.use(
    errorMiddleware({
      error: (_obj, msg) => logged.push(`error ${msg}`),
      warn: (_obj, msg) => logged.push(`warn ${msg}`),
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), logged };
  } finally {
    server.close();
  }
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const serverError = (code: string, message: string) => {
  const err = new pg.DatabaseError(message, 0, 'error');
  err.code = code;
  return err;
};

describe('errorMiddleware and an unreachable store', () => {
  it.each([
    [
      'a terminated backend (57P01)',
      serverError('57P01', 'terminating connection due to administrator command'),
    ],
    [
      'a crash shutdown (57P02)',
      serverError('57P02', 'terminating connection because of crash of another server process'),
    ],
    ['a server starting up (57P03)', serverError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', serverError('08006', 'connection failure')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a pool that gave no connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'a database refusing connections',
      serverError('55000', 'database "frontline" is not currently accepting connections'),
    ],
    [
      'a refusal wrapped as the cause',
      new Error('accept failed', { cause: withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED') }),
    ],
  ])('answers %s with 503 store_unavailable and Retry-After', async (_label, err) => {
    const answer = await answerFor(err);
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body).toEqual({ error: { code: 'store_unavailable', message: expect.any(String) } });
    expect(answer.logged).toEqual(['warn store unavailable; answered 503']);
  });

  it.each([
    ['a failing statement (23505)', serverError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error (42601)', serverError('42601', 'syntax error at or near "SELEC"')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('keeps %s a 500 bug', async (_label, err) => {
    const answer = await answerFor(err);
    expect(answer.status).toBe(500);
    expect(answer.retryAfter).toBeNull();
    expect(answer.body).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    expect(answer.logged).toEqual(['error request failed']);
  });
});
