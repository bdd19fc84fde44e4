import { z } from 'zod';
import { DAY_MS } from '../calendar/zone.js';

/** Issue priorities from most to least urgent; the index is the urgency rank (0 = most urgent). */
export const PRIORITIES = ['highest', 'high', 'medium', 'low', 'lowest'] as const;
export const PrioritySchema = z.enum(PRIORITIES, {
  error: `priority must be one of: ${PRIORITIES.join(', ')}`,
});
export type Priority = z.infer<typeof PrioritySchema>;

/** Week days in the order the settings document lists them. */
export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

const MINUTES_PER_DAY = 1440;
/** Dates outside this range are almost certainly typos; it also keeps `Date.UTC` away from its 0–99 quirk. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
/** A holiday range longer than a year is a mistake, and it could stall a due-date search. */
const MAX_HOLIDAY_RANGE_DAYS = 366;

/** Minutes since midnight of a validated `HH:MM` (`24:00` → 1440). */
export function parseClockTime(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/** Days since 1970-01-01 of a validated `YYYY-MM-DD`. */
export function parseIsoDay(text: string): number {
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS;
}

/** True when `text` is `YYYY-MM-DD` naming a day that exists (no 2027-02-30) in the supported years. */
function isExistingIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const back = new Date(parseIsoDay(text) * DAY_MS).toISOString().slice(0, 10);
  return back === text;
}

/** True for an IANA zone name the platform knows (`Europe/Moscow`, `UTC`); fixed offsets like `+03:00` are refused. */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ClockTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'time must be HH:MM between 00:00 and 24:00' });

export const IsoDateSchema = z.string().refine(isExistingIsoDate, {
  error: `date must be an existing day written YYYY-MM-DD (years ${FIRST_YEAR}–${LAST_YEAR})`,
});

/**
 * One working interval `[start, end]`. An end earlier than the start crosses midnight (a night
 * shift `22:00–06:00` runs into the next morning); `24:00` ends the day.
 */
export const TimeIntervalSchema = z
  .tuple([ClockTimeSchema, ClockTimeSchema], { error: 'an interval is a pair of times: ["09:00", "18:00"]' })
  .superRefine(([start, end], ctx) => {
    if (start === '24:00')
      ctx.addIssue({ code: 'custom', message: 'an interval cannot start at 24:00', path: [0] });
    else if (start === end)
      ctx.addIssue({
        code: 'custom',
        message: `empty interval ${start}–${end}; use 00:00–24:00 for a whole day`,
        path: [1],
      });
  });
export type TimeInterval = z.infer<typeof TimeIntervalSchema>;

/** The interval as minutes from the start of its own day; a night shift ends after 1440. */
export function intervalMinutes([start, end]: TimeInterval): [number, number] {
  const from = parseClockTime(start);
  const to = parseClockTime(end);
  return [from, to <= from ? to + MINUTES_PER_DAY : to];
}

/** The working intervals of one day; they may not overlap each other. */
export const DayHoursSchema = z.array(TimeIntervalSchema).superRefine((intervals, ctx) => {
  const spans = intervals.map((interval, index) => ({ index, minutes: intervalMinutes(interval) }));
  spans.sort((a, b) => a.minutes[0] - b.minutes[0]);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1]!;
    const current = spans[i]!;
    if (current.minutes[0] < previous.minutes[1]) {
      const [a, b] = [intervals[previous.index]!, intervals[current.index]!];
      ctx.addIssue({
        code: 'custom',
        message: `intervals ${a[0]}–${a[1]} and ${b[0]}–${b[1]} overlap`,
        path: [current.index],
      });
    }
  }
});

const NonEmptyDayHoursSchema = DayHoursSchema.refine((hours) => hours.length > 0, {
  error: 'give at least one interval',
});

const DateRangeShape = { from: IsoDateSchema, to: IsoDateSchema };

/** `from` must not come after `to` (both inclusive, local dates). */
function checkDateRange(range: { from: string; to: string }, ctx: z.RefinementCtx, maxDays?: number): void {
  const days = parseIsoDay(range.to) - parseIsoDay(range.from);
  if (days < 0)
    ctx.addIssue({
      code: 'custom',
      message: `"from" (${range.from}) is after "to" (${range.to})`,
      path: ['to'],
    });
  else if (maxDays !== undefined && days + 1 > maxDays)
    ctx.addIssue({ code: 'custom', message: `a range may span at most ${maxDays} days`, path: ['to'] });
}

export const HolidaySchema = z.union(
  [
    IsoDateSchema,
    z
      .strictObject(DateRangeShape)
      .superRefine((range, ctx) => checkDateRange(range, ctx, MAX_HOLIDAY_RANGE_DAYS)),
  ],
  { error: 'a holiday is a date "YYYY-MM-DD" or a range { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }' },
);
export type Holiday = z.infer<typeof HolidaySchema>;

/** A day that works although the week says otherwise (a Saturday made a working day by a transfer). */
export const WorkingDaySchema = z.strictObject({ date: IsoDateSchema, hours: NonEmptyDayHoursSchema });
export type WorkingDay = z.infer<typeof WorkingDaySchema>;

/**
 * A special period: dates given by `from`/`to` (inclusive, local) or by `lastBusinessDaysOfMonth`
 * (the last N business days of every month by the base calendar). `hours` replace the hours of each
 * day in the period; `priority` raises the effective priority of issues while it is active.
 */
export const PeriodSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'a period needs a name' }),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    lastBusinessDaysOfMonth: z
      .number()
      .int({ error: 'lastBusinessDaysOfMonth must be a whole number' })
      .min(1)
      .max(31, { error: 'a month has at most 31 days, so at most 31 business days' })
      .optional(),
    hours: NonEmptyDayHoursSchema.optional(),
    priority: PrioritySchema.optional(),
    temperatureBoost: z.number().int().min(-100).max(100).optional(),
  })
  .superRefine((period, ctx) => {
    const hasRange = period.from !== undefined || period.to !== undefined;
    if (hasRange && period.lastBusinessDaysOfMonth !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either "from"/"to" or "lastBusinessDaysOfMonth", not both',
        path: ['lastBusinessDaysOfMonth'],
      });
    } else if (!hasRange && period.lastBusinessDaysOfMonth === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'give "from" and "to", or "lastBusinessDaysOfMonth"',
        path: [],
      });
    } else if (hasRange) {
      if (period.from === undefined)
        ctx.addIssue({ code: 'custom', message: '"from" is missing', path: ['from'] });
      else if (period.to === undefined)
        ctx.addIssue({ code: 'custom', message: '"to" is missing', path: ['to'] });
      else checkDateRange({ from: period.from, to: period.to }, ctx);
    }
  });
export type Period = z.infer<typeof PeriodSchema>;

/** The regular week; a day left out has no working hours. */
const WeekDayHoursSchema = DayHoursSchema.default([]);
export const WeekSchema = z.strictObject(
  Object.fromEntries(WEEK_DAYS.map((day) => [day, WeekDayHoursSchema])) as Record<
    WeekDay,
    typeof WeekDayHoursSchema
  >,
);

/** Every day a holiday entry covers, as day numbers since 1970-01-01. */
export function holidayDays(holiday: Holiday): number[] {
  if (typeof holiday === 'string') return [parseIsoDay(holiday)];
  const days: number[] = [];
  for (let day = parseIsoDay(holiday.from); day <= parseIsoDay(holiday.to); day++) days.push(day);
  return days;
}

/** A business calendar as users write it in the settings (see docs in `calendar/index.ts`). */
export const BusinessCalendarSchema = z
  .strictObject({
    timeZone: z
      .string()
      .refine(isValidTimeZone, { error: 'unknown time zone; use an IANA name like Europe/Moscow' }),
    week: WeekSchema,
    holidays: z.array(HolidaySchema).default([]),
    workingDays: z.array(WorkingDaySchema).default([]),
    periods: z.array(PeriodSchema).default([]),
  })
  .superRefine((calendar, ctx) => {
    if (WEEK_DAYS.every((day) => calendar.week[day].length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'the week has no working hours at all', path: ['week'] });
    }
    const holidays = new Set(calendar.holidays.flatMap(holidayDays));
    const seen = new Set<string>();
    calendar.workingDays.forEach((workingDay, index) => {
      if (seen.has(workingDay.date)) {
        ctx.addIssue({
          code: 'custom',
          message: `${workingDay.date} is listed twice`,
          path: ['workingDays', index, 'date'],
        });
      } else if (holidays.has(parseIsoDay(workingDay.date))) {
        ctx.addIssue({
          code: 'custom',
          message: `${workingDay.date} is both a holiday and a working day`,
          path: ['workingDays', index, 'date'],
        });
      }
      seen.add(workingDay.date);
    });
  });
export type BusinessCalendar = z.output<typeof BusinessCalendarSchema>;
/** What users may write: the lists are optional. */
export type BusinessCalendarInput = z.input<typeof BusinessCalendarSchema>;
