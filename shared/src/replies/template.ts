// The reply template language: a deliberately small, logic-less subset of mustache.
//
//   {{issue.key}}            a variable; names are letters, digits, `_`, `-` and dots
//   {{#formal}}…{{/formal}}  a style section, kept only when the style matches; the four section
//                            names are formal, informal, brief and detailed; sections may nest
//   \{{                      a literal "{{"
//
// There are no loops, lambdas, partials or expressions, so rendering can never run code. Values
// are inserted verbatim and never parsed again: a customer's summary that contains "{{x}}" stays
// "{{x}}". Output is plain text (a Jira comment, an e-mail, a chat message), so nothing is
// HTML-escaped; a caller that builds HTML or ADF escapes at that edge.
//
// A line holding only a section tag disappears with its line break (as in mustache), so templates
// can put tags on lines of their own without leaving blank lines behind.
import type { Result } from '../result.js';

/** The style sections a template may use. */
export const STYLE_SECTIONS = ['formal', 'informal', 'brief', 'detailed'] as const;
export type StyleSection = (typeof STYLE_SECTIONS)[number];

/** One piece of a parsed template. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'section'; name: StyleSection; children: TemplateNode[] };

/** Why a template body could not be parsed, and the tag where it went wrong. */
export interface TemplateSyntaxError {
  message: string;
  tag: string;
}

const TAG = /\\\{\{|\{\{\s*([#/]?)\s*([^{}]*?)\s*\}\}/gu;
const VARIABLE_NAME = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*$/u;
/** A whole line that holds one section tag and nothing else but blanks. */
const STANDALONE_SECTION_LINE = /^[ \t]*(\{\{\s*[#/][^{}]*\}\})[ \t]*\r?\n/gmu;

const isStyleSection = (name: string): name is StyleSection =>
  (STYLE_SECTIONS as readonly string[]).includes(name);

/** Parses a template body into nodes, or explains the first syntax error. */
export function parseTemplate(body: string): Result<TemplateNode[], TemplateSyntaxError> {
  const source = body.replace(STANDALONE_SECTION_LINE, '$1');
  const root: TemplateNode[] = [];
  const open: { name: StyleSection; children: TemplateNode[]; tag: string }[] = [];
  const current = () => open.at(-1)?.children ?? root;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const at = match.index;
    const tag = match[0];
    if (at > last) current().push({ kind: 'text', text: source.slice(last, at) });
    last = at + tag.length;
    if (tag === '\\{{') {
      current().push({ kind: 'text', text: '{{' });
      continue;
    }
    const sigil = match[1] ?? '';
    const name = match[2] ?? '';
    if (sigil === '') {
      if (!VARIABLE_NAME.test(name)) {
        return { ok: false, error: { message: `"${tag}" is not a variable name`, tag } };
      }
      current().push({ kind: 'variable', name });
    } else if (!isStyleSection(name)) {
      return {
        ok: false,
        error: { message: `Unknown section "${name}"; sections are ${STYLE_SECTIONS.join(', ')}`, tag },
      };
    } else if (sigil === '#') {
      const children: TemplateNode[] = [];
      current().push({ kind: 'section', name, children });
      open.push({ name, children, tag });
    } else {
      const top = open.pop();
      if (top?.name !== name) {
        const expected = top ? `{{/${top.name}}}` : 'no closing tag';
        return { ok: false, error: { message: `"${tag}" found where ${expected} was expected`, tag } };
      }
    }
  }
  const unclosed = open.at(-1);
  if (unclosed)
    return { ok: false, error: { message: `"${unclosed.tag}" is never closed`, tag: unclosed.tag } };
  if (last < source.length) current().push({ kind: 'text', text: source.slice(last) });
  return { ok: true, value: root };
}

/** Every variable name a parsed template mentions, in any section, in first-use order. */
export function templateVariables(nodes: readonly TemplateNode[]): string[] {
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

/** The values a render may use: flat, dotted names (`issue.key`) to text or numbers. */
export type TemplateValues = Readonly<Record<string, string | number>>;

/** What filling a template produced: the text, or every variable it needed but did not get. */
export type FillResult = Result<{ text: string; variablesUsed: string[] }, { missing: string[] }>;

/** A value counts as present only when it has visible content: a blank would leave a hole. */
const present = (value: string | number | undefined): value is string | number =>
  typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && value.trim() !== '';

/**
 * Fills parsed nodes for the active sections. Only variables inside kept sections are needed, and
 * every missing one is reported, not just the first.
 */
export function fillTemplate(
  nodes: readonly TemplateNode[],
  active: ReadonlySet<StyleSection>,
  values: TemplateValues,
): FillResult {
  const parts: string[] = [];
  const used = new Set<string>();
  const missing = new Set<string>();
  const walk = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') parts.push(node.text);
      else if (node.kind === 'section') {
        if (active.has(node.name)) walk(node.children);
      } else {
        const value = Object.hasOwn(values, node.name) ? values[node.name] : undefined;
        if (present(value)) {
          used.add(node.name);
          parts.push(String(value));
        } else missing.add(node.name);
      }
    }
  };
  walk(nodes);
  if (missing.size > 0) return { ok: false, error: { missing: [...missing] } };
  return { ok: true, value: { text: tidyForPhones(parts.join('')), variablesUsed: [...used] } };
}

/**
 * Tidies rendered text so it reads well on a small screen: no trailing blanks on a line, at most one
 * empty line between paragraphs, nothing before the first or after the last word.
 */
export function tidyForPhones(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
