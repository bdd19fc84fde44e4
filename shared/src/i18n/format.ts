// ICU MessageFormat, the part the catalogues use: `{name}` arguments, `{n, plural, …}` with CLDR
// categories (one/few/many/other), exact `=0` cases and `#` for the number, and `{x, select, …}`
// for enumerations (a priority, an SLA target). Pure: the locale is an argument. A pattern the
// parser cannot read throws — catalogues are code, checked by their tests, never user input.
// Plural categories are judged on the number as shown (at most one decimal), as in plural.ts.

/** Values a message is filled with. */
export type MessageParams = Readonly<Record<string, string | number>>;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'arg'; name: string }
  | { kind: 'pound' }
  | { kind: 'plural' | 'select'; name: string; cases: ReadonlyMap<string, Part[]> };

const parsed = new Map<string, Part[]>();
// Intl objects are costly to build and the locales are few: one of each per locale.
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function formatNumber(locale: string, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

function categoryOf(locale: string, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale, { maximumFractionDigits: 1 });
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/** Formats `pattern` for `locale` with `params`; an argument missing from `params` stays as `{name}`. */
export function formatMessage(locale: string, pattern: string, params: MessageParams = {}): string {
  let parts = parsed.get(pattern);
  if (!parts) {
    parts = parse(pattern);
    parsed.set(pattern, parts);
  }
  return render(locale, parts, params, undefined);
}

function render(
  locale: string,
  parts: readonly Part[],
  params: MessageParams,
  count: number | undefined,
): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'pound':
        out += count === undefined ? '#' : formatNumber(locale, count);
        break;
      case 'arg': {
        const value = params[part.name];
        out +=
          value === undefined
            ? `{${part.name}}`
            : typeof value === 'number'
              ? formatNumber(locale, value)
              : value;
        break;
      }
      case 'plural': {
        const n = Number(params[part.name]);
        const chosen =
          part.cases.get(`=${n}`) ?? part.cases.get(categoryOf(locale, n)) ?? part.cases.get('other')!;
        out += render(locale, chosen, params, n);
        break;
      }
      case 'select': {
        const chosen = part.cases.get(String(params[part.name])) ?? part.cases.get('other')!;
        out += render(locale, chosen, params, count);
        break;
      }
    }
  }
  return out;
}

/** Parses a whole pattern. */
function parse(pattern: string): Part[] {
  const [parts, end] = parseParts(pattern, 0, false);
  if (end !== pattern.length) throw new Error(`Unbalanced "}" in message: ${pattern}`);
  return parts;
}

/** Parts up to the end, or up to the `}` that closes a case when `inCase`; returns them and where it stopped. */
function parseParts(pattern: string, start: number, inCase: boolean): [Part[], number] {
  const parts: Part[] = [];
  let text = '';
  let i = start;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '}') {
      if (!inCase) break;
      flush();
      return [parts, i];
    }
    if (ch === '#' && inCase) {
      flush();
      parts.push({ kind: 'pound' });
      i += 1;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i += 1;
      continue;
    }
    flush();
    const [part, next] = parseArgument(pattern, i + 1);
    parts.push(part);
    i = next;
  }
  if (inCase) throw new Error(`Unclosed case in message: ${pattern}`);
  flush();
  return [parts, i];
}

/** `name}` or `name, plural|select, key {…} …}` starting after the `{`; returns the part and the index after its `}`. */
function parseArgument(pattern: string, start: number): [Part, number] {
  const close = pattern.indexOf('}', start);
  const comma = pattern.indexOf(',', start);
  if (close === -1) throw new Error(`Unclosed argument in message: ${pattern}`);
  if (comma === -1 || close < comma)
    return [{ kind: 'arg', name: pattern.slice(start, close).trim() }, close + 1];
  const name = pattern.slice(start, comma).trim();
  const typeEnd = pattern.indexOf(',', comma + 1);
  if (typeEnd === -1) throw new Error(`Argument ${name} has no cases in message: ${pattern}`);
  const type = pattern.slice(comma + 1, typeEnd).trim();
  if (type !== 'plural' && type !== 'select')
    throw new Error(`Unknown argument type "${type}" in: ${pattern}`);
  const cases = new Map<string, Part[]>();
  let i = typeEnd + 1;
  for (;;) {
    while (/\s/.test(pattern[i] ?? '')) i += 1;
    if (pattern[i] === '}') break;
    const open = pattern.indexOf('{', i);
    if (open === -1) throw new Error(`Argument ${name} is not closed in: ${pattern}`);
    const key = pattern.slice(i, open).trim();
    const [parts, end] = parseParts(pattern, open + 1, true);
    cases.set(key, parts);
    i = end + 1;
  }
  if (!cases.has('other')) throw new Error(`Argument ${name} has no "other" case in: ${pattern}`);
  return [{ kind: type, name, cases }, i + 1];
}
