// The one `{{…}}` template dialect of Frontline: reply templates, routing presets and the screens'
// translation strings all speak it, so an admin who learns it once can write any of them.
//
//   {{name}}  {{ issue.key }}   a variable. A name is one or more segments of letters, digits,
//                               `_`, `-` and `:`, joined by dots. Dotted names are flat keys
//                               (`issue.key` is looked up as that whole string), never a walk
//                               through nested objects. Blanks inside the braces are ignored.
//   {{#name}}…{{/name}}         a section, kept or dropped as a whole by the caller; sections nest.
//                               Which section names exist is the caller's business (replies have
//                               four styles; routing and translations have none).
//   \{{                         a literal "{{".
//
// Anything else between `{{` and `}}` is a syntax error, reported with the tag, never passed on as
// text: a typo should be seen by the person who wrote it, not by the customer.
//
// A line holding only a section tag disappears with its line break (as in mustache), so sections
// can stand on lines of their own without leaving blank lines behind.
//
// Values are inserted verbatim and never parsed again ("{{x}}" inside a customer's summary stays
// "{{x}}"); nothing is HTML-escaped, since every output is plain text and any HTML or ADF edge
// escapes for itself. A variable without a value is reported by name, each name once; the text
// then keeps the tag as written, so a hole is visible rather than silently empty. Whether a reported
// name stops the render (replies, routing) or the text is shown anyway (translations) is the
// caller's choice; what counts as "no value" (undefined only, or blank text too) is the caller's
// lookup.
import type { Result } from '../result.js';

/** One piece of a parsed template. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; tag: string }
  | { kind: 'section'; name: string; tag: string; children: TemplateNode[] };

/** Why a template could not be parsed, and the tag where it went wrong. */
export interface TemplateSyntaxError {
  message: string;
  tag: string;
}

const TAG = /\\\{\{|\{\{\s*([#/]?)\s*([^{}]*?)\s*\}\}/gu;
/** A variable or section name: dot-joined segments of letters, digits, `_`, `-` and `:`. */
export const TEMPLATE_NAME = /^[\p{L}\p{N}_:-]+(?:\.[\p{L}\p{N}_:-]+)*$/u;
/** A whole line that holds one section tag and nothing else but blanks. */
const STANDALONE_SECTION_LINE = /^[ \t]*(\{\{\s*[#/][^{}]*\}\})[ \t]*\r?\n/gmu;

const syntaxError = (message: string, tag: string): Result<never, TemplateSyntaxError> => ({
  ok: false,
  error: { message, tag },
});

/**
 * Parses a template into nodes, or explains the first syntax error. `sections` limits the section
 * names a template may use (none when left out); a name outside it is an error that lists them.
 */
export function parseTemplateSource(
  source: string,
  sections: readonly string[] = [],
): Result<TemplateNode[], TemplateSyntaxError> {
  const text = source.replace(STANDALONE_SECTION_LINE, '$1');
  const root: TemplateNode[] = [];
  const open: { name: string; children: TemplateNode[]; tag: string }[] = [];
  const current = () => open.at(-1)?.children ?? root;
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const at = match.index;
    const tag = match[0];
    if (at > last) current().push({ kind: 'text', text: text.slice(last, at) });
    last = at + tag.length;
    if (tag === '\\{{') {
      current().push({ kind: 'text', text: '{{' });
      continue;
    }
    const sigil = match[1] ?? '';
    const name = match[2] ?? '';
    if (sigil === '') {
      if (!TEMPLATE_NAME.test(name)) return syntaxError(`"${tag}" is not a variable name`, tag);
      current().push({ kind: 'variable', name, tag });
    } else if (!sections.includes(name)) {
      const known =
        sections.length > 0 ? `sections are ${sections.join(', ')}` : 'no sections are allowed here';
      return syntaxError(`Unknown section "${name}"; ${known}`, tag);
    } else if (sigil === '#') {
      const children: TemplateNode[] = [];
      current().push({ kind: 'section', name, tag, children });
      open.push({ name, children, tag });
    } else {
      const top = open.pop();
      if (top?.name !== name) {
        const expected = top ? `{{/${top.name}}}` : 'no closing tag';
        return syntaxError(`"${tag}" found where ${expected} was expected`, tag);
      }
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) return syntaxError(`"${unclosed.tag}" is never closed`, unclosed.tag);
  if (last < text.length) current().push({ kind: 'text', text: text.slice(last) });
  return { ok: true, value: mergeText(root) };
}

/** Adjacent text nodes (an escape splits them) as one, so callers see text as written. */
function mergeText(nodes: TemplateNode[]): TemplateNode[] {
  const merged: TemplateNode[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (node.kind === 'text' && previous?.kind === 'text') previous.text += node.text;
    else if (node.kind === 'section') merged.push({ ...node, children: mergeText(node.children) });
    else merged.push(node);
  }
  return merged;
}

/** Every variable name parsed nodes mention, in any section, in first-use order. */
export function variablesOf(nodes: readonly TemplateNode[]): string[] {
  const names = new Set<string>();
  const walk = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === 'variable') names.add(node.name);
      else if (node.kind === 'section') walk(node.children);
    }
  };
  walk(nodes);
  return [...names];
}

/** What rendering produced: the text, the variables it filled and those it had no value for. */
export interface RenderedTemplate {
  text: string;
  used: string[];
  missing: string[];
}

/**
 * Renders parsed nodes. `valueOf` gives a variable's text, or `undefined` when it has none;
 * `keepSection` says which sections stay (all of them when left out). Only variables in kept
 * sections are looked up, so a dropped section never reports a missing value.
 */
export function renderNodes(
  nodes: readonly TemplateNode[],
  valueOf: (name: string) => string | undefined,
  keepSection: (name: string) => boolean = () => true,
): RenderedTemplate {
  const parts: string[] = [];
  const used = new Set<string>();
  const missing = new Set<string>();
  const walk = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') parts.push(node.text);
      else if (node.kind === 'section') {
        if (keepSection(node.name)) walk(node.children);
      } else {
        const value = valueOf(node.name);
        if (value === undefined) {
          missing.add(node.name);
          parts.push(node.tag);
        } else {
          used.add(node.name);
          parts.push(value);
        }
      }
    }
  };
  walk(nodes);
  return { text: parts.join(''), used: [...used], missing: [...missing] };
}

/**
 * A lookup over a plain record that never reads the object's prototype (`{{constructor}}` is just
 * an unknown name) and gives numbers as their decimal text.
 */
export function recordLookup(
  values: Readonly<Record<string, string | number | undefined>>,
): (name: string) => string | undefined {
  return (name) => {
    if (!Object.hasOwn(values, name)) return undefined;
    const value = values[name];
    return value === undefined ? undefined : String(value);
  };
}
