import { parseJql } from './jql.js';

describe('the stand-in JQL subset', () => {
  it('reads the clauses Frontline sends, joined by AND, with ORDER BY', () => {
    const parsed = parseJql(
      'project = SUP AND statusCategory != Done AND assignee is EMPTY ORDER BY created ASC',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        clauses: [
          { field: 'project', op: '=', value: 'SUP' },
          { field: 'statusCategory', op: '!=', value: 'Done' },
          { field: 'assignee', op: 'is empty' },
        ],
        orderBy: [{ field: 'created', direction: 'ASC' }],
      },
    });
  });

  it('reads key in (…) lists, quoted values and not-empty checks', () => {
    const parsed = parseJql('key in (SUP-1, "HW-2") and assignee is not empty order by key');
    expect(parsed.ok && parsed.value.clauses).toEqual([
      { field: 'key', op: 'in', values: ['SUP-1', 'HW-2'] },
      { field: 'assignee', op: 'is not empty' },
    ]);
    expect(parsed.ok && parsed.value.orderBy).toEqual([{ field: 'key', direction: 'ASC' }]);
  });

  it('defaults date ordering to newest first, like Jira', () => {
    const parsed = parseJql('project = DB ORDER BY updated');
    expect(parsed.ok && parsed.value.orderBy).toEqual([{ field: 'updated', direction: 'DESC' }]);
  });

  it.each([
    ['project = SUP OR project = HW', /AND only/],
    ['reporter = currentUser', /Field 'reporter' does not exist/],
    ['summary ~ "disk"', /'~' at position 9 is not supported/],
    ['project = ', /Expecting a value/],
    ['key in (SUP-1', /Expecting ',' or '\)'/],
    ['project = "SUP', /not closed/],
    ['project = SUP ORDER BY summary', /field to order by/],
  ])('refuses %s with a message naming the problem', (jql, message) => {
    const parsed = parseJql(jql);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
