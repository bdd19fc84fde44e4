// What a contract calendar's special period changes, for the contract panel: each change as a code
// with its parameters (the locale catalogues word them), and the summary worded in both languages.
import { translate } from '@frontline/shared';
import type { Language, Message, Period, Priority, Reason } from '@frontline/shared';

/** When the period applies, as the calendar states it. */
export type PeriodSchedule = { from: string; to: string } | { lastBusinessDaysOfMonth: number };

/** A special period as the panel shows it. */
export interface PeriodCard {
  name: string;
  schedule: PeriodSchedule;
  active: boolean;
  changes: { priority?: Priority; hours?: [string, string][]; temperatureBoost?: number };
  /** What it changes, one message per change (none: it changes nothing the desk acts on). */
  says: Message[];
  /** The same, worded in both languages. */
  summary: Reason;
}

const roundTheClock = (hours: readonly (readonly [string, string])[]) =>
  hours.length === 1 && hours[0]![0] === '00:00' && hours[0]![1] === '24:00';

/** The period's schedule. */
function scheduleOf(period: Period): PeriodSchedule {
  return period.lastBusinessDaysOfMonth !== undefined
    ? { lastBusinessDaysOfMonth: period.lastBusinessDaysOfMonth }
    : { from: period.from!, to: period.to! };
}

/** Describes what a period changes: priority raised, support hours, temperature. */
export function describePeriod(period: Period, active: boolean): PeriodCard {
  const says: Message[] = [];
  const changes: PeriodCard['changes'] = {};
  if (period.priority !== undefined) {
    changes.priority = period.priority;
    says.push({ code: 'period.priority', params: { priority: period.priority satisfies Priority } });
  }
  if (period.hours !== undefined) {
    const hours = period.hours.map(([from, to]) => [from, to] as [string, string]);
    changes.hours = hours;
    says.push(
      roundTheClock(hours)
        ? { code: 'period.roundTheClock' }
        : { code: 'period.hours', params: { hours: hours.map(([from, to]) => `${from}–${to}`).join(', ') } },
    );
  }
  if (period.temperatureBoost !== undefined && period.temperatureBoost !== 0) {
    changes.temperatureBoost = period.temperatureBoost;
    const boost = period.temperatureBoost > 0 ? `+${period.temperatureBoost}` : `${period.temperatureBoost}`;
    says.push({ code: 'period.temperature', params: { boost } });
  }
  const summary = { en: summaryIn('en', says), ru: summaryIn('ru', says) };
  return { name: period.name, schedule: scheduleOf(period), active, changes, says, summary };
}

/** The changes in one sentence: "Requests are treated as Highest priority; support runs round the clock". */
function summaryIn(language: Language, says: readonly Message[]): string {
  if (says.length === 0) return translate(language, { code: 'period.noChange' });
  return capitalise(says.map((message) => translate(language, message)).join('; '));
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
