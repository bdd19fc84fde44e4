import fc from 'fast-check';
import { parseTemplateSource, recordLookup, renderNodes, variablesOf } from './template.js';
import type { TemplateNode } from './template.js';

const parse = (source: string, sections: readonly string[] = []): TemplateNode[] => {
  const parsed = parseTemplateSource(source, sections);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};
const render = (source: string, values: Record<string, string | number | undefined>) =>
  renderNodes(parse(source), recordLookup(values));

describe('the template dialect', () => {
  it('fills variables, with blanks inside the braces and dotted, colon and Cyrillic names', () => {
    expect(
      render('{{ key }} by {{actor}}: {{field.customfield_10010}} {{ns:id}} {{клиент}}', {
        key: 'SUP-1',
        actor: 'Anna',
        'field.customfield_10010': 'NW-ARR-07',
        'ns:id': '7',
        клиент: 'Нордлог',
      }),
    ).toEqual({
      text: 'SUP-1 by Anna: NW-ARR-07 7 Нордлог',
      used: ['key', 'actor', 'field.customfield_10010', 'ns:id', 'клиент'],
      missing: [],
    });
  });

  it('looks dotted names up as flat keys, never through nested objects', () => {
    expect(render('{{issue.key}}', { issue: 'x' }).missing).toEqual(['issue.key']);
  });

  it('reports each missing name once and keeps its tag visible in the text', () => {
    expect(render('{{a}} {{ b }} {{a}}', { c: 'x' })).toEqual({
      text: '{{a}} {{ b }} {{a}}',
      used: [],
      missing: ['a', 'b'],
    });
  });

  it('never reads the object prototype', () => {
    expect(render('{{constructor}}{{toString}}', {}).missing).toEqual(['constructor', 'toString']);
  });

  it('writes \\{{ as literal braces', () => {
    expect(render('Type \\{{name}} to get {{name}}', { name: 'Anna' }).text).toBe(
      'Type {{name}} to get Anna',
    );
  });

  it('inserts values verbatim, never expanding tags inside them', () => {
    fc.assert(fc.property(fc.string(), (value) => render('[{{v}}]', { v: value }).text === `[${value}]`));
  });

  it('leaves text without tags as it is', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        (text) => render(text, {}).text === text,
      ),
    );
  });

  it.each([
    ['{{issue key}}', '"{{issue key}}" is not a variable name'],
    ['{{}}', '"{{}}" is not a variable name'],
    ['{{a..b}}', '"{{a..b}}" is not a variable name'],
    ['{{#formal}}x{{/formal}}', 'Unknown section "formal"; no sections are allowed here'],
  ])('rejects %j where no sections are allowed', (source, message) => {
    expect(parseTemplateSource(source)).toEqual({ ok: false, error: expect.objectContaining({ message }) });
  });

  it('keeps or drops sections as the caller says, and drops lines holding only a section tag', () => {
    const nodes = parse('Hi\n{{#long}}\nmore {{x}}\n{{/long}}\nBye', ['long']);
    expect(variablesOf(nodes)).toEqual(['x']);
    expect(renderNodes(nodes, recordLookup({ x: '1' }), () => true).text).toBe('Hi\nmore 1\nBye');
    expect(renderNodes(nodes, recordLookup({}), () => false)).toEqual({
      text: 'Hi\nBye',
      used: [],
      missing: [],
    });
  });

  it('gives numbers as their decimal text', () => {
    expect(render('{{n}} parts', { n: 0 }).text).toBe('0 parts');
  });
});
