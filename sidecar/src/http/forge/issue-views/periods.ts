// What a contract calendar's special period changes, in words for the contract panel.
import type { Period, Priority, Reason } from '@frontline/shared';

const PRIORITY_WORDS: Record<Priority, Reason> = {
  highest: { en: 'Highest', ru: 'наивысшего' },
  high: { en: 'High', ru: 'высокого' },
  medium: { en: 'Medium', ru: 'среднего' },
  low: { en: 'Low', ru: 'низкого' },
  lowest: { en: 'Lowest', ru: 'самого низкого' },
};

/** When the period applies, as the calendar states it. */
export type PeriodSchedule = { from: string; to: string } | { lastBusinessDaysOfMonth: number };

/** A special period as the panel shows it. */
export interface PeriodCard {
  name: string;
  schedule: PeriodSchedule;
  active: boolean;
  changes: { priority?: Priority; hours?: [string, string][]; temperatureBoost?: number };
  /** What it changes, in both languages. */
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
  const en: string[] = [];
  const ru: string[] = [];
  const changes: PeriodCard['changes'] = {};
  if (period.priority !== undefined) {
    changes.priority = period.priority;
    en.push(`requests are treated as ${PRIORITY_WORDS[period.priority].en} priority`);
    ru.push(`заявки считаются ${PRIORITY_WORDS[period.priority].ru} приоритета`);
  }
  if (period.hours !== undefined) {
    const hours = period.hours.map(([from, to]) => [from, to] as [string, string]);
    changes.hours = hours;
    if (roundTheClock(hours)) {
      en.push('support runs round the clock');
      ru.push('поддержка работает круглосуточно');
    } else {
      const list = hours.map(([from, to]) => `${from}–${to}`).join(', ');
      en.push(`support hours ${list}`);
      ru.push(`часы поддержки ${list}`);
    }
  }
  if (period.temperatureBoost !== undefined && period.temperatureBoost !== 0) {
    changes.temperatureBoost = period.temperatureBoost;
    const signed = period.temperatureBoost > 0 ? `+${period.temperatureBoost}` : `${period.temperatureBoost}`;
    en.push(`temperature ${signed}`);
    ru.push(`температура ${signed}`);
  }
  const summary =
    en.length === 0
      ? { en: 'No change to priority or hours', ru: 'Приоритет и часы не меняются' }
      : { en: capitalise(en.join('; ')), ru: capitalise(ru.join('; ')) };
  return { name: period.name, schedule: scheduleOf(period), active, changes, summary };
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
