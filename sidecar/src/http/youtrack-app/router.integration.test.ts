// The YouTrack app's API over HTTP: who may call it (the signature over method, path, time and body),
// what bad input is told, and what a route click does to the tracker. The tracker is a recording
// double of the port; the browser test drives the same router against a real sidecar.
import express from 'express';
import { pino } from 'pino';
import { DEMO_SETTINGS, SettingsDocumentSchema, compileCalendars } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../../../demo/contracts.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import type { IssueSnapshot, SweptTicket, Tracker, TrackerIssue } from '../../ports.js';
import { openDb, type OpenDb } from '../../store/open.js';
import { listen, type Listening } from '../admin/testing.js';
import { errorMiddleware, notFound } from '../errors.js';
import { createYouTrackAppRouter } from './index.js';
import { signRequest } from './signature.js';

const SECRET = 'hw-desk-youtrack-app-secret-0001';
const NOW = new Date('2026-11-24T07:00:00Z');
const log = pino({ level: 'silent' });

const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
const world: AssignmentWorld = {
  settingsVersion: 1,
  settings,
  calendars: compileCalendars(settings.calendars),
  contracts: DEMO_CONTRACTS,
  engineers: settings.engineers,
  skillsByLabel: {},
};

function snapshot(key: string, project: string): IssueSnapshot {
  return {
    key,
    project,
    summary: 'Card terminals reject contactless payments',
    priority: 'medium',
    status: 'Open',
    resolved: false,
    assigneeId: null,
    labels: [],
    createdAt: new Date('2026-11-23T09:00:00Z'),
    customer: { organizationIds: [], reporterEmailDomain: 'severnybank.example' },
  };
}

/** The tracker port as a recording double: issues by id, moves and comments written down. */
function recordingTracker() {
  const moves: unknown[] = [];
  const comments: { id: string; text: unknown; internal: boolean | undefined }[] = [];
  const tracker = {
    getIssue: async (id: string) =>
      id === 'SUP-404'
        ? { ok: false, error: { status: 404, message: 'Issue not found', kind: 'permanent' } }
        : /^\d/.test(id)
          ? // By its tracker id after a move: the issue has a number in the target project.
            { ok: true, value: { id, key: 'HW-9', fields: { project: 'HW' } } }
          : {
              ok: true,
              value: { id: `2-${id.split('-')[1]}`, key: id, fields: { project: id.split('-')[0] } },
            },
    moveIssues: async (request: unknown) => {
      moves.push(request);
      return {
        ok: true,
        value: {
          taskId: 't1',
          status: 'COMPLETE',
          moved: ['2-4'],
          failed: {},
          invalidOrInaccessibleCount: 0,
        },
      };
    },
    addComment: async (id: string, text: unknown, opts?: { internal?: boolean }) => {
      comments.push({ id, text, internal: opts?.internal });
      return { ok: true, value: { id: 'c1' } };
    },
  } as unknown as Tracker;
  return { tracker, moves, comments };
}

let db: OpenDb;
let server: Listening;
const recorded = recordingTracker();
/** Read by the router on each request: emptied in place to run without a configured secret. */
const secrets: string[] = [];

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  const web = express();
  web.use(
    '/youtrack',
    createYouTrackAppRouter({
      db,
      log,
      secrets,
      world: { load: async () => world },
      tracker: recorded.tracker,
      issues: {
        openTickets: () => ({ query: '', fields: ['summary'] }),
        readTicket: (issue: TrackerIssue): SweptTicket => ({
          id: issue.id,
          snapshot: snapshot(issue.key!, String(issue.fields?.project)),
          fieldHistory: [{ type: 'created', at: '2026-11-23T09:00:00.000Z', priority: 'medium' }],
        }),
      },
      assignment: { db, now: () => NOW, notifier: undefined, siteUrl: undefined, onAssigned: () => {}, log },
      now: () => NOW,
    }),
  );
  web.use(notFound);
  web.use(errorMiddleware(log));
  server = await listen(web);
}, 60_000);
afterAll(async () => {
  await server.close();
  await db.close();
});
beforeEach(() => {
  recorded.moves.length = 0;
  recorded.comments.length = 0;
  secrets.splice(0, secrets.length, 'an-older-secret-still-listed-01', SECRET);
});

interface Call {
  method?: 'GET' | 'POST';
  body?: unknown;
  secret?: string;
  at?: number;
  /** Sign for this path but send to `path` (a signature replayed on another route). */
  signedPath?: string;
  headers?: Record<string, string>;
}

async function call(path: string, opts: Call = {}) {
  const method = opts.method ?? 'GET';
  const body = opts.body === undefined ? '' : JSON.stringify(opts.body);
  const timestamp = String(opts.at ?? NOW.getTime());
  const signature = signRequest(opts.secret ?? SECRET, method, opts.signedPath ?? path, timestamp, body);
  const res = await fetch(server.url + path, {
    method,
    headers: {
      'x-frontline-timestamp': timestamp,
      'x-frontline-signature': signature,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(body ? { body } : {}),
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; details?: unknown } } & Record<string, unknown>,
  };
}

describe('who may call /youtrack/api', () => {
  const path = '/youtrack/api/issues/SUP-4/contracts';

  it('answers a call signed with any configured secret', async () => {
    const res = await call(path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issueKey: 'SUP-4', state: 'matched', customer: { id: 'severny-bank' } });
  });

  it('refuses a call without a signature, with another secret, or signed for another route', async () => {
    const unsigned = await fetch(server.url + path);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('signature_missing');
    expect((await call(path, { secret: 'someone-elses-secret-000000' })).body.error?.code).toBe(
      'signature_invalid',
    );
    const replayed = await call(path, { signedPath: '/youtrack/api/issues/SUP-4/temperature' });
    expect([replayed.status, replayed.body.error?.code]).toEqual([401, 'signature_invalid']);
  });

  it('refuses a signature more than five minutes old or ahead, or without a usable time', async () => {
    const old = await call(path, { at: NOW.getTime() - 5 * 60_000 - 1 });
    expect([old.status, old.body.error?.code]).toEqual([401, 'timestamp_outside_window']);
    const ahead = await call(path, { at: NOW.getTime() + 5 * 60_000 + 1 });
    expect(ahead.body.error?.code).toBe('timestamp_outside_window');
    expect((await call(path, { at: NOW.getTime() - 4 * 60_000 })).status).toBe(200);
    const garbled = await call(path, { headers: { 'x-frontline-timestamp': 'yesterday' } });
    expect([garbled.status, garbled.body.error?.code]).toEqual([401, 'timestamp_invalid']);
  });

  it('refuses everything, saying why, while no secret is configured', async () => {
    secrets.length = 0;
    const res = await call(path);
    expect([res.status, res.body.error?.code]).toEqual([503, 'youtrack_app_not_configured']);
  });
});

describe('bad input', () => {
  it('names the issue id that is not one', async () => {
    const res = await call('/youtrack/api/issues/not%20an%20id/temperature');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_issue_id', details: [{ path: 'id' }] });
  });

  it('passes on the tracker’s 404 for an issue it does not have', async () => {
    const res = await call('/youtrack/api/issues/SUP-404/temperature');
    expect([res.status, res.body.error?.code]).toEqual([404, 'issue_not_found']);
  });

  it('names each missing or wrong field of an assignment, and assigns nothing', async () => {
    const res = await call('/youtrack/api/issues/SUP-4/assign', {
      method: 'POST',
      body: { actor: '', requestId: 'x', extra: true },
    });
    expect(res.status).toBe(422);
    const paths = (res.body.error?.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['accountId', 'actor', 'requestId']));
    expect(res.body.error?.code).toBe('invalid_assignment');
  });

  it('takes JSON bodies only', async () => {
    const timestamp = String(NOW.getTime());
    const text = 'presetId=database-team';
    const res = await fetch(`${server.url}/youtrack/api/issues/SUP-4/route`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-frontline-timestamp': timestamp,
        'x-frontline-signature': signRequest(
          SECRET,
          'POST',
          '/youtrack/api/issues/SUP-4/route',
          timestamp,
          text,
        ),
      },
      body: text,
    });
    expect(res.status).toBe(415);
    expect(recorded.moves).toEqual([]);
  });
});

describe('routing from YouTrack', () => {
  it('lists the presets that apply to the issue’s project: moves, and copies into YouTrack projects', async () => {
    const res = await call('/youtrack/api/issues/SUP-4/presets');
    expect(res.status).toBe(200);
    const ids = (res.body.presets as { id: string; method: string }[]).map((p) => [p.id, p.method]);
    // "Order spare parts" copies into PARTS, a Jira project here: that copy is made from Jira.
    expect(ids).toEqual([
      ['hardware-team', 'move'],
      ['database-team', 'move'],
    ]);
    const other = await call('/youtrack/api/issues/NET-7/presets');
    expect(other.body.presets).toEqual([]);
  });

  it('moves the issue to the preset’s project and leaves the preset’s notes, filled in', async () => {
    const res = await call('/youtrack/api/issues/SUP-4/route', {
      method: 'POST',
      body: { presetId: 'hardware-team', actor: 'olga.sokolova' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      issueKey: 'SUP-4',
      targetKey: 'HW-9',
      presetId: 'hardware-team',
      targetProject: 'HW',
      moved: true,
      // No channel is configured here: the team's notice is the desk story's to show.
      notices: 0,
    });
    expect(recorded.moves).toEqual([
      { targetProject: 'HW', targetIssueTypeId: 'Task', issueIdsOrKeys: ['SUP-4'] },
    ]);
    const contract = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;
    expect(recorded.comments).toEqual([
      { id: '2-4', text: 'Passed to the hardware team by olga.sokolova.', internal: true },
      {
        id: '2-4',
        text: `From first line (SUP-4), customer ${contract.customer.name}, contract ${contract.number}.`,
        internal: true,
      },
    ]);
  });

  it('refuses a preset that does not apply, naming the field, and moves nothing', async () => {
    const res = await call('/youtrack/api/issues/NET-7/route', {
      method: 'POST',
      body: { presetId: 'hardware-team', actor: 'olga.sokolova' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'preset_not_found', details: [{ path: 'presetId' }] });
    expect(recorded.moves).toEqual([]);
  });
});
