// Decision latency per "issue created" event with 500 engineers and 20,000 open issues in the store
// (embedded PGlite): SLA facts appended, history read, loads aggregated in SQL, contract matched,
// temperature taken, 500 engineers ranked, policy applied, snapshot and ranking written — one
// transaction, as intake.process runs it (target: p99 < 20 ms). The baseline is the same decision
// with loads computed the naive way: every open assigned issue read into the process and summed.
import {
  DEMO_SETTINGS,
  SettingsDocumentSchema,
  compileCalendars,
  weightedLoads,
  type EngineerInput,
  type SettingsDocumentInput,
} from '@frontline/shared';
import { openDb } from '../sidecar/src/store/open.js';
import type { OpenDb } from '../sidecar/src/store/open.js';
import { DEMO_CONTRACTS } from '../sidecar/demo/contracts.js';
import { DEFAULT_SKILLS_BY_LABEL } from '../sidecar/src/assignment/world.js';
import type { AssignmentWorld } from '../sidecar/src/assignment/plan.js';
import { planAssignment } from '../sidecar/src/assignment/plan.js';
import type { IssueEvent } from '../sidecar/src/assignment/issue-facts.js';
import { slaFactsOf } from '../sidecar/src/assignment/issue-facts.js';
import { trackIssueEvent } from '../sidecar/src/assignment/track.js';
import {
  appendHistory,
  insertRanking,
  loadHistory,
  upsertSnapshot,
} from '../sidecar/src/assignment/repository.js';
import { percentile, withRatio, type BenchSuite } from './lib.js';

const ENGINEERS = 500;
const OPEN_ISSUES = 20_000;
const EVENTS = 300;
const SKILLS = ['storage arrays', 'x86 servers', 'PostgreSQL', 'Oracle', '1C', 'integration bus'];
const LABELS = Object.keys(DEFAULT_SKILLS_BY_LABEL);

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function settings(random: () => number): SettingsDocumentInput {
  const demo = DEMO_SETTINGS.engineers ?? [];
  const extra: EngineerInput[] = Array.from({ length: ENGINEERS - demo.length }, (_, i) => ({
    accountId: `bench-engineer-${i}`,
    name: `Engineer ${i}`,
    timeZone: 'Europe/Moscow',
    calendar: random() < 0.7 ? 'moscow-24x7' : 'moscow-5x2',
    skills: SKILLS.filter(() => random() < 0.35).map((skill) => ({
      skill,
      level: 1 + Math.floor(random() * 5),
    })),
    teams: ['SUP'],
    maxLoad: 20 + Math.floor(random() * 30),
    languages: random() < 0.8 ? ['ru'] : ['ru', 'en'],
  }));
  return {
    ...DEMO_SETTINGS,
    engineers: [...demo, ...extra],
    assignment: [{ project: 'SUP', mode: 'suggest', deskCalendar: 'moscow-5x2' }],
  };
}

async function fillIssues(db: OpenDb, accountIds: string[], random: () => number): Promise<void> {
  const priorities = ['highest', 'high', 'medium', 'low', 'lowest'];
  const at = new Date('2026-11-20T09:00:00+03:00');
  const rows = Array.from({ length: OPEN_ISSUES }, (_, i) => ({
    key: `OLD-${i + 1}`,
    priority: priorities[Math.floor(random() * priorities.length)]!,
    assignee: random() < 0.85 ? accountIds[Math.floor(random() * accountIds.length)]! : null,
  }));
  for (let start = 0; start < rows.length; start += 2000) {
    const chunk = rows.slice(start, start + 2000);
    await db.query(
      `INSERT INTO tracked_issues (issue_key, project, summary, priority, assignee_id, created_at,
          last_public_update_at, fact_at, updated_at)
       SELECT k, 'SUP', 'Earlier ticket', p, a, $4, $4, $4, $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, p, a)`,
      [chunk.map((r) => r.key), chunk.map((r) => r.priority), chunk.map((r) => r.assignee), at],
    );
  }
}

function createdEvent(n: number, random: () => number, now: Date): IssueEvent {
  const orgs = ['1', '2', '3'];
  return {
    snapshot: {
      key: `SUP-${100_000 + n}`,
      project: 'SUP',
      summary: 'Benchmark ticket',
      priority: (['highest', 'high', 'medium', 'low'] as const)[Math.floor(random() * 4)]!,
      status: 'Open',
      resolved: false,
      assigneeId: null,
      labels: [LABELS[Math.floor(random() * LABELS.length)]!],
      requestType: 'Incident',
      createdAt: now,
      customer: { organizationIds: [orgs[n % 3]!] },
    },
    changes: [],
    at: now,
  };
}

/** The same decision with loads read row by row into the process (the naive way). */
async function naiveDecision(
  db: OpenDb,
  world: AssignmentWorld,
  eventId: string,
  event: IssueEvent,
  now: Date,
) {
  await db.transaction(async (tx) => {
    const s = event.snapshot;
    await appendHistory(tx, s.key, eventId, slaFactsOf('created', event));
    const history = await loadHistory(tx, [s.key]);
    const policy = world.settings.assignment[0]!;
    const open = await tx.query<{ assignee_id: string | null; priority: 'medium' }>(
      'SELECT assignee_id, priority FROM tracked_issues WHERE NOT resolved',
    );
    const loads = weightedLoads(
      open.rows.map((r) => ({ assigneeAccountId: r.assignee_id, priority: r.priority })),
      policy.loadWeights,
    );
    const plan = planAssignment({ world, snapshot: s, history, loads, now });
    await upsertSnapshot(tx, s, { temperature: plan.temperature.score, lastPublicUpdateAt: now }, now, now);
    await insertRanking(
      tx,
      {
        issueKey: s.key,
        triggerEvent: eventId,
        triggerKind: 'created',
        ranking: plan.ranking!,
        decision: plan.decision!,
        commentText: null,
      },
      now,
    );
  });
}

const suite: BenchSuite = {
  name: 'assignment-decision',
  async run() {
    const random = lcg(20261122);
    const db = await openDb({ dataDir: 'memory://' });
    try {
      const document = SettingsDocumentSchema.parse(settings(random));
      const world: AssignmentWorld = {
        settingsVersion: 1,
        settings: document,
        calendars: compileCalendars(document.calendars),
        contracts: DEMO_CONTRACTS,
        engineers: document.engineers,
        skillsByLabel: DEFAULT_SKILLS_BY_LABEL,
      };
      await fillIssues(
        db,
        document.engineers.map((e) => e.accountId),
        random,
      );
      const now = new Date('2026-11-23T11:00:00+03:00');
      let issued = 0;
      const measure = async (decide: (eventId: string, event: IssueEvent) => Promise<unknown>) => {
        const times: number[] = [];
        for (let i = 0; i < EVENTS + 20; i++) {
          const event = createdEvent((issued += 1), random, now);
          const eventId = crypto.randomUUID();
          const t0 = process.hrtime.bigint();
          await decide(eventId, event);
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (i >= 20) times.push(ms); // the first runs warm up the JIT and the store's caches
        }
        return times;
      };
      const baseline = await measure((id, event) => naiveDecision(db, world, id, event, now));
      const measured = await measure((id, event) =>
        db.transaction((tx) => trackIssueEvent(tx, { eventId: id, kind: 'created', event, world, now })),
      );
      const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });
      const m = stats(measured);
      const b = stats(baseline);
      return [
        withRatio({
          name: `decision per event p50 (${ENGINEERS} engineers, ${OPEN_ISSUES} open issues, PGlite)`,
          value: m.p50,
          unit: 'ms',
          baseline: b.p50,
        }),
        withRatio({
          name: `decision per event p99 (${ENGINEERS} engineers, ${OPEN_ISSUES} open issues, PGlite)`,
          value: m.p99,
          unit: 'ms',
          baseline: b.p99,
          target: '< 20 ms',
        }),
      ];
    } finally {
      await db.close();
    }
  },
};

export default suite;
