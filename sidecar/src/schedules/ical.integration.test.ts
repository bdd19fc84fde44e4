// Calendar feeds end to end: an engineer's .ics file and another's feed served over HTTP on
// loopback are read into the store, the assignment world shows the absences, the ranking excludes
// the engineer who is away, and a feed that cannot be read keeps what was read before.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_AVAILABILITY_SETTINGS,
  DEMO_ACCOUNTS,
  DEMO_SETTINGS,
  rankEngineers,
} from '@frontline/shared';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { createSettingsService } from '../settings/service.js';
import { createWorldLoader } from '../assignment/world.js';
import { refreshAvailabilityFeeds } from '../availability/feeds.js';
import type { CalendarFeed } from './ical.js';

const ics = (uid: string, start: string, end: string, summary: string) => `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Northwind//Absences//EN
BEGIN:VEVENT
UID:${uid}
DTSTART;VALUE=DATE:${start}
DTEND;VALUE=DATE:${end}
SUMMARY:${summary}
END:VEVENT
END:VCALENDAR
`;

describe('calendar feeds into the assignment world (PGlite)', () => {
  let db: OpenDb;
  let dir: string;
  let server: Server;
  let feedUrl: string;
  let serveFeed = true;
  const quiet = { info: () => {}, warn: () => {} };
  // The production refresh, with the feeds given as the (deprecated) environment list.
  const refresh = (now: () => Date, feeds: readonly CalendarFeed[]) =>
    refreshAvailabilityFeeds({
      db,
      now,
      log: quiet,
      settings: DEFAULT_AVAILABILITY_SETTINGS,
      environmentFeeds: feeds,
      resolveSecret: () => undefined,
    });

  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    const written = await createSettingsService(db).replace(DEMO_SETTINGS, { actor: 'test', source: 'file' });
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    dir = mkdtempSync(join(tmpdir(), 'frontline-feeds-'));
    writeFileSync(join(dir, 'olga.ics'), ics('olga-1', '20261124', '20261126', 'Day off'));
    server = createServer((_req, res) => {
      if (!serveFeed) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(ics('pavel-1', '20261124', '20261125', 'Командировка'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pavel.ics`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  it('reads a file and a URL, and the ranking excludes the absent engineers', async () => {
    const feeds = [
      { accountId: DEMO_ACCOUNTS.olga, source: join(dir, 'olga.ics') },
      { accountId: DEMO_ACCOUNTS.pavel, source: feedUrl },
    ];
    const now = () => new Date('2026-11-24T12:00:00+03:00');
    expect(await refresh(now, feeds)).toEqual({ refreshed: 2, failed: 0 });
    const world = await createWorldLoader(db).load();
    const olga = world.engineers.find((e) => e.accountId === DEMO_ACCOUNTS.olga)!;
    expect(olga.absences).toContainEqual({
      kind: 'dayOff',
      from: '2026-11-24',
      to: '2026-11-25',
      note: 'Day off',
    });
    const policy = world.settings.assignment[0]!;
    const ranking = rankEngineers({
      engineers: world.engineers,
      ticket: { requiredSkills: [{ skill: 'PostgreSQL' }], project: 'SUP', priority: 'high' },
      loads: {},
      dutyRota: null,
      now: now(),
      policy,
      calendars: world.calendars,
    });
    const absent = ranking.excluded
      .filter((e) => e.reasons.some((r) => r.code === 'absent'))
      .map((e) => e.accountId)
      .sort();
    expect(absent).toEqual([DEMO_ACCOUNTS.olga, DEMO_ACCOUNTS.pavel].sort());

    // A recurring day off counts on each of its days, not only the first.
    writeFileSync(
      join(dir, 'olga.ics'),
      ics('olga-2', '20261127', '20261128', 'Day off').replace(
        'SUMMARY:',
        'RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=3\nSUMMARY:',
      ),
    );
    expect(await refresh(now, feeds)).toEqual({ refreshed: 2, failed: 0 });
    const fridays = (await createWorldLoader(db).load()).engineers.find(
      (e) => e.accountId === DEMO_ACCOUNTS.olga,
    )!.absences;
    const days = fridays.map((a) => a.from);
    expect(days).toEqual(expect.arrayContaining(['2026-11-27', '2026-12-04', '2026-12-11']));
    expect(days).not.toContain('2026-11-24'); // the feed's earlier event is gone with it

    // The HTTP feed goes down: Pavel's trip stays known.
    serveFeed = false;
    expect(await refresh(now, feeds)).toEqual({ refreshed: 1, failed: 1 });
    const again = await createWorldLoader(db).load();
    expect(again.engineers.find((e) => e.accountId === DEMO_ACCOUNTS.pavel)!.absences).toContainEqual(
      expect.objectContaining({ kind: 'trip', from: '2026-11-24', to: '2026-11-24' }),
    );
  }, 30_000);
});
