// Atlassian Document Format, as far as the stand-in needs it beyond the gateway's builder: flatten to
// text (webhooks carry the REST v2 shape, where rich text is a string), and recognise a document.
import type { AdfDocument, AdfNode } from '../src/jira/adf.js';

export { adfFromText } from '../src/jira/adf.js';

function nodeText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(nodeText).join('');
  return ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(node.type)
    ? `${inner}\n`
    : inner;
}

/** The document's text, paragraphs separated by blank lines. */
export function adfToText(doc: AdfDocument | null): string {
  if (!doc) return '';
  return doc.content
    .map(nodeText)
    .map((s) => s.replace(/\n$/, ''))
    .join('\n\n');
}

/** Whether `value` looks like an ADF document (Jira v3 rejects strings for rich-text fields). */
export function isAdfDocument(value: unknown): value is AdfDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'doc' && v.version === 1 && Array.isArray(v.content);
}
