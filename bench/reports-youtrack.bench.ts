// reports-youtrack — the Service report's backfill of 20,000 YouTrack issues from the YouTrack
// stand-in, each with a history (created, answered in public, assigned, started, fixed; some
// reopened), through the sidecar's YouTrack client: issue pages of 100 with the page's custom field
// activities from `/api/activitiesPage` in cursor pages. Baseline, in the same run: the same
// backfill reading each issue's activities with its own call (`/api/issues/{id}/activities`), the
// way a per-issue reader would. Both must write the same rows; wall time and calls of each printed,
// and the reading alone timed apart from the store's writes (on localhost a call costs well under a
// millisecond, so the calls' count is what a remote YouTrack's latency multiplies).
// On the embedded store, or PostgreSQL when FRONTLINE_TEST_DATABASE_URL is set.
import { compileCalendar, DEMO_SETTINGS, SettingsDocumentSchema } from '@frontline/shared';
import type { SettingsDocument } from '@frontline/shared';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_PROJECT,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
} from '../sidecar/sandbox/youtrack/index.js';
import { createLogger } from '../sidecar/src/logger.js';
import { TrackerCallError } from '../sidecar/src/ports.js';
import type { BackfillReader } from '../sidecar/src/ports.js';
import { runBackfill, startBackfill } from '../sidecar/src/reports/backfill.js';
import type { Db } from '../sidecar/src/store/db.js';
import { openDb } from '../sidecar/src/store/open.js';
import { YouTrackClient } from '../sidecar/src/trackers/youtrack/client.js';
import {
  BACKFILL_ACTIVITY_FIELDS,
  BACKFILL_ISSUE_FIELDS,
  backfillQuery,
  backfillTicketOf,
  createYouTrackBackfillReader,
  readActivities,
} from '../sidecar/src/trackers/youtrack/history.js';
import { freshPostgresDatabase } from '../sidecar/test/stores.js';
import type { BenchResult, BenchSuite } from './lib.js';
import { timeMillis, withRatio } from './lib.js';

const ISSUES = 20_000;
const MIN = 60_000;
const HWQ = YOUTRACK_DEMO_PROJECT.shortName;
const REPORTER = { login: 'v.petrov', fullName: 'Viktor Petrov', email: 'v.petrov@mailbox.example' };

/** The naive reader: the same issue pages, then one activities call per issue. */
function perIssueReader(client: YouTrackClient): BackfillReader {
  return {
    async *pages(settings, { skip }) {
      const query = backfillQuery([HWQ]);
      for (let offset = skip; ; offset += 100) {
        const found = await client.call<Record<string, unknown>[]>({
          op: 'backfillIssues',
          method: 'GET',
          path: '/api/issues',
          query: { query, fields: BACKFILL_ISSUE_FIELDS, $top: 100, $skip: offset },
          idempotent: true,
        });
        if (!found.ok) throw new TrackerCallError(found.error);
        if (found.value.length === 0) return;
        const tickets = [];
        for (const issue of found.value) {
          const items = await client.call<unknown[]>({
            op: 'issueActivities',
            method: 'GET',
            path: `/api/issues/${String(issue.id)}/activities`,
            query: {
              categories: 'CustomFieldCategory',
              fields: BACKFILL_ACTIVITY_FIELDS.replace(/^activities\((.*)\),afterCursor,hasAfter$/, '$1'),
              $top: 1_000,
            },
            idempotent: true,
          });
          if (!items.ok) throw new TrackerCallError(items.error);
          const ticket = backfillTicketOf(issue, readActivities({ activities: items.value }), settings);
          if (ticket) tickets.push(ticket);
        }
        yield { read: found.value.length, tickets };
        if (found.value.length < 100) return;
      }
    },
  };
}

const reportsYoutrack: BenchSuite = {
  name: 'reports-youtrack',
  async run() {
    let clock = Date.parse('2026-09-01T07:00:00Z');
    const youtrack = await startYouTrackStandIn({ seed: true, now: () => clock });
    youtrack.state.addUser(REPORTER.login, REPORTER.fullName, REPORTER.email);
    const engineers = Object.values(YOUTRACK_DEMO_LOGINS);
    const seeded = await timeMillis(() => {
      // Issue by issue, its history in time order (the stand-in stamps each change with the clock).
      for (let i = 0; i < ISSUES; i++) {
        const created = Date.parse('2026-09-01T07:00:00Z') + i * 5 * MIN;
        const by = engineers[i % engineers.length]!;
        const at = (m: number) => (clock = created + m * MIN);
        at(0);
        const id = youtrack.state.createIssue({
          project: HWQ,
          summary: `Earlier ${i}`,
          reporter: REPORTER.login,
        }).id;
        if (i % 4 === 3) continue; // untouched
        at(5 + (i % 50));
        youtrack.state.addComment(id, by, 'Looking into it');
        at(60 + (i % 40));
        youtrack.state.applyCommand(`Assignee ${by}`, [id], by);
        at(120 + (i % 70));
        youtrack.state.applyCommand('State {In Progress}', [id], by);
        if (i % 4 === 2) continue; // still in progress
        at(600 + (i % 300));
        youtrack.state.applyCommand('State Fixed', [id], by);
        if (i % 4 === 1) {
          at(1_000);
          youtrack.state.applyCommand('State Open', [id], by);
          at(1_200 + (i % 100));
          youtrack.state.applyCommand('State Fixed', [id], by);
        }
      }
    });
    console.error(
      `reports-youtrack bench: ${ISSUES} issues with ${youtrack.activities.size} activity items seeded in ${Math.round(seeded)} ms`,
    );
    const settings: SettingsDocument = SettingsDocumentSchema.parse({
      ...DEMO_SETTINGS,
      trackers: YOUTRACK_DEMO_TRACKERS,
    });
    const world = {
      settingsVersion: 1,
      settings,
      calendars: Object.fromEntries(
        Object.entries(settings.calendars).map(([id, c]) => [id, compileCalendar(c)]),
      ),
      contracts: [],
      engineers: settings.engineers,
      skillsByLabel: {},
    };

    /** One backfill into a fresh store: wall time, calls by operation, and a digest of the rows. */
    async function backfillWith(reader: (client: YouTrackClient) => BackfillReader) {
      const database = process.env.FRONTLINE_TEST_DATABASE_URL
        ? await freshPostgresDatabase(process.env.FRONTLINE_TEST_DATABASE_URL, 'frontline_bench')
        : undefined;
      const db: Db = await openDb({ databaseUrl: database?.url, dataDir: 'memory://' });
      try {
        const calls = new Map<string, number>();
        const client = new YouTrackClient({
          baseUrl: youtrack.url,
          token: YOUTRACK_DEMO_TOKEN,
          logger: createLogger({ level: 'silent' }),
          onCall: (op) => calls.set(op, (calls.get(op) ?? 0) + 1),
        });
        await startBackfill(db, undefined, new Date());
        const wall = await timeMillis(() =>
          runBackfill({
            db,
            now: () => new Date(),
            tracker: undefined,
            readers: [reader(client)],
            world: { load: async () => world },
          }),
        );
        const { rows } = await db.query<{ n: string; digest: string }>(
          `SELECT count(*) AS n, md5(string_agg(concat_ws('|', issue_key, first_response_at, first_assigned_at,
                  work_started_at, resolved_at, reopened_count, engineer_id), ',' ORDER BY issue_key)) AS digest
             FROM report_tickets`,
        );
        return {
          wall,
          calls: [...calls.values()].reduce((a, b) => a + b, 0),
          byOp: Object.fromEntries(calls),
          rows: Number(rows[0]!.n),
          digest: rows[0]!.digest,
        };
      } finally {
        await db.close();
        await database?.drop();
      }
    }

    /** Only the reading (no store): how long the tracker's side takes with each reader. */
    async function readWith(reader: (client: YouTrackClient) => BackfillReader) {
      const client = new YouTrackClient({
        baseUrl: youtrack.url,
        token: YOUTRACK_DEMO_TOKEN,
        logger: createLogger({ level: 'silent' }),
      });
      let read = 0;
      const wall = await timeMillis(async () => {
        for await (const page of reader(client).pages(settings, { skip: 0 })) read += page.tickets.length;
      });
      if (read !== ISSUES) throw new Error(`read ${read} of ${ISSUES} issues`);
      return wall;
    }

    try {
      const naiveRead = await readWith(perIssueReader);
      const pagedRead = await readWith((client) => createYouTrackBackfillReader({ client }));
      console.error(
        `reports-youtrack bench: reading alone: per-issue ${Math.round(naiveRead)} ms, paged ${Math.round(pagedRead)} ms`,
      );
      // The baseline first: whatever warming up the process gets, the baseline gets it too.
      const naive = await backfillWith(perIssueReader);
      const paged = await backfillWith((client) => createYouTrackBackfillReader({ client }));
      for (const [name, r] of [
        ['per-issue activities (baseline)', naive],
        ['activities paged across issues', paged],
      ] as const)
        console.error(
          `reports-youtrack bench: ${name}: ${r.rows} rows in ${Math.round(r.wall)} ms; ${r.calls} calls ${JSON.stringify(r.byOp)}`,
        );
      if (naive.rows !== ISSUES || paged.rows !== ISSUES || naive.digest !== paged.digest)
        throw new Error(
          `the two backfills disagree: ${naive.rows} rows (${naive.digest}) vs ${paged.rows} rows (${paged.digest})`,
        );
      const results: BenchResult[] = [
        withRatio({
          name: `backfill of ${ISSUES.toLocaleString('en')} YouTrack issues from the stand-in: wall time`,
          value: Math.round(paged.wall),
          unit: 'ms',
          baseline: Math.round(naive.wall),
        }),
        withRatio({
          name: `reading ${ISSUES.toLocaleString('en')} YouTrack issues with their history: wall time`,
          value: Math.round(pagedRead),
          unit: 'ms',
          baseline: Math.round(naiveRead),
        }),
        withRatio({
          name: `backfill of ${ISSUES.toLocaleString('en')} YouTrack issues: YouTrack calls`,
          value: paged.calls,
          unit: 'calls',
          baseline: naive.calls,
          target: `≈ ${Math.ceil(ISSUES / 100)} issue pages + activity pages, none per issue`,
        }),
      ];
      return results;
    } finally {
      await youtrack.close();
    }
  },
};

export default reportsYoutrack;
