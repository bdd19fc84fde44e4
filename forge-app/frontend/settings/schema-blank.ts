// What the admin page adds when someone presses "Add": a blank of the right shape, read from the
// settings schema (its JSON Schema, which `settings.validate` sends with the sections). A list that
// is empty, a map entry (a calendar by id) or an optional section (the duty rota, a channel) gets
// the fields its schema requires, each with its default, its first allowed value or an empty one.
import type { Path } from './json-paths';

/** The parts of a JSON Schema (draft 2020-12, as zod writes it) the page reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: boolean | JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
}

const isSchema = (s: unknown): s is JsonSchema => typeof s === 'object' && s !== null;

/** `s` with a `$ref` into the root's definitions followed, and a nullable `anyOf` reduced to its object. */
function resolved(root: JsonSchema, s: JsonSchema | undefined): JsonSchema | undefined {
  let current = s;
  for (let hops = 0; current && hops < 20; hops++) {
    if (current.$ref) {
      const name = current.$ref.replace(/^#\/(\$defs|definitions)\//, '');
      current = root.$defs?.[name] ?? root.definitions?.[name];
      continue;
    }
    const options = current.anyOf ?? current.oneOf;
    if (options && current.type === undefined) {
      const real = options.filter((o) => o.type !== 'null');
      current = real.find((o) => o.type === 'object') ?? real[0];
      continue;
    }
    if (current.allOf?.length === 1 && current.type === undefined) {
      current = current.allOf[0];
      continue;
    }
    return current;
  }
  return current;
}

/** The schema of the value at `path` (object keys, map entries, list items), if the schema says. */
export function schemaAt(root: JsonSchema, path: Path): JsonSchema | undefined {
  let s = resolved(root, root);
  for (const key of path) {
    if (!s) return undefined;
    if (typeof key === 'number') {
      const item = s.prefixItems?.[key] ?? s.items;
      s = resolved(root, isSchema(item) ? item : undefined);
    } else {
      const next =
        s.properties?.[key] ?? (isSchema(s.additionalProperties) ? s.additionalProperties : undefined);
      s = resolved(root, next);
    }
  }
  return s;
}

/** Whether `s` is a map (entries under keys the admin names), not an object with fixed fields. */
export function isMap(root: JsonSchema, s: JsonSchema | undefined): boolean {
  const r = resolved(root, s);
  return !!r && isSchema(r.additionalProperties) && Object.keys(r.properties ?? {}).length === 0;
}

/** The fields of an object schema that `value` does not have yet (optional sections, channels). */
export function missingFields(root: JsonSchema, s: JsonSchema | undefined, value: object): string[] {
  const r = resolved(root, s);
  return Object.keys(r?.properties ?? {}).filter((k) => !Object.hasOwn(value, k));
}

/** A blank value of the schema's shape: defaults, first allowed values, required fields only. */
export function blankOf(root: JsonSchema, s: JsonSchema | undefined, depth = 0): unknown {
  const r = resolved(root, s);
  if (!r || depth > 12) return '';
  if (r.default !== undefined) return structuredClone(r.default);
  if (r.const !== undefined) return r.const;
  if (r.enum?.length) return r.enum[0];
  const type = Array.isArray(r.type) ? r.type.find((t) => t !== 'null') : r.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (r.required ?? []).map((k) => [k, blankOf(root, r.properties?.[k], depth + 1)]),
      );
    case 'array':
      return r.prefixItems ? r.prefixItems.map((p) => blankOf(root, p, depth + 1)) : [];
    case 'integer':
    case 'number':
      return r.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}
