// What the composition root needs from assignment and schedules: the notifications started over the
// channels in the settings (with the Telegram "Take" button assigning through assignment), the
// Forge suggestions router, the cron schedules, and the demo world's settings and contracts.
import type { Router } from 'express';
import type { Registry } from 'prom-client';
import { DEMO_SETTINGS } from '@frontline/shared';
import { createContractRepository } from '../contracts/repository.js';
import type { JiraGateway } from '../trackers/jira/types.js';
import { loadWorld } from '../intake/handlers/index.js';
import type { Logger } from '../logger.js';
import { channelsConfigFromSettings, engineerByTelegramUserId, startNotifications } from '../notify/index.js';
import type { RunningNotifications } from '../notify/index.js';
import { createAppTokenStore } from '../secrets/app-tokens.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { createSettingsService } from '../settings/service.js';
import type { Db } from '../store/db.js';
import type { AssignVia } from './repository.js';
import { DEMO_CONTRACTS } from './demo-contracts.js';
import { createSuggestionsRouter } from './forge-router.js';
import { createTakeAssign } from './take.js';

/**
 * Starts the outbox worker over the channels configured in the settings (secrets from `env`).
 * Missing channels hold their messages and print them in the log; a secret that is not set is
 * reported and that channel stays unconfigured.
 */
export async function startSettingsNotifications(deps: {
  db: Db;
  log: Logger;
  registry?: Registry;
  jira?: JiraGateway | undefined;
  env: Record<string, string | undefined>;
  onAssigned?: (via: AssignVia, ms: number) => void;
}): Promise<RunningNotifications> {
  const world = await loadWorld(deps.db);
  const log = deps.log.child({ component: 'notify' });
  const channels = channelsConfigFromSettings(world.settings.channels, (name) => deps.env[name]);
  if (!channels.ok)
    log.warn({ problems: channels.error }, 'some notification secrets are not set; those channels stay off');
  const jira = deps.jira;
  return startNotifications({
    db: deps.db,
    log,
    channels: channels.ok ? channels.value : {},
    ...(deps.registry ? { registry: deps.registry } : {}),
    ...(jira && world.settings.channels.telegram
      ? {
          take: {
            findEngineerByTelegramUserId: async (id: number) =>
              engineerByTelegramUserId((await loadWorld(deps.db)).engineers)(id),
            assign: createTakeAssign({
              db: deps.db,
              now: () => new Date(),
              jira,
              log,
              ...(deps.onAssigned ? { onAssigned: deps.onAssigned } : {}),
            }),
            updates: { mode: 'polling' as const },
          },
        }
      : {}),
  });
}

/** The suggestions router for /forge/api, acting with the Forge tokens kept under `secretKey`. */
export function assignmentForgeRouters(ctx: {
  db: Db;
  log: Logger;
  jira?: JiraGateway | undefined;
  secretKey: string | undefined;
  siteUrl?: string | undefined;
  onAssigned?: (via: AssignVia, ms: number) => void;
}): Router[] {
  const appTokens = ctx.secretKey
    ? createAppTokenStore({ db: ctx.db, box: createSecretBox(ctx.secretKey) })
    : undefined;
  return [
    createSuggestionsRouter({
      db: ctx.db,
      now: () => new Date(),
      jira: ctx.jira,
      appTokens,
      siteUrl: ctx.siteUrl,
      onAssigned: ctx.onAssigned,
      log: ctx.log.child({ component: 'assignment' }),
    }),
  ];
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
