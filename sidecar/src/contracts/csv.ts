// CSV rows from the master system → contract inputs. Columns name fields, dotted for nested ones
// (`tsm.email`); an empty cell leaves the field out. Each cell is read by the type the contract schema
// expects there: numbers, booleans (true/false, yes/no, 1/0), lists (`a;b;c`, or a JSON array), objects
// (JSON); everything else stays text. A cell that does not read as its type is passed through as
// text, so validation reports it by field instead of the import guessing.
import { parse } from 'csv-parse/sync';
import type { Result } from '@frontline/shared';
import type { z } from 'zod';

/** One data row: its line number in the file (the header is line 1) and its cells by column. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** Parses CSV text with a header row; a malformed file is an error naming the line. */
export function parseCsv(text: string): Result<{ columns: string[]; rows: CsvRow[] }, string> {
  try {
    const records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
    }) as { record: Record<string, string>; raw: string; info: { lines: number } }[];
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const columns = header.trim() === '' ? [] : Object.keys(records[0]?.record ?? {});
    return {
      ok: true,
      value: { columns, rows: records.map((r) => ({ line: startLine(r), cells: r.record })) },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
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

/** The schema expected at a dotted path of an object schema, if there is one. */
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

/** Builds the input object for `schema` from one row's cells. */
export function rowToInput(cells: Record<string, string>, schema: z.ZodType): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(cells)) {
    if (cell === '' || column === '') continue;
    const path = column.split('.');
    let target = input;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = (typeof next === 'object' && next !== null ? next : (target[key] = {})) as Record<
        string,
        unknown
      >;
    }
    target[path[path.length - 1]!] = readCell(cell, schemaAt(schema, path));
  }
  return input;
}
