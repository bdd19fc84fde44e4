// One way to say "these must be distinct" in every schema: each repeat is reported at its own
// path, naming the entry it repeats, so a person can find both.
import { z } from 'zod';

/** Each item whose key repeats an earlier item's, with the index of that earlier item. */
export function repeats<T>(
  items: readonly T[],
  keyOf: (item: T) => unknown,
): { index: number; first: number }[] {
  const firstIndex = new Map<unknown, number>();
  const found: { index: number; first: number }[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else found.push({ index, first });
  });
  return found;
}

/** Adds an issue at `pathOf(index)` for each item whose key repeats an earlier item's. */
export function reportRepeats<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => unknown,
  pathOf: (index: number) => PropertyKey[],
  messageOf: (item: T, first: number) => string,
): void {
  for (const { index, first } of repeats(items, keyOf))
    ctx.addIssue({ code: 'custom', path: pathOf(index), message: messageOf(items[index]!, first) });
}

/** A list whose items must have distinct values of one key; each duplicate is reported at its own path. */
export function uniqueBy<T extends z.ZodType, K extends keyof z.output<T> & string>(
  item: T,
  key: K,
  noun: string,
) {
  return z.array(item).superRefine((items, ctx) =>
    reportRepeats(
      ctx,
      items,
      (entry) => entry[key],
      (index) => [index, key],
      (entry, first) => `${noun} "${String(entry[key])}" is already used by entry ${first}`,
    ),
  );
}
