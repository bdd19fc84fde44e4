import fc from 'fast-check';
import { adfFromText, adfToText, isAdfDocument } from './adf.js';
import type { AdfNode } from './adf.js';

/** The text as the one paragraph rule keeps it: LF line ends, one blank line between paragraphs. */
const normalized = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .join('\n\n');

const textArb = fc.string({ unit: fc.constantFrom('a', 'я', ' ', '\n', '\r\n', '\r', '{', '.') });

describe('adfFromText', () => {
  it('makes a blank line a paragraph break and a single newline a hard break', () => {
    expect(adfFromText('Hello,\nthe array is back.\n\n\nRegards')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Hello,' },
            { type: 'hardBreak' },
            { type: 'text', text: 'the array is back.' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Regards' }] },
      ],
    });
  });

  it('never writes an empty text node or an empty paragraph, which Jira refuses', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const doc = adfFromText(text);
        return doc.content.every(
          (p) =>
            (p.content ?? []).length > 0 &&
            (p.content ?? []).every((n) => n.type === 'hardBreak' || (n.text ?? '') !== ''),
        );
      }),
    );
  });

  it('reads back as the text it was made from, paragraphs and line breaks included', () => {
    fc.assert(fc.property(textArb, (text) => adfToText(adfFromText(text)) === normalized(text)));
  });

  it('gives an empty document for blank text', () => {
    expect(adfFromText(' \n\n \r\n')).toEqual({ type: 'doc', version: 1, content: [] });
  });
});

describe('adfToText', () => {
  it('reads a document written by Jira: headings, lists, mentions, links and spacer paragraphs', () => {
    const doc: AdfNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Disk failure' }] },
        { type: 'paragraph', content: [] },
        {
          type: 'paragraph',
          content: [
            { type: 'mention', attrs: { id: 'acc-1', text: '@Olga Kuznetsova' } },
            { type: 'text', text: ' please check ' },
            { type: 'inlineCard', attrs: { url: 'https://northwind.example/arr-07' } },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'slot 3' }] }],
            },
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'slot 5' }] }],
            },
          ],
        },
      ],
    };
    expect(adfToText(doc)).toBe(
      'Disk failure\n\n@Olga Kuznetsova please check https://northwind.example/arr-07\n\nslot 3\nslot 5',
    );
  });

  it('gives empty text for no document', () => {
    expect(adfToText(null)).toBe('');
    expect(adfToText(undefined)).toBe('');
  });
});

describe('isAdfDocument', () => {
  it('accepts a document and refuses strings and other nodes', () => {
    expect(isAdfDocument(adfFromText('x'))).toBe(true);
    expect(isAdfDocument('x')).toBe(false);
    expect(isAdfDocument({ type: 'paragraph', content: [] })).toBe(false);
    expect(isAdfDocument(null)).toBe(false);
  });
});
