import type { Result } from '../result.js';
import type { TargetFieldMeta } from '../schemas/routing.js';
import { fieldText, textToAdf } from './template.js';

// Turns a value read from the source issue, a preset or a template into what Jira's create/edit
// API (REST v3) accepts for one target field, checking allowed values on the way. Values whose
// shape cannot be judged (unknown field types) pass through: Jira is the final judge there.

/** Whether a value counts as "nothing" for a field: absent, blank text or an empty list. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

const RICH_TEXT_SYSTEM_FIELDS = new Set(['description', 'environment']);
const TEXTAREA_CUSTOM = 'com.atlassian.jira.plugin.system.customfieldtypes:textarea';

/** Whether Jira's v3 API wants Atlassian Document Format for this field. */
export function isRichText(meta: TargetFieldMeta): boolean {
  return (
    meta.schema.type === 'string' &&
    (RICH_TEXT_SYSTEM_FIELDS.has(meta.schema.system ?? '') || meta.schema.custom === TEXTAREA_CUSTOM)
  );
}

/** How an allowed value reads in a list or a message: its value, else its name, else its id. */
export function allowedValueLabel(allowed: {
  id: string;
  name?: string | undefined;
  value?: string | undefined;
}): string {
  return allowed.value ?? allowed.name ?? allowed.id;
}

/** Field types whose values are picked from a list and sent as `{ id }`. */
const PICKED_TYPES = new Set(['option', 'priority', 'resolution', 'version', 'component', 'issuetype']);

/** The allowed value of `meta` that `raw` names (by id, then by value/name, case-insensitively). */
function matchAllowed(meta: TargetFieldMeta, raw: unknown): Result<{ id: string }, string> {
  const allowed = meta.allowedValues ?? [];
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  const label = fieldText(raw);
  const byId = allowed.find((a) => a.id === id || a.id === label);
  const wanted = label?.trim().toLowerCase();
  const byLabel = allowed.find(
    (a) => a.value?.trim().toLowerCase() === wanted || a.name?.trim().toLowerCase() === wanted,
  );
  const hit = byId ?? byLabel;
  if (hit) return { ok: true, value: { id: hit.id } };
  const choices = allowed.map(allowedValueLabel).join(', ');
  return { ok: false, error: `"${label ?? String(raw)}" is not one of the allowed values (${choices})` };
}

/** One picked value: matched against allowed values when Jira listed them, else sent by name. */
function pickedValue(meta: TargetFieldMeta, type: string, raw: unknown): Result<unknown, string> {
  if (meta.allowedValues) return matchAllowed(meta, raw);
  if (typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string')
    return { ok: true, value: { id: (raw as { id: string }).id } };
  const label = fieldText(raw);
  if (label === undefined) return { ok: false, error: 'expected a value to pick' };
  return { ok: true, value: type === 'option' ? { value: label } : { name: label } };
}

/** One value of a scalar type (the field's own type, or an array's item type). */
function scalarValue(meta: TargetFieldMeta, type: string, raw: unknown): Result<unknown, string> {
  if (PICKED_TYPES.has(type)) return pickedValue(meta, type, raw);
  switch (type) {
    case 'string': {
      const text = fieldText(raw);
      return text === undefined ? { ok: false, error: 'expected text' } : { ok: true, value: text };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, error: `"${String(raw)}" is not a number` };
    }
    case 'user': {
      const id = typeof raw === 'string' ? raw : (raw as { accountId?: unknown } | null)?.accountId;
      return typeof id === 'string' && id !== ''
        ? { ok: true, value: { accountId: id } }
        : { ok: false, error: 'expected a Jira user (accountId)' };
    }
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)
        ? { ok: true, value: raw }
        : { ok: false, error: `"${String(raw)}" is not a date (YYYY-MM-DD)` };
    default:
      return { ok: true, value: raw };
  }
}

/** Converts `raw` to the REST v3 value of the target field `meta`, or says why it cannot be sent. */
export function toTargetValue(meta: TargetFieldMeta, raw: unknown): Result<unknown, string> {
  if (isRichText(meta)) {
    if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'doc')
      return { ok: true, value: raw };
    const text = fieldText(raw);
    return text === undefined ? { ok: false, error: 'expected text' } : { ok: true, value: textToAdf(text) };
  }
  if (meta.schema.type !== 'array') return scalarValue(meta, meta.schema.type, raw);
  const items = Array.isArray(raw) ? raw : [raw];
  const out: unknown[] = [];
  for (const item of items) {
    const one = scalarValue(meta, meta.schema.items ?? 'string', item);
    if (!one.ok) return one;
    out.push(one.value);
  }
  return { ok: true, value: out };
}
