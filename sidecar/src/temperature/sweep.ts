// The temperature sweep: page through open issues, compute each temperature, and write into the
// app's Temperature field only the values that differ from what was last written — in full
// batches as soon as they fill up, the remainder at the end. So a sweep makes exactly one search
// call per page plus ceil(changed / batch size) writes (retries after a 429 aside), and a crash
// mid-sweep loses nothing: values Jira accepted are remembered, the rest are written next time.
// Each page's readings also refresh the temperature of the issues the sidecar tracks, which is
// what engineers' load is weighed by between events.
import { z } from 'zod';
import { err, ok } from '@frontline/shared';
import type { Result, SlaEvent, Temperature } from '@frontline/shared';
import { TrackerCallError } from '../ports.js';
import type { IssueSource, SweptTicket, Tracker, TrackerFailure, TrackerIssue } from '../ports.js';
import type { Db } from '../store/db.js';
import type { TemperatureWorld } from './reading.js';
import { historyToReplay, readIssueTemperature } from './reading.js';
import type { WrittenValue } from './store.js';
import { refreshTemperatures } from '../assignment/tracked-issues.js';
import { releaseLease, rememberWritten, storedHistories, takeLease, writtenScores } from './store.js';

/** How the sweep talks to the tracker; every field has a working default but the field key. */
export interface SweepOptions {
  /** The Temperature field's id or key (`customfield_…`, the Forge field key, YouTrack's field name). */
  fieldKey: string;
  /** Only these projects' open issues (all open issues when absent). */
  projects?: readonly string[];
  /** Issues asked per search page (Jira gives at most 100 with fields). */
  pageSize?: number;
  /** Issues per `POST /rest/api/3/app/field/value` (Jira documents no maximum). */
  batchSize?: number;
  /** How long a lease lasts without renewal; renewed after every page. */
  leaseMs?: number;
}

export interface SweepDeps {
  db: Db;
  /** The tracker as the app (in Jira only the Forge app may write its own field). */
  tracker: Tracker;
  /** How the tracker's issues read: the sweep's query, fields and mapping. */
  source: IssueSource;
  world: TemperatureWorld;
  now: () => Date;
  /** Installation id, or 'local'. */
  scope: string;
  /** Who holds the lease while this sweep runs (the job id). */
  holder: string;
}

export interface SweepReport {
  issues: number;
  /** Issues whose fields could not be read (no key, broken payload); left untouched. */
  unreadable: number;
  changed: number;
  /** Tracked issues whose stored temperature (what engineers' load is weighed by) moved. */
  trackedUpdated: number;
  /** Pages of `pageSize` issues processed: Jira's page count as long as Jira honours the page size (≤ 100 with fields). */
  searchPages: number;
  writeRequests: number;
}

export type SweepError =
  { code: 'busy'; message: string } | { code: 'jira'; message: string; failure: TrackerFailure };

export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_BATCH_SIZE = 200;
const DEFAULT_LEASE_MS = 10 * 60_000;

interface Pending extends WrittenValue {
  value: number;
}

/** The temperature the sweep reads for one issue from its search result and the store's history of it (if any). */
export function sweepReading(
  world: TemperatureWorld,
  issue: SweptTicket,
  stored: readonly SlaEvent[] | undefined,
  now: Date,
): Temperature {
  return readIssueTemperature(world, issue.snapshot, historyToReplay(stored, issue.fieldHistory), now)
    .temperature;
}

/** Runs one sweep of `scope`; refuses with `busy` while another sweep of the scope holds the lease. */
export async function sweepTemperatures(
  deps: SweepDeps,
  opts: SweepOptions,
): Promise<Result<SweepReport, SweepError>> {
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  let leaseRenewedAt = -Infinity;
  const lease = () => {
    const at = deps.now();
    leaseRenewedAt = at.getTime();
    return takeLease(deps.db, deps.scope, deps.holder, at, new Date(at.getTime() + leaseMs));
  };
  /** Renews the lease once a quarter of it has passed (not on every page: each renewal is a write). */
  const keepLease = async () => {
    if (deps.now().getTime() - leaseRenewedAt >= leaseMs / 4) await lease();
  };
  if (!(await lease()))
    return err({ code: 'busy', message: `a temperature sweep of ${deps.scope} is already running` });

  const report: SweepReport = {
    issues: 0,
    unreadable: 0,
    changed: 0,
    trackedUpdated: 0,
    searchPages: 0,
    writeRequests: 0,
  };
  let last = new Map<string, number>();
  const pending: Pending[] = [];
  const write = async (values: Pending[]): Promise<TrackerFailure | undefined> => {
    const written = await deps.tracker.setAppFieldValues(
      opts.fieldKey,
      values.map((v) => ({ issueId: v.issueId, value: v.value })),
      { batchSize },
    );
    if (!written.ok) return written.error;
    report.writeRequests += written.value.requests;
    await rememberWritten(deps.db, deps.scope, values, deps.now());
    return undefined;
  };
  const flush = async (all: boolean): Promise<TrackerFailure | undefined> => {
    while (pending.length >= batchSize || (all && pending.length > 0)) {
      const failure = await write(pending.splice(0, batchSize));
      if (failure) return failure;
    }
    return undefined;
  };
  const sweepPage = async (page: TrackerIssue[]) => {
    report.searchPages += 1;
    report.issues += page.length;
    const now = deps.now();
    const read = page.map((issue) => deps.source.readTicket(issue, now, deps.world.settings));
    const issues = read.filter((i): i is SweptTicket => i !== undefined);
    report.unreadable += read.length - issues.length;
    const histories = await storedHistories(
      deps.db,
      issues.map((i) => i.snapshot.key),
    );
    const readings: { issueKey: string; score: number }[] = [];
    for (const issue of issues) {
      const temperature = sweepReading(deps.world, issue, histories.get(issue.snapshot.key), now);
      readings.push({ issueKey: issue.snapshot.key, score: temperature.score });
      if (last.get(issue.id) === temperature.score) continue;
      report.changed += 1;
      pending.push({
        issueId: issue.id,
        issueKey: issue.snapshot.key,
        score: temperature.score,
        band: temperature.band,
        value: temperature.score,
      });
    }
    // Every reading, not only those that differ from the field: the store's copy is also written by
    // events, at the temperature of their moment.
    report.trackedUpdated += await refreshTemperatures(deps.db, readings, now);
  };

  try {
    last = await writtenScores(deps.db, deps.scope);
    // The search iterator hides page boundaries; consuming it `pageSize` at a time keeps store
    // reads batched per page and the lease renewed as the sweep moves on.
    let page: TrackerIssue[] = [];
    const open = deps.source.openTickets(opts.projects, deps.world.settings);
    for await (const issue of deps.tracker.search(open.query, { fields: open.fields, pageSize })) {
      page.push(issue);
      if (page.length < pageSize) continue;
      await sweepPage(page);
      page = [];
      const failure = await flush(false);
      if (failure) return err({ code: 'jira', message: failure.message, failure });
      await keepLease();
    }
    if (page.length > 0 || report.searchPages === 0) await sweepPage(page);
    const failure = await flush(true);
    if (failure) return err({ code: 'jira', message: failure.message, failure });
    return ok(report);
  } catch (error) {
    if (error instanceof TrackerCallError)
      return err({ code: 'jira', message: error.message, failure: error.failure });
    throw error;
  } finally {
    await releaseLease(deps.db, deps.scope, deps.holder);
  }
}

/** The scope of sweeps started without a Forge installation. */
export const LOCAL_SWEEP_SCOPE = 'local';

/**
 * One request for a sweep: the `temperature.sweep` job's data. A cron schedule (the sweep of desks
 * on trackers without Forge ticks, such as YouTrack) sends none: it asks for the local scope.
 */
export const TemperatureSweepData = z.preprocess(
  (data) => data ?? { trigger: 'schedule' },
  z.object({
    trigger: z.enum(['tick', 'operator', 'schedule']),
    /** The Forge installation whose sealed system token the sweep uses; absent → the local scope. */
    installationId: z.string().min(1).optional(),
    requestedAt: z.iso.datetime().optional(),
  }),
);
export type TemperatureSweepRequest = z.output<typeof TemperatureSweepData>;
