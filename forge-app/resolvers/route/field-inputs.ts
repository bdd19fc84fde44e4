// Which input the Route dialog offers for a target field routing could not fill, and which typed
// entries it could never have offered. Matching a typed entry to a field is the plan's own
// (`findTargetField`), so the bridge refuses exactly what the plan would not use.
import type { TargetFieldMeta, TargetMeta } from '@frontline/shared';
import { allowedValueLabel, findTargetField, isSetByPlan } from '@frontline/shared';
import type { FieldInputSpec } from '../../ui-contract.js';

/** The input a person can fill a target field with, or null (users, cascades, unknown types). */
export function inputSpec(field: TargetFieldMeta): FieldInputSpec | null {
  const options = field.allowedValues?.map((v) => ({ value: v.id, label: allowedValueLabel(v) }));
  const { type, items } = field.schema;
  if (type === 'array') return options && items !== 'string' ? { kind: 'multiselect', options } : null;
  if (options) return { kind: 'select', options };
  if (type === 'string' || type === 'number' || type === 'date')
    return { kind: type === 'string' ? 'text' : type };
  return null;
}

/** Entered field refs the dialog could not have offered: not on the target's screen, set by the plan, or not typeable. */
export function refusedEntries(entered: Readonly<Record<string, unknown>>, meta: TargetMeta): string[] {
  return Object.keys(entered).filter((ref) => {
    const field = findTargetField(meta.fields, ref);
    return !field || isSetByPlan(field.fieldId) || !inputSpec(field);
  });
}
