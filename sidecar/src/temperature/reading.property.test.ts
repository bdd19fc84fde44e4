// Properties of a temperature read from Jira's fields, over random issues of the demo world:
// the listed factor points add up to the score, the score stays within 0–100, and a more urgent
// priority never cools an issue (SLA targets shrink, priority points grow).
import fc from 'fast-check';
import { PRIORITIES } from '@frontline/shared';
import type { Priority } from '@frontline/shared';
import { historyFromFields, issueFromJira } from '../trackers/jira/issue-source.js';
import { readIssueTemperature } from './reading.js';
import { demoTemperatureWorld } from './testing.js';

const world = demoTemperatureWorld();
const NOW = new Date('2026-11-30T12:00:00Z');
const PRIORITY_NAMES: Record<Priority, string> = {
  highest: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  lowest: 'Lowest',
};

const comment = fc.record({
  minutesAfter: fc.integer({ min: 0, max: 20_000 }),
  customer: fc.boolean(),
  public: fc.boolean(),
});

const issue = fc.record({
  organization: fc.constantFrom(null, 1, 2, 3, 99),
  priority: fc.constantFrom(...PRIORITIES),
  minutesOld: fc.integer({ min: 0, max: 30 * 24 * 60 }),
  status: fc.constantFrom('Open', 'In Progress', 'Waiting for customer'),
  type: fc.constantFrom('Service request', 'Incident', 'Task'),
  comments: fc.array(comment, { maxLength: 6 }),
});

type RandomIssue = typeof issue extends fc.Arbitrary<infer T> ? T : never;

/** The issue as Jira's search would return it. */
function jiraIssue(i: RandomIssue, priority: Priority) {
  const created = new Date(NOW.getTime() - i.minutesOld * 60_000);
  return {
    id: '10001',
    key: 'SUP-1',
    fields: {
      created: created.toISOString(),
      updated: created.toISOString(),
      priority: { name: PRIORITY_NAMES[priority] },
      status: { name: i.status, statusCategory: { key: 'indeterminate' } },
      issuetype: { name: i.type },
      customfield_10002: i.organization === null ? [] : [{ id: i.organization }],
      comment: {
        comments: i.comments
          .filter((c) => c.minutesAfter <= i.minutesOld)
          .map((c) => ({
            author: { accountType: c.customer ? 'customer' : 'atlassian' },
            jsdPublic: c.public,
            created: new Date(created.getTime() + c.minutesAfter * 60_000).toISOString(),
          })),
      },
    },
  };
}

function scoreOf(i: RandomIssue, priority: Priority) {
  const read = issueFromJira(jiraIssue(i, priority), NOW)!;
  return readIssueTemperature(world, read.snapshot, read.fieldHistory, NOW).temperature;
}

describe('temperature from Jira fields', () => {
  it('lists factors that add up to a score within 0–100', () => {
    fc.assert(
      fc.property(issue, (i) => {
        const t = scoreOf(i, i.priority);
        expect(t.score).toBeGreaterThanOrEqual(0);
        expect(t.score).toBeLessThanOrEqual(100);
        expect(t.factors.reduce((sum, f) => sum + f.points, 0)).toBe(t.score);
      }),
      { numRuns: 300 },
    );
  });

  it('never cools an issue when its priority is raised', () => {
    fc.assert(
      fc.property(issue, fc.integer({ min: 1, max: 4 }), (i, step) => {
        const at = PRIORITIES.indexOf(i.priority);
        const raised = PRIORITIES[Math.max(0, at - step)]!;
        expect(scoreOf(i, raised).score).toBeGreaterThanOrEqual(scoreOf(i, i.priority).score);
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds a history that starts with the creation and counts only what the fields say', () => {
    fc.assert(
      fc.property(issue, (i) => {
        const read = issueFromJira(jiraIssue(i, i.priority), NOW)!;
        const history = historyFromFields(read.snapshot, jiraIssue(i, i.priority).fields);
        expect(history[0]).toMatchObject({ type: 'created', priority: i.priority });
        const visible = i.comments.filter((c) => c.minutesAfter <= i.minutesOld).length;
        expect(history.filter((e) => e.type === 'comment')).toHaveLength(visible);
        expect(history.filter((e) => e.type === 'status')).toEqual([
          expect.objectContaining({ to: i.status }),
        ]);
      }),
      { numRuns: 200 },
    );
  });
});
