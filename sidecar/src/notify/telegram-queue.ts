// The bot's /queue (and /очередь) command: the tickets in the engineer's teams that wait for an
// engineer, hottest first, each with its temperature, customer and SLA time left and a "Take"
// button; then the engineer's own weighted load and their absences this week, so they can judge
// whether to take one from the phone.
import {
  DEFAULT_BAND_LOAD_WEIGHTS,
  DEFAULT_LOAD_WEIGHTS,
  isDateOnly,
  loadRuleOf,
  localDateTime,
  zonedInstant,
} from '@frontline/shared';
import type { Engineer, Language } from '@frontline/shared';
import { engineerLoads } from '../assignment/repository.js';
import { openTrackedIssues } from '../assignment/tracked-issues.js';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import type { AssignmentWorld } from '../assignment/plan.js';
import type { WorldSource } from '../ports.js';
import { evaluateTracked, nearestClock } from '../schedules/clocks.js';
import { markOf } from '../schedules/digest.js';
import type { Queryable } from '../store/db.js';
import { botText, counted, shortDay, shortDayTime, slaLeftText } from './bot-texts.js';
import type { BotTextCode } from './bot-texts.js';
import { TAKE_PREFIX } from './channels/telegram.js';
import type { InlineKeyboard } from './channels/telegram.js';

/** At most this many tickets are listed (Telegram keyboards and phone screens are small). */
export const QUEUE_LIMIT = 10;
const SUMMARY_LIMIT = 70;
const WEEK_DAYS = 7;

export interface QueueDeps {
  db: Queryable;
  world: WorldSource<AssignmentWorld>;
  now: () => Date;
}

export interface QueueReply {
  text: string;
  keyboard?: InlineKeyboard;
}

const MARKS = { critical: '🔴', maintenance: '🛠', normal: '•' } as const;
/** Absence kinds in words; a kind added later reads as plain "away". */
const ABSENCE_TEXT: Readonly<Record<string, BotTextCode>> = {
  dayOff: 'absenceDayOff',
  trip: 'absenceTrip',
  training: 'absenceTraining',
  sick: 'absenceSick',
};

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= SUMMARY_LIMIT ? line : `${line.slice(0, SUMMARY_LIMIT - 1)}…`;
}

/** Hottest first; equal temperatures: waiting longest first. */
function byHeat(a: TrackedIssue, b: TrackedIssue): number {
  return (
    b.temperature - a.temperature ||
    (a.unassignedSince ?? a.createdAt).getTime() - (b.unassignedSince ?? b.createdAt).getTime() ||
    a.key.localeCompare(b.key)
  );
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The engineer's absences that touch the seven days from today (their zone), as short phrases. */
export function absencesThisWeek(engineer: Engineer, now: Date, language: Language): string[] {
  const tz = engineer.timeZone;
  const today = localDateTime(tz, now).date;
  const lastDay = addDays(today, WEEK_DAYS - 1);
  const dayOf = (bound: string) => (isDateOnly(bound) ? bound : localDateTime(tz, new Date(bound)).date);
  const label = (bound: string) =>
    isDateOnly(bound)
      ? shortDay(zonedInstant(tz, bound, '12:00'), tz, language)
      : shortDayTime(new Date(bound), tz, language);
  return engineer.absences
    .filter((a) => dayOf(a.from) <= lastDay && dayOf(a.to) >= today)
    .sort((a, b) => dayOf(a.from).localeCompare(dayOf(b.from)))
    .map((a) => {
      const span = a.from === a.to ? label(a.from) : `${label(a.from)} – ${label(a.to)}`;
      return `${span}, ${botText(ABSENCE_TEXT[a.kind] ?? 'absenceOther', {}, language)}${a.note ? ` (${a.note})` : ''}`;
    });
}

/** The /queue answer for `engineer`, in `language`. */
export async function queueReply(
  deps: QueueDeps,
  engineer: Engineer,
  language: Language,
): Promise<QueueReply> {
  const now = deps.now();
  const world = await deps.world.load();
  const open = await openTrackedIssues(deps.db);
  const teams = engineer.teams.join(', ');
  const waiting = open
    .filter((t) => t.assigneeId === null && engineer.teams.includes(t.project))
    .sort(byHeat);
  const shown = waiting.slice(0, QUEUE_LIMIT);

  const lines: string[] = [];
  if (shown.length === 0) lines.push(botText('queueEmpty', { teams }, language));
  else
    lines.push(
      botText('queueTitle', { teams, tickets: counted('tickets', waiting.length, language) }, language),
    );
  for (const [i, t] of shown.entries()) {
    const clock = nearestClock(await evaluateTracked(deps.db, world, t, now));
    const mark = MARKS[markOf(t, world.settings.schedules, world.settings.temperature.bands)];
    const customer = t.customerName ?? botText('noContract', {}, language);
    lines.push(
      `${i + 1}. ${mark} ${t.key} · ${t.temperature}° · ${customer} · ${slaLeftText(clock?.remainingMinutes ?? null, language)}`,
      `   ${clip(t.summary)}`,
    );
  }
  if (waiting.length > shown.length)
    lines.push(botText('queueMore', { more: String(waiting.length - shown.length) }, language));

  const policy = world.settings.assignment.find((p) => engineer.teams.includes(p.project));
  const rule = policy
    ? loadRuleOf(policy, world.settings.temperature)
    : loadRuleOf(
        { loadWeights: DEFAULT_LOAD_WEIGHTS, loadWeightsByTemperature: DEFAULT_BAND_LOAD_WEIGHTS },
        world.settings.temperature,
      );
  const load = (await engineerLoads(deps.db, rule))[engineer.accountId] ?? 0;
  const mine = open.filter((t) => t.assigneeId === engineer.accountId).length;
  lines.push(
    '',
    botText(
      'queueLoad',
      {
        load: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(load),
        max: String(engineer.maxLoad),
        open: counted('openTickets', mine, language),
      },
      language,
    ),
  );
  const away = absencesThisWeek(engineer, now, language);
  lines.push(
    away.length
      ? botText('queueAbsences', { absences: away.join('; ') }, language)
      : botText('queueNoAbsences', {}, language),
  );

  return {
    text: lines.join('\n'),
    ...(shown.length
      ? {
          keyboard: {
            inline_keyboard: shown.map((t) => [
              {
                text: botText('takeLabel', { key: t.key }, language),
                callback_data: `${TAKE_PREFIX}${t.key}`,
              },
            ]),
          },
        }
      : {}),
  };
}
