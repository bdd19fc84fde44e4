// The service manager's (and the desk lead's) journey: tickets arrive from the Jira stand-in by
// webhook; the schedules tick — the function the cron job runs — is run at later instants and the
// manager reads by e-mail (the loopback SMTP server) that a clock is at risk, then breached, once
// each; that a customer's special period is on; the assignee is reminded to update a customer whose
// contract asks for an update every 4 business hours, with a drafted reply in the customer's language
// and style; and the desk lead's morning digest lists the tickets that matched no contract under
// their own heading. The story runs once per tracker: with SUP in Jira, then in YouTrack (tickets
// arrive as the YouTrack app's signed events, the assignee set by YouTrack command).
import { DEMO_CUSTOMERS } from '../sandbox/index.js';
import { localDateTime } from '@frontline/shared';
import type { Contract, SettingsDocumentInput } from '@frontline/shared';
import { createWorldLoader } from '../src/assignment/world.js';
import { assignmentTestSettings, TEST_SMTP_FROM } from '../src/assignment/testing.js';
import { createNotifier } from '../src/notify/index.js';
import type { ReceivedMail } from '../src/notify/testing/smtp-server.js';
import { runSchedulesTick } from '../src/schedules/tick.js';
import { DEMO_CONTRACTS } from '../demo/contracts.js';
import { silentLogger } from './sidecar.js';
import { startTrackerWorld, TRACKERS } from './trackers-fixture.js';
import type { TrackerName, TrackerWorld } from './trackers-fixture.js';
import { waitFor } from './webhook-client.js';

const SECRET = 'STORY_MANAGER_TELEGRAM_TOKEN';
const MANAGER = 's.lebedev@northwind.example';
const DESK_LEAD = 'desk-lead@northwind.example';
const OLGA = 'o.kuznetsova@northwind.example';
const customer = (key: (typeof DEMO_CUSTOMERS)[number]['key']) => DEMO_CUSTOMERS.find((c) => c.key === key)!;
const MINUTE = 60_000;

/** The bank asks for a status update every 4 business hours on high-priority tickets. */
const contracts: Contract[] = DEMO_CONTRACTS.map((c) =>
  c.customer.id === 'severny-bank'
    ? { ...c, communication: { ...c.communication, statusUpdates: { everyBusinessHours: { high: 4 } } } }
    : c,
);

function managerSettings(now: Date, smtpPort: number): SettingsDocumentInput {
  const base = assignmentTestSettings();
  const day = (offset: number) =>
    localDateTime('Europe/Moscow', new Date(now.getTime() + offset * 86_400_000)).date;
  const closeCalendar = base.calendars!['moscow-month-end-close']!;
  return {
    ...base,
    calendars: {
      ...base.calendars,
      // The logistics customer's close is on now (the demo's is the last two business days of a month).
      'moscow-month-end-close': {
        ...closeCalendar,
        periods: [{ name: 'month-end close', from: day(-1), to: day(2), priority: 'highest' }],
      },
    },
    assignment: [{ project: 'SUP', mode: 'suggest', deskCalendar: 'moscow-5x2' }],
    channels: {
      email: { host: '127.0.0.1', port: smtpPort, secure: false, from: TEST_SMTP_FROM },
      routes: [
        { event: 'slaAtRisk', audience: { kind: 'serviceManager' }, channel: 'email' },
        { event: 'slaBreached', audience: { kind: 'serviceManager' }, channel: 'email' },
        { event: 'specialPeriodStarts', audience: { kind: 'serviceManager' }, channel: 'email' },
        { event: 'statusUpdateDue', audience: { kind: 'assignee' }, channel: 'email' },
        {
          event: 'unassignedDigest',
          audience: { kind: 'team', team: 'desk-lead' },
          channel: 'email',
          address: DESK_LEAD,
        },
      ],
    },
  };
}

describe.each(TRACKERS)(
  'story (%s): the service manager hears about SLA risks, breaches and special periods; the desk lead about tickets without a contract',
  (tracker: TrackerName) => {
    let world: TrackerWorld;
    let t0: number;
    const keys: Record<'critical' | 'logistics' | 'unmatched' | 'assigned', string> = {
      critical: '',
      logistics: '',
      unmatched: '',
      assigned: '',
    };

    const tickAt = (at: number) =>
      runSchedulesTick({
        db: world.sidecar.db,
        now: () => new Date(at),
        world: createWorldLoader(world.sidecar.db),
        notifier: createNotifier({ db: world.sidecar.db }),
        siteUrl: undefined,
        issueLinks: world.issueLinks,
        log: silentLogger(),
      });
    const mails = (to: string, subject: RegExp) =>
      world.smtp.received.filter((m) => m.envelopeTo.includes(to) && subject.test(m.subject));
    const mailArrives = async (to: string, subject: RegExp): Promise<ReceivedMail> => {
      // On a timeout, say what did arrive: a near miss reads at once from the subjects.
      const arrived = () => world.smtp.received.map((m) => `${m.envelopeTo.join(',')}: ${m.subject}`);
      await waitFor(async () => mails(to, subject).length > 0, 20_000, `a mail to ${to}: ${subject}`).catch(
        (error: Error) => {
          throw new Error(`${error.message}; arrived: ${JSON.stringify(arrived())}`);
        },
      );
      return mails(to, subject)[0]!;
    };

    beforeAll(async () => {
      world = await startTrackerWorld(tracker, { secretName: SECRET, contracts, projects: ['SUP'] });
      await world.saveSettings(world.place(managerSettings(new Date(), world.smtp.port)));
      keys.critical = world.raise({
        project: 'SUP',
        summary: 'Core banking storage array is read-only',
        customer: 'severny-bank',
        priority: 'highest',
      });
      keys.logistics = world.raise({
        project: 'SUP',
        summary: 'Closing documents do not post in 1C',
        customer: 'translogistic',
        priority: 'medium',
      });
      // Raised by nobody a contract covers.
      keys.unmatched = world.raise({
        project: 'SUP',
        summary: 'Printer on floor 3 jams',
        priority: 'medium',
      });
      const olga = assignmentTestSettings().engineers!.find((e) => e.name === 'Olga Kuznetsova')!;
      keys.assigned = world.raise({
        project: 'SUP',
        summary: 'Payment gateway answers slowly',
        customer: 'severny-bank',
        priority: 'high',
        assigneeId: olga.accountId,
      });
      expect(world.assigneeOf(keys.assigned)).toBe(olga.accountId);
      await waitFor(
        async () =>
          Number(
            (await world.sidecar.db.query<{ n: string }>('SELECT count(*) AS n FROM tracked_issues')).rows[0]!
              .n,
          ) === 4,
        30_000,
        'the four tickets to be tracked',
      );
      t0 = Date.now();
    }, 90_000);
    afterAll(() => world?.close(), 30_000);

    it('tells the manager once when a clock has used 75% of its target, then once when it is breached', async () => {
      await tickAt(t0 + 12 * MINUTE);
      const risk = await mailArrives(
        MANAGER,
        new RegExp(`^${keys.critical}: SLA «первый ответ» израсходован на 75%$`),
      );
      expect(risk.text).toContain('Core banking storage array is read-only');
      expect(risk.text).toMatch(/запас по SLA: [1-3] минут[аы]?/);
      expect(risk.text).toContain(`Клиент: ${customer('severny-bank').name}`);
      // The link opens the ticket in the tracker it lives in.
      expect(risk.text).toContain(world.linkTo(keys.critical));

      await tickAt(t0 + 13 * MINUTE);
      await tickAt(t0 + 20 * MINUTE);
      const breached = await mailArrives(
        MANAGER,
        new RegExp(`^${keys.critical}: SLA «первый ответ» нарушен$`),
      );
      expect(breached.text).toMatch(/SLA просрочен: [4-6] минут/);
      const again = await tickAt(t0 + 21 * MINUTE);
      expect(again.messages).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(mails(MANAGER, new RegExp(`^${keys.critical}: SLA «первый ответ»`))).toHaveLength(2);
    }, 60_000);

    it('tells the manager that a customer’s special period is on, once per ticket', async () => {
      const notice = await mailArrives(
        MANAGER,
        new RegExp(`^${keys.logistics}: идёт особый период «month-end close»$`),
      );
      expect(notice.text).toContain('Closing documents do not post in 1C');
      expect(mails(MANAGER, /особый период/)).toHaveLength(1);
    }, 30_000);

    it('reminds the assignee to update the customer after 4 business hours, with a draft in the customer’s style', async () => {
      await tickAt(t0 + 5 * 60 * MINUTE);
      const reminder = await mailArrives(
        OLGA,
        new RegExp(`^${keys.assigned}: пора написать клиенту \\(без новостей 5 рабочих часов\\)$`),
      );
      expect(reminder.text).toContain('Черновик на языке и в стиле клиента');
      // The bank's contract: Russian, formal, detailed.
      expect(reminder.text).toContain('Здравствуйте');
      expect(reminder.text).toContain('Что сделано с прошлого раза:');
      expect(reminder.text).toContain('продолжили диагностику');
      expect(reminder.text).toContain('Следующий раз напишу не позже, чем');
      expect(reminder.text).toContain('С уважением');
      expect(reminder.text).toContain('Olga Kuznetsova');
      expect(reminder.text).toContain(world.linkTo(keys.assigned));
      const repeat = await tickAt(t0 + 5 * 60 * MINUTE + 10 * MINUTE);
      expect(repeat.messages).toBe(0);
      // The contract's cadence speaks for this ticket: no second, generic "no update" reminder.
      expect(mails(OLGA, /клиент без новостей/)).toHaveLength(0);
    }, 30_000);

    it('sends the desk lead a digest of tickets that matched no contract, under their own heading', async () => {
      // Some working morning at 09:30 in Moscow, days later: the ticket has waited more than 24 business hours.
      let morning = t0 + 6 * 86_400_000;
      for (;;) {
        const local = localDateTime('Europe/Moscow', new Date(morning));
        const weekday = new Date(`${local.date}T12:00:00Z`).getUTCDay();
        if (weekday >= 2 && weekday <= 5) {
          morning = Date.parse(`${local.date}T06:30:00Z`);
          break;
        }
        morning += 86_400_000;
      }
      const summary = await tickAt(morning);
      expect(summary.digests).toBeGreaterThanOrEqual(1);
      const digest = await mailArrives(DESK_LEAD, /^Утренняя сводка: 1 заявка без инженера/);
      expect(digest.text).toContain('*Без договора*');
      expect(digest.text).toContain(keys.unmatched);
      expect(digest.text).not.toContain(keys.critical);
    }, 30_000);
  },
);
