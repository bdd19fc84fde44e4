import type { z } from 'zod';
import type { Result } from '../result.js';

/** One field that failed validation: a dotted path (`periods.0.from`, `""` for the root) and a message. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** What a zod type name means to a person writing settings. */
const EXPECTED_IN_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  date: 'a date',
  null: 'null',
};

/** How a received value is quoted back: strings and numbers as written, structures by kind. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return JSON.stringify(value);
  return typeof value;
}

/** The name a message uses for the field at `path`: its key, or `list[3]` for an item. */
function fieldName(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (last === undefined) return 'the value';
  if (typeof last !== 'number') return String(last);
  const parent = path.at(-2);
  return parent === undefined ? `item ${last}` : `${String(parent)}[${last}]`;
}

/**
 * zod's messages for the common mistakes ("Invalid input: expected string, received undefined")
 * rewritten for the person who wrote the settings. Used only where the schema gave no message of
 * its own; other codes keep zod's wording.
 */
function readableMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const path = issue.path ?? [];
  const name = fieldName(path);
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `${name} is required`;
    const expected = EXPECTED_IN_WORDS[issue.expected] ?? issue.expected;
    return `${name} must be ${expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
    if (values.length === 1) return `${name} must be ${values[0]}, got ${describeValue(issue.input)}`;
    return `${name} must be one of: ${values.join(', ')}; got ${describeValue(issue.input)}`;
  }
  return undefined;
}

/** Turns zod issues into one `{ path, message }` per failing field, in document order; each unknown key is its own issue. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: `unknown field "${key}"` }));
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** Parses `input` with `schema`; on failure lists each failing field by path with a readable message. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>, FieldIssue[]> {
  const parsed = schema.safeParse(input, { error: readableMessage });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: toFieldIssues(parsed.error) };
}
