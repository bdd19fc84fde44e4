// Immutable edits of a JSON document by path, and the field problems that belong at a path.
import type { FieldProblem } from '../../ui-contract';

export type Path = (string | number)[];

/** The dotted form the shared schemas report (`routingPresets.0.name`). */
export const dotted = (path: Path): string => path.map(String).join('.');

// Keys in a path come from the settings document and from problem paths, both of which admins
// write: a key may be `__proto__` or `constructor`. Reads therefore see own properties only, and
// writes define own properties, so such a key is data like any other.

const isIndex = (key: string | number): key is number =>
  typeof key === 'number' && Number.isInteger(key) && key >= 0;

/** The own property `key` of `node`, or undefined (never an inherited member such as `constructor`). */
function own(node: unknown, key: string | number): unknown {
  if (typeof node !== 'object' || node === null) return undefined;
  if (Array.isArray(node)) return isIndex(key) ? node[key] : undefined;
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

/** A copy of `doc` with the value at `path` replaced (intermediate objects/arrays copied, never mutated). */
export function setIn(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(doc)) {
    // A list takes only an index: any other key would be a property of the copy, such as its prototype.
    if (!isIndex(head)) return [...doc];
    const copy = [...doc];
    copy[head] = setIn(doc[head], rest, value);
    return copy;
  }
  const obj = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
  const copy: Record<string, unknown> = { ...obj };
  Object.defineProperty(copy, head, {
    value: setIn(own(obj, head), rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** A copy of the array at `path` without item `index`. */
export function removeAt(doc: unknown, path: Path, index: number): unknown {
  const list = getIn(doc, path);
  return setIn(doc, path, Array.isArray(list) ? list.filter((_, i) => i !== index) : list);
}

/** The value at `path`, or undefined. */
export function getIn(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => own(node, key), doc);
}

/** An empty value shaped like `example`, for a new list item (same keys, blank leaves). */
export function blankLike(example: unknown): unknown {
  if (Array.isArray(example)) return [];
  if (typeof example === 'object' && example !== null)
    return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, blankLike(v)]));
  if (typeof example === 'number') return 0;
  if (typeof example === 'boolean') return false;
  return '';
}

/** Problems reported exactly at `path`. */
export const problemsAt = (problems: readonly FieldProblem[], path: Path): FieldProblem[] =>
  problems.filter((p) => p.path === dotted(path));

/** Problems under `path` whose field is not shown (a key the document lacks), so they still appear. */
export function orphanProblems(
  problems: readonly FieldProblem[],
  path: Path,
  shownKeys: readonly string[],
): FieldProblem[] {
  const prefix = path.length ? `${dotted(path)}.` : '';
  return problems.filter((p) => {
    if (!p.path.startsWith(prefix) || p.path === dotted(path)) return false;
    const next = p.path.slice(prefix.length).split('.')[0]!;
    return !shownKeys.includes(next);
  });
}
