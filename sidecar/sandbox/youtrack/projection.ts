// YouTrack's `fields` request parameter: a comma-separated list of attributes, nested in
// parentheses (`id,summary,customFields(name,value(name,login))`). Only requested attributes come
// back; `$type` always does, as YouTrack sends it on every entity.

export interface FieldTree {
  [name: string]: FieldTree | true;
}

/** Parses a `fields` value; throws on unbalanced parentheses. */
export function parseFields(text: string): FieldTree {
  let i = 0;
  const parseList = (): FieldTree => {
    const tree: FieldTree = {};
    let name = '';
    const flush = (sub?: FieldTree) => {
      const n = name.trim();
      if (n) tree[n] = sub ?? true;
      name = '';
    };
    while (i < text.length) {
      const c = text[i++]!;
      if (c === ',') flush();
      else if (c === '(') flush(parseList());
      else if (c === ')') {
        flush();
        return tree;
      } else name += c;
    }
    flush();
    return tree;
  };
  const tree = parseList();
  if (i < text.length) throw new Error('unbalanced parentheses in fields');
  return tree;
}

/** The entity cut down to `tree` (with its `$type`); arrays are projected element by element. */
export function project(value: unknown, tree: FieldTree | true): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const entity = value as Record<string, unknown>;
  // An entity asked for without sub-fields comes back with its type (and id) only.
  const fields: FieldTree = tree === true ? { id: true } : tree;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(fields)) {
    if (name === '$type' || !(name in entity)) continue;
    out[name] = project(entity[name], sub);
  }
  if (typeof entity.$type === 'string') out.$type = entity.$type;
  return out;
}
