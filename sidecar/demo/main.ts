// The demo: the product composed with the Jira stand-in and the Northwind Service demo world. It
// starts the stand-in, points the product at it (its site, its app token for the local sweep, its
// Temperature field), writes the demo settings and contracts into an empty store, then points the
// stand-in's webhook at the sidecar and creates a few tickets so every step shows in the log.
// `npm start` runs this when no Jira site is configured (sidecar/start.ts).
import { randomBytes } from 'node:crypto';
import { DEMO_SETTINGS } from '@frontline/shared';
import {
  DEMO_APP_TOKEN,
  DEMO_CREDENTIALS,
  DEMO_TEMPERATURE_FIELD_KEY,
  startJiraStandIn,
} from '../sandbox/index.js';
import type { JiraStandIn } from '../sandbox/index.js';
import type { RunningSidecar } from '../src/compose.js';
import type { Config } from '../src/config.js';
import { createContractRepository } from '../src/contracts/repository.js';
import type { Logger } from '../src/logger.js';
import { runSidecar, runWhenEntryPoint } from '../src/main.js';
import type { Launch } from '../src/main.js';
import { createSettingsService } from '../src/settings/service.js';
import type { Db } from '../src/store/db.js';
import { createJiraGateway } from '../src/trackers/jira/index.js';
import { DEMO_CONTRACTS } from './contracts.js';
import { startYouTrackDesk } from './youtrack.js';
import { startDemoTelegram } from './telegram.js';
import { seedDemoHistory } from './history.js';

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

/** The demo world's settings and contracts, written once into an empty store. */
export async function seedDemoWorld(db: Db, log: Logger): Promise<void> {
  const settings = createSettingsService(db);
  if ((await settings.live()).version === 0) {
    const written = await settings.replace(DEMO_SETTINGS, { actor: 'demo', source: 'file' });
    if (written.ok) log.info('demo: Northwind Service settings written (engineers, duty rota, SUP policy)');
  }
  const contracts = createContractRepository(db);
  if ((await contracts.list({ limit: 1 })).length === 0) {
    await contracts.upsertAll(DEMO_CONTRACTS, 'demo');
    log.info(`demo: ${DEMO_CONTRACTS.length} customer contracts stored`);
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

/** The product's configuration pointed at the stand-in. */
export async function prepareDemo(loaded: Config, log: Logger): Promise<Launch> {
  let config = loaded;
  if (config.webhookSecrets.length === 0) {
    // The stand-in signs with the first secret; a throwaway one is enough for a local demo.
    config = { ...config, webhookSecrets: [randomBytes(32).toString('hex')] };
    log.info('JIRA_WEBHOOK_SECRETS is not set: generated a one-off webhook secret for the demo');
  }
  if (config.secretKey === undefined) {
    // The customer's page (approval, rating and NPS links) and sealed calendar links need a key; a
    // throwaway one shows them in the demo. Links and sealed values from an earlier run stop working.
    config = { ...config, secretKey: randomBytes(32).toString('hex') };
    log.info('FRONTLINE_SECRET_KEY is not set: generated a one-off key for the demo (customer links)');
  }
  const standIn = await startStandIn(log);
  if (!standIn) return { config };
  const secret = config.webhookSecrets[0]!;
  const telegram = await startDemoTelegram(log);
  const youtrackDesk = await startYouTrackDesk(config, log);
  if (youtrackDesk) config = youtrackDesk.config(config);
  return {
    config: {
      ...config,
      jira: { baseUrl: standIn.url, email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
      temperatureField: config.temperatureField ?? DEMO_TEMPERATURE_FIELD_KEY,
    },
    options: {
      // The stand-in as the app, for sweeps of the local scope (no Forge installation here).
      localAppTracker: createJiraGateway({
        baseUrl: standIn.url,
        auth: { type: 'appToken', token: DEMO_APP_TOKEN },
        logger: log.child({ component: 'jira' }),
      }),
    },
    async afterReady(sidecar) {
      await seedDemoWorld(sidecar.db, log);
      await seedDemoHistory(sidecar.db, new Date(), log);
      await telegram.configure(sidecar);
      await youtrackDesk?.afterReady(sidecar);
      runDemo(log, standIn, sidecar, secret);
      void telegram.script();
    },
    cleanups: [
      () => standIn.close(),
      () => telegram.close(),
      ...(youtrackDesk ? [() => youtrackDesk.close()] : []),
    ],
  };
}

export function main(): Promise<void> {
  return runSidecar(prepareDemo);
}

runWhenEntryPoint(import.meta.url, main);
