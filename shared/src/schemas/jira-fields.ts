import { z } from 'zod';

// The Jira field ids Frontline reads that differ from site to site. Admins pick them on the
// settings page from the site's own field list (GET /rest/api/3/field); the ids of a stock Jira
// Service Management site are only the defaults.

/** A Jira field id: a custom field (`customfield_10002`) or a system field (`labels`). */
export const JiraFieldIdSchema = z
  .string()
  .trim()
  .regex(
    /^(?:customfield_\d{1,12}|[a-z][A-Za-z0-9]{0,63})$/,
    'A Jira field id looks like "customfield_10002"',
  );

/** The fields Frontline reads, by what it reads them for. */
export const JIRA_FIELD_ROLES = ['organizations', 'requestType', 'customer', 'parts'] as const;
export type JiraFieldRole = (typeof JIRA_FIELD_ROLES)[number];

export const DEFAULT_JIRA_FIELDS = {
  organizations: 'customfield_10002',
  requestType: 'customfield_10010',
} as const;

export const JiraFieldsSchema = z.strictObject({
  /** JSM "Organizations" (an array of `{ id, name }`): how a request finds its customer's contract. */
  organizations: JiraFieldIdSchema.default(DEFAULT_JIRA_FIELDS.organizations),
  /**
   * JSM "Customer Request Type": which SLA terms apply; `null` on a site without one, where the
   * issue type's name stands in.
   */
  requestType: JiraFieldIdSchema.nullable().default(DEFAULT_JIRA_FIELDS.requestType),
  /** A field whose value names the customer, when the site has one. */
  customer: JiraFieldIdSchema.optional(),
  /** The spare parts a part order names. */
  parts: JiraFieldIdSchema.optional(),
});
export type JiraFields = z.output<typeof JiraFieldsSchema>;

/** A field as Jira's field list gives it (the parts Frontline reads). */
export interface SiteField {
  id: string;
  name: string;
}

/** Each chosen field id that is not among the site's fields, by its path under `jiraFields`. */
export function unknownJiraFields(
  fields: Partial<Record<JiraFieldRole, string | null>>,
  site: readonly SiteField[],
): { path: JiraFieldRole; message: string }[] {
  const known = new Set(site.map((f) => f.id));
  return JIRA_FIELD_ROLES.flatMap((role) => {
    const id = fields[role];
    return id === undefined || id === null || known.has(id)
      ? []
      : [{ path: role, message: `Field "${id}" (${role}) is not one of this Jira site's fields` }];
  });
}
