import { z } from 'zod';

// The events Frontline's YouTrack app sends to the sidecar (`POST /webhooks/youtrack`): its workflow
// rules post one per issue created, changed or commented, signed with HMAC-SHA256 over the raw body
// (`X-Frontline-Signature: sha256=<hex>`) and identified by `X-Frontline-Delivery` (the dedupe key).
// YouTrack's own objects (issue, custom fields, users) are checked loosely: the fields Frontline
// relies on are pinned, the rest passes through.

export const YOUTRACK_EVENT_TYPES = ['issue.created', 'issue.updated', 'issue.commented'] as const;
export type YouTrackEventType = (typeof YOUTRACK_EVENT_TYPES)[number];

/** Longest delivery id accepted (the dedupe index holds it). */
export const MAX_YOUTRACK_DELIVERY_ID_LENGTH = 256;

const epochMs = z.number({ error: 'a time in milliseconds since the epoch' }).int().nonnegative();

/** A YouTrack user as the workflow sends it. */
export const YouTrackUserSchema = z.looseObject({
  login: z.string().min(1),
  email: z.string().nullish(),
  fullName: z.string().nullish(),
});

/** One custom field of an issue: `{name, $type, value}`, the value shaped by `$type`. */
export const YouTrackCustomFieldSchema = z.looseObject({
  name: z.string().min(1),
  $type: z.string().optional(),
  value: z.unknown().optional(),
});

export const YouTrackEventIssueSchema = z.looseObject({
  /** YouTrack's database id, e.g. `2-15`. */
  id: z.string().min(1),
  /** The readable id, e.g. `HW-15`. */
  idReadable: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'a readable issue id such as HW-15'),
  summary: z.string().nullish(),
  created: epochMs,
  updated: epochMs.nullish(),
  resolved: epochMs.nullish(),
  project: z.looseObject({
    id: z.string().min(1),
    shortName: z.string().min(1),
    name: z.string().nullish(),
  }),
  reporter: YouTrackUserSchema.nullish(),
  customFields: z.array(YouTrackCustomFieldSchema).default([]),
});
export type YouTrackEventIssue = z.output<typeof YouTrackEventIssueSchema>;

export const YouTrackChangeSchema = z.looseObject({
  field: z.string().min(1),
  removed: z.unknown().optional(),
  added: z.unknown().optional(),
});

export const YouTrackEventCommentSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  created: epochMs,
  author: YouTrackUserSchema,
  visibility: z.enum(['public', 'restricted']),
});

/** The body of one event. */
export const YouTrackEventSchema = z.looseObject({
  type: z.enum(YOUTRACK_EVENT_TYPES),
  deliveryId: z.string().min(1).max(MAX_YOUTRACK_DELIVERY_ID_LENGTH),
  timestamp: epochMs,
  issue: YouTrackEventIssueSchema,
  changes: z.array(YouTrackChangeSchema).optional(),
  comment: YouTrackEventCommentSchema.optional(),
  author: YouTrackUserSchema,
});
export type YouTrackEvent = z.output<typeof YouTrackEventSchema>;
export type YouTrackEventInput = z.input<typeof YouTrackEventSchema>;

/** Header names of the contract. */
export const YOUTRACK_SIGNATURE_HEADER = 'X-Frontline-Signature';
export const YOUTRACK_DELIVERY_HEADER = 'X-Frontline-Delivery';
