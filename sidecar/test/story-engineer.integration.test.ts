// The first-line engineer's journey, through the real interfaces: the admin saves Telegram in the
// settings (no restart), a database ticket created in the Jira stand-in reaches the sidecar by its
// signed webhook, the DB project only suggests, so the ticket is announced in the DB team's chat with
// a "Беру" (Take) button. An engineer outside DB is refused with a clear answer; Olga asks the bot
// for /очередь and sees the ticket with its temperature, customer and SLA time left, her load and
// her absences this week; then she and Pavel press Take together — the first press wins, Jira shows
// her as the assignee and every copy of the announcement says who took it. The story runs once per
// tracker: with DB and SUP in Jira, then in YouTrack (the ticket arrives as the YouTrack app's
// signed event, Take assigns by YouTrack command, the announcement opens the YouTrack issue).
import { DEMO_CUSTOMERS } from '../sandbox/index.js';
import type { EngineerInput, SettingsDocumentInput } from '@frontline/shared';
import { assignmentTestSettings } from '../src/assignment/testing.js';
import type { StandInMessage } from '../src/notify/testing/telegram-stand-in.js';
import { startTrackerWorld, TRACKERS } from './trackers-fixture.js';
import type { TrackerName, TrackerWorld } from './trackers-fixture.js';
import { waitFor } from './webhook-client.js';

const TOKEN_SECRET = 'STORY_ENGINEER_TELEGRAM_TOKEN';
const DB_CHAT = '-1001234';
const SUP_CHAT = '-1005678';
const OLGA = { id: 480112233, first_name: 'Olga', language_code: 'ru' };
const PAVEL = { id: 480112299, first_name: 'Pavel', language_code: 'ru' };
const IRINA = { id: 480112277, first_name: 'Irina', language_code: 'ru' };
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;

/** The test settings with Telegram ids for three engineers and a route for DB's unassigned tickets. */
function storySettings(telegramBaseUrl: string): SettingsDocumentInput {
  const base = assignmentTestSettings();
  const ids: Record<string, number> = {
    'Olga Kuznetsova': OLGA.id,
    'Pavel Morozov': PAVEL.id,
    'Irina Sokolova': IRINA.id,
  };
  const engineers = (base.engineers ?? []).map((e): EngineerInput =>
    Object.hasOwn(ids, e.name) ? { ...e, telegramUserId: ids[e.name]! } : e,
  );
  const olga = engineers.find((e) => e.name === 'Olga Kuznetsova')!;
  return {
    ...base,
    engineers,
    // SUP assigns the engineer on duty automatically — and nobody is on duty now (one shift, long past).
    assignment: [
      ...(base.assignment ?? []).filter((p) => p.project !== 'SUP'),
      {
        project: 'SUP',
        mode: 'auto',
        deskCalendar: 'moscow-5x2',
        autoRules: [{ when: 'always', assign: 'duty' }],
      },
    ],
    dutyRota: {
      timeZone: 'Europe/Moscow',
      shifts: [
        { accountId: olga.accountId, from: '2020-01-01T00:00:00+03:00', to: '2020-01-02T00:00:00+03:00' },
      ],
    },
    channels: {
      telegram: {
        botToken: { secretRef: TOKEN_SECRET },
        apiBaseUrl: telegramBaseUrl,
        chats: [
          { name: 'db-team', chatId: DB_CHAT },
          { name: 'sup-desk', chatId: SUP_CHAT },
        ],
      },
      routes: [
        {
          event: 'issueUnassigned',
          audience: { kind: 'team', team: 'DB' },
          channel: 'telegram',
          address: 'db-team',
        },
        {
          event: 'issueUnassigned',
          audience: { kind: 'team', team: 'SUP' },
          channel: 'telegram',
          address: 'sup-desk',
        },
      ],
    },
  };
}

describe.each(TRACKERS)(
  'story (%s): a first-line engineer takes a ticket from Telegram',
  (tracker: TrackerName) => {
    let world: TrackerWorld;

    beforeAll(async () => {
      world = await startTrackerWorld(tracker, { secretName: TOKEN_SECRET, projects: ['DB', 'SUP'] });
    }, 60_000);
    afterAll(() => world?.close(), 30_000);

    const inChat = (chatId: string) => world.telegram.messages.filter((m) => m.chatId === chatId);
    const buttons = (m: StandInMessage) => m.replyMarkup?.inline_keyboard.flat() ?? [];
    const lastAnswer = () => world.telegram.callbackAnswers.at(-1)?.text ?? '';
    const linkOf = (m: StandInMessage) => buttons(m).find((b) => b.url !== undefined)?.url;

    let key: string;
    let announcement: StandInMessage;

    it('announces a new unassigned DB ticket in the team chat with a Take button, once', async () => {
      // Saved after start: the channel is built from the new settings version, no restart.
      await world.saveSettings(world.place(storySettings(world.telegram.baseUrl)));

      key = world.raise({
        project: 'DB',
        summary: 'Reporting database stopped accepting connections',
        customer: 'severny-bank',
        priority: 'high',
        labels: ['database'],
      });
      await waitFor(async () => inChat(DB_CHAT).length > 0, 20_000, 'the announcement in the DB chat');
      announcement = inChat(DB_CHAT)[0]!;
      expect(announcement.text).toContain(`${key} ждёт инженера`);
      expect(announcement.text).toContain('Reporting database stopped accepting connections');
      expect(announcement.text).toContain(`Клиент: ${bank.name}`);
      expect(buttons(announcement)).toContainEqual({ text: 'Беру', callback_data: `take:${key}` });
      // The link opens the ticket in the tracker it lives in.
      expect(linkOf(announcement)).toBe(world.linkTo(key));
      // Nobody is assigned by the policy: the DB project only suggests.
      expect(world.assigneeOf(key)).toBeNull();
    }, 40_000);

    it('refuses an engineer who is not in the ticket’s team, saying why', async () => {
      await world.telegram.press(announcement, IRINA);
      await waitFor(async () => world.telegram.callbackAnswers.length > 0, 10_000, 'the answer to Irina');
      expect(lastAnswer()).toBe(
        `Извините, ${key} — заявка команды DB, а вы в неё не входите. Обратитесь к координатору.`,
      );
      expect(world.assigneeOf(key)).toBeNull();
    }, 20_000);

    let queue: StandInMessage;

    it('answers /очередь with the team’s unassigned tickets, hottest first, and the engineer’s own load', async () => {
      await world.telegram.say(OLGA, '/очередь');
      await waitFor(async () => inChat(String(OLGA.id)).length > 0, 10_000, 'the queue in Olga’s chat');
      queue = inChat(String(OLGA.id))[0]!;
      const lines = queue.text.split('\n');
      expect(lines[0]).toMatch(/^📋 SUP, DB: 1 заявка без исполнителя, сначала самые горячие$/);
      expect(lines[1]).toMatch(
        new RegExp(`^1\\. \\S+ ${key} · \\d+° · ${bank.name} · (запас по SLA: .+|SLA просрочен: .+)$`),
      );
      expect(lines[2]).toContain('Reporting database stopped accepting connections');
      expect(queue.text).toMatch(/Ваша загрузка: 0 из 10 \(0 открытых заявок\)/);
      expect(queue.text).toContain('На этой неделе отсутствий нет.');
      expect(buttons(queue)).toEqual([{ text: `Беру ${key}`, callback_data: `take:${key}` }]);
    }, 20_000);

    it('lets the first of two presses take it: the tracker shows Olga, Pavel hears who has it, the chat shows who took it', async () => {
      const answered = world.telegram.callbackAnswers.length;
      const commands = () =>
        (world.youtrack?.calls ?? []).filter((c) => c.method === 'POST' && c.path === '/api/commands').length;
      const commandsBefore = commands();
      await world.telegram.pressButton(queue, OLGA, `take:${key}`);
      await world.telegram.press(announcement, PAVEL);
      await waitFor(
        async () => world.telegram.callbackAnswers.length >= answered + 2,
        15_000,
        'both presses answered',
      );
      const [olgas, pavels] = world.telegram.callbackAnswers.slice(answered);
      expect(olgas!.text).toBe(`${key} теперь ваша.`);
      expect(pavels!.text).toBe(`${key} уже взял(а) Olga Kuznetsova.`);
      expect(pavels!.show_alert).toBe(true);

      const olga = assignmentTestSettings().engineers!.find((e) => e.name === 'Olga Kuznetsova')!;
      expect(world.assigneeOf(key)).toBe(olga.accountId);
      // In YouTrack the sidecar assigns by command, as a person would type it.
      expect(commands() > commandsBefore).toBe(tracker === 'YouTrack');
      await waitFor(async () => announcement.edits > 0, 10_000, 'the announcement marked as taken');
      expect(announcement.text).toContain('✋ Взята в работу: Olga Kuznetsova');
      expect(buttons(announcement).some((b) => b.callback_data !== undefined)).toBe(false);

      // Her queue is empty now, and her load counts the ticket.
      await world.telegram.say(OLGA, '/queue');
      await waitFor(async () => inChat(String(OLGA.id)).length > 1, 10_000, 'the second queue');
      const after = inChat(String(OLGA.id))[1]!;
      expect(after.text).toContain('📋 SUP, DB: заявок без исполнителя нет.');
      expect(after.text).toMatch(/Ваша загрузка: [1-9][\d,]* из 10 \(1 открытая заявка\)/);
    }, 40_000);

    it('announces a ticket the auto policy could not place (nobody on duty) to its team', async () => {
      const supKey = world.raise({
        project: 'SUP',
        summary: 'Tape library reports a stuck cartridge',
        customer: 'severny-bank',
        priority: 'medium',
      });
      await waitFor(async () => inChat(SUP_CHAT).length > 0, 20_000, 'the announcement in the SUP chat');
      expect(inChat(SUP_CHAT)[0]!.text).toContain(`${supKey} ждёт инженера`);
      expect(buttons(inChat(SUP_CHAT)[0]!)).toContainEqual({
        text: 'Беру',
        callback_data: `take:${supKey}`,
      });
      expect(linkOf(inChat(SUP_CHAT)[0]!)).toBe(world.linkTo(supKey));
      expect(world.assigneeOf(supKey)).toBeNull();
      // Announced once: later events about the first ticket (its assignment) announced nothing new.
      expect(inChat(DB_CHAT).filter((m) => m.text.includes(key))).toHaveLength(1);
      // The DB chat heard nothing about it.
      expect(inChat(DB_CHAT).some((m) => m.text.includes(supKey))).toBe(false);
    }, 40_000);
  },
);
