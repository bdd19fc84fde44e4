// Crash test: the real sidecar (`src/main.ts`) in a child process takes a stream of signed webhooks
// and is killed with SIGKILL mid-stream. Restarted on the same store, it must process every event
// it acknowledged with a 2xx exactly once, and still recognise their redeliveries as duplicates.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/store/open.js';
import { freshStore, storeKinds } from './stores.js';
import type { StoreUnderTest } from './stores.js';
import { deliver, issueCreated, TEST_SECRETS, waitFor } from './webhook-client.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ACKS_BEFORE_KILL = 120;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs `main.ts` on the project's Node with the tsx loader: SIGKILL reaches the sidecar itself. */
function startChild(store: StoreUnderTest, port: number): ChildProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    JIRA_WEBHOOK_SECRETS: TEST_SECRETS.join(','),
    // A Jira site is configured (nothing listens there), so no stand-in or demo tickets start.
    JIRA_BASE_URL: 'http://127.0.0.1:9',
    JIRA_EMAIL: 'automation@northwind.example',
    JIRA_API_TOKEN: 'not-used-by-intake',
    LOG_LEVEL: 'warn',
  };
  if (store.databaseUrl) env.DATABASE_URL = store.databaseUrl;
  else env.FRONTLINE_DATA_DIR = store.dataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

/** Sum of unfinished intake jobs (waiting, retrying, running) from the child's /metrics. */
async function unfinishedJobs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(
    /^frontline_queue_depth\{queue="intake.process",state="\w+"\} (\d+)$/gm,
  )) {
    total += Number(match[1]);
  }
  return total;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

interface Acked {
  identifier: string;
  id: string;
}

/** Keeps `lanes` deliveries in flight until the sidecar stops answering; returns what was acknowledged. */
async function streamUntilDown(url: string, lanes: number, onAck: (count: number) => void): Promise<Acked[]> {
  const acked: Acked[] = [];
  let sequence = 0;
  const lane = async () => {
    for (;;) {
      const identifier = randomUUID();
      sequence += 1;
      try {
        const res = await deliver(url, issueCreated(`SUP-${sequence}`, 1_790_000_000_000 + sequence), {
          identifier,
        });
        if (res.status >= 200 && res.status < 300) {
          acked.push({ identifier, id: String(res.body.id) });
          onAck(acked.length);
        }
      } catch {
        return; // connection refused or reset: the process is gone
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return acked;
}

describe.each(storeKinds('crash test'))('crash and restart on %s', (kind) => {
  let store: StoreUnderTest;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    store = await freshStore(kind, { onDisk: true });
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await store?.dispose();
  });

  it('processes every acknowledged event exactly once after a SIGKILL mid-stream', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const first = startChild(store, port);
    children.push(first);
    await waitFor(() => isReady(url), 90_000, 'the first sidecar to be ready');

    const acked = await streamUntilDown(url, 8, (count) => {
      if (count === ACKS_BEFORE_KILL) first.kill('SIGKILL');
    });
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const second = startChild(store, port);
    children.push(second);
    await waitFor(() => isReady(url), 90_000, 'the restarted sidecar to be ready');

    // Redeliveries of acknowledged events are recognised across the crash.
    for (const { identifier, id } of acked.slice(0, 5)) {
      const again = await deliver(url, issueCreated('SUP-0'), { identifier });
      expect(again).toEqual({ status: 200, body: { duplicate: true, id } });
    }

    // Jobs the killed process held are retried once their heartbeat lapses.
    await waitFor(async () => (await unfinishedJobs(url)) === 0, 90_000, 'every intake job to finish').catch(
      async (err: unknown) => {
        const depth = (await (await fetch(`${url}/metrics`)).text()).match(/^frontline_queue_depth.*$/gm);
        throw new Error(`${String(err)}; still unfinished: ${depth?.join(', ')}`);
      },
    );
    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode).toBe(0);

    const db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
    try {
      const handled = await db.query<{ event_id: string; n: string }>(
        'SELECT event_id, count(*) AS n FROM intake_event_handling GROUP BY event_id',
      );
      const timesHandled = new Map(handled.rows.map((row) => [row.event_id, Number(row.n)]));
      const notExactlyOnce = acked.filter(({ id }) => timesHandled.get(id) !== 1);
      expect(notExactlyOnce).toEqual([]);
      // Nothing at all was handled twice, acknowledged or not.
      expect([...timesHandled.values()].filter((n) => n !== 1)).toEqual([]);
      const unprocessed = await db.query('SELECT id FROM intake_events WHERE processed_at IS NULL');
      expect(unprocessed.rows).toEqual([]);
    } finally {
      await db.close();
    }
  }, 300_000);
});
