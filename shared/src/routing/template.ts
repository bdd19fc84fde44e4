import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { adfFromText, adfToText } from '../text/adf.js';
import type { AdfDocument, AdfNode } from '../text/adf.js';
import { parseTemplateSource, recordLookup, renderNodes } from '../text/template.js';

// Routing templates speak Frontline's one template dialect (see ../text/template.ts) with variables
// only: presets are edited by admins in a form, so sections or logic would be a second place to
// debug.

/**
 * Names a routing template uses that cannot be filled: not a variable at all, or a variable with no
 * value for this ticket. A tag that is no placeholder at all (`{{issue key}}`, a section) is listed
 * under `unknown` as written.
 */
export interface UnfilledPlaceholders {
  unknown: string[];
  missing: string[];
}

/**
 * Fills `{{name}}` placeholders of a routing template from `vars`. A name that is not a variable is
 * reported as unknown; a variable whose value is `undefined` (a contract fact when no contract is
 * known) as missing. Either way nothing is sent with a hole in it. An empty text is a value: a
 * source field that is empty renders as nothing.
 */
export function renderRoutingTemplate(
  template: string,
  vars: Readonly<Record<string, string | undefined>>,
): Result<string, UnfilledPlaceholders> {
  const parsed = parseTemplateSource(template);
  if (!parsed.ok) return err({ unknown: [parsed.error.tag], missing: [] });
  const rendered = renderNodes(parsed.value, recordLookup(vars));
  const unknown = rendered.missing.filter((name) => !Object.hasOwn(vars, name));
  const missing = rendered.missing.filter((name) => Object.hasOwn(vars, name));
  return unknown.length || missing.length ? err({ unknown, missing }) : ok(rendered.text);
}

/** Readable text of a Jira field value: strings, numbers, options, users, ADF documents and lists of them. */
export function fieldText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(fieldText).filter((t): t is string => t !== undefined && t !== '');
    return parts.length ? parts.join(', ') : undefined;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'doc') return adfToText(o as unknown as AdfNode).trim();
    for (const key of ['value', 'name', 'displayName', 'key', 'accountId', 'id'] as const) {
      if (typeof o[key] === 'string') return o[key];
    }
  }
  return undefined;
}

/**
 * An Atlassian Document Format document of `text`, by the one paragraph rule (../text/adf.ts): a
 * blank line separates paragraphs, a single line break is a hard break.
 */
export function textToAdf(text: string): AdfDocument {
  return adfFromText(text);
}
