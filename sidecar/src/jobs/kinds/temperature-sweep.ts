// temperature.sweep: one sweep of open issues for a Forge installation (a scheduled tick) or for the
// local scope (an operator's request, the demo). The tracker is called as the app, with the system
// token the tick left sealed in the store. A sweep that finds another one of its scope running
// steps aside: the running one covers the same issues, and the next tick comes in five minutes.
import type { Clock, IssueSource, Tracker, TrackerFailure, WorldSource } from '../../ports.js';
import type { Db } from '../../store/db.js';
import type { TemperatureWorld } from '../../temperature/reading.js';
import { LOCAL_SWEEP_SCOPE, sweepTemperatures, TemperatureSweepData } from '../../temperature/sweep.js';
import type { SweepOptions } from '../../temperature/sweep.js';
import { DEFAULT_RETRY, PermanentJobError, defineJob } from '../kind.js';

export { LOCAL_SWEEP_SCOPE, TemperatureSweepData } from '../../temperature/sweep.js';
export type { TemperatureSweepRequest } from '../../temperature/sweep.js';

/** A sweep that the tracker stopped; retried by the queue when the failure was retryable. */
export class SweepFailedError extends Error {
  readonly retryable: boolean;
  constructor(failure: TrackerFailure) {
    super(`temperature sweep stopped: ${failure.op} answered ${failure.status} ${failure.message}`);
    this.name = 'SweepFailedError';
    this.retryable = failure.kind === 'retryable';
  }
}

/**
 * Another tracker's desk swept on every sweep request (YouTrack has no Forge tick of its own): its
 * own scope and lease, its tracker, how its issues read, and the field and projects the settings name.
 */
export interface TrackerDesk {
  scope: string;
  tracker: Tracker;
  source: IssueSource;
  /** Undefined → nothing to sweep there (no project lives in that tracker). */
  options(world: TemperatureWorld): SweepOptions | undefined;
}

export interface TemperatureSweepDeps {
  db: Db;
  now: Clock;
  world: WorldSource<TemperatureWorld>;
  /** The Temperature field and paging; undefined → sweeps fail saying it is not configured. */
  options: SweepOptions | undefined;
  /** How the app tracker's issues read (the sweep's query, fields and mapping). */
  source: IssueSource;
  /** The tracker as the app for an installation; for the local scope when `installationId` is undefined. */
  appTracker(installationId: string | undefined): Promise<Tracker | undefined>;
  /** Other trackers' desks, swept first on each request. */
  desks?: readonly TrackerDesk[];
}

export function temperatureSweepKind(deps: TemperatureSweepDeps) {
  return defineJob({
    name: 'temperature.sweep',
    data: TemperatureSweepData,
    // Forge lets a scheduled function run up to 15 minutes; a sweep gets as long, and two more tries.
    retry: { ...DEFAULT_RETRY, retryLimit: 2, retryDelaySeconds: 30, expireInSeconds: 900 },
    concurrency: 1,
    async handle(ctx, data) {
      const desks = deps.desks ?? [];
      if (desks.length > 0) {
        const world = await deps.world.load();
        for (const desk of desks) {
          const deskOptions = desk.options(world);
          if (!deskOptions) continue;
          const swept = await sweepTemperatures(
            {
              db: deps.db,
              tracker: desk.tracker,
              source: desk.source,
              world,
              now: deps.now,
              scope: desk.scope,
              holder: ctx.jobId,
            },
            deskOptions,
          );
          if (swept.ok)
            ctx.log.info(
              { scope: desk.scope, trigger: data.trigger, ...swept.value },
              `temperatures swept in ${desk.scope}: ${swept.value.changed} of ${swept.value.issues} open issues changed`,
            );
          else if (swept.error.code === 'busy')
            ctx.log.info({ scope: desk.scope }, `${swept.error.message}; this request is skipped`);
          else throw new SweepFailedError(swept.error.failure);
        }
      }
      const options = deps.options;
      // The cron schedule is for the other trackers' desks only; Forge ticks sweep Jira.
      if (data.trigger === 'schedule') return;
      // A desk on another tracker alone is a working setup: the Jira part then has nothing to do.
      if (
        desks.length > 0 &&
        data.installationId === undefined &&
        (!options || !(await deps.appTracker(undefined)))
      )
        return;
      if (!options)
        throw new PermanentJobError('the temperature sweep is not configured (no Temperature field)');
      const scope = data.installationId ?? LOCAL_SWEEP_SCOPE;
      const tracker = await deps.appTracker(data.installationId);
      if (!tracker)
        throw new PermanentJobError(
          data.installationId === undefined
            ? 'a sweep without a Forge installation needs a local app tracker'
            : `no live app system token for installation ${data.installationId}; the next scheduled tick brings a fresh one`,
        );
      const world = await deps.world.load();
      const result = await sweepTemperatures(
        { db: deps.db, tracker, source: deps.source, world, now: deps.now, scope, holder: ctx.jobId },
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
}
