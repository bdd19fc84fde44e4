// Reply templates speak Frontline's one template dialect (see ../text/template.ts): `{{name}}`
// variables with dotted names, `\{{` for literal braces, and sections — here the four style
// sections, kept only when the reply's style matches:
//
//   {{#formal}}…{{/formal}}  formal, informal, brief, detailed; sections may nest
//
// What replies add: a variable counts as given only when it has visible content (a blank would
// leave a hole in a customer's reply), every missing one is reported, and the result is tidied for
// reading on a phone.
import type { Result } from '../result.js';
import { parseTemplateSource, recordLookup, renderNodes, variablesOf } from '../text/template.js';
import type { TemplateNode, TemplateSyntaxError } from '../text/template.js';

export type { TemplateNode, TemplateSyntaxError } from '../text/template.js';

/** The style sections a template may use. */
export const STYLE_SECTIONS = ['formal', 'informal', 'brief', 'detailed'] as const;
export type StyleSection = (typeof STYLE_SECTIONS)[number];

/** Parses a reply template body into nodes, or explains the first syntax error. */
export function parseTemplate(body: string): Result<TemplateNode[], TemplateSyntaxError> {
  return parseTemplateSource(body, STYLE_SECTIONS);
}

/** Every variable name a parsed template mentions, in any section, in first-use order. */
export const templateVariables = variablesOf;

/** The values a render may use: flat, dotted names (`issue.key`) to text or numbers. */
export type TemplateValues = Readonly<Record<string, string | number>>;

/** What filling a template produced: the text, or every variable it needed but did not get. */
export type FillResult = Result<{ text: string; variablesUsed: string[] }, { missing: string[] }>;

/**
 * Fills parsed nodes for the active sections. Only variables inside kept sections are needed, and
 * every missing one is reported, not just the first. A blank text or a number that is not finite
 * counts as missing.
 */
export function fillTemplate(
  nodes: readonly TemplateNode[],
  active: ReadonlySet<StyleSection>,
  values: TemplateValues,
): FillResult {
  const lookup = recordLookup(values);
  const visible = (name: string): string | undefined => {
    const raw = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof raw === 'number' && !Number.isFinite(raw)) return undefined;
    const text = lookup(name);
    return text === undefined || text.trim() === '' ? undefined : text;
  };
  const sections: ReadonlySet<string> = active;
  const rendered = renderNodes(nodes, visible, (name) => sections.has(name));
  if (rendered.missing.length > 0) return { ok: false, error: { missing: rendered.missing } };
  return { ok: true, value: { text: tidyForPhones(rendered.text), variablesUsed: rendered.used } };
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
