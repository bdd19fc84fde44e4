import type { z } from 'zod';
import type { Result } from '../result.js';

/** One field that failed validation: a dotted path (`periods.0.from`, `""` for the root) and a message. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Turns zod issues into one `{ path, message }` per failing field, in document order. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses `input` with `schema`; on failure lists each failing field by path with a readable message. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>, FieldIssue[]> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: toFieldIssues(parsed.error) };
}
