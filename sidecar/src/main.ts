// The composition root: configuration → logger → store → queue → workers → HTTP. `npm start` runs
// this file; with no Jira site configured it also starts the Jira stand-in with the Northwind demo
// world, points the stand-in's webhooks here and creates a few tickets so every step is visible.
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { Config, JiraSite } from './config.js';
import { describeConfigProblems, loadConfig } from './config.js';
import type { Logger } from './logger.js';
import { createLogger } from './logger.js';
import type { Metrics } from './metrics.js';
import { createMetrics } from './metrics.js';
import type { OpenDb } from './store/open.js';
import { openDb } from './store/open.js';
import { isStrayPgConnectionError } from './store/postgres.js';
import { JobQueue } from './jobs/queue.js';
import { startWorkers } from './jobs/worker.js';
import type { JobDeps, JobKind } from './jobs/kind.js';
import { jobKinds } from './jobs/kinds/index.js';
import type { Accepted, IncomingEvent } from './intake/accept.js';
import { bindAcceptEvent } from './intake/accept.js';
import { IntakeRelay } from './intake/relay.js';
import { createApp } from './http/app.js';
import { storeAndQueueReadiness } from './http/health.js';
import { HttpError } from './http/errors.js';
import { createAdminAndForgeRouters } from './http/admin/routers.js';
import { createJiraGateway } from './trackers/jira/index.js';
import type { JiraGateway } from './trackers/jira/index.js';
import { DEMO_CREDENTIALS, startJiraStandIn } from '../sandbox/index.js';
import { createAppTokenStore } from './secrets/app-tokens.js';
import { createSecretBox } from './secrets/secret-box.js';
import { routersWithTemperature, temperatureJobOptions } from './temperature/wiring.js';
import type { JiraStandIn } from '../sandbox/index.js';
import { registerSchedules } from './schedules/cron.js';
import { assignmentForgeRouters, seedDemoWorld, startSettingsNotifications } from './assignment/wiring.js';
import { mergeFailedWork, type FailedWorkSource, type RunningNotifications } from './notify/index.js';

/** What the routers owned by the admin API need; built once the store is open. */
export interface RouterContext {
  config: Config;
  db: OpenDb;
  queue: JobQueue;
  log: Logger;
  acceptEvent: (event: IncomingEvent) => Promise<Accepted>;
  /** The gateway jobs use, so routers calling Jira share its pacing and limits. */
  jira?: JiraGateway | undefined;
  metrics: Metrics;
  /** Failed jobs and failed or uncertain notifications, for `/api/jobs/failed` and its retry. */
  failedWork: FailedWorkSource;
}

export interface SidecarOptions {
  config: Config;
  log: Logger;
  /** Default 127.0.0.1 in tests; `main` listens on every interface. */
  host?: string;
  lockWaitMs?: number;
  /** Builds the /api and /forge routers once the store and queue are up. */
  routers?: (ctx: RouterContext) => Promise<{ adminRouter?: Router; forgeRouter?: Router }>;
  /** The Jira site jobs call (basic auth with an API token); none → jobs get no gateway. */
  jira?: JiraSite;
  /** Extra dependencies for job handlers (notifier; a gateway here wins over `jira`). */
  jobDeps?: Omit<JobDeps, 'db' | 'now'>;
  pollingIntervalSeconds?: number;
  /** Start the outbox worker over the channels in the settings (and the Telegram "Take" flow). */
  notifications?: boolean;
  /**
   * False runs intake only (accept, and relay into the queue) and leaves the jobs to replicas that
   * run workers; default true.
   */
  workers?: boolean;
}

export interface RunningSidecar {
  url: string;
  port: number;
  db: OpenDb;
  queue: JobQueue;
  metrics: Metrics;
  /** Stops taking requests, lets running jobs finish, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Answers a request Node's HTTP parser refused before any route ran (headers over the limit, broken
 * framing, a request that took too long) in the same JSON error shape every route uses, instead of
 * Node's bare status line. Skipped when the socket is gone or a response already began on it.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers are larger than the server accepts']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request was not received in time']
        : [400, 'bad_request', 'The request is not valid HTTP/1.1'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request in flight would hold close() open until they time out.
    server.closeIdleConnections();
  });
}

/**
 * Starts the sidecar. The HTTP server listens first — /healthz answers and /readyz says 503 while
 * the store opens — then store, queue and workers start and the full app takes over.
 */
export async function startSidecar(opts: SidecarOptions): Promise<RunningSidecar> {
  const { config, log } = opts;
  let db: OpenDb | undefined;
  let queue: JobQueue | undefined;
  let relay: IntakeRelay | undefined;
  let notifications: RunningNotifications | undefined;
  const metrics = createMetrics({ queueDepth: () => queue?.depths() ?? Promise.resolve([]) });
  const readiness = storeAndQueueReadiness({ db: undefined, queueReady: () => false });
  const jira = opts.jobDeps?.jira ?? (opts.jira ? jiraGateway(opts.jira, log, metrics) : undefined);
  const notYet = (): Promise<Accepted> =>
    Promise.reject(new HttpError(503, 'not_ready', 'The sidecar is starting; retry shortly'));
  let current: Handler = createApp({
    log,
    metrics,
    readiness,
    acceptEvent: notYet,
    intakeReady: () => false,
    webhookSecrets: config.webhookSecrets,
  });
  const server = createServer((req, res) => current(req, res));
  server.on('clientError', answerClientError);
  const address = await listen(server, config.port, opts.host ?? '127.0.0.1');
  // Listening on every interface still means loopback works, and loopback is what the demo registers.
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const hostPart = wildcard
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  const url = `http://${hostPart}:${address.port}`;
  log.info({ url }, 'listening; opening the store');

  try {
    db = await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      lockWaitMs: opts.lockWaitMs,
      onConnectionError: (err) => {
        // Message and code only: pg-pool attaches the whole client (host, user, cancel key).
        const { message, code } = err as { message?: unknown; code?: unknown };
        log.warn({ err: { message, code } }, 'a store connection failed; it is replaced on next use');
      },
    });
    log.info(
      { store: db.kind },
      db.kind === 'pglite' ? `embedded store in ${config.dataDir}` : 'PostgreSQL store',
    );
    queue = new JobQueue({ db, log, pollingIntervalSeconds: opts.pollingIntervalSeconds });
    await queue.start();
    await registerSchedules(queue);
    const onAssigned = (via: 'auto' | 'forge' | 'telegram', ms: number) =>
      metrics.timeToAssign.observe({ via }, ms / 1000);
    if (opts.notifications)
      notifications = await startSettingsNotifications({
        db,
        log,
        registry: metrics.registry,
        jira,
        env: process.env,
        onAssigned,
      });
    const kinds = Object.values(jobKinds) as JobKind<string, unknown>[];
    const openedDb = db;
    if (opts.workers ?? true)
      await startWorkers({
        queue,
        kinds,
        deps: {
          siteUrl: opts.jira?.baseUrl,
          onAssigned,
          onFirstResponse: (project: string, ms: number) =>
            metrics.timeToFirstResponse.observe({ project }, ms / 1000),
          ...(notifications ? { notifier: notifications.notifier } : {}),
          ...(config.secretKey
            ? { appTokens: createAppTokenStore({ db, box: createSecretBox(config.secretKey) }) }
            : {}),
          enqueueInTransaction: queue.sendInTransaction.bind(queue),
          ...opts.jobDeps,
          jira,
          db: openedDb,
          now: () => new Date(),
        },
        log,
        metrics,
      });
    relay = new IntakeRelay({ db, queue, log });
    await relay.start();
    const acceptEvent = bindAcceptEvent({ db, relay });
    const routers = opts.routers
      ? await opts.routers({
          config,
          db,
          queue,
          log,
          acceptEvent,
          jira,
          metrics,
          failedWork: notifications ? mergeFailedWork(queue, notifications) : queue,
        })
      : {};
    const startedQueue = queue;
    current = createApp({
      log,
      metrics,
      readiness: storeAndQueueReadiness({ db, queueReady: () => startedQueue.ready }),
      acceptEvent,
      webhookSecrets: config.webhookSecrets,
      ...routers,
    });
  } catch (err) {
    await notifications?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    await queue?.stop({ timeoutMs: 1_000 }).catch(() => undefined);
    await db?.close().catch(() => undefined);
    await closeServer(server);
    throw err;
  }

  const running = { db, queue, relay: relay! };
  let stopping: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    db: running.db,
    queue: running.queue,
    metrics,
    stop() {
      stopping ??= (async () => {
        await closeServer(server);
        await notifications?.stop();
        await running.relay.stop();
        await running.queue.stop();
        await running.db.close();
      })();
      return stopping;
    },
  };
}

/** The gateway to the site, with its calls and rate-limit waits counted in this sidecar's metrics. */
function jiraGateway(site: JiraSite, log: Logger, metrics: Metrics): JiraGateway {
  return createJiraGateway({
    baseUrl: site.baseUrl,
    auth: { type: 'basic', email: site.email, apiToken: site.apiToken },
    logger: log.child({ component: 'jira' }),
    hooks: {
      onCall: (_op, status) => metrics.jiraCalls.inc({ status: status === 0 ? 'network' : String(status) }),
      onRateLimitWait: (ms, reason) => {
        metrics.jiraRateLimitWaits.inc({ reason: reason ?? 'unspecified' });
        metrics.jiraRateLimitWaitSeconds.inc({ reason: reason ?? 'unspecified' }, ms / 1000);
      },
    },
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

/** `npm start`. */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(describeConfigProblems(loaded.error));
    process.exit(1);
  }
  let config = loaded.value;
  const log = await rootLogger(config.logLevel);
  guardAgainstStrayStoreErrors(log);
  const demo = config.jira === undefined;
  if (demo && config.webhookSecrets.length === 0) {
    // The stand-in signs with the first secret; a throwaway one is enough for a local demo.
    config = { ...config, webhookSecrets: [randomBytes(32).toString('hex')] };
    log.info('JIRA_WEBHOOK_SECRETS is not set: generated a one-off webhook secret for the demo');
  }
  if (!demo && config.webhookSecrets.length === 0) {
    log.warn('JIRA_WEBHOOK_SECRETS is not set: every Jira webhook will be rejected with 401');
  }

  const cleanups: (() => Promise<void>)[] = [];
  const standIn = demo ? await startStandIn(log) : undefined;
  if (standIn) cleanups.push(() => standIn.close());
  const site: JiraSite | undefined =
    config.jira ??
    (standIn
      ? { baseUrl: standIn.url, email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken }
      : undefined);

  // Signals are handled from the first moment: one that arrives while the store is still being
  // created waits for start-up to finish and then stops cleanly, instead of killing PGlite mid-write.
  const starting = startSidecar({
    config,
    log,
    host: '0.0.0.0',
    jira: site,
    routers: (ctx) =>
      routersWithTemperature(ctx, (c, forgeRouters) =>
        createAdminAndForgeRouters(c, {
          forgeRouters: [
            ...forgeRouters,
            ...assignmentForgeRouters({
              db: c.db,
              log: c.log,
              jira: c.jira,
              secretKey: c.config.secretKey,
              siteUrl: site?.baseUrl,
              onAssigned: (via, ms) => c.metrics.timeToAssign.observe({ via }, ms / 1000),
            }),
          ],
        }),
      ),
    notifications: true,
    jobDeps: {
      temperature: temperatureJobOptions(config.temperatureField, standIn, log),
      calendarFeeds: config.calendarFeeds,
    },
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
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((err) => log.warn({ err }, 'cleanup failed'));
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
  if (standIn && signals === 0) await seedDemoWorld(sidecar.db, log);
  // Absences from the calendar feeds are known from the start, not only after the first hourly run.
  if (config.calendarFeeds.length > 0 && signals === 0)
    await sidecar.queue
      .send('absences.refresh', {})
      .catch((err: unknown) => log.warn({ err }, 'the first calendar-feed refresh could not be enqueued'));
  if (standIn && signals === 0) runDemo(log, standIn, sidecar, config.webhookSecrets[0]!);
}

/** The Jira stand-in with the Northwind Service demo world, or nothing if it cannot start. */
async function startStandIn(log: Logger): Promise<JiraStandIn | undefined> {
  const standInLog = log.child({ component: 'jira-stand-in' });
  try {
    const standIn = await startJiraStandIn({ seed: true, log: (line) => standInLog.info(line) });
    log.info(
      { url: standIn.url },
      'no JIRA_BASE_URL: Jira stand-in started with the Northwind Service demo data',
    );
    return standIn;
  } catch (err) {
    log.warn({ err }, 'the Jira stand-in could not start; the sidecar runs without Jira');
    return undefined;
  }
}

/** Points the stand-in's webhook at the sidecar and creates a few tickets, so each step shows in the log. */
function runDemo(log: Logger, standIn: JiraStandIn, sidecar: RunningSidecar, secret: string): void {
  standIn.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret, name: 'Frontline sidecar' });
  log.info(
    `demo: the stand-in's webhook now points at ${sidecar.url}/webhooks/jira, signed with the first secret`,
  );
  for (const issue of standIn.createDemoTickets()) {
    log.info({ issueKey: issue.key }, `demo: ${issue.key} created in the stand-in: "${issue.summary}"`);
  }
  // No Forge ticks locally: sweep once now, as an operator would with POST /api/temperature/sweep.
  sidecar.queue
    .send('temperature.sweep', { trigger: 'operator', requestedAt: new Date().toISOString() })
    .then(() => log.info('demo: temperature sweep of the open issues enqueued'))
    .catch((err: unknown) => log.warn({ err }, 'demo: the temperature sweep could not be enqueued'));
}

/** True when this file is the process entry point (not imported by a test). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
