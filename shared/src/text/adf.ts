// Atlassian Document Format: Jira Cloud's v3 API takes and returns rich text (descriptions,
// comments, rich-text fields) as ADF documents. Frontline writes plain text and reads text back,
// so it needs two conversions and one paragraph rule for both directions:
//
//   a blank line (two or more line breaks) separates paragraphs; a single line break inside a
//   paragraph is a `hardBreak`.
//
// That is how Jira's own editor turns typed text into ADF, and it makes the round trip exact:
// `adfToText(adfFromText(t))` is `t` with CRLF made LF, runs of blank lines made one, and blank
// paragraphs dropped.

/** An ADF node (a minimal typing: Jira accepts any node tree). */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

/** The root of an ADF document. */
export interface AdfDocument extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** A document with one paragraph per blank-line-separated block; single newlines become hard breaks. */
export function adfFromText(text: string): AdfDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      // ADF forbids empty text nodes, so an empty line between two breaks is just the breaks.
      content: p
        .split('\n')
        .flatMap((line, i): AdfNode[] => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line === '' ? [] : [{ type: 'text', text: line }]),
        ]),
    })),
  };
}

/** Inline nodes: their text runs on within the line of the block that holds them. */
const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status']);

/** Containers whose children are lines of one list rather than paragraphs of their own. */
const LINE_CONTAINERS = new Set(['bulletList', 'orderedList', 'taskList', 'decisionList']);

function attrText(node: AdfNode, ...keys: string[]): string {
  for (const key of keys) {
    const value = node.attrs?.[key];
    if (typeof value === 'string') return value;
  }
  return '';
}

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'emoji':
      return attrText(node, 'text', 'shortName');
    case 'inlineCard':
      return attrText(node, 'url');
    case 'status':
      return attrText(node, 'text');
    default:
      return (node.content ?? []).map(inlineText).join('');
  }
}

function blockText(node: AdfNode): string {
  const children = node.content ?? [];
  if (INLINE.has(node.type)) return inlineText(node);
  if (children.every((child) => INLINE.has(child.type))) return children.map(inlineText).join('');
  const separator = LINE_CONTAINERS.has(node.type) ? '\n' : node.type === 'tableRow' ? ' | ' : '\n\n';
  // An empty block (a spacer paragraph) would otherwise become a run of blank lines.
  return children
    .map(blockText)
    .filter((text) => text.trim() !== '')
    .join(separator);
}

/** The document's text: paragraphs (and other blocks) separated by blank lines, hard breaks as newlines. */
export function adfToText(doc: AdfNode | null | undefined): string {
  return doc ? blockText(doc) : '';
}

/** Whether `value` looks like an ADF document (Jira v3 rejects strings for rich-text fields). */
export function isAdfDocument(value: unknown): value is AdfDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'doc' && v.version === 1 && Array.isArray(v.content);
}
