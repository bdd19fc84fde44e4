// What PostgreSQL cannot hold in text or jsonb: a NUL character, and a lone UTF-16 surrogate (it has
// no UTF-8 form). Every edge checks untrusted values here before a statement sees them, so such a
// value is refused naming its field instead of failing the statement (and whatever shares it).

export interface UnstorableText {
  /** Where: a dotted path into the value (`issue.fields.summary`), a parameter name, or `(body)`. */
  path: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function whyUnstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which cannot be stored';
  return undefined;
}

const pathOf = (parts: readonly (string | number)[]) => (parts.length === 0 ? '(body)' : parts.join('.'));

/**
 * The first string or key in `value` that cannot be stored, with its path. Walks with an explicit
 * stack, so a deep value costs no call stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = whyUnstorable(current);
      if (problem) return { path: pathOf(path), message: `${pathOf(path)} ${problem}` };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
    } else if (typeof current === 'object' && current !== null) {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const keyProblem = whyUnstorable(key);
        if (keyProblem) {
          const where = pathOf([...path, JSON.stringify(key)]);
          return { path: where, message: `a key at ${where} ${keyProblem}` };
        }
        stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** One text value (a query or path parameter) checked on its own; the problem names `field`. */
export function unstorableParam(field: string, value: string): UnstorableText | undefined {
  const problem = whyUnstorable(value);
  return problem ? { path: field, message: `${field} ${problem}` } : undefined;
}
