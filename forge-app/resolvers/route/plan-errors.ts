// What the Route modal says when a plan or Jira refuses: one sentence naming what blocks, and for
// fields, the input that asks for each one.
import type { RoutingPlanError, TargetMeta } from '@frontline/shared';
import { findTargetField } from '@frontline/shared';
import type { MissingTargetField } from '../../ui-contract.js';
import { inputSpec } from './field-inputs.js';

/** One sentence for the modal that names what blocks the plan. */
export function describePlanError(error: RoutingPlanError): string {
  switch (error.code) {
    case 'notApplicable':
      return `This preset does not apply to this issue: ${error.why}.`;
    case 'wrongTarget':
      return error.why;
    case 'issueTypeNotFound':
      return `The target has no issue type "${error.wanted}" (it has: ${error.available.join(', ') || 'none'}).`;
    case 'missingRequiredFields':
      return `Nothing was changed. Required in the target but not filled: ${error.missing
        .map((m) => `${m.name} (${m.why})`)
        .join('; ')}.`;
    case 'invalidFieldValues':
      return `Nothing was changed. These values do not fit the target: ${error.invalid
        .map((m) => `${m.name} (${m.why})`)
        .join('; ')}.`;
    case 'templateError': {
      const problems = [
        error.unknown.length ? `uses unknown variables: ${error.unknown.join(', ')}` : '',
        error.missing.length
          ? `needs values this issue does not have (no contract?): ${error.missing.join(', ')}`
          : '',
      ];
      return `The preset's text in ${error.where} ${problems.filter(Boolean).join('; ')}.`;
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
