// `Retry-After` (RFC 9110 §10.2.3): either delta-seconds or an HTTP-date. Read strictly, because a
// lenient reader turns junk into waits: `Number('1e3')` is 1000 s, `Date.parse('7')` is a day in
// 2001. What the grammar does not allow is ignored (the caller falls back to its own backoff), and
// what it allows but no server means (a week, a number of 300 digits) is capped.

/** The longest wait any `Retry-After` can ask of us; callers may cap lower. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = MONTHS.join('|');
const DAY = 'mon|tue|wed|thu|fri|sat|sun';
const LONG_DAY = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT`, the form servers must send. */
const IMF_FIXDATE = new RegExp(`^(?:${DAY}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`, 'i');
/** `Sunday, 06-Nov-94 08:49:37 GMT`, obsolete but still to be read. */
const RFC_850 = new RegExp(`^(?:${LONG_DAY}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`, 'i');
/** `Sun Nov  6 08:49:37 1994`, C's asctime(), obsolete but still to be read. */
const ASCTIME = new RegExp(`^(?:${DAY}) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`, 'i');

function utc(year: number, month: string, day: string, h: string, m: string, s: string): number | undefined {
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  const at = Date.UTC(year, monthIndex, Number(day), Number(h), Number(m), Number(s));
  const back = new Date(at);
  // Date.UTC rolls 31 Feb over into March; a date that does not read back is not a date.
  const exact =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === monthIndex &&
    back.getUTCDate() === Number(day) &&
    back.getUTCHours() === Number(h) &&
    back.getUTCMinutes() === Number(m) &&
    back.getUTCSeconds() === Number(s);
  return exact ? at : undefined;
}

/** The instant an HTTP-date names, in ms since the epoch, or `undefined` when it is not one. */
export function parseHttpDate(value: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(Number(match[3]), match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
  match = ASCTIME.exec(value);
  if (match) return utc(Number(match[6]), match[1]!, match[2]!.trim(), match[3]!, match[4]!, match[5]!);
  match = RFC_850.exec(value);
  if (match) {
    // A two-digit year more than 50 years ahead is the most recent past year ending in those digits.
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(match[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(year, match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
  }
  return undefined;
}

/**
 * A `Retry-After` value as ms to wait from `now`: delta-seconds (fractions tolerated) or an
 * HTTP-date (a past one means "now": 0). Anything else — `1e3`, `-5`, `0x10`, `soon` — is
 * `undefined`; waits are capped at `maxMs`.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number | Date,
  maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELTA_SECONDS.test(text)) return Math.min(Math.round(Number(text) * 1000), maxMs);
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const at = parseHttpDate(text, nowMs);
  return at === undefined ? undefined : Math.min(Math.max(0, at - nowMs), maxMs);
}
