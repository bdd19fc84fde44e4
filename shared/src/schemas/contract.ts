import { z } from 'zod';
import { localDateTime } from '../calendar/zone.js';
import { bilingual } from '../i18n/messages.js';
import type { WordedMessage } from '../i18n/messages.js';
import { IsoDateSchema, isValidTimeZone, PrioritySchema } from './calendar.js';
import { LanguageSchema, DetailSchema, RegisterSchema } from './replies.js';

// A customer contract as the master system (CRM/ERP/1C) knows it, in the shape the desk needs in a
// ticket: what is covered, what is paid work, who is responsible for what, how the customer wants
// to be spoken to, and who their service manager is. The SLA policy and the business calendar are
// referred to by id: they are configured once and shared by many contracts (the calendar also owns
// the contract's special periods, such as the month-end close).

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);
const timeZone = z
  .string()
  .refine(isValidTimeZone, { error: 'Unknown time zone; use an IANA name like Europe/Moscow' });
const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'Give a full http(s) link, e.g. https://crm.example.com/…',
});
const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/u, 'E-mail domains look like "example.com" (no @, no spaces)');

/** Text shown to people, in both languages the desk writes in. */
export const ReasonSchema = z.strictObject({ en: z.string(), ru: z.string() });
export type Reason = z.infer<typeof ReasonSchema>;

/** How a ticket is matched to the customer: by JSM organization, reporter's e-mail domain or a customer field. */
export const CustomerSchema = z.strictObject({
  id: nonEmpty('Customer id'),
  name: nonEmpty('Customer name'),
  jsmOrganizationIds: z.array(nonEmpty('Organization id')).optional(),
  emailDomains: z.array(emailDomain).optional(),
  customerFieldValue: nonEmpty('Customer field value').optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/** What the contract covers: request types, and optionally components and configuration items. */
export const CoverageSchema = z.strictObject({
  requestTypes: z.array(nonEmpty('Request type')).default([]),
  components: z.array(nonEmpty('Component')).default([]),
  configurationItemIds: z.array(nonEmpty('Configuration item id')).default([]),
});
export type Coverage = z.infer<typeof CoverageSchema>;

/** Work the customer pays for separately; it must be agreed before it starts. */
export const PaidWorkSchema = z
  .strictObject({
    description: nonEmpty('Paid work description'),
    requestTypes: z.array(nonEmpty('Request type')).default([]),
    components: z.array(nonEmpty('Component')).default([]),
    /** Always true: surprise invoices destroy trust. Kept explicit so the contract card says it. */
    requiresApprovalBeforeStart: z.literal(true, {
      error: 'Paid work always needs the customer’s approval before it starts',
    }),
    rate: nonEmpty('Rate').optional(),
  })
  .refine((w) => w.requestTypes.length + w.components.length > 0, {
    error: 'Say which request types or components this paid work applies to',
  });
export type PaidWork = z.infer<typeof PaidWorkSchema>;

/** Who does what: shown in the ticket so nobody oversteps (or leaves a gap). */
export const ResponsibilityZonesSchema = z.strictObject({
  ours: z.array(nonEmpty('Responsibility')).default([]),
  customers: z.array(nonEmpty('Responsibility')).default([]),
});
export type ResponsibilityZones = z.infer<typeof ResponsibilityZonesSchema>;

/** How the customer wants to hear from us. */
export const CommunicationPreferencesSchema = z.strictObject({
  channel: z.enum(['email', 'phone', 'portal', 'telegram', 'slack'], {
    error: 'Channel is one of: email, phone, portal, telegram, slack',
  }),
  detail: DetailSchema,
  register: RegisterSchema,
  language: LanguageSchema,
  statusMeetings: z
    .strictObject({
      cadence: z.enum(['weekly', 'biweekly', 'monthly'], { error: 'Cadence is weekly, biweekly or monthly' }),
      note: nonEmpty('Note').optional(),
    })
    .optional(),
  /**
   * Status-update cadence: business hours (in the contract's calendar) an open ticket of each
   * priority may go without a public update, e.g. `{ "highest": 4 }`; a priority not listed has none.
   */
  statusUpdates: z
    .strictObject({
      everyBusinessHours: z.partialRecord(
        PrioritySchema,
        z
          .number()
          .positive('The cadence is above 0 business hours')
          .max(720, 'The cadence is at most 720 hours'),
      ),
    })
    .optional(),
});
export type CommunicationPreferences = z.infer<typeof CommunicationPreferencesSchema>;

/** The customer's single point of contact on our side, who owns escalations. */
export const ServiceManagerSchema = z.strictObject({
  accountId: nonEmpty('Atlassian account id'),
  name: nonEmpty('Name'),
  email: z.email({ error: 'Give a valid e-mail address' }).optional(),
  timeZone,
});
export type ServiceManager = z.infer<typeof ServiceManagerSchema>;

/** Where the contract and its configuration items (servers, arrays, licences) live in the master system. */
export const MasterSystemLinksSchema = z.strictObject({
  contractUrl: httpUrl,
  configurationItems: z
    .array(z.strictObject({ id: nonEmpty('Configuration item id'), name: nonEmpty('Name'), url: httpUrl }))
    .default([]),
});
export type MasterSystemLinks = z.infer<typeof MasterSystemLinksSchema>;

/** Validity: whole days, both inclusive, counted in `timeZone`; no `to` means open-ended. */
export const ValiditySchema = z
  .strictObject({ from: IsoDateSchema, to: IsoDateSchema.optional(), timeZone })
  .refine((v) => v.to === undefined || v.from <= v.to, {
    error: 'The contract must start on or before its last day',
    path: ['to'],
  });
export type Validity = z.infer<typeof ValiditySchema>;

/** A year of hours: no contract promises work to start later than that. */
export const MAX_WORK_START_BUSINESS_HOURS = 8760;
/** About a working year of business days: the longest parts delivery a contract may promise. */
export const MAX_PARTS_DELIVERY_BUSINESS_DAYS = 250;

const workStartHours = (priority: string) =>
  z
    .number({ error: `The work-start target for ${priority} priority must be a number of business hours` })
    .positive(`The work-start target for ${priority} priority must be above 0 business hours`)
    .max(
      MAX_WORK_START_BUSINESS_HOURS,
      `The work-start target for ${priority} priority is at most ${MAX_WORK_START_BUSINESS_HOURS} business hours (a year)`,
    )
    .optional();

/**
 * The service the contract promises beyond its SLA clocks, measured by the service report in the
 * contract's calendar. Each term is optional: the desk's defaults apply where the contract is silent.
 */
export const ServiceTargetsSchema = z.strictObject({
  /**
   * Business hours from the engineer's assignment to the start of work, per priority, e.g.
   * `{ "highest": 1, "high": 2 }` (0.5 is half an hour); a priority not listed uses the default.
   */
  workStartBusinessHours: z
    .strictObject({
      highest: workStartHours('highest'),
      high: workStartHours('high'),
      medium: workStartHours('medium'),
      low: workStartHours('low'),
      lowest: workStartHours('lowest'),
    })
    .optional(),
  /** Whole business days a spare part may take to arrive, counted after the day it was ordered. */
  partsDeliveryBusinessDays: z
    .int({ error: 'The parts delivery target must be a whole number of business days' })
    .positive('The parts delivery target must be at least 1 business day')
    .max(
      MAX_PARTS_DELIVERY_BUSINESS_DAYS,
      `The parts delivery target is at most ${MAX_PARTS_DELIVERY_BUSINESS_DAYS} business days (a working year)`,
    )
    .optional(),
});
export type ServiceTargets = z.infer<typeof ServiceTargetsSchema>;

/** A customer contract. */
export const ContractSchema = z
  .strictObject({
    id: nonEmpty('Contract id'),
    customer: CustomerSchema,
    number: nonEmpty('Contract number'),
    title: nonEmpty('Title'),
    /** e.g. "Hardware maintenance", "Database support", "1C support". */
    lineOfBusiness: nonEmpty('Line of business'),
    /** The customer's tier as the master system names it (e.g. "standard", "premium", "24x7"). */
    tier: nonEmpty('Tier'),
    validity: ValiditySchema,
    slaPolicyId: nonEmpty('SLA policy id'),
    calendarId: nonEmpty('Calendar id'),
    coverage: CoverageSchema,
    paidWork: z.array(PaidWorkSchema).default([]),
    responsibilityZones: ResponsibilityZonesSchema.default({ ours: [], customers: [] }),
    communication: CommunicationPreferencesSchema,
    serviceManager: ServiceManagerSchema,
    masterSystem: MasterSystemLinksSchema,
    serviceTargets: ServiceTargetsSchema.optional(),
  })
  .superRefine((contract, ctx) => {
    const known = new Set(contract.masterSystem.configurationItems.map((ci) => ci.id));
    contract.coverage.configurationItemIds.forEach((id, i) => {
      if (!known.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['coverage', 'configurationItemIds', i],
          message: `Configuration item "${id}" is not listed under masterSystem.configurationItems`,
        });
      }
    });
  });
export type Contract = z.infer<typeof ContractSchema>;
export type ContractInput = z.input<typeof ContractSchema>;

/** A request to weigh against a contract. */
export interface CoverageRequest {
  requestType: string;
  components?: readonly string[];
  configurationItemIds?: readonly string[];
  at: Date;
}

/** Whether a request is covered, is paid work that needs approval first, or falls outside the contract's dates. */
export type CoverageVerdict =
  | { verdict: 'covered'; reason: WordedMessage }
  | { verdict: 'paidWork'; requiresApprovalBeforeStart: true; paidWork?: PaidWork; reason: WordedMessage }
  | { verdict: 'outsideValidity'; reason: WordedMessage };

/** Names compare without regard to case or surrounding blanks ("Hardware failure" = "hardware failure "). */
const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
const includesName = (list: readonly string[], name: string) => list.some((item) => sameName(item, name));
const anyIncluded = (list: readonly string[], names: readonly string[]) =>
  names.some((n) => includesName(list, n));

/**
 * Weighs a request against a contract. Dates are checked first; a request listed as paid work is
 * paid work even if its type is otherwise covered; anything the contract does not cover is paid
 * work too, and every paid work needs the customer's approval before it starts.
 */
export function coverageVerdict(contract: Contract, request: CoverageRequest): CoverageVerdict {
  const { from, to, timeZone: zone } = contract.validity;
  const day = localDateTime(zone, request.at).date;
  if (day < from || (to !== undefined && day > to)) {
    return {
      verdict: 'outsideValidity',
      reason: bilingual(
        day < from
          ? { code: 'coverage.notYetValid', params: { number: contract.number, from, day } }
          : { code: 'coverage.expired', params: { number: contract.number, to: to!, day } },
      ),
    };
  }
  const components = request.components ?? [];
  const paid = contract.paidWork.find(
    (w) => includesName(w.requestTypes, request.requestType) || anyIncluded(w.components, components),
  );
  if (paid) {
    return {
      verdict: 'paidWork',
      requiresApprovalBeforeStart: true,
      paidWork: paid,
      reason: bilingual({
        code: 'coverage.paidWork',
        params: { number: contract.number, description: paid.description },
      }),
    };
  }
  const { coverage } = contract;
  const byType = includesName(coverage.requestTypes, request.requestType);
  const byComponent = anyIncluded(coverage.components, components);
  const byItem = (request.configurationItemIds ?? []).some((id) =>
    coverage.configurationItemIds.includes(id),
  );
  if (byType || byComponent || byItem) {
    return {
      verdict: 'covered',
      reason: bilingual({
        code: 'coverage.covered',
        params: {
          number: contract.number,
          title: contract.title,
          by: byType ? 'requestType' : byComponent ? 'components' : 'configurationItem',
          what: byType ? request.requestType : byComponent ? components.join(', ') : '',
        },
      }),
    };
  }
  return {
    verdict: 'paidWork',
    requiresApprovalBeforeStart: true,
    reason: bilingual({
      code: 'coverage.notCovered',
      params: { number: contract.number, requestType: request.requestType },
    }),
  };
}
