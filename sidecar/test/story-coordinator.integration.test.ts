// Story: Elena Popova, the coordinator, works the Suggested assignees panel through the running
// sidecar's Forge API (real FIT signatures, the Jira stand-in). The ranking is made when she asks —
// an engineer who goes on a business trip drops out on the next Refresh — and exists for a ticket
// that is already assigned, so she can reassign. Her assignment is made with her own Forge user
// token, so Jira names her as the one who changed the assignee; without her token the sidecar acts
// as the app and says so. Either way the sidecar records who, when and the rank. At night the panel
// is not empty: the engineer on duty now comes first, the others follow marked with when they are
// back, and those absent (sick, on a trip, a day off) stay left out with their reason.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BusinessCalendarSchema,
  compileCalendar,
  DEMO_ACCOUNTS,
  demoMoscowCalendar,
  localDateTime,
  nextWorkingInstant,
  zonedInstant,
} from '@frontline/shared';
import type { SettingsDocumentInput } from '@frontline/shared';
import {
  DEMO_AUTOMATION_USER,
  DEMO_CREDENTIALS,
  DEMO_CUSTOMERS,
  DEMO_STAFF,
  startJiraStandIn,
} from '../sandbox/index.js';
import type { JiraStandIn } from '../sandbox/index.js';
import { startSidecar } from '../src/compose.js';
import type { RunningSidecar } from '../src/compose.js';
import { decisionsFor } from '../src/assignment/repository.js';
import { assignmentTestSettings } from '../src/assignment/testing.js';
import { startTestJwks, TEST_APP_ID } from '../src/http/forge/testing.js';
import type { TestJwks } from '../src/http/forge/testing.js';
import { createSettingsService } from '../src/settings/service.js';
import { silentLogger, testConfig } from './sidecar.js';
import { freshStore } from './stores.js';
import type { StoreUnderTest } from './stores.js';
import { TEST_SECRETS, waitFor } from './webhook-client.js';
import { trackedIssue } from '../src/assignment/repository.js';

const ELENA = DEMO_STAFF.find((s) => s.role === 'coordinator')!;
const SERGEY = '712020:6c1f3b2e-0008-4a1e-9d01-northwind0008';
const ELENA_TOKEN = 'forge-user-token-elena';

interface Candidate {
  rank: number;
  accountId: string;
  name: string;
  onDuty: boolean;
  offUntil?: string;
  reasons: { code: string; en: string; ru: string }[];
}
interface Suggestions {
  rankedAt: string;
  trigger: string;
  assigneeAccountId: string | null;
  offHours: boolean;
  candidates: Candidate[];
  excluded: { accountId: string; reasons: { code: string; en: string; ru: string }[] }[];
}

const MOSCOW = 'Europe/Moscow';

/**
 * 02:00 in Moscow on the first night after `from` that ends in an ordinary working morning of the
 * desk (its calendar opens at 09:00 that day): the story's night, and that morning.
 */
function nightBeforeWorkingMorning(from: Date): { night: Date; morning: Date } {
  const desk = compileCalendar(BusinessCalendarSchema.parse(demoMoscowCalendar));
  for (let day = 1; day <= 14; day++) {
    const date = localDateTime(MOSCOW, new Date(from.getTime() + day * 86_400_000)).date;
    const night = zonedInstant(MOSCOW, date, '02:00');
    const morning = zonedInstant(MOSCOW, date, '09:00');
    if (nextWorkingInstant(desk, night)?.getTime() === morning.getTime()) return { night, morning };
  }
  throw new Error('no working morning within two weeks');
}

/** The desk at night: SUP only suggests, everyone works the desk's hours, Dmitry is on duty, Olga is sick. */
function nightSettings(night: Date, morning: Date): SettingsDocumentInput {
  const base = assignmentTestSettings();
  return {
    ...base,
    engineers: (base.engineers ?? []).map((e) => ({
      ...e,
      calendar: 'moscow-5x2',
      absences:
        e.accountId === DEMO_ACCOUNTS.olga
          ? [
              {
                kind: 'sick' as const,
                from: new Date(night.getTime() - 86_400_000).toISOString(),
                to: new Date(morning.getTime() + 2 * 86_400_000).toISOString(),
              },
            ]
          : [],
    })),
    assignment: [{ project: 'SUP', mode: 'suggest', deskCalendar: 'moscow-5x2' }],
    dutyRota: {
      timeZone: MOSCOW,
      weekly: [],
      shifts: [
        {
          accountId: DEMO_ACCOUNTS.dmitry,
          from: new Date(night.getTime() - 8 * 3_600_000).toISOString(),
          to: morning.toISOString(),
        },
      ],
    },
  };
}

describe('Story: the coordinator assigns from Suggested assignees', () => {
  let store: StoreUnderTest;
  let standIn: JiraStandIn;
  let sidecar: RunningSidecar;
  let jwks: TestJwks;
  let hook: Server;
  /** The sidecar's clock, pinned by a story that needs a particular time (else the host's). */
  let pinnedNow: Date | undefined;
  /** What Jira announced about assignee changes: who changed it, and to whom. */
  const assigneeChanges: { actor: string; to: string }[] = [];

  beforeAll(async () => {
    store = await freshStore('pglite');
    jwks = await startTestJwks();
    await jwks.addKey('forge-1');
    standIn = await startJiraStandIn({ seed: false, userTokens: { [ELENA_TOKEN]: ELENA.accountId } });
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as {
          user?: { accountId?: string };
          changelog?: { items?: { field: string; to: string | null }[] };
        };
        for (const item of event.changelog?.items ?? [])
          if (item.field === 'assignee')
            assigneeChanges.push({ actor: event.user?.accountId ?? '', to: item.to ?? '' });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    standIn.registerWebhook({
      url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`,
      secret: 'story-hook-secret',
    });
    sidecar = await startSidecar({
      config: testConfig(store, {
        jira: { baseUrl: standIn.url, email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
        forge: { appId: TEST_APP_ID, jwksUrl: jwks.url },
        secretKey: 'story-coordinator-secret-key-0123456789',
      }),
      log: silentLogger(),
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      routers: true,
      now: () => pinnedNow ?? new Date(),
    });
    const written = await createSettingsService(sidecar.db).replace(assignmentTestSettings(), {
      actor: 'test',
      source: 'file',
    });
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    standIn.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret: TEST_SECRETS[0]! });
  }, 60_000);

  afterAll(async () => {
    await sidecar?.stop();
    await standIn?.close();
    await jwks?.close();
    await new Promise<void>((resolve) => hook?.close(() => resolve()));
    await store?.dispose();
  }, 30_000);

  /** A Forge call from the panel: a FIT naming `principal`, and the person's token when Forge sends it. */
  async function forge(path: string, init: { principal: string; userToken?: string; body?: unknown }) {
    const fit = await jwks.sign('forge-1', {
      principal: init.principal,
      app: {
        id: TEST_APP_ID,
        installationId: 'ari:cloud:ecosystem::installation/story-coordinator',
        apiBaseUrl: standIn.url,
      },
    });
    const res = await fetch(`${sidecar.url}/forge/api${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${fit}`,
        'content-type': 'application/json',
        ...(init.userToken ? { 'x-forge-oauth-user': init.userToken } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('ranks on Refresh with current absences, assigns as Elena, and reassigns as the app saying so', async () => {
    const issue = standIn.state.createIssue({
      projectKey: 'DB',
      issueTypeId: '10003',
      summary: 'Oracle listener refuses connections',
      reporterId: DEMO_CUSTOMERS.find((c) => c.key === 'polar-frost')!.contacts[0]!.accountId,
      priorityId: '2',
      labels: ['oracle'],
    });
    await waitFor(async () => (await trackedIssue(sidecar.db, issue.key)) !== undefined, 20_000, 'intake');

    const first = await forge(`/issues/${issue.key}/suggestions`, { principal: ELENA.accountId });
    expect(first.status).toBe(200);
    const before = first.body as unknown as Suggestions;
    expect(before.trigger).toBe('onDemand');
    expect(before.assigneeAccountId).toBeNull();
    const top = before.candidates[0]!;

    // The top engineer leaves on a business trip; Refresh ranks again and leaves them out.
    const settings = createSettingsService(sidecar.db);
    const live = await settings.live();
    const doc = live.settings as { engineers: { accountId: string; absences: unknown[] }[] };
    const engineers = doc.engineers.map((e) =>
      e.accountId === top.accountId
        ? {
            ...e,
            absences: [
              { kind: 'trip', from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z', note: 'Novosibirsk' },
            ],
          }
        : e,
    );
    const saved = await settings.replaceSection('engineers', engineers, { actor: 'test', source: 'file' });
    expect(saved.ok).toBe(true);
    const refreshed = (await forge(`/issues/${issue.key}/suggestions`, { principal: ELENA.accountId }))
      .body as unknown as Suggestions;
    expect(refreshed.candidates.map((c) => c.accountId)).not.toContain(top.accountId);
    expect(refreshed.excluded.find((e) => e.accountId === top.accountId)?.reasons[0]?.en).toMatch(/trip/i);
    expect(Date.parse(refreshed.rankedAt)).toBeGreaterThan(Date.parse(before.rankedAt));

    // Elena assigns the new second choice with her own token: Jira names her as the actor.
    const pick = refreshed.candidates[1] ?? refreshed.candidates[0]!;
    const assigned = await forge(`/issues/${issue.key}/assign`, {
      principal: ELENA.accountId,
      userToken: ELENA_TOKEN,
      body: { accountId: pick.accountId },
    });
    expect(assigned).toMatchObject({
      status: 200,
      body: { actingAs: 'person', suggestedRank: pick.rank },
    });
    expect(standIn.state.issue(issue.key)!.assigneeId).toBe(pick.accountId);
    await waitFor(async () => assigneeChanges.length === 1, 10_000, 'Jira to announce the assignment');
    expect(assigneeChanges[0]).toEqual({ actor: ELENA.accountId, to: pick.accountId });

    // The trip is called off. The ticket is assigned, and the panel still ranks — to reassign.
    const back = await settings.replaceSection('engineers', doc.engineers, { actor: 'test', source: 'file' });
    expect(back.ok).toBe(true);
    const again = (await forge(`/issues/${issue.key}/suggestions`, { principal: SERGEY }))
      .body as unknown as Suggestions;
    expect(again.assigneeAccountId).toBe(pick.accountId);
    const other = again.candidates.find((c) => c.accountId === top.accountId)!;
    expect(other.rank).toBe(1);
    // Sergey's token never reached the sidecar: it acts as the app and says so.
    const reassigned = await forge(`/issues/${issue.key}/assign`, {
      principal: SERGEY,
      body: { accountId: other.accountId },
    });
    expect(reassigned).toMatchObject({ status: 200, body: { actingAs: 'app', suggestedRank: other.rank } });
    await waitFor(async () => assigneeChanges.length === 2, 10_000, 'Jira to announce the reassignment');
    // No app token came with these calls either, so the sidecar's own Jira account made the change.
    expect(assigneeChanges[1]).toEqual({ actor: DEMO_AUTOMATION_USER.accountId, to: other.accountId });

    const records = await decisionsFor(sidecar.db, issue.key);
    expect(records.map((r) => ({ actor: r.actor, via: r.via, rank: r.suggestedRank }))).toEqual(
      expect.arrayContaining([
        { actor: ELENA.accountId, via: 'forge', rank: pick.rank },
        { actor: SERGEY, via: 'forge', rank: other.rank },
      ]),
    );
  }, 60_000);
  it('at night lists the engineer on duty first and the others with when they are back; the absent stay out with their reason', async () => {
    const { night, morning } = nightBeforeWorkingMorning(new Date());
    pinnedNow = night;
    try {
      const written = await createSettingsService(sidecar.db).replace(nightSettings(night, morning), {
        actor: 'test',
        source: 'file',
      });
      expect(written.ok).toBe(true);
      const issue = standIn.state.createIssue({
        projectKey: 'SUP',
        issueTypeId: '10003',
        summary: 'Nightly exchange with the warehouse stopped',
        reporterId: DEMO_CUSTOMERS.find((c) => c.key === 'polar-frost')!.contacts[0]!.accountId,
        priorityId: '3',
      });
      await waitFor(async () => (await trackedIssue(sidecar.db, issue.key)) !== undefined, 20_000, 'intake');

      const got = await forge(`/issues/${issue.key}/suggestions`, { principal: ELENA.accountId });
      expect(got.status).toBe(200);
      const view = got.body as unknown as Suggestions;
      expect(view.offHours).toBe(true);

      // Dmitry is on duty now: first, marked so.
      const [first, ...others] = view.candidates;
      expect(first).toMatchObject({ accountId: DEMO_ACCOUNTS.dmitry, rank: 1, onDuty: true });
      expect(first!.offUntil).toBeUndefined();
      expect(first!.reasons.map((r) => r.code)).toContain('onDuty');

      // Everyone else of the team who is merely off now is still suggested, back at 09:00.
      expect(others.map((c) => c.accountId).sort()).toEqual(
        [DEMO_ACCOUNTS.alexei, DEMO_ACCOUNTS.irina, DEMO_ACCOUNTS.pavel, DEMO_ACCOUNTS.sergey].sort(),
      );
      for (const c of others) {
        expect(c.onDuty).toBe(false);
        expect(c.offUntil).toBe(morning.toISOString());
        expect(c.reasons).toContainEqual({
          code: 'offNow',
          params: { until: morning.toISOString() },
          en: 'Off now — back at 09:00',
          ru: 'Сейчас не на смене — вернётся в 09:00',
        });
      }

      // Olga is sick: left out, saying why, in both languages.
      const olga = view.excluded.find((e) => e.accountId === DEMO_ACCOUNTS.olga);
      expect(olga?.reasons[0]).toMatchObject({ code: 'absent' });
      expect(olga?.reasons[0]?.en).toMatch(/sick leave/);
      expect(olga?.reasons[0]?.ru).toMatch(/больничный/);
      expect(view.candidates.map((c) => c.accountId)).not.toContain(DEMO_ACCOUNTS.olga);
    } finally {
      pinnedNow = undefined;
    }
  }, 60_000);
});
