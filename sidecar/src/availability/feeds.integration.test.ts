// Calendar feeds named per engineer in the settings (URL by secret reference) and, deprecated, in
// FRONTLINE_CALENDAR_FEEDS: recurring events spelled out, a failing feed keeping the absences read
// before with its error shown on My availability, and the feed address never in that error.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_SETTINGS } from '@frontline/shared';
import { createWorldLoader, feedAbsences } from '../assignment/world.js';
import { createSettingsService } from '../settings/service.js';
import { openDb, type OpenDb } from '../store/open.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { configuredFeeds, feedLinkContext, linkedFeeds, refreshAvailabilityFeeds } from './feeds.js';
import { saveFeedLink } from './repository.js';
import { createAvailabilityService } from './service.js';

const log = { info: () => {}, warn: () => {} };
const OLGA = DEMO_ACCOUNTS.olga;
const PAVEL = DEMO_ACCOUNTS.pavel;
// Tuesday 8 December 2026.
const now = () => new Date('2026-12-08T07:00:00Z');

const WEEKLY_TRAINING = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Northwind//Absences//EN
BEGIN:VEVENT
UID:oracle-course
DTSTART:20261202T110000Z
DTEND:20261202T140000Z
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Oracle 23ai course
END:VEVENT
END:VCALENDAR
`;
const TRIP = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Northwind//Absences//EN
BEGIN:VEVENT
UID:kazan-trip
DTSTART;VALUE=DATE:20261214
DTEND;VALUE=DATE:20261216
SUMMARY:Business trip to Kazan
END:VEVENT
END:VCALENDAR
`;

let db: OpenDb;
let server: Server;
let feedUrl: string;
let answer: { status: number; body: string };
let dir: string;

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  const written = await createSettingsService(db).replace(
    {
      ...DEMO_SETTINGS,
      availability: { feeds: [{ accountId: OLGA, url: { secretRef: 'OLGA_CALENDAR_FEED' } }] },
    },
    { actor: 'test', source: 'file' },
  );
  if (!written.ok) throw new Error(JSON.stringify(written.error));
  server = createServer((_req, res) =>
    res.writeHead(answer.status, { 'content-type': 'text/calendar' }).end(answer.body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/calendars/olga-secret-4f9a/basic.ics`;
  dir = mkdtempSync(join(tmpdir(), 'frontline-feeds-'));
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('availability feeds', () => {
  it('takes the settings’ feed for an engineer over the deprecated environment entry, and the environment’s for the others', () => {
    const settings = {
      feeds: [{ accountId: OLGA, url: { secretRef: 'OLGA_FEED' } }],
      coordinators: [],
      reminder: { enabled: true, localTime: '09:00', catchUpMinutes: 240 },
    };
    const picked = configuredFeeds(
      settings,
      [
        { accountId: OLGA, source: '/old/olga.ics' },
        { accountId: PAVEL, source: '/old/pavel.ics' },
      ],
      (name) => (name === 'OLGA_FEED' ? 'https://outlook.example/olga.ics' : undefined),
    );
    expect(picked.feeds).toEqual([
      {
        accountId: OLGA,
        source: 'https://outlook.example/olga.ics',
        origin: 'settings',
        secretRef: 'OLGA_FEED',
      },
      { accountId: PAVEL, source: '/old/pavel.ics', origin: 'environment' },
    ]);
    expect(configuredFeeds(settings, [], () => undefined).unresolved).toEqual([
      { accountId: OLGA, secretRef: 'OLGA_FEED' },
    ]);
  });

  it('spells a weekly course out, keeps it when the feed later fails, and shows the error without the address', async () => {
    const world = createWorldLoader(db);
    const availability = createAvailabilityService({ db, now, world });
    const pavelFile = join(dir, 'pavel.ics');
    writeFileSync(pavelFile, TRIP);
    answer = { status: 200, body: WEEKLY_TRAINING };
    const deps = {
      db,
      now,
      log,
      settings: (await world.load()).settings.availability,
      environmentFeeds: [{ accountId: PAVEL, source: pavelFile }],
      resolveSecret: (name: string) => (name === 'OLGA_CALENDAR_FEED' ? feedUrl : undefined),
    };
    expect(await refreshAvailabilityFeeds(deps)).toEqual({ refreshed: 2, failed: 0 });
    const read = await feedAbsences(db);
    // The occurrences still ahead of the refresh window's start, one per week.
    expect(read.get(OLGA)!.map((a) => a.from)).toEqual([
      '2026-12-09T11:00:00.000Z',
      '2026-12-16T11:00:00.000Z',
      '2026-12-23T11:00:00.000Z',
    ]);
    expect(read.get(OLGA)![0]).toMatchObject({ kind: 'training', note: 'Oracle 23ai course' });
    expect(read.get(PAVEL)).toEqual([
      { kind: 'trip', from: '2026-12-14', to: '2026-12-15', note: 'Business trip to Kazan' },
    ]);
    const ok = await availability.mine(OLGA, {});
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value.feed).toMatchObject({ source: 'settings', absences: 3, error: null });
    expect(ok.value.elsewhere.filter((a) => a.source === 'feed').map((a) => a.from)).toContain(
      '2026-12-09T14:00',
    );

    answer = { status: 503, body: 'maintenance' };
    expect(await refreshAvailabilityFeeds(deps)).toEqual({ refreshed: 1, failed: 1 });
    expect((await feedAbsences(db)).get(OLGA)).toHaveLength(3);
    const failed = await availability.mine(OLGA, {});
    if (!failed.ok) throw new Error(failed.error.message);
    expect(failed.value.feed).toMatchObject({ absences: 3, error: 'the calendar server answered 503' });
    expect(failed.value.feed!.lastReadAt).not.toBeNull();

    // A secret that is not set is an error too, named by the secret — the address stays unknown.
    const unset = await refreshAvailabilityFeeds({ ...deps, resolveSecret: () => undefined });
    expect(unset.failed).toBe(1);
    const missing = await availability.mine(OLGA, {});
    if (!missing.ok) throw new Error(missing.error.message);
    expect(missing.value.feed!.error).toBe(
      'Secret OLGA_CALENDAR_FEED (the feed address) is not set on the sidecar',
    );
    expect(JSON.stringify(missing.value)).not.toContain('olga-secret-4f9a');
  }, 60_000);

  it('reads a calendar an engineer linked, opened only with the sidecar’s key and for that engineer', async () => {
    const box = createSecretBox('availability-feeds-secret-key-0123456789');
    const dmitry = DEMO_ACCOUNTS.dmitry;
    await saveFeedLink(db, {
      accountId: dmitry,
      sealedUrl: box.seal(feedUrl, feedLinkContext(dmitry)),
      actor: dmitry,
      now: now(),
    });
    // A sealed address moved to another engineer's row does not open.
    await saveFeedLink(db, {
      accountId: PAVEL,
      sealedUrl: box.seal(feedUrl, feedLinkContext(dmitry)),
      actor: PAVEL,
      now: now(),
    });
    const linked = await linkedFeeds(db, box);
    expect(linked).toEqual([{ accountId: dmitry, source: feedUrl }]);
    expect(await linkedFeeds(db, createSecretBox('another-key-entirely-0123456789abcdef'))).toEqual([]);
    answer = { status: 200, body: WEEKLY_TRAINING };
    const world = createWorldLoader(db);
    const outcome = await refreshAvailabilityFeeds({
      db,
      now,
      log,
      settings: (await world.load()).settings.availability,
      environmentFeeds: [],
      resolveSecret: () => undefined,
      linked,
    });
    expect(outcome.refreshed).toBe(1);
    expect((await feedAbsences(db)).get(dmitry)).toHaveLength(3);
    const status = await createAvailabilityService({ db, now, world }).mine(dmitry, {});
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.feed).toMatchObject({ source: 'linked', absences: 3, error: null });
  }, 60_000);
});
