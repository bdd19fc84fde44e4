import { z } from 'zod';
import { AvailabilitySettingsSchema, DEFAULT_AVAILABILITY_SETTINGS } from '../availability/settings.js';
import { DEFAULT_REPLY_TEMPLATES } from '../replies/defaults.js';
import { DEFAULT_TEMPERATURE_POLICY } from '../temperature/index.js';
import { AssignmentPolicySchema } from './assignment.js';
import { BusinessCalendarSchema } from './calendar.js';
import { ChannelsSchema } from './channels.js';
import { CUSTOMER_SIDE_DEFAULTS, CustomerSideSchema } from './customer.js';
import { DutyRotaSchema, EngineersSchema } from './engineers.js';
import { DEFAULT_GLOSSARY, GlossarySchema } from './glossary.js';
import { DEFAULT_JIRA_FIELDS, JiraFieldsSchema } from './jira-fields.js';
import { DEFAULT_REPLY_POLICY, LanguageSchema, ReplyLibrarySchema, ReplyPolicySchema } from './replies.js';
import type { Language } from './replies.js';
import { partsFieldIssues, RoutingPresetSchema } from './routing.js';
import { DEFAULT_SCHEDULE_OPTIONS, ScheduleOptionsSchema } from './schedules.js';
import { SlaPolicySchema } from './sla.js';
import { TemperaturePolicySchema } from './temperature.js';
import { DEFAULT_TRACKERS, TrackersSchema } from './trackers.js';
import { uniqueBy } from './unique.js';
import type { FieldIssue } from './errors.js';
import type { Contract } from './contract.js';

const CalendarIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Calendar ids are lowercase letters, digits and dashes');

/** The language notices to teams are written in unless the settings say otherwise. */
export const DEFAULT_TEAM_LANGUAGE: Language = 'ru';

/**
 * How the desk writes to teams. People have a profile that says how they read; a team (as channel
 * routes and routing presets name it: HW, DB, …) has only this.
 */
export const NotificationsSchema = z.strictObject({
  /** The language of notices to every team not listed under `teamLanguages`. */
  teamLanguage: LanguageSchema.default(DEFAULT_TEAM_LANGUAGE),
  /** Teams that read another language than `teamLanguage`, by team name. */
  teamLanguages: z.record(z.string().trim().min(1, 'Team name is required'), LanguageSchema).default({}),
});
export type Notifications = z.output<typeof NotificationsSchema>;

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
    /** Per project: whether glossary and spelling findings only warn or hold a reply back. */
    replies: ReplyPolicySchema.default(DEFAULT_REPLY_POLICY),
    /** The site's Jira field ids Frontline reads (organizations, request type, customer, parts). */
    jiraFields: JiraFieldsSchema.default({ ...DEFAULT_JIRA_FIELDS }),
    channels: ChannelsSchema.default({ routes: [] }),
    /** The language notices to teams are written in. */
    notifications: NotificationsSchema.default({ teamLanguage: DEFAULT_TEAM_LANGUAGE, teamLanguages: {} }),
    /** Digest time, reminder delays, critical vs maintenance, label → skill. */
    schedules: ScheduleOptionsSchema.default(DEFAULT_SCHEDULE_OPTIONS),
    /** Customer links (approval, rating, NPS): validity, NPS cadence, approval pauses. */
    customerSide: CustomerSideSchema.default({
      ...CUSTOMER_SIDE_DEFAULTS,
      pauseResolutionWhileAwaitingApproval: [],
    }),
    /** Engineers' calendar feeds (secret references), who may enter others' absences, the Monday reminder. */
    availability: AvailabilitySettingsSchema.default(DEFAULT_AVAILABILITY_SETTINGS),
    /** Which tracker each project lives in (Jira unless listed) and YouTrack's field names. */
    trackers: TrackersSchema.default(DEFAULT_TRACKERS),
  })
  // The cross-section checks run even when some sections failed, so every problem is reported in
  // one go; each check only reads sections that parsed (see `sectionsThatParsed`).
  .superRefine((doc, ctx) => checkCrossSectionReferences(sectionsThatParsed(doc, ctx.issues), ctx), {
    when: (payload) => isPlainObject(payload.value),
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

/** Parsed sections by name, where a section is present only if it parsed without an issue. */
type ParsedSections = Partial<SettingsDocument>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sections of `doc` that parsed cleanly: no issue so far has a path inside them. */
function sectionsThatParsed(
  doc: SettingsDocument,
  issues: readonly { path?: PropertyKey[] }[],
): ParsedSections {
  const failed = new Set(issues.map((issue) => issue.path?.[0]).filter((key) => key !== undefined));
  const parsed: Record<string, unknown> = {};
  for (const section of SETTINGS_SECTIONS)
    if (!failed.has(section) && Object.hasOwn(doc, section)) parsed[section] = doc[section];
  return parsed as ParsedSections;
}

/** The message for a calendar id that is not among the settings' calendars. */
function unknownCalendarMessage(id: string, calendars: Record<string, unknown>): string {
  const ids = Object.keys(calendars);
  const known = ids.length ? `known: ${ids.join(', ')}` : 'no calendars are defined yet';
  return `Calendar "${id}" is not defined under calendars (${known})`;
}

/**
 * The checks that span sections (a policy naming a calendar that does not exist, a duty shift for
 * someone who is not an engineer). A check runs only when every section it reads parsed.
 */
function checkCrossSectionReferences(sections: ParsedSections, ctx: z.RefinementCtx): void {
  const { calendars, slaPolicies, engineers, assignment, replyTemplates, dutyRota } = sections;
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  if (sections.jiraFields && sections.routingPresets)
    for (const found of partsFieldIssues(sections.jiraFields, sections.routingPresets))
      issue(found.path, found.message);

  if (calendars) {
    const needCalendar = (id: string, path: PropertyKey[]) => {
      if (!Object.hasOwn(calendars, id)) issue(path, unknownCalendarMessage(id, calendars));
    };
    slaPolicies?.forEach((policy, i) => needCalendar(policy.calendarId, ['slaPolicies', i, 'calendarId']));
    engineers?.forEach((engineer, i) => needCalendar(engineer.calendar, ['engineers', i, 'calendar']));
    assignment?.forEach((policy, i) => needCalendar(policy.deskCalendar, ['assignment', i, 'deskCalendar']));
  }

  if (assignment && replyTemplates) {
    const templateIds = new Set(replyTemplates.map((t) => t.id));
    assignment.forEach((policy, i) => {
      const key = policy.commentOnAutoAssign.templateKey;
      if (key !== undefined && !templateIds.has(key))
        issue(
          ['assignment', i, 'commentOnAutoAssign', 'templateKey'],
          `Reply template "${key}" is not in replyTemplates`,
        );
    });
  }

  if (engineers && dutyRota) {
    const engineerIds = new Set(engineers.map((e) => e.accountId));
    const rotaMember = (accountId: string, path: PropertyKey[]) => {
      if (!engineerIds.has(accountId)) issue(path, `accountId ${accountId} is not one of the engineers`);
    };
    dutyRota.weekly.forEach((slot, i) => rotaMember(slot.accountId, ['dutyRota', 'weekly', i, 'accountId']));
    dutyRota.shifts.forEach((shift, i) =>
      rotaMember(shift.accountId, ['dutyRota', 'shifts', i, 'accountId']),
    );
  }
}

/**
 * A contract's references into the settings (its SLA policy and business calendar) that point
 * nowhere, each by its path in the contract. Contracts live in the contracts store, apart from the
 * settings document, so this is checked where both are at hand; an empty list means all is well.
 */
export function checkContractReferences(
  contract: Pick<Contract, 'slaPolicyId' | 'calendarId'>,
  settings: Pick<SettingsDocument, 'slaPolicies' | 'calendars'>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!settings.slaPolicies.some((policy) => policy.id === contract.slaPolicyId)) {
    const ids = settings.slaPolicies.map((policy) => policy.id);
    const known = ids.length ? `known: ${ids.join(', ')}` : 'no SLA policies are defined yet';
    issues.push({
      path: 'slaPolicyId',
      message: `SLA policy "${contract.slaPolicyId}" is not defined under slaPolicies (${known})`,
    });
  }
  if (!Object.hasOwn(settings.calendars, contract.calendarId))
    issues.push({
      path: 'calendarId',
      message: unknownCalendarMessage(contract.calendarId, settings.calendars),
    });
  return issues;
}
