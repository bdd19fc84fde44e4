// What changed between two settings documents, as JSON paths: the "what" of each settings version.
// Paths use the dotted form of validation issues (`sla.0.responseMinutes`), arrays by index.

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference: a value that appeared, disappeared or was replaced at `path` (`""` is the root). */
export interface JsonChange {
  op: ChangeKind;
  path: string;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function sameKind(a: Container, b: Container): boolean {
  return Array.isArray(a) === Array.isArray(b);
}

function keysOf(value: Container): string[] {
  return Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
}

function childAt(value: Container, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function hasKey(value: Container, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * Lists the paths where `after` differs from `before`, most specific first-level: an object or array
 * present on both sides is descended into; anything else that differs is one `changed` entry.
 * Keys only in `after` are `added`, only in `before` are `removed`. Inputs are JSON values.
 */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (isContainer(before) && isContainer(after) && sameKind(before, after)) {
    const changes: JsonChange[] = [];
    for (const key of keysOf(after)) {
      const at = join(path, key);
      if (!hasKey(before, key)) changes.push({ op: 'added', path: at });
      else changes.push(...diffJson(childAt(before, key), childAt(after, key), at));
    }
    for (const key of keysOf(before)) {
      if (!hasKey(after, key)) changes.push({ op: 'removed', path: join(path, key) });
    }
    return changes;
  }
  return jsonEqual(before, after) ? [] : [{ op: 'changed', path }];
}

/** Deep equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || !sameKind(a, b)) return false;
  const keysA = keysOf(a);
  if (keysA.length !== keysOf(b).length) return false;
  return keysA.every((key) => hasKey(b, key) && jsonEqual(childAt(a, key), childAt(b, key)));
}
