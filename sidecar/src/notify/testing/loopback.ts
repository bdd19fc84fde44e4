// Starting and stopping an HTTP app on a free loopback port, for the test stand-ins.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface LoopbackHttp {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at a free port; `close()` also cuts connections left hanging on purpose. */
export async function listenOnLoopback(app: Express): Promise<LoopbackHttp> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
