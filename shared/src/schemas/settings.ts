import { z } from 'zod';
import { DEFAULT_REPLY_TEMPLATES } from '../replies/defaults.js';
import { DEFAULT_TEMPERATURE_POLICY } from '../temperature/index.js';
import { AssignmentPolicySchema } from './assignment.js';
import { BusinessCalendarSchema } from './calendar.js';
import { ChannelsSchema } from './channels.js';
import { DutyRotaSchema, EngineersSchema } from './engineers.js';
import { DEFAULT_GLOSSARY, GlossarySchema } from './glossary.js';
import { ReplyLibrarySchema } from './replies.js';
import { RoutingPresetSchema } from './routing.js';
import { SlaPolicySchema } from './sla.js';
import { TemperaturePolicySchema } from './temperature.js';

const CalendarIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Calendar ids are lowercase letters, digits and dashes');

/** A list whose items must have distinct values of one key; the duplicate is reported at its own path. */
function uniqueBy<T extends z.ZodType>(item: T, key: string, noun: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Map<unknown, number>();
    (items as Record<string, unknown>[]).forEach((entry, index) => {
      const value = entry[key];
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, key],
          message: `${noun} "${String(value)}" is already used by entry ${first}`,
        });
    });
  });
}

/**
 * Every rule an admin configures, as one versioned document. Each section is validated by its own
 * schema; the document adds the checks that span sections (a policy naming a calendar that does not
 * exist, a duty shift for someone who is not an engineer).
 */
export const SettingsDocumentSchema = z
  .strictObject({
    /** Business calendars by id (desk hours, engineers' hours, 24×7 contracts). */
    calendars: z.record(CalendarIdSchema, BusinessCalendarSchema).default({}),
    slaPolicies: uniqueBy(SlaPolicySchema, 'id', 'SLA policy id').default([]),
    temperature: TemperaturePolicySchema.default(DEFAULT_TEMPERATURE_POLICY),
    engineers: EngineersSchema.default([]),
    dutyRota: DutyRotaSchema.optional(),
    /** One assignment policy per project. */
    assignment: uniqueBy(AssignmentPolicySchema, 'project', 'Project').default([]),
    routingPresets: uniqueBy(RoutingPresetSchema, 'id', 'Preset id').default([]),
    replyTemplates: ReplyLibrarySchema.default([...DEFAULT_REPLY_TEMPLATES]),
    glossary: GlossarySchema.default(DEFAULT_GLOSSARY),
    channels: ChannelsSchema.default({ routes: [] }),
  })
  .superRefine((doc, ctx) => {
    const calendarIds = Object.keys(doc.calendars);
    const known = calendarIds.length ? `known: ${calendarIds.join(', ')}` : 'no calendars are defined yet';
    const needCalendar = (id: string, path: (string | number)[]) => {
      if (!Object.hasOwn(doc.calendars, id))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `Calendar "${id}" is not defined under calendars (${known})`,
        });
    };
    doc.slaPolicies.forEach((policy, i) => needCalendar(policy.calendarId, ['slaPolicies', i, 'calendarId']));
    doc.engineers.forEach((engineer, i) => needCalendar(engineer.calendar, ['engineers', i, 'calendar']));
    doc.assignment.forEach((policy, i) =>
      needCalendar(policy.deskCalendar, ['assignment', i, 'deskCalendar']),
    );

    const templateIds = new Set(doc.replyTemplates.map((t) => t.id));
    doc.assignment.forEach((policy, i) => {
      const key = policy.commentOnAutoAssign.templateKey;
      if (key !== undefined && !templateIds.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['assignment', i, 'commentOnAutoAssign', 'templateKey'],
          message: `Reply template "${key}" is not in replyTemplates`,
        });
    });

    const engineerIds = new Set(doc.engineers.map((e) => e.accountId));
    const rotaMember = (accountId: string, path: (string | number)[]) => {
      if (!engineerIds.has(accountId))
        ctx.addIssue({ code: 'custom', path, message: `accountId ${accountId} is not one of the engineers` });
    };
    doc.dutyRota?.weekly.forEach((slot, i) =>
      rotaMember(slot.accountId, ['dutyRota', 'weekly', i, 'accountId']),
    );
    doc.dutyRota?.shifts.forEach((shift, i) =>
      rotaMember(shift.accountId, ['dutyRota', 'shifts', i, 'accountId']),
    );
  });
export type SettingsDocument = z.output<typeof SettingsDocumentSchema>;
export type SettingsDocumentInput = z.input<typeof SettingsDocumentSchema>;

/** The sections of the settings document, in the order the admin page shows them. */
export const SETTINGS_SECTIONS = Object.keys(SettingsDocumentSchema.shape) as (keyof SettingsDocument)[];
export type SettingsSection = keyof SettingsDocument;

/** Whether `name` is a settings section. */
export function isSettingsSection(name: string): name is SettingsSection {
  return Object.hasOwn(SettingsDocumentSchema.shape, name);
}
