// The Jira stand-in: an in-memory Jira Cloud on loopback for tests and the local demo.
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createStandInApp, newFault, type ActiveFault } from './app.js';
import { DEMO_LIVE_TICKETS, DEMO_SEED_TICKETS } from './demo-data.js';
import { Renderer } from './render.js';
import {
  DEMO_APP_TOKEN,
  DEMO_CREDENTIALS,
  type JiraStandIn,
  type RecordedExchange,
  type StandInIssue,
  type StandInOptions,
} from './types.js';
import { WebhookSender } from './webhooks.js';
import { World, type Caller, type WorldEvent } from './world.js';

export * from './types.js';
export * from './demo-data.js';
export { signBody } from './webhooks.js';

/** Starts the stand-in on 127.0.0.1 (random port by default) and resolves once it listens. */
export async function startJiraStandIn(opts: StandInOptions = {}): Promise<JiraStandIn> {
  const log = opts.log ?? (() => {});
  let base = '';
  const sender = new WebhookSender({
    base: () => base,
    maxAttempts: opts.webhookRetry?.maxAttempts ?? 5,
    baseDelayMs: opts.webhookRetry?.baseDelayMs ?? 1000,
    log,
  });
  // The world announces changes only after set-up, by which time the renderer exists.
  const announce = (event: WorldEvent): void => sender.send(event.kind, webhookPayload(renderer, event));
  const world = new World(announce);
  const renderer = new Renderer(world, () => base);
  if (opts.seed ?? true) {
    for (const t of DEMO_SEED_TICKETS) world.insertIssue(world.ticketInput(t), t.reporterId, false);
  }

  const exchanges: RecordedExchange[] = [];
  const faults: ActiveFault[] = [];
  const bulkTimers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      bulkTimers.delete(timer);
      fn();
    }, ms);
    bulkTimers.add(timer);
  };
  const app = createStandInApp({
    world,
    renderer,
    credentials: opts.credentials ?? [DEMO_CREDENTIALS],
    appTokens: opts.appTokens ?? [DEMO_APP_TOKEN],
    userTokens: opts.userTokens ?? {},
    record: opts.record ?? false,
    exchanges,
    faults,
    registerWebhook: (target) => sender.register(target),
    listWebhooks: () => sender.list(),
    scheduleBulkMove: (taskId: string, caller: Caller, body: unknown) => {
      // Queued, then running for a while, then done: pollers see every state Jira reports.
      const delay = opts.bulkTaskDelayMs ?? 20;
      later(delay, () => world.startBulkMove(taskId));
      later(2 * delay, () => {
        world.runBulkMove(taskId, caller, body);
        const task = world.bulkTasks.get(taskId);
        log(
          `bulk move ${taskId}: ${task?.processed.length ?? 0} moved, ${Object.keys(task?.failed ?? {}).length} failed`,
        );
      });
    },
  });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (opts.webhook) sender.register(opts.webhook);

  return {
    url: base,
    state: {
      issue: (idOrKey) => world.issue(idOrKey),
      issues: () => world.issues(),
      links: () => [...world.linkList],
      user: (accountId) => world.users.get(accountId),
      createIssue: (input) => world.insertIssue(input),
      deliveries: () => [...sender.attempts],
    },
    faults: {
      inject(spec) {
        const fault = newFault(spec);
        faults.push(fault);
        return fault;
      },
      clear() {
        faults.splice(0);
      },
    },
    exchanges,
    registerWebhook: (target) => sender.register(target),
    createDemoTickets(): StandInIssue[] {
      return DEMO_LIVE_TICKETS.map((t) => {
        const issue = world.insertIssue(world.ticketInput(t), t.reporterId);
        log(`created demo ticket ${issue.key}: ${issue.summary}`);
        return issue;
      });
    },
    webhooksIdle: () => sender.idle(),
    async close() {
      sender.close();
      for (const t of bulkTimers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The admin-webhook body for a change, in Jira's shape. */
function webhookPayload(renderer: Renderer, event: WorldEvent): Record<string, unknown> {
  const base = {
    timestamp: Date.now(),
    webhookEvent: event.kind,
    user: renderer.userById(event.actorId),
    issue: renderer.webhookIssue(event.issue),
  };
  switch (event.kind) {
    case 'jira:issue_created':
      return { ...base, issue_event_type_name: 'issue_created' };
    case 'jira:issue_updated':
      return {
        ...base,
        issue_event_type_name: event.eventTypeName,
        changelog: { id: String(Date.now()), items: event.items },
      };
    case 'comment_created':
      return {
        ...base,
        issue_event_type_name: 'issue_commented',
        comment: renderer.comment(event.issue, event.comment, 'text'),
      };
  }
}
