// The Monday ritual: on the first business morning of each week (by the engineer's own working
// calendar, in their own zone, at the settings' local time), every engineer who has not confirmed
// the week on "My availability" gets one short reminder on their own channel (Telegram when the
// bot and their user id are known, else e-mail), in their language, with a link to the page.
// Confirming — with or without absences — is what stops it. Each engineer's reminder is claimed
// once per week in `schedule_runs`, and its outbox key is unique, so ticks and replicas send it once.
import { localDateTime, mondayOf, nextWorkingInstant, zonedInstant } from '@frontline/shared';
import type { Engineer, Language } from '@frontline/shared';
import { engineerReader } from '../assignment/notices.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import { confirmationsOf } from '../availability/repository.js';
import type { Clock, Notifier, OutboundMessage, Queryable, WorldSource } from '../ports.js';
import type { Db } from '../store/db.js';

export interface AvailabilityReminderDeps {
  db: Db;
  now: Clock;
  world: WorldSource<AssignmentWorld>;
  notifier: Notifier | undefined;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

const WORDS: Record<
  Language,
  { subject: string; text: (name: string, week: string) => string; where: string; link: string }
> = {
  en: {
    subject: 'Your week: mark days off, trips and training',
    text: (name, week) =>
      `${name}, please check your availability for the week of ${week}: add days off, trips, training — or confirm that you are here all week.`,
    where: 'Open Jira → your profile menu → My availability.',
    link: 'My availability',
  },
  ru: {
    subject: 'Ваша неделя: отметьте выходные, командировки и обучение',
    text: (name, week) =>
      `${name}, проверьте, пожалуйста, свою доступность на неделю с ${week}: добавьте выходные, командировки, обучение — или подтвердите, что вы на месте всю неделю.`,
    where: 'Jira → меню профиля → Моя доступность.',
    link: 'Моя доступность',
  },
};

/** `2026-12-07` as the reader writes dates. */
function readableDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-');
  return language === 'ru' ? `${d}.${m}.${y}` : date;
}

/** The reminder in the engineer's language. */
export function availabilityReminderMessage(
  engineer: Pick<Engineer, 'name'>,
  weekStart: string,
  language: Language,
  pageUrl: string | undefined,
): OutboundMessage {
  const words = WORDS[language];
  return {
    subject: words.subject,
    text: `${words.text(engineer.name, readableDate(weekStart, language))}${pageUrl ? '' : `\n${words.where}`}`,
    ...(pageUrl ? { link: { url: pageUrl, label: words.link } } : {}),
    language,
  };
}

/**
 * The local date of the engineer's first business day in the week starting `weekStart`, by their
 * working calendar (a holiday Monday moves it to Tuesday); Monday when the calendar is unknown.
 */
export function firstBusinessDay(
  engineer: Engineer,
  world: Pick<AssignmentWorld, 'calendars'>,
  weekStart: string,
): string | undefined {
  const calendar = Object.hasOwn(world.calendars, engineer.calendar)
    ? world.calendars[engineer.calendar]
    : undefined;
  if (!calendar) return weekStart;
  const first = nextWorkingInstant(calendar, zonedInstant(engineer.timeZone, weekStart));
  if (!first) return undefined;
  const date = localDateTime(engineer.timeZone, first).date;
  return mondayOf(date) === weekStart ? date : undefined;
}

/** Where the reminder goes for this engineer: their Telegram chat with the bot, else their mailbox. */
function channelOf(
  engineer: Engineer,
  world: AssignmentWorld,
): { channel: 'telegram' | 'email'; recipient: string } | undefined {
  const { channels } = world.settings;
  if (channels.telegram && engineer.telegramUserId !== undefined)
    return { channel: 'telegram', recipient: String(engineer.telegramUserId) };
  if (channels.email && engineer.email) return { channel: 'email', recipient: engineer.email };
  return undefined;
}

async function claim(tx: Queryable, accountId: string, weekStart: string, now: Date): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO schedule_runs (name, run_key, slot, ran_at) VALUES ('availability-reminder', $1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING slot`,
    [accountId, weekStart, now],
  );
  return claimed.rows.length > 0;
}

/** Sends every reminder due at `now`; returns how many engineers were reminded. */
export async function runAvailabilityReminder(deps: AvailabilityReminderDeps): Promise<number> {
  const world = await deps.world.load();
  const options = world.settings.availability.reminder;
  if (!options.enabled || !deps.notifier) return 0;
  const notifier = deps.notifier;
  const now = deps.now();
  const due: { engineer: Engineer; weekStart: string }[] = [];
  for (const engineer of world.settings.engineers) {
    const today = localDateTime(engineer.timeZone, now).date;
    const weekStart = mondayOf(today);
    if (firstBusinessDay(engineer, world, weekStart) !== today) continue;
    const at = zonedInstant(engineer.timeZone, today, options.localTime).getTime();
    if (now.getTime() < at || now.getTime() >= at + options.catchUpMinutes * 60_000) continue;
    due.push({ engineer, weekStart });
  }
  if (due.length === 0) return 0;
  const confirmedByWeek = new Map<string, Map<string, Date>>();
  for (const { weekStart } of due)
    if (!confirmedByWeek.has(weekStart))
      confirmedByWeek.set(weekStart, await confirmationsOf(deps.db, weekStart));

  return deps.db.transaction(async (tx) => {
    let reminded = 0;
    for (const { engineer, weekStart } of due) {
      if (confirmedByWeek.get(weekStart)?.has(engineer.accountId)) continue;
      const to = channelOf(engineer, world);
      if (!to) {
        deps.log.warn(
          { accountId: engineer.accountId },
          'no channel reaches this engineer for the availability reminder',
        );
        continue;
      }
      if (!(await claim(tx, engineer.accountId, weekStart, now))) continue;
      const language = engineerReader(engineer).language;
      await notifier.notify(
        {
          idempotencyKey: `availability-reminder:${engineer.accountId}:${weekStart}:${to.channel}`,
          channel: to.channel,
          recipient: to.recipient,
          message: availabilityReminderMessage(engineer, weekStart, language, options.pageUrl),
        },
        tx,
      );
      reminded += 1;
      deps.log.info({ accountId: engineer.accountId, weekStart }, 'availability reminder queued');
    }
    return reminded;
  });
}
