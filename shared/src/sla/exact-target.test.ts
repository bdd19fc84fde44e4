// A clock that has used exactly its target when the next stretch of work begins is breached at the
// start of that stretch (a regression: the replay once searched for zero minutes of work and threw).
import { describe, expect, it } from '@jest/globals';
import { BusinessCalendarSchema, compileCalendar, computeSlaClocks, SlaPolicySchema } from '../index.js';

const office: [string, string][] = [['09:00', '18:00']];
const calendar = compileCalendar(
  BusinessCalendarSchema.parse({
    timeZone: 'Europe/Moscow',
    week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  }),
);
const policy = SlaPolicySchema.parse({
  id: 'p',
  name: 'P',
  calendarId: 'c',
  targets: { update: { highest: 60, high: 60, medium: 60, low: 60, lowest: 60 } },
});

describe('a clock exactly on target', () => {
  it('is breached where the next event finds it, without searching for zero minutes of work', () => {
    // Answered at 17:00 Moscow; the update cycle uses its 60 minutes by 18:00, the end of the day,
    // where an internal comment splits the timeline; the next stretch starts outside working time.
    const result = computeSlaClocks(
      policy,
      calendar,
      [
        { type: 'created', at: '2027-03-01T05:00:00Z', priority: 'medium' },
        { type: 'comment', at: '2027-03-01T14:00:00Z', author: 'agent', public: true },
        { type: 'comment', at: '2027-03-01T15:00:00Z', author: 'agent', public: false },
      ],
      new Date('2027-03-02T09:00:00Z'),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        clocks: [{ target: 'update', cycleBreached: true, cycleBreachedAt: '2027-03-01T15:00:00.000Z' }],
      },
    });
  });
});
