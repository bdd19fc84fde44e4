// Test support for the admin and Forge sides: a fresh, fully migrated store per test file (through
// the platform's `openDb`, so these tests run on the same schema as production) and a loopback
// HTTP server.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Db } from '../../store/db.js';
import { openDb } from '../../store/open.js';
import { freshStore, storeKinds, type StoreKind } from '../../../test/stores.js';

/** A store under test and how to throw it away. */
export interface TestStore {
  kind: StoreKind;
  db: Db;
  dispose(): Promise<void>;
}

/** Which stores the integration tests run on here: PGlite, plus Postgres when configured (noted once). */
export function testStoreKinds(suite: string): StoreKind[] {
  return storeKinds(suite);
}

/** Opens a fresh, migrated store of `kind` (in-memory PGlite, or a new PostgreSQL database). */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const store = await freshStore(kind);
  const db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  return {
    kind,
    db,
    async dispose() {
      await db.close();
      await store.dispose();
    },
  };
}

/** A running loopback server and its base URL. */
export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Starts `app` on an ephemeral loopback port. */
export function listen(app: {
  listen(port: number, host: string, cb: () => void): Server;
}): Promise<Listening> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((e) => (e ? fail(e) : done()));
          }),
      });
    });
  });
}
