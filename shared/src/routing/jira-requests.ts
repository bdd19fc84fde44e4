import { sameField } from '../schemas/routing.js';
import type { ClonePlan, MovePlan, PlannedField, RoutingPlan } from './plan.js';
import { fieldText } from './template.js';

// Request bodies for the Jira calls that carry out a routing plan. Pure: the forge-app's jira/
// module sends them. Shapes follow the REST v3 reference (see docs/platform-facts.md).

/** One mandatory-field value as the bulk move API takes it: ADF documents, everything else as strings. */
export type MandatoryFieldValue =
  { retain: boolean; type: 'raw'; value: string[] } | { retain: boolean; type: 'adf'; value: unknown };

export interface BulkMoveMapping {
  issueIdsOrKeys: string[];
  inferFieldDefaults: boolean;
  inferStatusDefaults: boolean;
  inferSubtaskTypeDefault: boolean;
  inferClassificationDefaults: boolean;
  targetMandatoryFields?: { fields: Record<string, MandatoryFieldValue> }[];
}

/** Body of `POST /rest/api/3/bulk/issues/move`. */
export interface BulkMoveRequest {
  sendBulkNotification: boolean;
  targetToSourcesMapping: Record<string, BulkMoveMapping>;
}

const isAdf = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';

/** A planned REST v3 value as the bulk move's list of strings (option ids, account ids, text). */
function rawStrings(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (typeof item === 'object' && item !== null) {
      const o = item as { id?: unknown; accountId?: unknown };
      if (typeof o.id === 'string') return [o.id];
      if (typeof o.accountId === 'string') return [o.accountId];
    }
    const text = fieldText(item);
    return text === undefined ? [] : [text];
  });
}

function mandatoryValue(field: PlannedField): MandatoryFieldValue {
  // Values the plan merely carried over are the source's own: let Jira keep them where it can.
  const retain = field.origin === 'carried';
  return isAdf(field.value)
    ? { retain, type: 'adf', value: field.value }
    : { retain, type: 'raw', value: rawStrings(field.value) };
}

/**
 * Builds the bulk move body for one issue. Only fields the target marks required go in
 * `targetMandatoryFields` (Jira applies nothing else there); the rest go in `editAfterMoveRequest`.
 */
export function bulkMoveRequest(plan: MovePlan, sourceIssueId: string): BulkMoveRequest {
  const mandatory = Object.entries(plan.fields).filter(([, f]) => f.required);
  const mapping: BulkMoveMapping = {
    issueIdsOrKeys: [sourceIssueId],
    // With our own values for mandatory fields, Jira must not infer them (the API forbids both at once).
    inferFieldDefaults: mandatory.length === 0,
    inferStatusDefaults: true,
    inferSubtaskTypeDefault: true,
    inferClassificationDefaults: true,
  };
  if (mandatory.length)
    mapping.targetMandatoryFields = [
      { fields: Object.fromEntries(mandatory.map(([id, f]) => [id, mandatoryValue(f)])) },
    ];
  return {
    // The target team hears from Frontline's own notification; Jira's bulk e-mail would say it twice.
    sendBulkNotification: false,
    targetToSourcesMapping: { [`${plan.targetProject},${plan.targetIssueType.id}`]: mapping },
  };
}

/** Body of `PUT /rest/api/3/issue/{key}` for the optional fields a move cannot set; null when none. */
export function editAfterMoveRequest(plan: MovePlan): { fields: Record<string, unknown> } | null {
  const optional = Object.entries(plan.fields).filter(([, f]) => !f.required && f.origin !== 'carried');
  return optional.length ? { fields: Object.fromEntries(optional.map(([id, f]) => [id, f.value])) } : null;
}

/** Body of `POST /rest/api/3/issue` that creates the clone in the target project. */
export function createIssueRequest(plan: ClonePlan): { fields: Record<string, unknown> } {
  return {
    fields: {
      ...Object.fromEntries(Object.entries(plan.fields).map(([id, f]) => [id, f.value])),
      project: { key: plan.targetProject },
      issuetype: { id: plan.targetIssueType.id },
    },
  };
}

/**
 * Body of `POST /rest/api/3/issueLink` tying the new issue to its source. Jira's naming reads
 * backwards: the `inwardIssue` is the one the link type's *outward* phrase describes, so the clone
 * goes there to read "clones SUP-1" (community-reported behaviour; not in platform-facts.md).
 */
export function issueLinkRequest(
  plan: ClonePlan,
  createdKey: string,
): { type: { name: string }; inwardIssue: { key: string }; outwardIssue: { key: string } } {
  return {
    type: { name: plan.link.type },
    inwardIssue: { key: createdKey },
    outwardIssue: { key: plan.link.sourceKey },
  };
}

/** A workflow transition as `GET /rest/api/3/issue/{key}/transitions` lists it (the parts routing reads). */
export interface OfferedTransition {
  id: string;
  name: string;
  to: { name: string; statusCategory?: { key: string } | undefined };
}

/**
 * The transition that settles the source of a clone: the one to the preset's status (named by the
 * target status or the transition, ignoring case), or without one, the first that reaches a "done"
 * status. Undefined when the source's workflow offers none from where it stands.
 */
export function sourceTransitionOf<T extends OfferedTransition>(
  plan: Pick<ClonePlan, 'sourceTransition'>,
  offered: readonly T[],
): T | undefined {
  const wanted = plan.sourceTransition;
  return offered.find((t) =>
    wanted ? sameField(t.to.name, wanted) || sameField(t.name, wanted) : t.to.statusCategory?.key === 'done',
  );
}

/** The plan's field values as a flat id → value map (for previews and logs). */
export function plannedValues(plan: RoutingPlan): Record<string, unknown> {
  return Object.fromEntries(Object.entries(plan.fields).map(([id, f]) => [id, f.value]));
}
