import { z } from 'zod';
import { parseWith } from './errors.js';

const EngineerLike = z.strictObject({
  accountId: z.string(),
  maxLoad: z.number(),
  onDuty: z.boolean().optional(),
  priority: z.enum(['highest', 'high', 'medium']),
  calendars: z.array(z.string()),
  note: z.string({ error: 'Write the note as text' }).optional(),
});

const issuesOf = (input: unknown) => {
  const parsed = parseWith(EngineerLike, input);
  if (parsed.ok) throw new Error('expected a failure');
  return parsed.error;
};
const valid = { accountId: 'a-1', maxLoad: 10, priority: 'high', calendars: ['moscow-5x2'] };

describe('parseWith messages', () => {
  it('says a missing field is required', () => {
    const { accountId: _, ...rest } = valid;
    expect(issuesOf(rest)).toEqual([{ path: 'accountId', message: 'accountId is required' }]);
  });

  it('says what a mistyped field must be and quotes what it got', () => {
    expect(issuesOf({ ...valid, maxLoad: 'ten', onDuty: 'yes' })).toEqual([
      { path: 'maxLoad', message: 'maxLoad must be a number, got "ten"' },
      { path: 'onDuty', message: 'onDuty must be true or false, got "yes"' },
    ]);
    expect(issuesOf({ ...valid, calendars: 'moscow-5x2' })).toEqual([
      { path: 'calendars', message: 'calendars must be a list, got "moscow-5x2"' },
    ]);
  });

  it('names a list item by its list and index', () => {
    expect(issuesOf({ ...valid, calendars: ['moscow-5x2', 7] })).toEqual([
      { path: 'calendars.1', message: 'calendars[1] must be text, got 7' },
    ]);
  });

  it('lists the choices of an enum', () => {
    expect(issuesOf({ ...valid, priority: 'urgent' })).toEqual([
      { path: 'priority', message: 'priority must be one of: highest, high, medium; got "urgent"' },
    ]);
  });

  it('reports each unknown field at its own path', () => {
    expect(issuesOf({ ...valid, nickname: 'Vasya', team: 'HW' })).toEqual([
      { path: 'nickname', message: 'unknown field "nickname"' },
      { path: 'team', message: 'unknown field "team"' },
    ]);
  });

  it("keeps a schema's own message", () => {
    expect(issuesOf({ ...valid, note: 5 })).toEqual([{ path: 'note', message: 'Write the note as text' }]);
  });

  it('describes a wrong root', () => {
    expect(issuesOf(null)).toEqual([{ path: '', message: 'the value must be an object, got null' }]);
  });
});
