// The world the replica test runs its replicas in: the Jira stand-in with real issues in two
// projects (one the policy assigns automatically, one it only suggests for), the SMTP and Telegram
// stand-ins the notification channels point at, and the demo desk's settings and contracts written
// into the shared store before any replica starts (replicas read their channels at start).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_SETTINGS } from '@frontline/shared';
import type { SettingsDocumentInput } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../demo/contracts.js';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, DEMO_FIELD_IDS, startJiraStandIn } from '../sandbox/index.js';
import type { JiraStandIn, StandInIssue } from '../sandbox/index.js';
import { createContractRepository } from '../src/contracts/repository.js';
import { startLoopbackSmtpServer } from '../src/notify/testing/smtp-server.js';
import type { LoopbackSmtpServer } from '../src/notify/testing/smtp-server.js';
import { startTelegramStandIn } from '../src/notify/testing/telegram-stand-in.js';
import type { TelegramStandIn } from '../src/notify/testing/telegram-stand-in.js';
import { createSettingsService } from '../src/settings/service.js';
import { openDb } from '../src/store/open.js';

/** The project whose policy assigns every new ticket to the best-ranked engineer. */
export const AUTO_PROJECT = 'DB';
/** The project whose policy only stores suggestions. */
export const SUGGEST_PROJECT = 'HW';
/** The environment variable the replicas read the bot token from (the settings name it). */
export const TELEGRAM_TOKEN_VARIABLE = 'FRONTLINE_REPLICA_TEST_BOT_TOKEN';
/** The desk's Telegram chat every automatic assignment is announced in. */
export const DESK_CHAT_ID = '-100200300';
export const MAIL_FROM = 'Northwind Service <desk@northwind.example>';

/** One webhook delivery as the stand-in made it: identifier, signature and the raw body. */
export interface CapturedDelivery {
  identifier: string;
  signature: string;
  raw: string;
  event: string;
  issueKey: string | undefined;
}

/** A loopback receiver standing where the sidecar would, keeping each delivery the stand-in makes. */
async function startCapture(): Promise<{
  url: string;
  received: CapturedDelivery[];
  close(): Promise<void>;
}> {
  const received: CapturedDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as { webhookEvent?: string; issue?: { key?: string } };
      received.push({
        identifier: String(req.headers['x-atlassian-webhook-identifier'] ?? ''),
        signature: String(req.headers['x-hub-signature'] ?? ''),
        raw,
        event: body.webhookEvent ?? '',
        issueKey: body.issue?.key,
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jira`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The demo settings with two policies, notification routes to the stand-ins, and engineers who
 * work round the clock with no absences, so what the policy decides does not depend on the hour
 * the test runs at.
 */
export function replicaTestSettings(smtpPort: number, telegramBaseUrl: string): SettingsDocumentInput {
  return {
    ...DEMO_SETTINGS,
    engineers: (DEMO_SETTINGS.engineers ?? []).map((engineer) => ({
      ...engineer,
      calendar: 'moscow-24x7',
      absences: [],
    })),
    assignment: [
      {
        project: AUTO_PROJECT,
        mode: 'auto',
        deskCalendar: 'moscow-24x7',
        autoRules: [{ when: 'always', assign: 'top' }],
        commentOnAutoAssign: { enabled: true, templateKey: 'status-update' },
        // Each ticket weighs its priority (Medium: 1), so the team's room (3 × 10) is known ahead.
        loadWeightsByTemperature: null,
      },
      { project: SUGGEST_PROJECT, mode: 'suggest', deskCalendar: 'moscow-24x7' },
    ],
    channels: {
      email: { host: '127.0.0.1', port: smtpPort, secure: false, from: MAIL_FROM },
      telegram: {
        botToken: { secretRef: TELEGRAM_TOKEN_VARIABLE },
        apiBaseUrl: telegramBaseUrl,
        chats: [{ name: 'desk', chatId: DESK_CHAT_ID }],
      },
      routes: [
        { event: 'issueAssigned', audience: { kind: 'assignee' }, channel: 'email' },
        { event: 'issueAssigned', audience: { kind: 'assignee' }, channel: 'telegram', address: 'desk' },
      ],
    },
  };
}

export interface ReplicaWorld {
  jira: JiraStandIn;
  smtp: LoopbackSmtpServer;
  telegram: TelegramStandIn;
  /** The issues created for the run, by project. */
  issues: { auto: StandInIssue[]; suggest: StandInIssue[] };
  /** The `jira:issue_created` deliveries the stand-in made for them (two per issue), in creation order. */
  deliveries: CapturedDelivery[];
  /** The environment a replica needs to reach the stand-ins. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Engineers' e-mail addresses by account id, from the settings the replicas run with. */
export function engineerEmails(): Map<string, string> {
  return new Map((DEMO_SETTINGS.engineers ?? []).map((e) => [e.accountId, e.email ?? '']));
}

/**
 * Starts the stand-ins, writes settings and contracts into the store at `databaseUrl` (migrating
 * it), creates `autoCount` + `suggestCount` issues in the Jira stand-in and captures the
 * deliveries Jira made for them, signed with `secret`.
 */
export async function startReplicaWorld(opts: {
  databaseUrl: string;
  secret: string;
  autoCount: number;
  suggestCount: number;
}): Promise<ReplicaWorld> {
  const [jira, smtp, telegram, capture] = await Promise.all([
    startJiraStandIn({ seed: true, record: true }),
    startLoopbackSmtpServer(),
    startTelegramStandIn(),
    startCapture(),
  ]);
  const db = await openDb({ databaseUrl: opts.databaseUrl, dataDir: 'unused' });
  try {
    const written = await createSettingsService(db).replace(
      replicaTestSettings(smtp.port, telegram.baseUrl),
      {
        actor: 'replica-test',
        source: 'file',
      },
    );
    if (!written.ok) throw new Error(`settings refused: ${JSON.stringify(written.error)}`);
    await createContractRepository(db).upsertAll(DEMO_CONTRACTS, 'replica-test');
  } finally {
    await db.close();
  }

  // Two registrations, as when an admin's webhook and the one the sidecar registered both point at
  // it: Jira delivers each change once per registration, with its own identifier.
  jira.registerWebhook({ url: capture.url, secret: opts.secret, name: 'Frontline (admin)' });
  jira.registerWebhook({ url: capture.url, secret: opts.secret, name: 'Frontline sidecar' });
  const create = (projectKey: string, i: number): StandInIssue => {
    const customer = DEMO_CUSTOMERS[i % DEMO_CUSTOMERS.length]!;
    return jira.state.createIssue({
      projectKey,
      issueTypeId: '10002',
      summary: `${customer.name}: replica test ticket ${i + 1}`,
      reporterId: customer.contacts[0]!.accountId,
      priorityId: '3',
      custom: {
        [DEMO_FIELD_IDS.organizations]: [{ id: customer.organizationId, name: customer.name }],
      },
    });
  };
  const auto: StandInIssue[] = [];
  const suggest: StandInIssue[] = [];
  for (let i = 0; i < Math.max(opts.autoCount, opts.suggestCount); i += 1) {
    if (i < opts.autoCount) auto.push(create(AUTO_PROJECT, i));
    if (i < opts.suggestCount) suggest.push(create(SUGGEST_PROJECT, i));
  }
  await jira.webhooksIdle();
  const created = new Set([...auto, ...suggest].map((issue) => issue.key));
  const deliveries = capture.received.filter(
    (d) => d.event === 'jira:issue_created' && d.issueKey !== undefined && created.has(d.issueKey),
  );
  if (deliveries.length !== 2 * created.size)
    throw new Error(`the stand-in delivered ${deliveries.length} of ${2 * created.size} creations`);

  return {
    jira,
    smtp,
    telegram,
    issues: { auto, suggest },
    deliveries,
    env: {
      JIRA_BASE_URL: jira.url,
      JIRA_EMAIL: DEMO_CREDENTIALS.email,
      JIRA_API_TOKEN: DEMO_CREDENTIALS.apiToken,
      [TELEGRAM_TOKEN_VARIABLE]: telegram.token,
    },
    async close() {
      await Promise.all([jira.close(), smtp.close(), telegram.close(), capture.close()]);
    },
  };
}

/** Engineers of the auto project's team (the policy requires the team). */
export const AUTO_TEAM = [DEMO_ACCOUNTS.olga, DEMO_ACCOUNTS.dmitry, DEMO_ACCOUNTS.pavel];
