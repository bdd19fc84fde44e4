// The product entry: configuration and logger, then the lifecycle around compose.ts — start,
// signals, stop. `npm start` reaches it through sidecar/start.ts when a Jira site is configured;
// the demo (sidecar/demo/main.ts) runs the same lifecycle with its stand-in and seed data.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { describeConfigProblems, loadConfig } from './config.js';
import type { RunningSidecar, SidecarOptions } from './compose.js';
import { startSidecar } from './compose.js';
import type { Logger } from './logger.js';
import { createLogger } from './logger.js';
import { isStrayPgConnectionError } from './store/postgres.js';

/**
 * A backstop for an 'error' event from a pg connection that nobody listened to: every pool and
 * client the sidecar opens has a listener, but a connection dying in a library's hands must not take
 * the whole process (and every request in flight) down with it. Only those errors are kept: any
 * other uncaught exception is a bug, reported with its stack, and ends the process as Node would.
 */
export function guardAgainstStrayStoreErrors(log: Logger): void {
  process.on('uncaughtException', (err) => {
    if (isStrayPgConnectionError(err)) {
      const { message, code } = err as { message?: unknown; code?: unknown };
      log.error({ err: { message, code } }, 'unhandled store connection error; the process keeps running');
      return;
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}

/** Pretty lines on a terminal (when pino-pretty is installed), JSON lines otherwise. */
async function rootLogger(level: string): Promise<Logger> {
  if (process.stdout.isTTY) {
    try {
      const { default: pretty } = await import('pino-pretty');
      return createLogger({
        level,
        destination: pretty({ colorize: true, ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss' }),
      });
    } catch {
      // pino-pretty is a dev dependency; production images log JSON.
    }
  }
  return createLogger({ level });
}

/** What an entry adds to the product's start: options for compose, and steps around the lifecycle. */
export interface Launch {
  config: Config;
  options?: Omit<SidecarOptions, 'config' | 'log'>;
  /** Runs once the sidecar is ready (unless a stop signal came first). */
  afterReady?(sidecar: RunningSidecar): Promise<void>;
  /** Runs after the sidecar stopped, in reverse order. */
  cleanups?: (() => Promise<void>)[];
}

/**
 * Loads the configuration, lets `prepare` add to it, starts the sidecar and stops it on SIGTERM or
 * SIGINT. Signals are handled from the first moment: one that arrives while the store is still
 * being created waits for start-up to finish and then stops cleanly, instead of killing PGlite
 * mid-write.
 */
export async function runSidecar(prepare: (config: Config, log: Logger) => Promise<Launch>): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(describeConfigProblems(loaded.error));
    process.exit(1);
  }
  const log = await rootLogger(loaded.value.logLevel);
  guardAgainstStrayStoreErrors(log);
  const launch = await prepare(loaded.value, log);
  const { config } = launch;

  const starting = startSidecar({
    host: '0.0.0.0',
    routers: true,
    notifications: true,
    ...launch.options,
    config,
    log,
  });
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down: no new requests, finishing running jobs');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    void (async () => {
      const sidecar = await starting.catch(() => undefined);
      await sidecar?.stop();
      for (const cleanup of [...(launch.cleanups ?? [])].reverse())
        await cleanup().catch((err: unknown) => log.warn({ err }, 'cleanup failed'));
      log.info('stopped');
      process.exit(0);
    })().catch((err: unknown) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const sidecar = await starting;
  log.info({ url: sidecar.url }, 'ready');
  if (signals === 0) await launch.afterReady?.(sidecar);
  // Absences from the calendar feeds are known from the start, not only after the first hourly run.
  if (config.calendarFeeds.length > 0 && signals === 0)
    await sidecar.queue
      .send('absences.refresh', {})
      .catch((err: unknown) => log.warn({ err }, 'the first calendar-feed refresh could not be enqueued'));
}

/** The product as it is: the configured site, nothing added. */
export function main(): Promise<void> {
  return runSidecar(async (config, log) => {
    if (config.webhookSecrets.length === 0)
      log.warn('JIRA_WEBHOOK_SECRETS is not set: every Jira webhook will be rejected with 401');
    return { config };
  });
}

/**
 * Runs `run` when the module at `moduleUrl` is the process entry point (not when a test or another
 * entry imports it); a failure to start prints its stack and exits 1.
 */
export function runWhenEntryPoint(moduleUrl: string, run: () => Promise<void>): void {
  const entry = process.argv[1];
  let isEntry = false;
  try {
    isEntry = entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    isEntry = false;
  }
  if (!isEntry) return;
  run().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}

runWhenEntryPoint(import.meta.url, main);
