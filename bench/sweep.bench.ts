// The temperature sweep at the scale the issue sets: 20,000 open issues in the Jira stand-in (its
// own process, so CPU time here is the sweep's alone — PGlite included). Figures for a first sweep
// (every value new) and a second one after 1% of the issues changed priority, each next to a
// baseline run the same way in the same process: one write per issue for the first, no change
// filter (every value rewritten in batches) for the second. Jira calls are counted at the gateway.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchResult, BenchSuite } from './lib.js';
import { withRatio } from './lib.js';
import { DEMO_APP_TOKEN, DEMO_CREDENTIALS, DEMO_FIELD_IDS } from '../sidecar/sandbox/index.js';
import { createJiraGateway } from '../sidecar/src/trackers/jira/index.js';
import type { JiraGateway, JiraIssue } from '../sidecar/src/trackers/jira/types.js';
import { openDb } from '../sidecar/src/store/open.js';
import type { Db } from '../sidecar/src/store/db.js';
import {
  historyToReplay,
  readIssueTemperature,
  type TemperatureWorld,
} from '../sidecar/src/temperature/reading.js';
import {
  createJiraIssueSource,
  issueFromJira,
  OPEN_ISSUES_JQL,
  temperatureFields,
} from '../sidecar/src/trackers/jira/issue-source.js';
import { storedHistories } from '../sidecar/src/temperature/store.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_PAGE_SIZE,
  sweepTemperatures,
} from '../sidecar/src/temperature/sweep.js';
import { demoTemperatureWorld, quietLog } from '../sidecar/src/temperature/testing.js';

const ISSUES = 20_000;
const CHANGED_SHARE = 0.01;
const FIELD = DEMO_FIELD_IDS.temperature;

interface Run {
  wallMs: number;
  cpuMs: number;
  calls: number;
  searches: number;
  writes: number;
  changed: number;
}

/** Starts the stand-in process; resolves with its URL and a stop function. */
async function startStandInProcess(issues: number): Promise<{ url: string; stop(): Promise<void> }> {
  const script = fileURLToPath(new URL('./sweep-stand-in.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(issues)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

/** Runs `fn` and measures wall time, this process's CPU time and the Jira calls it made. */
async function measure(calls: string[], fn: () => Promise<number>): Promise<Run> {
  calls.length = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const changed = await fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    calls: calls.length,
    searches: calls.filter((op) => op === 'searchJql').length,
    writes: calls.filter((op) => op === 'setAppFieldValues').length,
    changed,
  };
}

/** Every open issue's temperature, page by page, the way the sweep reads them. */
async function* temperaturesOf(app: JiraGateway, db: Db, world: TemperatureWorld, now: Date) {
  let page: JiraIssue[] = [];
  const flush = async function* (issues: JiraIssue[]) {
    const read = issues.flatMap((i) => issueFromJira(i, now) ?? []);
    const histories = await storedHistories(
      db,
      read.map((i) => i.snapshot.key),
    );
    for (const issue of read) {
      const history = historyToReplay(histories.get(issue.snapshot.key), issue.fieldHistory);
      yield {
        id: issue.id,
        score: readIssueTemperature(world, issue.snapshot, history, now).temperature.score,
      };
    }
  };
  for await (const issue of app.search(OPEN_ISSUES_JQL, {
    fields: temperatureFields(),
    pageSize: DEFAULT_PAGE_SIZE,
  })) {
    page.push(issue);
    if (page.length === DEFAULT_PAGE_SIZE) {
      yield* flush(page);
      page = [];
    }
  }
  yield* flush(page);
}

/** Baseline for a first sweep: compute the same way, write each issue on its own. */
async function oneWritePerIssue(
  app: JiraGateway,
  db: Db,
  world: TemperatureWorld,
  now: Date,
): Promise<number> {
  let written = 0;
  for await (const { id, score } of temperaturesOf(app, db, world, now)) {
    const r = await app.setAppFieldValues(FIELD, [{ issueId: id, value: score }]);
    if (!r.ok) throw new Error(r.error.message);
    written += 1;
  }
  return written;
}

/** Baseline for later sweeps: no change filter, every value rewritten in the same batches. */
async function rewriteAll(app: JiraGateway, db: Db, world: TemperatureWorld, now: Date): Promise<number> {
  const values: { issueId: string; value: number }[] = [];
  for await (const { id, score } of temperaturesOf(app, db, world, now)) {
    values.push({ issueId: id, value: score });
    if (values.length === DEFAULT_BATCH_SIZE) {
      const r = await app.setAppFieldValues(FIELD, values.splice(0), { batchSize: DEFAULT_BATCH_SIZE });
      if (!r.ok) throw new Error(r.error.message);
    }
  }
  const r = await app.setAppFieldValues(FIELD, values, { batchSize: DEFAULT_BATCH_SIZE });
  if (!r.ok) throw new Error(r.error.message);
  return ISSUES;
}

const perThousand = (run: Run) => (run.cpuMs / ISSUES) * 1000;
const seconds = (ms: number) => ms / 1000;

const suite: BenchSuite = {
  name: 'sweep',
  async run() {
    const standIn = await startStandInProcess(ISSUES);
    const db = await openDb({ dataDir: 'memory://' });
    const calls: string[] = [];
    const automation = createJiraGateway({
      baseUrl: standIn.url,
      auth: { type: 'basic', ...DEMO_CREDENTIALS },
      logger: quietLog,
      timeoutMs: 30_000,
      hooks: { onCall: (op) => calls.push(op) },
    });
    const app = automation.forAppToken(DEMO_APP_TOKEN, standIn.url);
    const world = demoTemperatureWorld();
    // One instant for every run: the second sweep then differs from the first only by the edits,
    // not by clocks that moved on in between (in service they do, and those values change too).
    const now = new Date();
    let sweeps = 0;
    const sweep = async () => {
      sweeps += 1;
      const r = await sweepTemperatures(
        {
          db,
          tracker: app,
          source: createJiraIssueSource(),
          world,
          now: () => now,
          scope: 'bench',
          holder: `bench-${sweeps}`,
        },
        { fieldKey: FIELD },
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value.changed;
    };
    try {
      const first = await measure(calls, sweep);
      const firstBaseline = await measure(calls, () => oneWritePerIssue(app, db, world, now));

      // 1% of the issues move from Low up to Highest priority (calls made here are not counted).
      const keys: string[] = [];
      for await (const issue of automation.search(OPEN_ISSUES_JQL, {
        fields: ['priority'],
        pageSize: 100,
      })) {
        const name = (issue.fields?.priority as { name?: string } | undefined)?.name;
        if (name === 'Low' && keys.length < ISSUES * CHANGED_SHARE) keys.push(issue.key!);
      }
      for (const key of keys) {
        const r = await automation.editIssue(key, { fields: { priority: { name: 'Highest' } } });
        if (!r.ok) throw new Error(r.error.message);
      }
      const second = await measure(calls, sweep);
      const secondBaseline = await measure(calls, () => rewriteAll(app, db, world, now));

      const bound = (run: Run) =>
        `≤ ${run.searches + Math.ceil(run.changed / DEFAULT_BATCH_SIZE)} (pages + ⌈changed/batch⌉)`;
      const results: BenchResult[] = [
        withRatio({
          name: `sweep: first sweep of ${ISSUES} open issues (all ${first.changed} changed), wall`,
          value: seconds(first.wallMs),
          unit: 's',
          baseline: seconds(firstBaseline.wallMs),
          target: '< 55 s (Forge scheduled function default)',
        }),
        withRatio({
          name: 'sweep: first sweep, Jira calls',
          value: first.calls,
          unit: 'calls',
          baseline: firstBaseline.calls,
          target: bound(first),
        }),
        withRatio({
          name: 'sweep: first sweep, CPU per 1,000 issues',
          value: perThousand(first),
          unit: 'ms',
          baseline: perThousand(firstBaseline),
        }),
        withRatio({
          name: `sweep: second sweep (${second.changed} changed), wall`,
          value: seconds(second.wallMs),
          unit: 's',
          baseline: seconds(secondBaseline.wallMs),
          target: '< 55 s',
        }),
        withRatio({
          name: 'sweep: second sweep, Jira calls',
          value: second.calls,
          unit: 'calls',
          baseline: secondBaseline.calls,
          target: bound(second),
        }),
        withRatio({
          name: 'sweep: second sweep, CPU per 1,000 issues',
          value: perThousand(second),
          unit: 'ms',
          baseline: perThousand(secondBaseline),
        }),
      ];
      return results;
    } finally {
      await db.close();
      await standIn.stop();
    }
  },
};

export default suite;
