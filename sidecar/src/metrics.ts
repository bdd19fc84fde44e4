// Prometheus metrics. One registry per app instance (never prom-client's global one), so tests and
// several sidecars in one process each count their own.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const INTAKE_RESULTS = [
  'accepted',
  'duplicate',
  'unauthorized',
  'unsupported_type',
  'malformed',
  'too_large',
  'store_unavailable',
  'error',
] as const;
export type IntakeResult = (typeof INTAKE_RESULTS)[number];

const REFUSALS: Readonly<Record<number, IntakeResult>> = {
  400: 'malformed',
  401: 'unauthorized',
  413: 'too_large',
  415: 'unsupported_type',
  503: 'store_unavailable',
};

/** How a delivery answered with an error `status` is counted (one mapping for every intake route). */
export function intakeResultFor(status: number): IntakeResult {
  return REFUSALS[status] ?? 'error';
}

export interface Metrics {
  registry: Registry;
  intake: Counter<'source' | 'result'>;
  queueDepth: Gauge<'queue' | 'state'>;
  jobDuration: Histogram<'job' | 'outcome'>;
  jobFailures: Counter<'job' | 'kind'>;
  jiraCalls: Counter<'status'>;
  jiraRateLimitWaits: Counter<'reason'>;
  jiraRateLimitWaitSeconds: Counter<'reason'>;
  /** From when an issue was left without an engineer until one was assigned, by who assigned. */
  timeToAssign: Histogram<'via'>;
  /** From an issue's creation to the first public reply by an agent, by project. */
  timeToFirstResponse: Histogram<'project'>;
}

/** Reads how many jobs are unfinished per queue and state; called on every scrape. */
export type QueueDepthSource = () => Promise<readonly { queue: string; state: string; count: number }[]>;

/** A fresh registry with the sidecar's metrics (and Node's defaults, prefixed). */
export function createMetrics(
  opts: { queueDepth?: QueueDepthSource; defaultMetrics?: boolean } = {},
): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'frontline_' });
  const registers = [registry];
  const depthSource = opts.queueDepth;
  return {
    registry,
    intake: new Counter({
      name: 'frontline_intake_total',
      help: 'Incoming events by source and result',
      labelNames: ['source', 'result'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'frontline_queue_depth',
      help: 'Unfinished jobs by queue and state (created = waiting, retry = waiting to retry, active = running)',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        if (!depthSource) return;
        const depths = await depthSource().catch(() => undefined);
        if (!depths) return;
        this.reset();
        for (const { queue, state, count } of depths) this.set({ queue, state }, count);
      },
    }),
    jobDuration: new Histogram({
      name: 'frontline_job_duration_seconds',
      help: 'Job handler run time by job kind and outcome',
      labelNames: ['job', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    jobFailures: new Counter({
      name: 'frontline_job_failures_total',
      help: 'Failed job attempts by job kind and whether they will be retried',
      labelNames: ['job', 'kind'] as const,
      registers,
    }),
    jiraCalls: new Counter({
      name: 'frontline_jira_calls_total',
      help: 'Jira REST calls by HTTP status (or "network"/"timeout")',
      labelNames: ['status'] as const,
      registers,
    }),
    jiraRateLimitWaits: new Counter({
      name: 'frontline_jira_rate_limit_waits_total',
      help: 'Times Jira calls paused for a rate limit, by RateLimit-Reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    jiraRateLimitWaitSeconds: new Counter({
      name: 'frontline_jira_rate_limit_wait_seconds_total',
      help: 'Seconds Jira calls spent paused for rate limits, by RateLimit-Reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    timeToAssign: new Histogram({
      name: 'frontline_time_to_assign_seconds',
      help: 'Time from an issue being left without an engineer to its assignment, by auto, forge or telegram',
      labelNames: ['via'] as const,
      // Minutes to a working day: the desk's target is minutes, a missed night shows as hours.
      buckets: [30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200],
      registers,
    }),
    timeToFirstResponse: new Histogram({
      name: 'frontline_time_to_first_response_seconds',
      help: 'Time from an issue being created to the first public reply by an agent, by project',
      labelNames: ['project'] as const,
      buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200],
      registers,
    }),
  };
}
