import fc from 'fast-check';
import { fillTemplate, parseTemplate, templateVariables, tidyForPhones } from './template.js';
import type { StyleSection, TemplateNode } from './template.js';

const parse = (body: string): TemplateNode[] => {
  const parsed = parseTemplate(body);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};
const fill = (body: string, active: StyleSection[], values: Record<string, string | number>) =>
  fillTemplate(parse(body), new Set(active), values);

describe('parseTemplate', () => {
  it('reads variables and nested style sections', () => {
    const nodes = parse(
      'Hi {{ reporter.name }}{{#formal}}, dear {{#detailed}}{{title}}{{/detailed}}{{/formal}}!',
    );
    expect(templateVariables(nodes)).toEqual(['reporter.name', 'title']);
    expect(nodes[2]).toMatchObject({ kind: 'section', name: 'formal' });
  });

  it.each([
    ['{{#formal}}never closed', '"{{#formal}}" is never closed'],
    ['{{#formal}}x{{/brief}}', '"{{/brief}}" found where {{/formal}} was expected'],
    ['stray {{/informal}}', '"{{/informal}}" found where no closing tag was expected'],
    ['{{#urgent}}x{{/urgent}}', 'Unknown section "urgent"; sections are formal, informal, brief, detailed'],
    ['{{issue key}}', '"{{issue key}}" is not a variable name'],
    ['{{}}', '"{{}}" is not a variable name'],
  ])('rejects %j', (body, message) => {
    expect(parseTemplate(body)).toEqual({ ok: false, error: expect.objectContaining({ message }) });
  });
});

describe('fillTemplate', () => {
  it('keeps only the sections of the active style', () => {
    const body =
      '{{#formal}}Hello{{/formal}}{{#informal}}Hi{{/informal}} {{name}}{{#detailed}}, welcome back{{/detailed}}.';
    expect(fill(body, ['formal', 'brief'], { name: 'Anna' })).toEqual({
      ok: true,
      value: { text: 'Hello Anna.', variablesUsed: ['name'] },
    });
    expect(fill(body, ['informal', 'detailed'], { name: 'Anna' })).toEqual({
      ok: true,
      value: { text: 'Hi Anna, welcome back.', variablesUsed: ['name'] },
    });
  });

  it('drops lines that hold only a section tag, so no blank lines are left behind', () => {
    const body =
      'Hello,\n{{#detailed}}\nmore words\n{{/detailed}}\n  {{#brief}}  \nfew words\n{{/brief}}\nBye';
    expect(fill(body, ['brief'], {})).toMatchObject({ ok: true, value: { text: 'Hello,\nfew words\nBye' } });
    expect(fill(body, ['detailed'], {})).toMatchObject({
      ok: true,
      value: { text: 'Hello,\nmore words\nBye' },
    });
  });

  it('lists every missing or blank variable, and only those the chosen style needs', () => {
    const body = '{{greeting}} {{name}}{{#detailed}} {{details}}{{/detailed}} {{signature}} {{name}}';
    expect(fill(body, ['detailed'], { name: '  ', greeting: 'Hi' })).toEqual({
      ok: false,
      error: { missing: ['name', 'details', 'signature'] },
    });
    expect(fill(body, ['brief'], { greeting: 'Hi' })).toEqual({
      ok: false,
      error: { missing: ['name', 'signature'] },
    });
  });

  it('accepts numbers, including zero, but not NaN', () => {
    expect(fill('{{n}} parts', [], { n: 0 })).toMatchObject({ ok: true, value: { text: '0 parts' } });
    expect(fill('{{n}} parts', [], { n: Number.NaN })).toEqual({ ok: false, error: { missing: ['n'] } });
  });

  it('does not read variables from the object prototype', () => {
    expect(fill('{{constructor}} {{toString}}', [], {})).toEqual({
      ok: false,
      error: { missing: ['constructor', 'toString'] },
    });
  });

  it('writes an escaped \\{{ as literal braces', () => {
    expect(fill('Type \\{{name}} to get {{name}}', [], { name: 'Anna' })).toMatchObject({
      ok: true,
      value: { text: 'Type {{name}} to get Anna' },
    });
  });

  it('inserts values verbatim and never expands tags inside them', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        fc.pre(value.trim() !== '');
        const filled = fill('[{{v}}]', [], { v: value });
        return filled.ok && filled.value.text === tidyForPhones(`[${value}]`);
      }),
    );
    expect(fill('{{a}}', [], { a: '{{b}} {{#formal}}' })).toMatchObject({
      ok: true,
      value: { text: '{{b}} {{#formal}}' },
    });
  });
});

describe('tidyForPhones', () => {
  it('trims line ends and keeps at most one empty line between paragraphs', () => {
    expect(tidyForPhones('\n\nHello  \r\n\n\n\nWorld\t\n\n')).toBe('Hello\n\nWorld');
  });

  it('is idempotent and never leaves two empty lines in a row', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '\r\n', 'я') }), (text) => {
        const once = tidyForPhones(text);
        return tidyForPhones(once) === once && !once.includes('\n\n\n') && !/[ \t]\n/.test(once);
      }),
    );
  });
});
