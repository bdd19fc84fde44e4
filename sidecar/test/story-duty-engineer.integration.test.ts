// The duty engineer's journey: the desk is closed (its calendar opens days from now), a Severny Bank
// ticket arrives whose 24×7 first-response clock runs out long before the desk opens, and processing
// the ticket's event pages the engineer on duty now — in the same transaction that records the
// ticket, not on the next five-minute schedules tick: in Telegram and by e-mail, with the SLA time
// left and when the desk opens. The tick (the safety net for tickets that become urgent as time
// passes) finds the page already sent and pages nobody again. The story runs once per tracker: with SUP in Jira, then in YouTrack (the ticket
// arrives as the YouTrack app's signed event; the page links to the YouTrack issue).
import { DEMO_CUSTOMERS } from '../sandbox/index.js';
import type { EngineerInput, SettingsDocumentInput } from '@frontline/shared';
import { localDateTime } from '@frontline/shared';
import { assignmentTestSettings, TEST_SMTP_FROM } from '../src/assignment/testing.js';
import { createWorldLoader } from '../src/assignment/world.js';
import { createNotifier } from '../src/notify/index.js';
import { runSchedulesTick } from '../src/schedules/tick.js';
import { silentLogger } from './sidecar.js';
import { startTrackerWorld, TRACKERS } from './trackers-fixture.js';
import type { TrackerName, TrackerWorld } from './trackers-fixture.js';
import { waitFor } from './webhook-client.js';

const SECRET = 'STORY_DUTY_TELEGRAM_TOKEN';
const PAVEL_TELEGRAM = 480117001;
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;

/** A desk calendar open only on the weekday three days from `now` (Moscow): closed now, opens in days. */
function closedDeskSettings(now: Date, smtpPort: number, telegramBaseUrl: string): SettingsDocumentInput {
  const base = assignmentTestSettings();
  const inThreeDays = localDateTime('Europe/Moscow', new Date(now.getTime() + 3 * 86_400_000)).date;
  const day = WEEK[new Date(`${inThreeDays}T12:00:00Z`).getUTCDay()]!;
  const engineers = (base.engineers ?? []).map((e): EngineerInput =>
    e.name === 'Pavel Morozov' ? { ...e, telegramUserId: PAVEL_TELEGRAM } : e,
  );
  const pavel = engineers.find((e) => e.name === 'Pavel Morozov')!;
  return {
    ...base,
    engineers,
    calendars: {
      ...base.calendars,
      'desk-closed': { timeZone: 'Europe/Moscow', week: { [day]: [['09:00', '18:00']] } },
    },
    assignment: [{ project: 'SUP', mode: 'suggest', deskCalendar: 'desk-closed' }],
    dutyRota: {
      timeZone: 'Europe/Moscow',
      shifts: [
        {
          accountId: pavel.accountId,
          from: new Date(now.getTime() - 3_600_000).toISOString(),
          to: new Date(now.getTime() + 12 * 3_600_000).toISOString(),
        },
      ],
    },
    channels: {
      email: { host: '127.0.0.1', port: smtpPort, secure: false, from: TEST_SMTP_FROM },
      telegram: { botToken: { secretRef: SECRET }, apiBaseUrl: telegramBaseUrl, chats: [] },
      routes: [
        { event: 'dutyPage', audience: { kind: 'dutyEngineer' }, channel: 'telegram' },
        { event: 'dutyPage', audience: { kind: 'dutyEngineer' }, channel: 'email' },
      ],
    },
  };
}

describe.each(TRACKERS)(
  'story (%s): the engineer on duty is paged for a night ticket that cannot wait for the desk',
  (tracker: TrackerName) => {
    let world: TrackerWorld;

    beforeAll(async () => {
      world = await startTrackerWorld(tracker, { secretName: SECRET, projects: ['SUP'] });
    }, 60_000);
    afterAll(() => world?.close(), 30_000);

    it('pages the duty engineer while the night ticket is processed, before any tick, in Telegram and by e-mail once, with the SLA time left', async () => {
      await world.saveSettings(
        world.place(closedDeskSettings(new Date(), world.smtp.port, world.telegram.baseUrl)),
      );
      const key = world.raise({
        project: 'SUP',
        summary: 'Card processing cluster lost a node',
        customer: 'severny-bank',
        priority: 'high',
      });
      await waitFor(
        async () =>
          (await world.sidecar.db.query('SELECT 1 FROM tracked_issues WHERE issue_key = $1', [key])).rows
            .length > 0,
        20_000,
        'the ticket to be tracked',
      );
      // The page was queued by the transaction that recorded the ticket: it is in the outbox as soon
      // as the ticket is tracked, with no schedules tick run yet.
      const queued = await world.sidecar.db.query<{ channel: string }>(
        'SELECT channel FROM notify_outbox WHERE idempotency_key LIKE $1 ORDER BY channel',
        [`duty-page:${key}:%`],
      );
      expect(queued.rows.map((r) => r.channel)).toEqual(['email', 'telegram']);

      const pavelsChat = () => world.telegram.messages.filter((m) => m.chatId === String(PAVEL_TELEGRAM));
      await waitFor(async () => pavelsChat().length > 0, 20_000, 'the Telegram page');
      const [mail] = await world.smtp.waitFor(1, 20_000);

      const page = pavelsChat()[0]!;
      expect(page.text).toContain(`🚨 ${key}: нужен дежурный инженер`);
      expect(page.text).toContain('Card processing cluster lost a node');
      // High priority under the bank's 24×7 policy: 30 minutes for the first response.
      expect(page.text).toMatch(/запас по SLA: (29|30) минут — срок наступит до открытия деска \(/);
      expect(page.text).toContain(`Клиент: ${bank.name}`);
      // The page opens the ticket in the tracker it lives in.
      expect(page.replyMarkup?.inline_keyboard.flat().find((b) => b.url !== undefined)?.url).toBe(
        world.linkTo(key),
      );
      expect(mail!.envelopeTo).toEqual(['p.morozov@northwind.example']);
      expect(mail!.subject).toBe(`🚨 ${key}: нужен дежурный инженер`);
      expect(mail!.text).toMatch(/запас по SLA: (29|30) минут/);

      // Then the schedules tick runs: it finds the page already sent.
      const again = await runSchedulesTick({
        db: world.sidecar.db,
        now: () => new Date(),
        world: createWorldLoader(world.sidecar.db),
        notifier: createNotifier({ db: world.sidecar.db }),
        siteUrl: undefined,
        issueLinks: world.issueLinks,
        log: silentLogger(),
      });
      expect(again.messages).toBe(0);
      expect(pavelsChat()).toHaveLength(1);
      expect(world.smtp.received).toHaveLength(1);
    }, 60_000);
  },
);
