import { z } from 'zod';
import { ClockTimeSchema, IsoDateSchema, isValidTimeZone, WEEK_DAYS } from './calendar.js';
import { ProjectKeySchema } from './routing.js';
import { reportRepeats } from './unique.js';

// Engineers, their absences and the duty rota, as coordinators maintain them.
//
// Working hours are a *reference* to a named business calendar (`calendar: "moscow-5x2"`), not a
// calendar copied into each engineer: a desk's engineers share one calendar, so a holiday transfer
// is entered once and reaches everyone, and the ranking compiles each calendar once per run rather
// than once per engineer. Someone on a personal schedule gets a calendar of their own.

const timeZone = z
  .string()
  .refine(isValidTimeZone, { error: 'Unknown time zone; use an IANA name like Europe/Moscow' });
const accountId = z.string().trim().min(1, 'Jira accountId must not be empty');
const ISO_DATETIME = z.iso.datetime({
  offset: true,
  error: 'Use an ISO date-time with an offset, e.g. 2026-11-23T09:00:00+03:00',
});

/** A date (`2026-11-24`, the whole local day) or an instant (`2026-11-24T14:00:00+03:00`). */
export const DateOrInstantSchema = z.union([IsoDateSchema, ISO_DATETIME], {
  error: 'Use a date (YYYY-MM-DD) or an ISO date-time with an offset',
});

/** Whether `text` is a whole-day date rather than an instant. */
export function isDateOnly(text: string): boolean {
  return text.length === 10;
}

/** Orders two date-or-instant values well enough to reject backwards ranges (dates compare as day starts). */
function startsAfter(from: string, to: string): boolean {
  if (isDateOnly(from) && isDateOnly(to)) return from > to;
  if (!isDateOnly(from) && !isDateOnly(to)) return Date.parse(from) > Date.parse(to);
  // Mixed: compare calendar days only; the engineer's zone decides the rest and is not known here.
  return from.slice(0, 10) > to.slice(0, 10);
}

export const ABSENCE_KINDS = ['dayOff', 'trip', 'training', 'sick', 'other'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** A stretch of time an engineer is away; date-only bounds are whole local days, both inclusive. */
export const AbsenceSchema = z
  .strictObject({
    kind: z.enum(ABSENCE_KINDS, { error: `Absence kind is one of: ${ABSENCE_KINDS.join(', ')}` }),
    from: DateOrInstantSchema,
    to: DateOrInstantSchema,
    note: z.string().max(200, 'Keep the note under 200 characters').optional(),
    /** Who entered it (a name), when someone did rather than a calendar feed; reasons quote it. */
    enteredBy: z.string().trim().min(1).max(200, 'Keep the name under 200 characters').optional(),
  })
  .refine((a) => !startsAfter(a.from, a.to), {
    error: (issue) => {
      const a = issue.input as { from: string; to: string };
      return `"from" (${a.from}) is after "to" (${a.to})`;
    },
    path: ['to'],
  });
export type Absence = z.infer<typeof AbsenceSchema>;

/** One skill and how well the engineer has it (1 = can follow instructions, 5 = the one others call). */
export const SkillLevelSchema = z.strictObject({
  skill: z.string().trim().min(1, 'Skill name must not be empty'),
  level: z
    .number({ error: 'Skill level is a number from 1 to 5' })
    .int('Skill level is a whole number from 1 to 5')
    .min(1, 'Skill level is at least 1')
    .max(5, 'Skill level is at most 5'),
});
export type SkillLevel = z.infer<typeof SkillLevelSchema>;

/** Two-letter language code (ISO 639-1), lower case. */
const language = z.string().regex(/^[a-z]{2}$/, 'Languages are two-letter codes such as "ru" or "en"');

export const EngineerSchema = z
  .strictObject({
    accountId,
    name: z.string().trim().min(1, 'Name must not be empty'),
    email: z.email('Not an e-mail address').optional(),
    telegramUserId: z.number().int().positive('Telegram user ids are positive whole numbers').optional(),
    timeZone,
    /** Id of the business calendar with this engineer's working hours. */
    calendar: z.string().trim().min(1, 'Name the working-hours calendar'),
    skills: z.array(SkillLevelSchema).default([]),
    /** Most weighted load (see the policy's load weights) the engineer should carry at once. */
    maxLoad: z.number().positive('maxLoad must be above 0').default(10),
    absences: z.array(AbsenceSchema).default([]),
    /** Project keys of the teams the engineer works for. */
    teams: z.array(ProjectKeySchema).min(1, 'An engineer belongs to at least one team (project key)'),
    languages: z.array(language).default(['ru']),
  })
  .superRefine((engineer, ctx) =>
    reportRepeats(
      ctx,
      engineer.skills,
      (s) => s.skill.toLowerCase(),
      (i) => ['skills', i, 'skill'],
      (s) => `Skill "${s.skill}" is listed twice`,
    ),
  );
export type Engineer = z.infer<typeof EngineerSchema>;
export type EngineerInput = z.input<typeof EngineerSchema>;

/** The engineer list: accountIds must be unique. */
export const EngineersSchema = z.array(EngineerSchema).superRefine((engineers, ctx) =>
  reportRepeats(
    ctx,
    engineers,
    (e) => e.accountId,
    (i) => [i, 'accountId'],
    (e, first) => `accountId ${e.accountId} is already used by entry ${first} (${engineers[first]!.name})`,
  ),
);

/** One duty shift between two instants (a swap, a holiday night). */
export const DutyShiftSchema = z
  .strictObject({ accountId, from: ISO_DATETIME, to: ISO_DATETIME, note: z.string().optional() })
  .refine((s) => Date.parse(s.from) < Date.parse(s.to), { error: '"to" must be after "from"', path: ['to'] });
export type DutyShift = z.infer<typeof DutyShiftSchema>;

/** A weekly duty slot in the rota's zone; an end at or before the start runs into the next day (22:00–09:00). */
export const WeeklyDutySchema = z
  .strictObject({
    accountId,
    day: z.enum(WEEK_DAYS, { error: `Day is one of: ${WEEK_DAYS.join(', ')}` }),
    from: ClockTimeSchema,
    to: ClockTimeSchema,
  })
  .refine((s) => s.from !== '24:00', { error: 'A slot cannot start at 24:00', path: ['from'] });
export type WeeklyDuty = z.infer<typeof WeeklyDutySchema>;

/**
 * Who is on duty when. Explicit shifts win: while any shift covers an instant, the weekly pattern
 * is ignored for it (that is how swaps and holiday nights are written).
 */
export const DutyRotaSchema = z
  .strictObject({
    timeZone,
    weekly: z.array(WeeklyDutySchema).default([]),
    shifts: z.array(DutyShiftSchema).default([]),
  })
  .refine((r) => r.weekly.length > 0 || r.shifts.length > 0, {
    error: 'A duty rota needs a weekly pattern or at least one shift',
  });
export type DutyRota = z.infer<typeof DutyRotaSchema>;
export type DutyRotaInput = z.input<typeof DutyRotaSchema>;
