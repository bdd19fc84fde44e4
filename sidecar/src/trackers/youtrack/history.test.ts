// What YouTrack's custom field activities tell the report backfill: the first assignment, the start
// of work in one of the configured in-progress states, resolutions and reopenings.
import { historyFromActivities, readActivities } from './history.js';
import type { FieldActivity } from './history.js';

const CREATED = new Date('2026-11-02T09:00:00Z');
const at = (min: number) => CREATED.getTime() + min * 60_000;
const state = (min: number, from: [string, boolean] | null, to: [string, boolean]): FieldActivity => ({
  issueId: '2-1',
  at: at(min),
  field: 'State',
  removed: from ? [{ name: from[0], isResolved: from[1] }] : [],
  added: [{ name: to[0], isResolved: to[1] }],
});
const assignee = (min: number, from: string | null, to: string | null): FieldActivity => ({
  issueId: '2-1',
  at: at(min),
  field: 'Assignee',
  removed: from ? [{ login: from }] : [],
  added: to ? [{ login: to }] : [],
});
const opts = { createdAt: CREATED, assignedNow: true, inProgressStates: ['In Progress', 'Diagnosing'] };

describe('historyFromActivities', () => {
  it('takes the first assignment to someone and the first move into an in-progress state, whatever the order given', () => {
    const told = historyFromActivities(
      [
        state(90, ['Open', false], ['In Progress', false]),
        assignee(120, 'alexei', 'maria'),
        assignee(30, null, 'alexei'),
        state(60, ['Submitted', false], ['diagnosing', false]),
      ],
      opts,
    );
    expect(told.firstAssignedAt).toEqual(new Date(at(30)));
    expect(told.workStartedAt).toEqual(new Date(at(60)));
  });

  it('tells resolutions and reopenings from the states’ isResolved, in time order', () => {
    const told = historyFromActivities(
      [
        state(300, ['In Progress', false], ['Fixed', true]),
        state(400, ['Fixed', true], ['Open', false]),
        state(500, ['Open', false], ['Verified', true]),
        state(600, ['Verified', true], ['Fixed', true]),
      ],
      { ...opts, assignedNow: false },
    );
    expect(told.events.filter((e) => e.type !== 'status')).toEqual([
      { type: 'resolved', at: new Date(at(300)).toISOString() },
      { type: 'reopened', at: new Date(at(400)).toISOString(), status: 'Open' },
      { type: 'resolved', at: new Date(at(500)).toISOString() },
    ]);
    expect(told.workStartedAt).toBeNull();
  });

  it('counts an issue assigned from the start as assigned at creation, but not one whose assignee changed', () => {
    expect(historyFromActivities([], opts).firstAssignedAt).toEqual(CREATED);
    expect(historyFromActivities([], { ...opts, assignedNow: false }).firstAssignedAt).toBeNull();
    // Unassigned once, then assigned by someone: the activity's time, not the creation.
    expect(historyFromActivities([assignee(10, 'alexei', null)], opts).firstAssignedAt).toBeNull();
  });
});

describe('readActivities', () => {
  it('keeps custom field changes it can place and drops the rest', () => {
    const read = readActivities({
      $type: 'CursorPage',
      activities: [
        {
          $type: 'CustomFieldActivityItem',
          timestamp: at(5),
          target: { id: '2-1' },
          field: { name: 'State' },
          added: [{ name: 'Open' }],
          removed: [],
        },
        {
          $type: 'CustomFieldActivityItem',
          timestamp: 'yesterday',
          target: { id: '2-1' },
          field: { name: 'State' },
        },
        { $type: 'CustomFieldActivityItem', timestamp: at(6), field: { name: 'State' } },
        {
          $type: 'CustomFieldActivityItem',
          timestamp: at(7),
          target: { idReadable: 'HWQ-1' },
          field: { name: 'Temperature' },
          added: 42,
          removed: null,
        },
      ],
    });
    expect(read).toEqual([
      { issueId: '2-1', at: at(5), field: 'State', added: [{ name: 'Open' }], removed: [] },
      { issueId: 'HWQ-1', at: at(7), field: 'Temperature', added: [], removed: [] },
    ]);
    expect(readActivities(undefined)).toEqual([]);
  });
});
