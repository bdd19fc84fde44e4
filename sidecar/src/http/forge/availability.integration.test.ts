// The availability routes behind a real FIT check: who may change whose entries, refusals that name
// the field (nothing half-written), and the assignment world seeing an entry the moment it is saved.
import express from 'express';
import { pino } from 'pino';
import { DEMO_ACCOUNTS, DEMO_SETTINGS } from '@frontline/shared';
import { createWorldLoader } from '../../assignment/world.js';
import { createAvailabilityService } from '../../availability/service.js';
import { createSecretBox } from '../../secrets/secret-box.js';
import { createSettingsService } from '../../settings/service.js';
import { openDb, type OpenDb } from '../../store/open.js';
import { errorMiddleware, notFound } from '../errors.js';
import { listen, type Listening } from '../admin/testing.js';
import { createForgeRouter } from './index.js';
import { createAvailabilityRouter } from './availability.js';
import { startTestJwks, TEST_APP_ID, type TestJwks } from './testing.js';

const log = pino({ level: 'silent' });
const OLGA = DEMO_ACCOUNTS.olga;
const PAVEL = DEMO_ACCOUNTS.pavel;
const COORDINATOR = '712020:coordinator-elena';
// Tuesday 8 December 2026, 10:00 in Moscow.
const now = new Date('2026-12-08T07:00:00Z');

let db: OpenDb;
let jwks: TestJwks;
let server: Listening;
let world: ReturnType<typeof createWorldLoader>;

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  jwks = await startTestJwks();
  await jwks.addKey('forge-1');
  const settings = createSettingsService(db);
  const written = await settings.replace(
    { ...DEMO_SETTINGS, availability: { coordinators: [COORDINATOR] } },
    { actor: 'test', source: 'file' },
  );
  if (!written.ok) throw new Error(JSON.stringify(written.error));
  const availability = createAvailabilityService({
    db,
    now: () => now,
    world: { load: () => world.load() },
    box: createSecretBox('availability-test-secret-key-0123456789'),
  });
  world = createWorldLoader(db, { settings, entered: availability.entered });
  const web = express();
  web.use(
    '/forge',
    createForgeRouter({
      db,
      log,
      fit: { appId: TEST_APP_ID, jwksUrl: jwks.url, cooldownMs: 0 },
      acceptEvent: () => Promise.reject(new Error('no events in this test')),
      routers: [createAvailabilityRouter({ availability })],
    }),
  );
  web.use(notFound);
  web.use(errorMiddleware(log));
  server = await listen(web);
}, 60_000);
afterAll(async () => {
  await server.close();
  await jwks.close();
  await db.close();
});

async function call(principal: string | undefined, method: string, path: string, body?: unknown) {
  const fit = await jwks.sign('forge-1', principal ? { principal } : {});
  const res = await fetch(`${server.url}/forge/api/availability${path}`, {
    method,
    headers: { authorization: `Bearer ${fit}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // Answers are read loosely, as a client would: the assertions say what must be there.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const stored = async () =>
  Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM availability_absences')).rows[0]!.n);

describe('/forge/api/availability', () => {
  it('saves an engineer’s own day off with who entered it, and the assignment world has it at once', async () => {
    const before = await world.load();
    expect(
      before.engineers.find((e) => e.accountId === OLGA)!.absences.some((a) => a.from === '2026-12-10'),
    ).toBe(false);
    const added = await call(OLGA, 'POST', '/absences', {
      kind: 'dayOff',
      from: '2026-12-10',
      to: '2026-12-10',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      kind: 'dayOff',
      wholeDays: true,
      from: '2026-12-10',
      enteredBy: { accountId: OLGA, name: 'Olga Kuznetsova' },
      enteredAt: now.toISOString(),
    });
    const after = await world.load();
    expect(after).not.toBe(before);
    expect(after.engineers.find((e) => e.accountId === OLGA)!.absences).toContainEqual({
      kind: 'dayOff',
      from: '2026-12-10',
      to: '2026-12-10',
      enteredBy: 'Olga Kuznetsova',
    });

    const mine = await call(OLGA, 'GET', '/me');
    expect(mine.status).toBe(200);
    expect(mine.body.engineer).toEqual({
      accountId: OLGA,
      name: 'Olga Kuznetsova',
      timeZone: 'Europe/Moscow',
    });
    expect(mine.body.weeks[0]).toEqual({ weekStart: '2026-12-07', confirmed: false });
    expect(mine.body.entries.map((e: { id: string }) => e.id)).toEqual([added.body.id]);
  });

  it('refuses an overlapping or malformed entry with 422 naming the field, and stores nothing', async () => {
    const count = await stored();
    const overlap = await call(OLGA, 'POST', '/absences', {
      kind: 'training',
      from: '2026-12-10T14:00',
      to: '2026-12-10T16:00',
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.code).toBe('overlapping_absence');
    expect(overlap.body.error.details).toEqual([
      {
        path: 'from',
        message: 'Overlaps another entry (day off, 2026-12-10); change or remove that one first',
        reason: {
          code: 'availability.entry.overlaps',
          params: { kind: 'dayOff', bounds: '2026-12-10' },
          en: 'Overlaps another entry (day off, 2026-12-10); change or remove that one first',
          ru: 'Пересекается с другой записью (выходной, 2026-12-10); сначала измените или удалите её',
        },
      },
    ]);
    const malformed = await call(OLGA, 'POST', '/absences', {
      kind: 'vacation',
      from: '2026-12-32',
      to: 'soon',
    });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'from',
      'kind',
      'to',
    ]);
    const kind = malformed.body.error.details.find((d: { path: string }) => d.path === 'kind');
    expect(kind.reason).toMatchObject({
      code: 'availability.entry.kind',
      ru: 'Вид отсутствия — один из: dayOff, trip, training, sick, other',
    });
    const notJson = await call(OLGA, 'POST', '/absences', '[1, 2]');
    expect(notJson.status).toBe(400);
    const badWeeks = await call(OLGA, 'GET', '/me?weeks=99');
    expect(badWeeks.status).toBe(400);
    expect(badWeeks.body.error.details[0].path).toBe('weeks');
    expect(await stored()).toBe(count);
  });

  it('lets only the engineer or a coordinator change an engineer’s entries', async () => {
    const mine = await call(OLGA, 'GET', '/me');
    const id = mine.body.entries[0].id as string;
    const byPavel = await call(PAVEL, 'DELETE', `/absences/${id}`);
    expect(byPavel.status).toBe(403);
    const forOlgaByPavel = await call(PAVEL, 'POST', '/absences', {
      accountId: OLGA,
      kind: 'sick',
      from: '2026-12-11',
      to: '2026-12-11',
    });
    expect(forOlgaByPavel.status).toBe(403);
    const byApp = await call(undefined, 'GET', '/me');
    expect(byApp.status).toBe(403);

    const byCoordinator = await call(COORDINATOR, 'PUT', `/absences/${id}`, {
      kind: 'dayOff',
      from: '2026-12-10',
      to: '2026-12-11',
      note: 'family',
    });
    expect(byCoordinator.status).toBe(200);
    expect(byCoordinator.body).toMatchObject({
      to: '2026-12-11',
      note: 'family',
      enteredBy: { accountId: OLGA },
      updatedBy: { accountId: COORDINATOR },
    });
    const unknown = await call(COORDINATOR, 'POST', '/absences', {
      accountId: 'nobody',
      kind: 'dayOff',
      from: '2026-12-10',
      to: '2026-12-10',
    });
    expect(unknown.status).toBe(404);
  });

  it('counts a confirmation with no absences, and shows the team’s week with it', async () => {
    const confirmed = await call(PAVEL, 'POST', '/confirm', { weekStart: '2026-12-09' });
    expect(confirmed).toEqual({ status: 200, body: { weekStart: '2026-12-07' } });
    const team = await call(PAVEL, 'GET', '/team?team=DB&week=2026-12-07');
    expect(team.status).toBe(200);
    const rows = team.body.rows as {
      accountId: string;
      confirmed: boolean;
      days: { availability: string }[];
    }[];
    expect(rows.find((r) => r.accountId === PAVEL)!.confirmed).toBe(true);
    expect(
      rows
        .find((r) => r.accountId === OLGA)!
        .days.slice(3, 5)
        .map((d) => d.availability),
    ).toEqual(['away', 'away']);
    const noTeam = await call(PAVEL, 'GET', '/team?team=XX');
    expect(noTeam.status).toBe(404);
    expect(noTeam.body.error.details[0].path).toBe('team');
  });

  it('keeps the calendar address an engineer links sealed, never shows it back, and refuses a bad one naming url', async () => {
    const secret = 'https://outlook.office365.com/owa/calendar/4f9a/secret-token-77/calendar.ics';
    const bad = await call(OLGA, 'PUT', '/feed', { url: 'http://plain.example/cal.ics' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('url');
    const linked = await call(OLGA, 'PUT', '/feed', { url: secret.replace('https://', 'webcal://') });
    expect(linked).toEqual({ status: 200, body: { linked: true } });
    const stored = await db.query<{ sealed_url: string }>('SELECT sealed_url FROM availability_feed_links');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.sealed_url).not.toContain('secret-token-77');
    const mine = await call(OLGA, 'GET', '/me');
    expect(mine.body.feedLink).toMatchObject({ linkedBy: 'Olga Kuznetsova' });
    expect(JSON.stringify(mine.body)).not.toContain('secret-token-77');
    expect((await call(PAVEL, 'PUT', '/feed', { accountId: OLGA, url: secret })).status).toBe(403);
    expect((await call(OLGA, 'DELETE', '/feed')).body).toEqual({ linked: false });
    expect((await call(OLGA, 'GET', '/me')).body.feedLink).toBeNull();
  });

  it('words each refusal in English and Russian beside its code, the fields at fault included', async () => {
    const unknown = await call(COORDINATOR, 'POST', '/absences', {
      accountId: 'nobody',
      kind: 'dayOff',
      from: '2026-12-10',
      to: '2026-12-10',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({
      code: 'not_an_engineer',
      message: 'nobody is not one of the engineers in the settings',
      details: {
        reason: {
          code: 'availability.notAnEngineer',
          params: { accountId: 'nobody' },
          en: 'nobody is not one of the engineers in the settings',
          ru: 'nobody нет среди инженеров в настройках',
        },
      },
    });

    const notYours = await call(PAVEL, 'GET', `/me?accountId=${encodeURIComponent(OLGA)}`);
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.details.reason).toMatchObject({
      en: 'Only coordinators may open someone else’s availability',
      ru: 'Чужую доступность могут открыть только координаторы',
    });

    const bad = await call(OLGA, 'PUT', '/feed', { url: 'http://plain.example/cal.ics' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toBe('The calendar address cannot be used');
    expect(bad.body.error.details).toEqual([
      {
        path: 'url',
        message: 'Only https:// (or webcal://) calendar addresses are read',
        reason: {
          code: 'availability.feed.notHttps',
          params: {},
          en: 'Only https:// (or webcal://) calendar addresses are read',
          ru: 'Читаются только адреса календарей https:// (или webcal://)',
        },
      },
    ]);

    const noTeam = await call(PAVEL, 'GET', '/team?team=XX');
    expect(noTeam.body.error.message).toBe('No engineer works in team “XX”');
    expect(noTeam.body.error.details[0].reason.ru).toMatch(/^Известные команды: .*DB/);
  });
});
