import fc from 'fast-check';
import { diffJson, jsonEqual, type JsonChange } from './diff.js';

// Small key and value alphabets so that two generated documents overlap often. Keys that name
// Object.prototype members are in: settings documents come from admins, and JSON.parse makes them
// own keys like any other.
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, 1, 'SUP', 'HW'),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('a', 'b', 'sla', 'hotAt', '__proto__', 'constructor', 'toString'),
      tie('json'),
      { maxKeys: 4 },
    ),
  ),
}));

/** Reads a dotted path; keys here never contain dots. */
function at(value: unknown, path: string): { found: boolean; value?: unknown } {
  if (path === '') return { found: true, value };
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (
      typeof current !== 'object' ||
      current === null ||
      !Object.prototype.hasOwnProperty.call(current, key)
    ) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

const paths = (changes: JsonChange[], op: JsonChange['op']) =>
  changes
    .filter((c) => c.op === op)
    .map((c) => c.path)
    .sort();

describe('diffJson', () => {
  it('finds nothing between a document and its copy', () => {
    fc.assert(fc.property(json, (a) => diffJson(a, structuredClone(a)).length === 0));
  });

  it('finds nothing exactly when the documents are equal', () => {
    fc.assert(fc.property(json, json, (a, b) => (diffJson(a, b).length === 0) === jsonEqual(a, b)));
  });

  it('reports each path once, and every path says the truth about both documents', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const changes = diffJson(a, b);
        expect(new Set(changes.map((c) => c.path)).size).toBe(changes.length);
        for (const { op, path } of changes) {
          const [before, after] = [at(a, path), at(b, path)];
          if (op === 'added') expect([before.found, after.found]).toEqual([false, true]);
          if (op === 'removed') expect([before.found, after.found]).toEqual([true, false]);
          if (op === 'changed') {
            expect([before.found, after.found]).toEqual([true, true]);
            expect(jsonEqual(before.value, after.value)).toBe(false);
          }
        }
      }),
    );
  });

  it('is symmetric: what was added one way was removed the other way', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const forward = diffJson(a, b);
        const backward = diffJson(b, a);
        expect(paths(forward, 'added')).toEqual(paths(backward, 'removed'));
        expect(paths(forward, 'removed')).toEqual(paths(backward, 'added'));
        expect(paths(forward, 'changed')).toEqual(paths(backward, 'changed'));
      }),
    );
  });

  it('names the paths of a realistic settings edit', () => {
    const before = {
      temperature: { hotAt: 70 },
      sla: [{ id: 'gold', responseMinutes: 60 }],
      glossary: { terms: [] },
    };
    const after = {
      temperature: { hotAt: 80 },
      sla: [
        { id: 'gold', responseMinutes: 60 },
        { id: 'bank-24x7', responseMinutes: 30 },
      ],
      channels: { email: true },
    };
    expect(diffJson(before, after)).toEqual([
      { op: 'changed', path: 'temperature.hotAt' },
      { op: 'added', path: 'sla.1' },
      { op: 'added', path: 'channels' },
      { op: 'removed', path: 'glossary' },
    ]);
  });

  it('treats an array replacing an object as one change', () => {
    expect(diffJson({ a: { 0: 1 } }, { a: [1] })).toEqual([{ op: 'changed', path: 'a' }]);
  });

  it('diffs keys named like Object.prototype members as plain keys', () => {
    const before = JSON.parse('{"calendars":{"__proto__":{"a":1},"constructor":1}}');
    const after = JSON.parse('{"calendars":{"__proto__":{"a":2},"toString":1}}');
    expect(diffJson(before, after)).toEqual([
      { op: 'changed', path: 'calendars.__proto__.a' },
      { op: 'added', path: 'calendars.toString' },
      { op: 'removed', path: 'calendars.constructor' },
    ]);
    expect(diffJson({}, JSON.parse('{"__proto__":{}}'))).toEqual([{ op: 'added', path: '__proto__' }]);
    expect(jsonEqual({}, JSON.parse('{"constructor":{}}'))).toBe(false);
    expect(jsonEqual([], { length: 0 })).toBe(false);
  });
});
