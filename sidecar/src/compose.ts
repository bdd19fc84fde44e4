// The composition root: configuration → store → queue → services → job kinds and intake handlers →
// workers → HTTP. Every store, gateway and service is built here once and handed on as narrow,
// typed dependencies; job kinds and intake handlers are registered here, not imported by the
// queue. main.ts runs the lifecycle around it (signals, shutdown); the demo (sidecar/demo/)
// calls it with the stand-in tracker and its seed data.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { projectsIn, trackerOfProject } from '@frontline/shared';
import type { AssignmentDeps } from './assignment/carry-out.js';
import type { AssignmentWorld } from './assignment/plan.js';
import { createTakeAssign } from './assignment/take.js';
import { createWorldLoader } from './assignment/world.js';
import { createAvailabilityService } from './availability/service.js';
import type { Config, JiraSite } from './config.js';
import { createContractRepository } from './contracts/repository.js';
import { createContractService } from './contracts/service.js';
import { createApprovals } from './customer/approvals.js';
import { approvalFacts, createCustomerSide } from './customer/index.js';
import { createCustomerAdminRouter, createCustomerForgeRouter } from './http/customer/api.js';
import { createCustomerPageRouter } from './http/customer/page.js';
import { NPS_SCHEDULE } from './schedules/nps.js';
import { createApp } from './http/app.js';
import { createChannelTestAdminRouter, createChannelTestForgeRouter } from './http/channel-test.js';
import { createAdminAndForgeRouters } from './http/admin/routers.js';
import { createTemperatureAdminRouter } from './http/admin/temperature.js';
import { answerClientError } from './http/client-error.js';
import { HttpError } from './http/errors.js';
import { createIssueViewsRouter } from './http/forge/issue-views/index.js';
import { createSuggestionsRouter } from './http/forge/suggestions.js';
import { createAvailabilityRouter } from './http/forge/availability.js';
import { createReportRouters } from './http/reports/index.js';
import { createYouTrackAppRouter } from './http/youtrack-app/index.js';
import { createTelegramWebhookRouter, TELEGRAM_WEBHOOK_PATH } from './http/telegram-webhook.js';
import { storeAndQueueReadiness } from './http/health.js';
import type { Accepted } from './intake/accept.js';
import { bindAcceptEvent } from './intake/accept.js';
import { createIntakeHandlers } from './intake/handlers/index.js';
import { IntakeRelay } from './intake/relay.js';
import { createJobKinds } from './jobs/kinds/index.js';
import type { SidecarJobs } from './jobs/kinds/index.js';
import { JobQueue } from './jobs/queue.js';
import { startWorkers } from './jobs/worker.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { createMetrics } from './metrics.js';
import { mergeFailedWork } from './notify/index.js';
import { jiraIssueUrl } from './notify/issue-links.js';
import { startLiveNotifications } from './notify/live.js';
import type { LiveNotifications } from './notify/live.js';
import type { AppTrackers, IssueSource, Notifier, Observers, Tracker, WorldSource } from './ports.js';
import { registerSchedules, SIDECAR_SCHEDULES, TRACKER_SWEEP_SCHEDULE } from './schedules/cron.js';
import { createAppTokenStore } from './secrets/app-tokens.js';
import type { AppToken, AppTokenStore } from './secrets/app-tokens.js';
import { createSecretBox } from './secrets/secret-box.js';
import { describeSettingsFileError, loadSettingsFile } from './settings/file.js';
import { createSettingsService } from './settings/service.js';
import type { SettingsService } from './settings/service.js';
import type { Db } from './store/db.js';
import type { OpenDb } from './store/open.js';
import { openDb } from './store/open.js';
import { createJiraGateway } from './trackers/jira/index.js';
import { createJiraIssueSource } from './trackers/jira/issue-source.js';
import { createIssueLinks, createTrackerRegistry } from './trackers/registry.js';
import {
  createYouTrackIssueSource,
  createYouTrackTracker,
  YouTrackClient,
  youtrackIssueUrl,
} from './trackers/youtrack/index.js';
import { createYouTrackBackfillReader } from './trackers/youtrack/history.js';
import type { JiraGateway } from './trackers/jira/types.js';

export interface SidecarOptions {
  config: Config;
  log: Logger;
  /** Default 127.0.0.1 in tests; `main` listens on every interface. */
  host?: string;
  lockWaitMs?: number;
  pollingIntervalSeconds?: number;
  /** Mount the admin API (/api) and Forge Remote (/forge); default false (intake and health only). */
  routers?: boolean;
  /** Start the outbox worker over the channels in the settings (and the Telegram "Take" flow). */
  notifications?: boolean;
  /** How long an outbox claim lasts (default 2 min): a replica killed mid-send holds its rows this long. */
  outboxLeaseMs?: number;
  /**
   * False runs intake only (accept, and relay into the queue) and leaves the jobs to replicas that
   * run workers; default true.
   */
  workers?: boolean;
  /** The tracker as the sidecar's own account; default: the Jira gateway for `config.jira`, if any. */
  tracker?: JiraGateway;
  /** Replaces the outbox notifier the use cases write through (a test watching what is sent). */
  notifier?: Notifier;
  /** The tracker as the app for sweeps outside any Forge installation (the local scope). */
  localAppTracker?: Tracker;
  /** YouTrack as the sidecar's own account and how its issues read; default: built from `config.youtrack`. */
  youtrack?: { tracker: Tracker; issues: IssueSource };
  /** The host clock; a test may pin it. */
  now?: () => Date;
}

export interface RunningSidecar {
  url: string;
  port: number;
  db: OpenDb;
  queue: JobQueue<SidecarJobs>;
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request in flight would hold close() open until they time out.
    server.closeIdleConnections();
  });
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

/**
 * Jira as the app (or as the person behind a Forge call) with the tokens Forge left sealed in the
 * store. App-token calls share the site gateway's transport (pacing, concurrency) when there is one.
 */
function jiraAppTrackers(deps: {
  jira: JiraGateway | undefined;
  appTokens: AppTokenStore | undefined;
  log: Logger;
}): AppTrackers {
  const asApp = (token: AppToken): JiraGateway =>
    deps.jira
      ? deps.jira.forAppToken(token.token, token.apiBaseUrl)
      : createJiraGateway({
          baseUrl: token.apiBaseUrl,
          auth: { type: 'appToken', token: token.token },
          logger: deps.log.child({ component: 'jira' }),
        });
  return {
    async forInstallation(installationId) {
      const token = await deps.appTokens?.get({ installationId, kind: 'system' });
      return token ? asApp(token) : undefined;
    },
    async forPerson(installationId, principal) {
      return (await actingFor(installationId, principal))?.tracker;
    },
    actingFor,
  };
  /** As the person with their Forge user token, else as the app (system token, then our own account). */
  async function actingFor(
    installationId: string,
    principal: string | undefined,
  ): Promise<{ tracker: Tracker; actingAs: 'person' | 'app' } | undefined> {
    if (deps.appTokens && principal) {
      const user = await deps.appTokens.get({ installationId, kind: 'user', principal });
      if (user) return { tracker: asApp(user), actingAs: 'person' };
    }
    const system = await deps.appTokens?.get({ installationId, kind: 'system' });
    const app = system ? asApp(system) : deps.jira;
    return app ? { tracker: app, actingAs: 'app' } : undefined;
  }
}

/** Loads FRONTLINE_SETTINGS_FILE, if set; a bad file stops start-up with a message naming each bad field. */
async function loadConfiguredSettings(
  file: string | undefined,
  settings: SettingsService,
  log: Logger,
): Promise<void> {
  if (!file) return;
  const loaded = await loadSettingsFile(file, settings);
  if (!loaded.ok) throw new Error(describeSettingsFileError(file, loaded.error));
  log.info(
    { settingsFile: file, version: loaded.value.version },
    loaded.value.created
      ? 'settings loaded from file as a new version'
      : 'settings file matches the live settings',
  );
}

/**
 * Starts the outbox worker over the channels the settings configure (secrets from the environment),
 * rebuilt whenever a saved settings version changes them. Missing channels hold their messages and
 * print them in the log; a secret that is not set is reported and that channel stays off. With a
 * tracker, the Telegram bot's "Take" assigns through assignment.
 */
async function startSettingsNotifications(deps: {
  db: Db;
  log: Logger;
  metrics: Metrics;
  world: WorldSource<AssignmentWorld>;
  assignment: AssignmentDeps;
  leaseMs: number | undefined;
  telegramWebhook: { url: string; secretToken: string } | undefined;
}): Promise<LiveNotifications> {
  const log = deps.log.child({ component: 'notify' });
  const jira = deps.assignment.jira;
  return startLiveNotifications({
    db: deps.db,
    log,
    world: deps.world,
    resolveSecret: (name) => process.env[name],
    registry: deps.metrics.registry,
    ...(deps.telegramWebhook ? { telegramWebhook: deps.telegramWebhook } : {}),
    ...(deps.leaseMs !== undefined ? { worker: { leaseMs: deps.leaseMs } } : {}),
    ...(jira ? { assign: createTakeAssign({ ...deps.assignment, jira, world: deps.world, log }) } : {}),
  });
}

/**
 * Starts the sidecar. The HTTP server listens first — /healthz answers and /readyz says 503 while
 * the store opens — then store, queue and workers start and the full app takes over.
 */
export async function startSidecar(opts: SidecarOptions): Promise<RunningSidecar> {
  const { config, log } = opts;
  let db: OpenDb | undefined;
  let queue: JobQueue<SidecarJobs> | undefined;
  let relay: IntakeRelay | undefined;
  let notifications: LiveNotifications | undefined;
  const metrics = createMetrics({ queueDepth: () => queue?.depths() ?? Promise.resolve([]) });
  const readiness = storeAndQueueReadiness({ db: undefined, queueReady: () => false });
  const jira = opts.tracker ?? (config.jira ? jiraGateway(config.jira, log, metrics) : undefined);
  const siteUrl = config.jira?.baseUrl;
  const notYet = (): Promise<Accepted> =>
    Promise.reject(new HttpError(503, 'not_ready', 'The sidecar is starting; retry shortly'));
  let current: Handler = createApp({
    log,
    metrics,
    readiness,
    acceptEvent: notYet,
    intakeReady: () => false,
    webhookSecrets: config.webhookSecrets,
    youtrackWebhookSecrets: config.youtrackWebhookSecrets,
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

  const started = await (async () => {
    const store = await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      lockWaitMs: opts.lockWaitMs,
      onConnectionError: (err) => {
        // Message and code only: pg-pool attaches the whole client (host, user, cancel key).
        const { message, code } = err as { message?: unknown; code?: unknown };
        log.warn({ err: { message, code } }, 'a store connection failed; it is replaced on next use');
      },
    });
    db = store;
    log.info(
      { store: store.kind },
      store.kind === 'pglite' ? `embedded store in ${config.dataDir}` : 'PostgreSQL store',
    );

    // Services, once each.
    const now = opts.now ?? (() => new Date());
    const settings = createSettingsService(store);
    const contracts = createContractRepository(store);
    // Availability reads the world (engineers, rota) and feeds it the absences people enter; the
    // calendar addresses engineers link are sealed with the secret key.
    const feedBox = config.secretKey ? createSecretBox(config.secretKey) : undefined;
    const availability = createAvailabilityService({
      db: store,
      now,
      world: { load: () => world.load() },
      box: feedBox,
    });
    const world = createWorldLoader(store, { settings, contracts, entered: availability.entered });
    const appTokens = config.secretKey
      ? createAppTokenStore({ db: store, box: createSecretBox(config.secretKey) })
      : undefined;
    const appTrackers = jiraAppTrackers({ jira, appTokens, log });
    // YouTrack, when configured; the registry sends each issue's calls to the tracker its project
    // lives in (settings `trackers.projects`, Jira unless listed).
    const youtrack =
      opts.youtrack?.tracker ??
      (config.youtrack
        ? createYouTrackTracker({
            client: new YouTrackClient({
              baseUrl: config.youtrack.baseUrl,
              token: config.youtrack.token,
              logger: log.child({ component: 'youtrack' }),
            }),
            settings: async () => (await world.load()).settings.trackers.youtrack,
          })
        : undefined);
    const tracker = createTrackerRegistry({
      jira,
      youtrack,
      kindOf: async (project) => trackerOfProject((await world.load()).settings.trackers, project),
    });
    // Links in messages open the issue in the tracker its project lives in.
    const youtrackSite = config.youtrack?.baseUrl;
    const issueLinks = createIssueLinks({
      jira: (key) => jiraIssueUrl(siteUrl, key),
      youtrack: youtrackSite ? (key) => youtrackIssueUrl(youtrackSite, key) : undefined,
    });
    const observers: Observers = {
      onAssigned: (via, ms) => metrics.timeToAssign.observe({ via }, ms / 1000),
      onFirstResponse: (project, ms) => metrics.timeToFirstResponse.observe({ project }, ms / 1000),
    };
    if (opts.routers) await loadConfiguredSettings(config.settingsFile, settings, log);

    // Assignments made by a person (the Forge panel, Telegram's "Take") are recorded and observed;
    // only the automatic ones write to the assignee, through the outbox the intake job gets.
    const assignmentBase = {
      db: store,
      now,
      jira: tracker,
      notifier: undefined,
      siteUrl,
      issueLinks,
      onAssigned: observers.onAssigned,
    };
    // With a webhook secret Telegram posts the bot's updates to us and no replica long-polls.
    const telegramWebhook =
      config.telegramWebhookSecret && config.publicUrl
        ? { url: `${config.publicUrl}${TELEGRAM_WEBHOOK_PATH}`, secretToken: config.telegramWebhookSecret }
        : undefined;
    if (opts.notifications)
      notifications = await startSettingsNotifications({
        db: store,
        log,
        metrics,
        world,
        assignment: { ...assignmentBase, log: log.child({ component: 'assignment' }) },
        leaseMs: opts.outboxLeaseMs,
        telegramWebhook,
      });
    const notifier = opts.notifier ?? notifications?.notifier;
    // The tick handler enqueues through the queue, and the queue is built from the kinds that hold
    // the handlers: the reference is filled in as soon as the queue exists, before any job runs.
    const queueRef: { current?: JobQueue<SidecarJobs> } = {};
    const jiraIssues = createJiraIssueSource();
    // The customer's side (approvals, ratings, NPS) signs its links with FRONTLINE_SECRET_KEY: off without it.
    const customer = config.secretKey
      ? createCustomerSide({
          db: store,
          now,
          notifier,
          secretKey: config.secretKey,
          linkBase: config.publicUrl ?? url,
          world,
          trackerFor: async (installationId) =>
            installationId === undefined ? tracker : appTrackers.forInstallation(installationId),
          issues: jiraIssues,
          enqueueRatingRequest: (tx, ratingId) => {
            if (!queueRef.current) throw new Error('The job queue is not started');
            return queueRef.current.sendInTransaction(tx, 'customer.rating-request', { ratingId });
          },
          siteTracker: jira,
        })
      : undefined;
    const youtrackIssues = opts.youtrack?.issues ?? createYouTrackIssueSource();
    // Paid-work approvals asked from the YouTrack app: the same requests, e-mail, link and page, the
    // issue read from YouTrack.
    const youtrackApprovals =
      customer && youtrack
        ? createApprovals({
            db: store,
            now,
            notifier,
            signer: customer.signer,
            linkBase: config.publicUrl ?? url,
            settings: async () => (await world.load()).settings.customerSide,
            trackerFor: async () => youtrack,
            facts: async (t, key) => approvalFacts(t, youtrackIssues, await world.load(), key, now()),
          })
        : undefined;
    const handlers = createIntakeHandlers({
      jiraIssues,
      onIssueUpdated: customer?.onIssueUpdated,
      youtrackIssues,
      notifier,
      siteUrl,
      issueLinks,
      onFirstResponse: observers.onFirstResponse,
      enqueueInTransaction: (tx, name, data) => {
        if (!queueRef.current) throw new Error('The job queue is not started');
        return queueRef.current.sendInTransaction(tx, name, data);
      },
    });
    const kinds = createJobKinds({
      intakeProcess: {
        db: store,
        now,
        world,
        handlers,
        assignment: { jira: tracker, notifier, siteUrl, issueLinks, onAssigned: observers.onAssigned },
      },
      schedulesTick: { db: store, now, world, notifier, siteUrl, issueLinks },
      absencesRefresh: {
        db: store,
        now,
        world,
        calendarFeeds: config.calendarFeeds,
        resolveSecret: (name) => process.env[name],
        box: feedBox,
      },
      temperatureSweep: {
        db: store,
        now,
        world,
        options: config.temperatureField ? { fieldKey: config.temperatureField } : undefined,
        source: jiraIssues,
        desks: youtrack
          ? [
              {
                scope: 'youtrack',
                tracker: youtrack,
                source: youtrackIssues,
                options: (w) => {
                  const projects = projectsIn(w.settings.trackers, 'youtrack');
                  return projects.length > 0
                    ? { fieldKey: w.settings.trackers.youtrack.temperatureField, projects }
                    : undefined;
                },
              },
            ]
          : [],
        appTracker: (installationId) =>
          installationId === undefined
            ? Promise.resolve(opts.localAppTracker)
            : appTrackers.forInstallation(installationId),
      },
      reportsBackfill: {
        db: store,
        now,
        tracker: jira,
        world,
        // YouTrack's projects are backfilled from its issues and activity stream.
        readers: config.youtrack
          ? [
              createYouTrackBackfillReader({
                client: new YouTrackClient({
                  baseUrl: config.youtrack.baseUrl,
                  token: config.youtrack.token,
                  logger: log.child({ component: 'youtrack' }),
                }),
              }),
            ]
          : [],
      },
    });
    const allKinds = [...kinds, ...(customer?.kinds ?? [])];
    const jobQueue = new JobQueue<SidecarJobs>({
      db: store,
      log,
      kinds: allKinds,
      pollingIntervalSeconds: opts.pollingIntervalSeconds,
    });
    queue = jobQueue;
    await jobQueue.start();
    queueRef.current = jobQueue;
    if (customer) await jobQueue.schedule(NPS_SCHEDULE.name, NPS_SCHEDULE.cron);
    // YouTrack sends no scheduled ticks: its desk is swept on a schedule of the sidecar's own.
    await registerSchedules(
      jobQueue,
      youtrack ? [...SIDECAR_SCHEDULES, TRACKER_SWEEP_SCHEDULE] : SIDECAR_SCHEDULES,
    );
    if (opts.workers ?? true) await startWorkers({ queue: jobQueue, kinds: allKinds, log, metrics });
    const intakeRelay = new IntakeRelay({ db: store, queue: jobQueue, log });
    relay = intakeRelay;
    await intakeRelay.start();
    const acceptEvent = bindAcceptEvent({ db: store, relay: intakeRelay });

    let routers: { adminRouter?: Router; forgeRouter?: Router; youtrackAppRouter?: Router } = {};
    const reports = createReportRouters({
      db: store,
      now,
      world,
      adminToken: config.adminToken,
      enqueueBackfill: () => jobQueue.send('reports.backfill', {}),
    });
    if (opts.routers)
      routers = createAdminAndForgeRouters({
        config,
        db: store,
        log,
        settings,
        contracts: createContractService(store, contracts),
        failedWork: notifications ? mergeFailedWork(jobQueue, notifications) : jobQueue,
        appTokens,
        metrics,
        acceptEvent,
        adminRouters: [
          createTemperatureAdminRouter({
            adminToken: config.adminToken,
            enqueueSweep: (request) => jobQueue.send('temperature.sweep', request),
          }),
          ...(customer
            ? [createCustomerAdminRouter({ ...customer, adminToken: config.adminToken, now })]
            : []),
          reports.admin,
          ...(notifications
            ? [
                createChannelTestAdminRouter({
                  adminToken: config.adminToken,
                  testSend: notifications.testSend,
                }),
              ]
            : []),
        ],
        forgeRouters: [
          createIssueViewsRouter({
            db: store,
            world: () => world.load(),
            jiraFor: (claims) => appTrackers.forInstallation(claims.installationId),
          }),
          ...(customer
            ? [createCustomerForgeRouter({ ...customer, adminToken: config.adminToken, now })]
            : []),
          createSuggestionsRouter({
            ...assignmentBase,
            trackers: appTrackers,
            world,
            log: log.child({ component: 'assignment' }),
          }),
          reports.forge,
          createAvailabilityRouter({ availability }),
          ...(notifications ? [createChannelTestForgeRouter({ testSend: notifications.testSend })] : []),
        ],
      });
    if (opts.routers)
      routers.youtrackAppRouter = createYouTrackAppRouter({
        db: store,
        log: log.child({ component: 'youtrack-app' }),
        secrets: config.youtrackWebhookSecrets,
        world,
        tracker: youtrack,
        issues: youtrackIssues,
        approvals: youtrackApprovals,
        assignment: {
          db: store,
          now,
          notifier,
          siteUrl,
          issueLinks,
          onAssigned: observers.onAssigned,
          log: log.child({ component: 'assignment' }),
        },
      });
    current = createApp({
      log,
      metrics,
      readiness: storeAndQueueReadiness({ db: store, queueReady: () => jobQueue.ready }),
      acceptEvent,
      webhookSecrets: config.webhookSecrets,
      youtrackWebhookSecrets: config.youtrackWebhookSecrets,
      ...routers,
      ...(customer && opts.routers
        ? { customerPageRouter: createCustomerPageRouter({ ...customer, now }) }
        : {}),
      ...(notifications && telegramWebhook
        ? {
            telegramWebhookRouter: createTelegramWebhookRouter({
              secretToken: telegramWebhook.secretToken,
              db: store,
              handleUpdate: notifications.handleTelegramUpdate,
              now,
            }),
          }
        : {}),
    });
    return { db: store, queue: jobQueue, relay: intakeRelay };
  })().catch(async (err: unknown) => {
    await notifications?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    await queue?.stop({ timeoutMs: 1_000 }).catch(() => undefined);
    await db?.close().catch(() => undefined);
    await closeServer(server);
    throw err;
  });

  const running = started;
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
