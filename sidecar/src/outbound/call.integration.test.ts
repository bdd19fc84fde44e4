// httpCall against loopback servers: answers, deadlines, refused and reset connections.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpCall } from './call.js';

const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('httpCall', () => {
  it('returns any status with its headers and body as an answer', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(429, { 'retry-after': '3' });
        res.end(`${req.method} ${body}`);
      });
    });
    const answer = await httpCall({ url, method: 'POST', body: 'hello', timeoutMs: 2_000 });
    expect(answer.ok).toBe(true);
    if (answer.ok) {
      expect(answer.value.status).toBe(429);
      expect(answer.value.headers.get('retry-after')).toBe('3');
      expect(answer.value.text).toBe('POST hello');
    }
  });

  it('gives up on a server that never answers, as a timeout after sending', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const answer = await httpCall({ url, timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answer).toEqual({
      ok: false,
      error: { message: 'no answer within 150 ms', beforeSend: false, timedOut: true },
    });
  });

  it('bounds reading the body too', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const answer = await httpCall({ url, timeoutMs: 150 });
    expect(answer).toMatchObject({ ok: false, error: { timedOut: true, beforeSend: false } });
  });

  it('knows a refused connection carried nothing', async () => {
    const url = await serve(() => undefined);
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const answer = await httpCall({ url, timeoutMs: 2_000 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED', beforeSend: true } });
  });

  it('counts a connection dropped after the request arrived as an unknown outcome', async () => {
    const url = await serve((req) => req.socket.destroy());
    const answer = await httpCall({ url, method: 'POST', body: 'x', timeoutMs: 2_000 });
    expect(answer).toMatchObject({ ok: false, error: { beforeSend: false, timedOut: false } });
  });

  it('stops when the caller cancels, without calling it a timeout', async () => {
    const url = await serve(() => undefined);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 50);
    const answer = await httpCall({ url, timeoutMs: 5_000, signal: cancel.signal });
    expect(answer).toEqual({
      ok: false,
      error: { message: 'call cancelled', beforeSend: false, timedOut: false },
    });
  });
});
