/** The outcome of an operation that can fail in an expected way; exceptions are kept for bugs. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** A successful result. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failed result. */
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
