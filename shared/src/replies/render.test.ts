import fc from 'fast-check';
import { parseWith } from '../schemas/errors.js';
import { ReplyLibrarySchema, ReplyTemplateSchema } from '../schemas/replies.js';
import type { Language, ReplyStyle, ReplyTemplate, ReplyTemplateInput } from '../schemas/replies.js';
import { DEFAULT_REPLY_TEMPLATES } from './defaults.js';
import { renderReply } from './render.js';

const LANGS: Language[] = ['en', 'ru'];
const STYLES: ReplyStyle[] = [
  { detail: 'brief', register: 'formal' },
  { detail: 'brief', register: 'informal' },
  { detail: 'detailed', register: 'formal' },
  { detail: 'detailed', register: 'informal' },
];

const template = (input: ReplyTemplateInput): ReplyTemplate => ReplyTemplateSchema.parse(input);
const seed = (id: string): ReplyTemplate => {
  const found = DEFAULT_REPLY_TEMPLATES.find((t) => t.id === id);
  if (!found) throw new Error(`no seed template ${id}`);
  return found;
};

/** Values for a seed template's variables, as a desk would fill them for SUP-12. */
const SUP_12: Record<string, string> = {
  'reporter.name': 'Anna Petrova',
  'issue.key': 'SUP-12',
  'agent.name': 'Oleg Ivanov',
  'logs.what': 'the support bundle of array ST-04',
  'part.name': 'power supply unit 750 W',
  'shipment.carrier': 'DHL',
  'shipment.trackingNumber': '1Z999AA10123456784',
  'shipment.eta': 'Tuesday, 14 April',
  'update.done': 'reproduced the wrong cost in a test copy of the database',
  'update.next': 'trace the cost calculation for item 4411',
  'update.checkpoint': 'Thursday 12:00',
  'close.deadline': '21:00 today',
  'serviceManager.name': 'Irina Sokolova',
};

const HANDOVER = template({
  id: 'parts-eta',
  name: { en: 'Parts ETA' },
  variables: ['name', 'eta', 'key'],
  subject: { en: '{{key}}: parts' },
  bodies: {
    en: '{{#formal}}Dear {{name}},{{/formal}}{{#informal}}Hi {{name}},{{/informal}}\n\nThe part arrives {{eta}}.{{#detailed}}\nWe will call you first.{{/detailed}}',
  },
});

describe('renderReply', () => {
  it('renders the formal, brief style', () => {
    const rendered = renderReply(HANDOVER, {
      variables: { name: 'Anna', eta: 'on Tuesday', key: 'HW-7' },
      style: { detail: 'brief', register: 'formal' },
      language: 'en',
    });
    expect(rendered).toEqual({
      ok: true,
      value: {
        text: 'Dear Anna,\n\nThe part arrives on Tuesday.',
        subject: 'HW-7: parts',
        variablesUsed: ['key', 'name', 'eta'],
        visibility: 'public',
      },
    });
  });

  it('renders the informal, detailed style', () => {
    const rendered = renderReply(HANDOVER, {
      variables: { name: 'Anna', eta: 'on Tuesday', key: 'HW-7' },
      style: { detail: 'detailed', register: 'informal' },
      language: 'en',
    });
    expect(rendered).toMatchObject({
      ok: true,
      value: { text: 'Hi Anna,\n\nThe part arrives on Tuesday.\nWe will call you first.' },
    });
  });

  it('names every missing variable of body and subject at once', () => {
    const rendered = renderReply(HANDOVER, {
      variables: { name: 'Anna', eta: '' },
      style: { detail: 'brief', register: 'formal' },
      language: 'en',
    });
    expect(rendered).toEqual({ ok: false, error: { kind: 'missingVariables', missing: ['eta', 'key'] } });
  });

  it('says which languages a template has when asked for another', () => {
    const rendered = renderReply(HANDOVER, { variables: {}, style: STYLES[0]!, language: 'ru' });
    expect(rendered).toEqual({
      ok: false,
      error: { kind: 'languageNotAvailable', language: 'ru', available: ['en'] },
    });
  });

  it('is deterministic and leaves its inputs alone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFAULT_REPLY_TEMPLATES),
        fc.constantFrom(...LANGS),
        fc.constantFrom(...STYLES),
        fc.dictionary(fc.constantFrom(...Object.keys(SUP_12)), fc.string()),
        (tpl, language, style, overrides) => {
          const variables = { ...SUP_12, ...overrides };
          const frozen = JSON.stringify([tpl, variables]);
          const first = renderReply(tpl, { variables, style, language });
          const second = renderReply(tpl, { variables: { ...variables }, style: { ...style }, language });
          return (
            JSON.stringify(first) === JSON.stringify(second) && JSON.stringify([tpl, variables]) === frozen
          );
        },
      ),
    );
  });
});

describe('DEFAULT_REPLY_TEMPLATES', () => {
  it('covers the most frequent messages in English and Russian', () => {
    expect(DEFAULT_REPLY_TEMPLATES.map((t) => t.id)).toEqual([
      'request-logs',
      'spare-part-shipped',
      'status-update',
      'month-end-close-ack',
    ]);
    for (const t of DEFAULT_REPLY_TEMPLATES) expect(Object.keys(t.bodies).sort()).toEqual(['en', 'ru']);
  });

  it('renders every template in every language and style from its declared variables, with no tag left', () => {
    for (const t of DEFAULT_REPLY_TEMPLATES) {
      const variables = Object.fromEntries(t.variables.map((v) => [v, SUP_12[v] ?? `<${v}>`]));
      for (const language of LANGS) {
        for (const style of STYLES) {
          const rendered = renderReply(t, { variables, style, language });
          if (!rendered.ok) throw new Error(`${t.id}/${language}: ${JSON.stringify(rendered.error)}`);
          expect(rendered.value.text).not.toMatch(/\{\{|\}\}|\n\n\n/);
          expect(rendered.value.subject).toContain('SUP-12');
        }
      }
    }
  });

  it('speaks formally or informally as asked', () => {
    const render = (language: Language, style: ReplyStyle) => {
      const r = renderReply(seed('status-update'), { variables: SUP_12, style, language });
      return r.ok ? r.value.text : '';
    };
    const formalEn = render('en', { detail: 'brief', register: 'formal' });
    const informalEn = render('en', { detail: 'brief', register: 'informal' });
    expect(formalEn).toMatch(/^Hello Anna Petrova,/);
    expect(formalEn).toContain('Kind regards,');
    expect(informalEn).toMatch(/^Hi Anna Petrova,/);
    expect(informalEn).not.toContain('Kind regards');

    const formalRu = render('ru', { detail: 'detailed', register: 'formal' });
    const informalRu = render('ru', { detail: 'detailed', register: 'informal' });
    expect(formalRu).toMatch(/^Здравствуйте, Anna Petrova!/);
    expect(formalRu).toContain('Если у вас что-то изменится, просто ответьте');
    expect(informalRu).toMatch(/^Anna Petrova, привет!/);
    expect(informalRu).toContain('Если у тебя что-то изменится, просто ответь');
  });

  it('keeps brief replies short and puts the three status facts in both lengths', () => {
    for (const language of LANGS) {
      const render = (detail: ReplyStyle['detail']) => {
        const r = renderReply(seed('status-update'), {
          variables: SUP_12,
          style: { detail, register: 'formal' },
          language,
        });
        return r.ok ? r.value.text : '';
      };
      const [brief, detailed] = [render('brief'), render('detailed')];
      expect(brief.split('\n').length).toBeLessThan(detailed.split('\n').length);
      for (const fact of ['update.done', 'update.next', 'update.checkpoint']) {
        expect(brief).toContain(SUP_12[fact]);
        expect(detailed).toContain(SUP_12[fact]);
      }
    }
  });

  it('reads well on a phone: no line in a brief reply is longer than a short paragraph', () => {
    for (const t of DEFAULT_REPLY_TEMPLATES) {
      for (const language of LANGS) {
        const r = renderReply(t, {
          variables: SUP_12,
          style: { detail: 'brief', register: 'informal' },
          language,
        });
        const lines = r.ok ? r.value.text.split('\n') : ['(failed)'.repeat(100)];
        expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(200);
      }
    }
  });
});

describe('ReplyTemplateSchema', () => {
  const base: ReplyTemplateInput = {
    id: 'x',
    name: { en: 'X' },
    variables: ['a'],
    bodies: { en: 'Hi {{a}}' },
  };

  it('fills defaults', () => {
    expect(ReplyTemplateSchema.parse(base)).toMatchObject({ tags: [], visibility: 'public' });
  });

  it('reports undeclared variables and broken sections per body, by path', () => {
    const parsed = parseWith(ReplyTemplateSchema, {
      ...base,
      bodies: { en: 'Hi {{a}} {{b}} {{c}}', ru: '{{#formal}}Здравствуйте' },
      subject: { en: '{{key}}' },
    });
    expect(parsed).toEqual({
      ok: false,
      error: [
        { path: 'bodies.en', message: 'Declare these variables: b, c' },
        { path: 'bodies.ru', message: '"{{#formal}}" is never closed' },
        { path: 'subject.en', message: 'Declare these variables: key' },
      ],
    });
  });

  it('asks for at least one language and a readable id', () => {
    const parsed = parseWith(ReplyTemplateSchema, { ...base, id: 'Request Logs', bodies: {} });
    expect(parsed.ok ? [] : parsed.error.map((i) => i.path)).toEqual(['id', 'bodies']);
  });

  it('rejects a library with the same id twice', () => {
    const parsed = parseWith(ReplyLibrarySchema, [base, base]);
    expect(parsed).toEqual({
      ok: false,
      error: [{ path: '1.id', message: 'Template id "x" is used twice' }],
    });
  });
});
