// Several sidecar replicas on one PostgreSQL, each its own process (`replica-main.ts` on the tsx
// loader), for the replica test and bench.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./replica-main.ts', import.meta.url));

export interface Replica {
  child: ChildProcess;
  url: string;
  /** Resolves once the replica says it is ready; rejects if it exits first. */
  ready: Promise<void>;
}

/** A port on loopback that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts one replica on `port` against `databaseUrl`, accepting webhooks signed with `secrets`. */
export function startReplica(opts: {
  port: number;
  databaseUrl: string;
  secrets: readonly string[];
  logLevel?: string;
  /** More environment: the Jira site, channel secrets. */
  env?: Readonly<Record<string, string>>;
}): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(opts.port),
      DATABASE_URL: opts.databaseUrl,
      JIRA_WEBHOOK_SECRETS: opts.secrets.join(','),
      LOG_LEVEL: opts.logLevel ?? 'error',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready ')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`replica exited (${code ?? signal}) before it was ready`)),
    );
  });
  // A replica killed later must not leave an unhandled rejection behind.
  ready.catch(() => undefined);
  return { child, url: `http://127.0.0.1:${opts.port}`, ready };
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Stops replicas still running: SIGTERM, then SIGKILL for any that has not exited after `graceMs`. */
export async function stopReplicas(replicas: readonly Replica[], graceMs = 15_000): Promise<void> {
  const running = replicas.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  for (const { child } of running) child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const { child } of running)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(running.map(({ child }) => exited(child)));
  clearTimeout(timer);
}
