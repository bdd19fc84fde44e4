// Atlassian Document Format, as far as the stand-in needs it: build from plain text, flatten to
// text (webhooks carry the REST v2 shape, where rich text is a string), and recognise a document.
import type { AdfDocument, AdfNode } from './types.js';

/** A document with one paragraph per non-empty line group of `text`. */
export function adfFromText(text: string): AdfDocument {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p
        .split('\n')
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line === '' ? [] : [{ type: 'text', text: line }]),
        ]),
    })),
  };
}

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
