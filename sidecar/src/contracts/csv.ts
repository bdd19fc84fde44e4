// CSV rows from the master system → contract inputs. Columns name fields, dotted for nested ones
// (`tsm.email`); an empty cell leaves the field out. Each cell is read by the type the contract schema
// expects there: numbers, booleans (true/false, yes/no, 1/0), lists (`a;b;c`, or a JSON array), objects
// (JSON); everything else stays text. A cell that does not read as its type is passed through as
// text, so validation reports it by field instead of the import guessing.
//
// Column names are untrusted keys: a header is checked against the schema before any row is read
// (`checkColumns`), and rows are built on null-prototype objects with own-property writes, so a
// column such as `__proto__.x` can never reach Object.prototype.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { z } from 'zod';

/** One record of the file, the header included: its line in the file (the header is line 1) and its values. */
export interface CsvRecord {
  line: number;
  values: string[];
}

/**
 * Reads CSV from chunks of text or UTF-8 bytes (a chunk may end inside a character), one record at
 * a time; empty lines are skipped and values trimmed. A malformed file throws, naming the line.
 * The caller sets the pace: nothing is parsed beyond what it has asked for.
 */
export async function* readCsv(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<CsvRecord> {
  const source = Readable.from(chunks, { objectMode: false });
  const parser = source.pipe(parse({ bom: true, skip_empty_lines: true, trim: true, info: true, raw: true }));
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>)
      yield { line: startLine(r), values: r.record };
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** csv-parse counts the line a record ends on; a quoted line break inside it moves its start up. */
function startLine(r: { raw: string; info: { lines: number } }): number {
  const breaksInside = (r.raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
  return r.info.lines - breaksInside;
}

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Looks through wrappers (optional, default, nullable, pipes) to the type that reads the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  return inner ? unwrap(inner) : schema;
}

/** The schema expected at a dotted path of an object schema, if there is one (own shape keys only). */
function schemaAt(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    const shape: Record<string, z.ZodType> | undefined = current && defOf(unwrap(current)).shape;
    current = shape && Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  return current;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function tryJson(cell: string): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
}

/** Reads one cell as the type `schema` expects. */
export function readCell(cell: string, schema: z.ZodType | undefined): unknown {
  if (!schema) return cell;
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case 'number': {
      const n = Number(cell.replace(',', '.'));
      return Number.isFinite(n) ? n : cell;
    }
    case 'boolean': {
      const lower = cell.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : cell;
    }
    case 'array':
      if (cell.startsWith('[')) return tryJson(cell);
      return cell
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => readCell(part, def.element));
    case 'object':
    case 'record':
      return cell.startsWith('{') ? tryJson(cell) : cell;
    default:
      return cell;
  }
}

/** Segments no column may have, whatever the schema: they name the prototype machinery. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** A header column the import refuses, and why. */
export interface ColumnProblem {
  column: string;
  message: string;
}

/**
 * The columns of a header that name no field of `schema`. An empty column name is allowed (a
 * trailing separator) and its cells are ignored; every other column must be a dotted path through
 * the schema's object shapes.
 */
export function checkColumns(columns: readonly string[], schema: z.ZodType): ColumnProblem[] {
  const problems: ColumnProblem[] = [];
  for (const column of columns) {
    if (column === '') continue;
    const path = column.split('.');
    const name = JSON.stringify(column);
    if (path.some((key) => FORBIDDEN_SEGMENTS.has(key))) {
      problems.push({ column, message: `Column ${name} is not allowed: no contract field is named so` });
    } else if (!schemaAt(schema, path)) {
      problems.push({ column, message: `Column ${name} names no contract field` });
    }
  }
  return problems;
}

type Node = Record<string, unknown>;

/** An own, plain data property: assignment could invoke the `__proto__` setter instead. */
function setOwn(target: Node, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Builds the input object for `schema` from one row's `[column, cell]` pairs. Objects are created
 * without a prototype and written with own properties, so any column name is only ever a key.
 */
export function rowToInput(cells: Iterable<readonly [string, string]>, schema: z.ZodType): Node {
  const input: Node = Object.create(null);
  for (const [column, cell] of cells) {
    if (cell === '' || column === '') continue;
    const path = column.split('.');
    let target = input;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) target = next as Node;
      else {
        const created: Node = Object.create(null);
        setOwn(target, key, created);
        target = created;
      }
    }
    setOwn(target, path[path.length - 1]!, readCell(cell, schemaAt(schema, path)));
  }
  return input;
}
