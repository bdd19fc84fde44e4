// The Monday reminder over a real store: on the first business morning of the week, engineers who
// have not confirmed it hear once, on their own channel and in their language; a confirmation (even
// with no absences) stops it, and a holiday Monday moves it to Tuesday.
import { DEMO_ACCOUNTS } from '@frontline/shared';
import type { SettingsDocumentInput } from '@frontline/shared';
import { assignmentTestSettings } from '../assignment/testing.js';
import { createWorldLoader } from '../assignment/world.js';
import { confirmWeek } from '../availability/repository.js';
import type { NewOutboxMessage, Notifier } from '../ports.js';
import { createSettingsService } from '../settings/service.js';
import { openDb, type OpenDb } from '../store/open.js';
import { availabilityReminderMessage, runAvailabilityReminder } from './availability-reminder.js';

const log = { info: () => {}, warn: () => {} };
let db: OpenDb;
let sent: NewOutboxMessage[];
const notifier: Notifier = {
  async notify(input) {
    const duplicate = sent.some((m) => m.idempotencyKey === input.idempotencyKey);
    if (!duplicate) sent.push(input);
    return { id: String(sent.length), duplicate };
  },
};

async function withSettings(settings: SettingsDocumentInput) {
  db = await openDb({ dataDir: 'memory://' });
  const written = await createSettingsService(db).replace(settings, { actor: 'test', source: 'file' });
  if (!written.ok) throw new Error(JSON.stringify(written.error));
  sent = [];
  return createWorldLoader(db);
}

afterEach(async () => {
  await db?.close();
});

/** Test settings with Olga reading English and the desk on the Moscow five-day calendar. */
function settings(extra: Partial<SettingsDocumentInput> = {}): SettingsDocumentInput {
  const base = assignmentTestSettings();
  return {
    ...base,
    engineers: (base.engineers ?? []).map((e) => ({
      ...e,
      calendar: 'moscow-5x2',
      ...(e.accountId === DEMO_ACCOUNTS.olga ? { languages: ['en', 'ru'] } : {}),
    })),
    availability: { reminder: { localTime: '09:00', catchUpMinutes: 120 } },
    ...extra,
  };
}

const at = (iso: string) => () => new Date(iso);

describe('the Monday availability reminder', () => {
  it('reminds each engineer who has not confirmed, once, by e-mail, in their language', async () => {
    const world = await withSettings(settings());
    // Monday 7 December 2026, 09:10 in Moscow; Pavel already confirmed the week (with no absences).
    await confirmWeek(db, {
      accountId: DEMO_ACCOUNTS.pavel,
      weekStart: '2026-12-07',
      actor: DEMO_ACCOUNTS.pavel,
      now: new Date(),
    });
    const early = await runAvailabilityReminder({
      db,
      now: at('2026-12-07T05:50:00Z'),
      world,
      notifier,
      log,
    });
    expect(early).toBe(0);
    const reminded = await runAvailabilityReminder({
      db,
      now: at('2026-12-07T06:10:00Z'),
      world,
      notifier,
      log,
    });
    const engineers = (await world.load()).settings.engineers;
    expect(reminded).toBe(engineers.length - 1);
    expect(sent.map((m) => m.recipient)).not.toContain(
      engineers.find((e) => e.accountId === DEMO_ACCOUNTS.pavel)!.email,
    );
    const olga = sent.find((m) => m.recipient === 'o.kuznetsova@northwind.example')!;
    expect(olga).toMatchObject({
      channel: 'email',
      message: { language: 'en', subject: 'Your week: mark days off, trips and training' },
    });
    expect(olga.message.text).toContain('week of 2026-12-07');
    const irina = sent.find((m) => m.recipient === 'i.sokolova@northwind.example')!;
    expect(irina.message).toMatchObject({ language: 'ru' });
    expect(irina.message.text).toContain('неделю с 07.12.2026');

    // Later ticks the same morning add nothing; nor does the next day.
    const count = sent.length;
    expect(await runAvailabilityReminder({ db, now: at('2026-12-07T06:15:00Z'), world, notifier, log })).toBe(
      0,
    );
    expect(await runAvailabilityReminder({ db, now: at('2026-12-08T06:10:00Z'), world, notifier, log })).toBe(
      0,
    );
    expect(sent).toHaveLength(count);
  }, 60_000);

  it('on a holiday Monday waits for Tuesday, and links to the page when its address is set', async () => {
    const base = settings();
    const calendars = base.calendars as Record<string, { holidays?: string[] }>;
    const world = await withSettings({
      ...base,
      calendars: {
        ...base.calendars,
        'moscow-5x2': {
          ...calendars['moscow-5x2'],
          holidays: [...(calendars['moscow-5x2']!.holidays ?? []), '2026-12-07'],
        },
      } as unknown as SettingsDocumentInput['calendars'],
      availability: {
        reminder: { pageUrl: 'https://northwind.atlassian.net/jira/settings/personal/apps/app-1/env-1' },
      },
    });
    expect(await runAvailabilityReminder({ db, now: at('2026-12-07T06:10:00Z'), world, notifier, log })).toBe(
      0,
    );
    expect(
      await runAvailabilityReminder({ db, now: at('2026-12-08T06:10:00Z'), world, notifier, log }),
    ).toBeGreaterThan(0);
    expect(sent[0]!.message.link).toEqual({
      url: 'https://northwind.atlassian.net/jira/settings/personal/apps/app-1/env-1',
      label: expect.stringMatching(/My availability|Моя доступность/),
    });
  }, 60_000);

  it('says where the page is when no address is set', () => {
    expect(availabilityReminderMessage({ name: 'Olga' }, '2026-12-07', 'ru', undefined).text).toContain(
      'Jira → меню профиля → Моя доступность.',
    );
  });
});
