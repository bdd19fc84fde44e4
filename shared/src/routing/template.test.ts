import { renderRoutingTemplate, textToAdf } from './template.js';

describe('renderRoutingTemplate', () => {
  const vars = { key: 'SUP-1', actor: 'Anna', customer: undefined, 'field.customfield_1': '' };

  it('fills placeholders, and an empty source field renders as nothing', () => {
    expect(renderRoutingTemplate('{{ key }} by {{actor}}{{field.customfield_1}}', vars)).toEqual({
      ok: true,
      value: 'SUP-1 by Anna',
    });
  });

  it('tells unknown names from variables without a value', () => {
    expect(renderRoutingTemplate('{{actr}} {{customer}} {{actr}}', vars)).toEqual({
      ok: false,
      error: { unknown: ['actr'], missing: ['customer'] },
    });
  });

  it('reports a tag that is no placeholder instead of sending it', () => {
    expect(renderRoutingTemplate('Sent by {{the actor}}', vars)).toEqual({
      ok: false,
      error: { unknown: ['{{the actor}}'], missing: [] },
    });
    expect(renderRoutingTemplate('{{#formal}}x{{/formal}}', vars)).toMatchObject({ ok: false });
  });

  it('writes \\{{ as literal braces', () => {
    expect(renderRoutingTemplate('\\{{key}} is {{key}}', vars)).toEqual({
      ok: true,
      value: '{{key}} is SUP-1',
    });
  });
});

describe('textToAdf', () => {
  it('follows the one paragraph rule: blank line between paragraphs, hard break within one', () => {
    expect(textToAdf('a\nb\n\nc').content).toEqual([
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'c' }] },
    ]);
  });
});
