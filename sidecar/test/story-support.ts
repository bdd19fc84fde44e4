// What the role stories share: a whole sidecar with notifications on, against the Jira stand-in, the
// Telegram stand-in and the loopback SMTP server, with the demo contracts stored. Settings are
// written by each story (after start: channels follow them without a restart).
import { DEMO_CREDENTIALS, startJiraStandIn } from '../sandbox/index.js';
import type { JiraStandIn } from '../sandbox/index.js';
import type { Contract, SettingsDocumentInput } from '@frontline/shared';
import { startSidecar } from '../src/compose.js';
import type { RunningSidecar } from '../src/compose.js';
import type { Config } from '../src/config.js';
import { createContractRepository } from '../src/contracts/repository.js';
import { startLoopbackSmtpServer } from '../src/notify/testing/smtp-server.js';
import type { LoopbackSmtpServer } from '../src/notify/testing/smtp-server.js';
import { startTelegramStandIn } from '../src/notify/testing/telegram-stand-in.js';
import type { TelegramStandIn } from '../src/notify/testing/telegram-stand-in.js';
import { createSettingsService } from '../src/settings/service.js';
import { createJiraGateway } from '../src/trackers/jira/index.js';
import { DEMO_CONTRACTS } from '../demo/contracts.js';
import { silentLogger, testConfig } from './sidecar.js';
import { freshStore } from './stores.js';
import type { StoreUnderTest } from './stores.js';
import { TEST_SECRETS } from './webhook-client.js';

export interface StoryWorld {
  store: StoreUnderTest;
  jira: JiraStandIn;
  telegram: TelegramStandIn;
  smtp: LoopbackSmtpServer;
  sidecar: RunningSidecar;
  /** Saves a settings version as an admin would. */
  saveSettings(settings: SettingsDocumentInput): Promise<number>;
  close(): Promise<void>;
}

/** Starts the stand-ins and the sidecar; `secretName` is the bot token's secret reference. */
export async function startStoryWorld(opts: {
  secretName: string;
  contracts?: readonly Contract[];
  smtpUsers?: Record<string, string>;
  config?: Partial<Config>;
  routers?: boolean;
}): Promise<StoryWorld> {
  const log = silentLogger();
  const store = await freshStore('pglite');
  const jira = await startJiraStandIn({ seed: true });
  const telegram = await startTelegramStandIn();
  const smtp = await startLoopbackSmtpServer(opts.smtpUsers ? { users: opts.smtpUsers } : {});
  process.env[opts.secretName] = telegram.token;
  const site = { baseUrl: jira.url, email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken };
  const sidecar = await startSidecar({
    config: testConfig(store, { jira: site, ...opts.config }),
    log,
    lockWaitMs: 0,
    pollingIntervalSeconds: 0.5,
    notifications: true,
    routers: opts.routers ?? false,
    tracker: createJiraGateway({
      baseUrl: site.baseUrl,
      auth: { type: 'basic', email: site.email, apiToken: site.apiToken },
      logger: log,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    }),
  });
  await createContractRepository(sidecar.db).upsertAll(opts.contracts ?? DEMO_CONTRACTS, 'test');
  jira.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret: TEST_SECRETS[0]! });
  return {
    store,
    jira,
    telegram,
    smtp,
    sidecar,
    async saveSettings(settings) {
      const written = await createSettingsService(sidecar.db).replace(settings, {
        actor: 'admin',
        source: 'admin-api',
      });
      if (!written.ok) throw new Error(JSON.stringify(written.error));
      return written.value.version.version;
    },
    async close() {
      await sidecar.stop();
      await telegram.close();
      await smtp.close();
      await jira.close();
      await store.dispose();
      delete process.env[opts.secretName];
    },
  };
}
