// The JQL subset the stand-in understands: clauses joined by AND, then an optional ORDER BY.
// Anything else is refused with the message Jira would give, so a caller relying on more JQL than
// this learns it from a 400 instead of a silently wrong result.
import { err, ok, type Result } from '@frontline/shared';

export type JqlField = 'project' | 'statusCategory' | 'status' | 'assignee' | 'key' | 'issuetype' | 'labels';
export type JqlClause =
  | { field: JqlField; op: '=' | '!='; value: string }
  | { field: JqlField; op: 'in' | 'not in'; values: string[] }
  | { field: JqlField; op: 'is empty' | 'is not empty' };
export type JqlOrderField = 'created' | 'updated' | 'key' | 'priority';
export interface JqlOrder {
  field: JqlOrderField;
  direction: 'ASC' | 'DESC';
}
export interface JqlQuery {
  clauses: JqlClause[];
  orderBy: JqlOrder[];
}

const FIELDS: readonly JqlField[] = [
  'project',
  'statusCategory',
  'status',
  'assignee',
  'key',
  'issuetype',
  'labels',
];
const FIELD_ALIASES: Record<string, JqlField> = { issuekey: 'key', issue: 'key', type: 'issuetype' };
const ORDER_FIELDS: readonly JqlOrderField[] = ['created', 'updated', 'key', 'priority'];

type Token = { kind: 'word' | 'string' | 'punct'; text: string; at: number };

function tokenize(jql: string): Result<Token[], string> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '"' || ch === "'") {
      const end = jql.indexOf(ch, i + 1);
      if (end < 0) return err(`The quoted string starting at character ${i + 1} is not closed.`);
      tokens.push({ kind: 'string', text: jql.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (ch === '!' && jql[i + 1] === '=') {
      tokens.push({ kind: 'punct', text: '!=', at: i });
      i += 2;
    } else if ('=(),'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, at: i });
      i += 1;
    } else {
      const match = /^[A-Za-z0-9_\-.:]+/.exec(jql.slice(i));
      if (!match) return err(`The character '${ch}' at position ${i + 1} is not supported here.`);
      tokens.push({ kind: 'word', text: match[0], at: i });
      i += match[0].length;
    }
  }
  return ok(tokens);
}

/** Parses the supported JQL subset; the error text follows Jira's "Error in the JQL Query" wording. */
export function parseJql(jql: string): Result<JqlQuery, string> {
  const lexed = tokenize(jql);
  if (!lexed.ok) return err(`Error in the JQL Query: ${lexed.error}`);
  const tokens = lexed.value;
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (t: Token | undefined, w: string): boolean =>
    t !== undefined && t.kind === 'word' && t.text.toLowerCase() === w;
  const fail = (what: string): Result<JqlQuery, string> => {
    const t = peek();
    const where = t ? `'${t.text}' at position ${t.at + 1}` : 'the end of the query';
    return err(`Error in the JQL Query: Expecting ${what} but got ${where}.`);
  };
  const value = (): string | undefined => {
    const t = peek();
    if (!t || t.kind === 'punct') return undefined;
    pos += 1;
    return t.text;
  };

  const clauses: JqlClause[] = [];
  const orderBy: JqlOrder[] = [];
  while (pos < tokens.length && !isWord(peek(), 'order')) {
    if (clauses.length > 0) {
      if (!isWord(peek(), 'and')) return fail("'AND' or 'ORDER BY' (this query language supports AND only)");
      pos += 1;
    }
    const fieldToken = peek();
    if (!fieldToken || fieldToken.kind === 'punct') return fail('a field name');
    const name = fieldToken.text.toLowerCase();
    const field = FIELD_ALIASES[name] ?? FIELDS.find((f) => f.toLowerCase() === name);
    if (!field)
      return err(`Field '${fieldToken.text}' does not exist or you do not have permission to view it.`);
    pos += 1;
    const opToken = peek();
    if (opToken?.kind === 'punct' && (opToken.text === '=' || opToken.text === '!=')) {
      pos += 1;
      const v = value();
      if (v === undefined) return fail('a value');
      clauses.push({ field, op: opToken.text, value: v });
    } else if (isWord(opToken, 'is')) {
      pos += 1;
      const negated = isWord(peek(), 'not');
      if (negated) pos += 1;
      if (!isWord(peek(), 'empty') && !isWord(peek(), 'null')) return fail("'EMPTY'");
      pos += 1;
      clauses.push({ field, op: negated ? 'is not empty' : 'is empty' });
    } else if (isWord(opToken, 'in') || (isWord(opToken, 'not') && isWord(tokens[pos + 1], 'in'))) {
      const negated = isWord(opToken, 'not');
      pos += negated ? 2 : 1;
      if (peek()?.text !== '(') return fail("'('");
      pos += 1;
      const values: string[] = [];
      for (;;) {
        const v = value();
        if (v === undefined) return fail('a value');
        values.push(v);
        if (peek()?.text === ',') {
          pos += 1;
          continue;
        }
        if (peek()?.text === ')') {
          pos += 1;
          break;
        }
        return fail("',' or ')'");
      }
      clauses.push({ field, op: negated ? 'not in' : 'in', values });
    } else {
      return fail("an operator ('=', '!=', 'in', 'not in', 'is')");
    }
  }
  if (isWord(peek(), 'order')) {
    pos += 1;
    if (!isWord(peek(), 'by')) return fail("'BY'");
    pos += 1;
    for (;;) {
      const t = peek();
      const orderField = ORDER_FIELDS.find((f) => f === t?.text.toLowerCase());
      if (!orderField) return fail(`a field to order by (${ORDER_FIELDS.join(', ')})`);
      pos += 1;
      let direction: 'ASC' | 'DESC' = orderField === 'created' || orderField === 'updated' ? 'DESC' : 'ASC';
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc')) {
        direction = peek()!.text.toUpperCase() as 'ASC' | 'DESC';
        pos += 1;
      }
      orderBy.push({ field: orderField, direction });
      if (peek()?.text !== ',') break;
      pos += 1;
    }
    if (pos < tokens.length) return fail('the end of the query');
  }
  return ok({ clauses, orderBy });
}
