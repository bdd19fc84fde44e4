// Requests Node's HTTP parser refuses before Express sees them (headers too large, broken framing)
// still get the sidecar's JSON error shape, and a process-level backstop keeps a stray error from a
// pg connection from ending the process while every other uncaught error still does.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningSidecar } from './compose.js';
import { freshStore } from '../test/stores.js';
import type { StoreUnderTest } from '../test/stores.js';
import { startTestSidecar } from '../test/sidecar.js';

/** Sends `raw` on a fresh socket and returns everything the server wrote before closing. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error('no answer')));
    socket.write(raw);
  });
}

function parse(response: string) {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { statusLine, headers, body };
}

describe('answers the HTTP parser refuses', () => {
  let store: StoreUnderTest;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    store = await freshStore('pglite');
    sidecar = await startTestSidecar(store);
  }, 60_000);

  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
  }, 30_000);

  it('answers oversized headers with 431 and the JSON error body', async () => {
    const response = parse(
      await exchange(
        sidecar.port,
        `POST /webhooks/jira HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      ),
    );
    expect(response.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers.connection).toBe('close');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'headers_too_large', message: expect.any(String) },
    });
  });

  it.each([
    ['a broken request line', 'NOT-HTTP\r\n\r\n'],
    [
      'a bad chunked body',
      'POST /webhooks/jira HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ],
    [
      'a duplicated Content-Length',
      'POST /webhooks/jira HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    ],
  ])('answers %s with 400 and the JSON error body', async (_label, raw) => {
    const response = parse(await exchange(sidecar.port, raw));
    expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'bad_request', message: expect.any(String) },
    });
  });

  it('still serves a well-formed request afterwards', async () => {
    expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(200);
  });
});

const GUARD_SCRIPT = `
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { createLogger } from './sidecar/src/logger.ts';
import { guardAgainstStrayStoreErrors } from './sidecar/src/main.ts';
guardAgainstStrayStoreErrors(createLogger({ level: 'info' }));
const stray = new pg.DatabaseError('terminating connection due to administrator command', 100, 'error');
stray.code = '57P01';
// From a timer, as a connection's 'error' event arrives: nothing of ours is on the stack.
setTimeout(() => new EventEmitter().emit('error', stray), 0);
setTimeout(() => {
  console.log('still running');
  if (process.env.THEN_A_BUG) new EventEmitter().emit('error', new TypeError('a real bug'));
}, 100);
`;

function runGuard(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', GUARD_SCRIPT], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the process-level guard', () => {
  it('logs an unhandled pg connection error and keeps running', async () => {
    const run = await runGuard({});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('unhandled store connection error');
    expect(run.stdout).toContain('57P01');
    expect(run.stdout).toContain('still running');
  }, 30_000);

  it('lets any other uncaught error end the process with its stack', async () => {
    const run = await runGuard({ THEN_A_BUG: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('still running');
    expect(run.stderr).toContain('TypeError: a real bug');
  }, 30_000);
});
