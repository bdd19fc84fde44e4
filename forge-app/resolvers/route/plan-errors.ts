// What the Route modal says when a plan or Jira refuses: one sentence naming what blocks, and for
// fields, the input that asks for each one.
import type { RoutingPlanError, TargetMeta } from '@frontline/shared';
import { findTargetField } from '@frontline/shared';
import type { MissingTargetField, ResolverError, RouteNote } from '../../ui-contract.js';
import { inputSpec } from './field-inputs.js';

/** A warning for the Route screen: its code (`route.warning.<code>`) and values. */
export const note = (code: string, params: Record<string, string | number> = {}): RouteNote => ({
  code,
  params,
});

/**
 * A refusal the Route screen words itself (`route.error.<code>` with `params`); `message` is the
 * English fallback for callers that show text as it comes.
 */
export function routeFailure(
  code: string,
  params: Record<string, string | number>,
  message: string,
  details?: unknown,
): { ok: false; error: ResolverError } {
  return { ok: false, error: { code, message, params, ...(details === undefined ? {} : { details }) } };
}

const fieldList = (fields: readonly { name: string; why: string }[]) =>
  fields.map((m) => `${m.name} (${m.why})`).join('; ');

/** What blocks the plan: its code and values for the screen, and the English fallback sentence. */
export function describePlanError(error: RoutingPlanError): {
  params: Record<string, string | number>;
  message: string;
} {
  switch (error.code) {
    case 'notApplicable':
      return {
        params: { why: error.why },
        message: `This preset does not apply to this issue: ${error.why}.`,
      };
    case 'wrongTarget':
      return { params: { why: error.why }, message: error.why };
    case 'issueTypeNotFound': {
      const available = error.available.join(', ') || '—';
      return {
        params: { wanted: error.wanted, available },
        message: `The target has no issue type "${error.wanted}" (it has: ${available}).`,
      };
    }
    case 'missingRequiredFields':
      return {
        params: { fields: fieldList(error.missing) },
        message: `Nothing was changed. Required in the target but not filled: ${fieldList(error.missing)}.`,
      };
    case 'invalidFieldValues':
      return {
        params: { fields: fieldList(error.invalid) },
        message: `Nothing was changed. These values do not fit the target: ${fieldList(error.invalid)}.`,
      };
    case 'templateError': {
      const unknown = error.unknown.join(', ') || '—';
      const missing = error.missing.join(', ') || '—';
      return {
        params: { where: error.where, unknown, missing },
        message: `The preset's text in ${error.where} cannot be filled: unknown variables ${unknown}; values this issue lacks (no contract?) ${missing}.`,
      };
    }
  }
}

/** The plan's error for the UI; fields it could not fill carry the input that asks for them. */
export function planErrorDetails(error: RoutingPlanError, meta: TargetMeta): unknown {
  if (error.code !== 'missingRequiredFields' && error.code !== 'invalidFieldValues') return error;
  const listed = error.code === 'missingRequiredFields' ? error.missing : error.invalid;
  const fields: MissingTargetField[] = listed.map((m) => {
    const field = findTargetField(meta.fields, m.fieldId);
    return { fieldId: m.fieldId, name: m.name, why: m.why, input: field ? inputSpec(field) : null };
  });
  return { ...error, fields };
}

/** Jira's per-field errors with field names from the create screen ("Serial number: is required"). */
export function namedFieldErrors(fieldErrors: Record<string, string>, meta: TargetMeta): string {
  return Object.entries(fieldErrors)
    .map(([id, message]) => `${findTargetField(meta.fields, id)?.name ?? id}: ${message}`)
    .join('; ');
}
