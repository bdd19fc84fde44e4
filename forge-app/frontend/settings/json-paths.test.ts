import fc from 'fast-check';
import { blankLike, getIn, orphanProblems, problemsAt, removeAt, setIn } from './json-paths';

// A JSON document with a path that exists in it, built from nested objects and arrays.
const docWithPath = fc.jsonValue().chain((leaf) =>
  fc.array(fc.oneof(fc.constantFrom('a', 'b', 'name'), fc.nat({ max: 3 })), { maxLength: 4 }).map((path) => {
    const doc = path.reduceRight<unknown>(
      (inner, key) =>
        typeof key === 'number'
          ? Array.from({ length: key + 1 }, (_, i) => (i === key ? inner : null))
          : { [key]: inner, other: 1 },
      leaf,
    );
    return { doc, path };
  }),
);

describe('json paths', () => {
  it('setIn writes the value at the path and leaves the input untouched', () => {
    fc.assert(
      fc.property(docWithPath, fc.jsonValue(), ({ doc, path }, value) => {
        const before = JSON.stringify(doc);
        const next = setIn(doc, path, value);
        expect(JSON.stringify(doc)).toBe(before);
        expect(getIn(next, path)).toEqual(value);
      }),
    );
  });

  it('setIn changes nothing outside the path', () => {
    fc.assert(
      fc.property(docWithPath, ({ doc, path }) => {
        fc.pre(path.length > 0 && typeof path[path.length - 1] === 'string');
        const parent = path.slice(0, -1);
        const next = setIn(doc, path, 'changed');
        expect(getIn(next, [...parent, 'other'])).toEqual(getIn(doc, [...parent, 'other']));
      }),
    );
  });

  it('removeAt drops exactly one item', () => {
    const doc = { list: ['x', 'y', 'z'] };
    expect(removeAt(doc, ['list'], 1)).toEqual({ list: ['x', 'z'] });
    expect(doc.list).toEqual(['x', 'y', 'z']);
  });

  it('blankLike keeps the keys and empties the leaves', () => {
    expect(blankLike({ id: 'hw', target: { project: 'HW' }, fields: [1], required: true, n: 3 })).toEqual({
      id: '',
      target: { project: '' },
      fields: [],
      required: false,
      n: 0,
    });
  });

  it('places problems at their field, and problems for absent keys on the parent', () => {
    const problems = [
      { path: 'routingPresets.0.name', message: 'Name must not be empty' },
      { path: 'routingPresets.0.method', message: 'Method is "move" or "clone"' },
    ];
    expect(problemsAt(problems, ['routingPresets', 0, 'name'])).toEqual([problems[0]]);
    expect(orphanProblems(problems, ['routingPresets', 0], ['id', 'name'])).toEqual([problems[1]]);
  });

  describe('with keys that name Object.prototype members', () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it('getIn sees only own keys, never what the prototype chain holds', () => {
      const doc = { calendars: {}, list: [] };
      expect(getIn(doc, ['constructor'])).toBeUndefined();
      expect(getIn(doc, ['calendars', '__proto__'])).toBeUndefined();
      expect(getIn(doc, ['calendars', 'toString'])).toBeUndefined();
      expect(getIn(doc, ['list', 'length'])).toBeUndefined();
      expect(getIn(JSON.parse('{"__proto__":{"a":1}}'), ['__proto__', 'a'])).toBe(1);
    });

    it('setIn writes such a key as an own key, and no prototype changes', () => {
      const next = setIn({ calendars: {} }, ['calendars', '__proto__', 'polluted'], 'yes');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const calendars = getIn(next, ['calendars']) as object;
      expect(Object.getPrototypeOf(calendars)).toBe(Object.prototype);
      expect(Object.keys(calendars)).toEqual(['__proto__']);
      expect(getIn(next, ['calendars', '__proto__', 'polluted'])).toBe('yes');
      expect(getIn(setIn({}, ['constructor', 'name'], 'x'), ['constructor'])).toEqual({ name: 'x' });
    });

    it('setIn on a list takes only an index and keeps it a list', () => {
      const list = setIn(['a', 'b'], ['__proto__'], { polluted: 'yes' }) as string[];
      expect(Object.getPrototypeOf(list)).toBe(Array.prototype);
      expect(list).toEqual(['a', 'b']);
      expect(setIn(['a'], [1], 'b')).toEqual(['a', 'b']);
    });

    it('blankLike copies such keys as own keys', () => {
      const blank = blankLike(JSON.parse('{"__proto__":{"polluted":"yes"}}')) as object;
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(blank)).toBe(Object.prototype);
      expect(Object.keys(blank)).toEqual(['__proto__']);
    });
  });
});
