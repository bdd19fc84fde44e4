import type { Result } from '../result.js';
import { err, ok } from '../result.js';

// Routing templates are deliberately tiny: `{{name}}` placeholders, nothing else. Presets are
// edited by admins in a form, so a template language with logic would be a second place to debug.

const PLACEHOLDER = /\{\{\s*([\w.:-]+)\s*\}\}/g;

/** Names a routing template uses that cannot be filled: not a variable at all, or a variable with no value for this ticket. */
export interface UnfilledPlaceholders {
  unknown: string[];
  missing: string[];
}

/**
 * Fills `{{name}}` placeholders of a routing template from `vars`. A name that is not a variable is
 * reported as unknown; a variable whose value is `undefined` (a contract fact when no contract is
 * known) as missing. Either way nothing is rendered as an empty hole.
 */
export function renderRoutingTemplate(
  template: string,
  vars: Readonly<Record<string, string | undefined>>,
): Result<string, UnfilledPlaceholders> {
  const unknown: string[] = [];
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const known = Object.hasOwn(vars, name);
    const value = known ? vars[name] : undefined;
    if (value !== undefined) return value;
    const list = known ? missing : unknown;
    if (!list.includes(name)) list.push(name);
    return '';
  });
  return unknown.length || missing.length ? err({ unknown, missing }) : ok(text);
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
    if (o.type === 'doc') return adfText(o).trim();
    for (const key of ['value', 'name', 'displayName', 'key', 'accountId', 'id'] as const) {
      if (typeof o[key] === 'string') return o[key];
    }
  }
  return undefined;
}

/** Plain text of an Atlassian Document Format node: text leaves joined, one line per block. */
function adfText(node: Record<string, unknown>): string {
  if (node.type === 'text' && typeof node.text === 'string') return node.text;
  if (node.type === 'hardBreak') return '\n';
  const children = Array.isArray(node.content) ? (node.content as Record<string, unknown>[]) : [];
  const inner = children.map(adfText).join('');
  const isBlock = node.type === 'paragraph' || node.type === 'heading' || node.type === 'listItem';
  return isBlock ? `${inner}\n` : inner;
}

/** An Atlassian Document Format document with one paragraph per line of `text`. */
export function textToAdf(text: string): { type: 'doc'; version: 1; content: unknown[] } {
  const content = text
    .split('\n')
    .map((line) =>
      line === ''
        ? { type: 'paragraph', content: [] }
        : { type: 'paragraph', content: [{ type: 'text', text: line }] },
    );
  return { type: 'doc', version: 1, content };
}
