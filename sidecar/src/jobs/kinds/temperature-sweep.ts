// temperature.sweep: one sweep of open issues for a Forge installation (a scheduled tick) or for the
// local scope (an operator's request, the demo). Jira is called as the app, with the system token
// the tick left sealed in the store. A sweep that finds another one of its scope running steps
// aside: the running one covers the same issues, and the next tick comes in five minutes.
import { z } from 'zod';
import { createJiraGateway } from '../../trackers/jira/index.js';
import type { JiraFailure, JiraGateway } from '../../trackers/jira/types.js';
import { loadWorld } from '../../intake/handlers/index.js';
import { sweepTemperatures } from '../../temperature/sweep.js';
import { DEFAULT_RETRY, PermanentJobError, defineJob } from '../kind.js';
import type { JobContext } from '../kind.js';

/** The scope of sweeps started without a Forge installation. */
export const LOCAL_SWEEP_SCOPE = 'local';

export const TemperatureSweepData = z.object({
  trigger: z.enum(['tick', 'operator']),
  /** The Forge installation whose sealed system token the sweep uses; absent → the local app gateway. */
  installationId: z.string().min(1).optional(),
  requestedAt: z.iso.datetime(),
});
export type TemperatureSweepRequest = z.output<typeof TemperatureSweepData>;

/** A sweep that Jira stopped; retried by the queue when Jira's failure was retryable. */
export class SweepFailedError extends Error {
  readonly retryable: boolean;
  constructor(failure: JiraFailure) {
    super(`temperature sweep stopped: ${failure.op} answered ${failure.status} ${failure.message}`);
    this.name = 'SweepFailedError';
    this.retryable = failure.kind === 'retryable';
  }
}

/** Jira as the app for this sweep. */
async function appGateway(ctx: JobContext, installationId: string | undefined): Promise<JiraGateway> {
  const { deps } = ctx;
  if (installationId === undefined) {
    if (deps.temperature?.localApp) return deps.temperature.localApp;
    throw new PermanentJobError('a sweep without a Forge installation needs the local app gateway');
  }
  const token = await deps.appTokens?.get({ installationId, kind: 'system' });
  if (!token)
    throw new PermanentJobError(
      `no live app system token for installation ${installationId}; the next scheduled tick brings a fresh one`,
    );
  return deps.jira
    ? deps.jira.forAppToken(token.token, token.apiBaseUrl)
    : createJiraGateway({
        baseUrl: token.apiBaseUrl,
        auth: { type: 'appToken', token: token.token },
        logger: ctx.log,
      });
}

export const temperatureSweep = defineJob({
  name: 'temperature.sweep',
  data: TemperatureSweepData,
  // Forge lets a scheduled function run up to 15 minutes; a sweep gets as long, and two more tries.
  retry: { ...DEFAULT_RETRY, retryLimit: 2, retryDelaySeconds: 30, expireInSeconds: 900 },
  concurrency: 1,
  async handle(ctx, data) {
    const options = ctx.deps.temperature;
    if (!options)
      throw new PermanentJobError('the temperature sweep is not configured (no Temperature field)');
    const scope = data.installationId ?? LOCAL_SWEEP_SCOPE;
    const jira = await appGateway(ctx, data.installationId);
    const world = await loadWorld(ctx.deps.db);
    const result = await sweepTemperatures(
      { db: ctx.deps.db, jira, world, now: ctx.deps.now, scope, holder: ctx.jobId },
      options,
    );
    if (result.ok) {
      ctx.log.info(
        { scope, trigger: data.trigger, ...result.value },
        `temperatures swept: ${result.value.changed} of ${result.value.issues} open issues changed`,
      );
      return;
    }
    if (result.error.code === 'busy') {
      ctx.log.info({ scope, trigger: data.trigger }, `${result.error.message}; this request is skipped`);
      return;
    }
    throw new SweepFailedError(result.error.failure);
  },
});
