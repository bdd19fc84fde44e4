// One ticket, three readers: for random tickets, histories and instants, the temperature the glance
// shows, the one the tracked copy keeps after an event, and the one the sweep writes are the same.
// Each path is driven through its own function with the inputs it receives in production: the glance
// and the sweep read the issue as Jira's REST API returns it plus the store's history; tracking
// reads the webhook's payload and the history the store holds after recording the event.
import fc from 'fast-check';
import { PRIORITIES } from '@frontline/shared';
import type { Priority, SlaEvent } from '@frontline/shared';
import { glanceOf } from '../http/forge/issue-views/index.js';
import { issueFromJira, readIssueEvent } from '../trackers/jira/issue-source.js';
import { sweepReading } from '../temperature/sweep.js';
import { demoTemperatureWorld } from '../temperature/testing.js';
import { slaFactsOf } from './issue-facts.js';
import type { AssignmentWorld } from './plan.js';
import { planAssignment } from './plan.js';
import { withCreation } from './track.js';

const demo = demoTemperatureWorld();
// A fourth customer whose contract names an SLA policy the settings lack: its tickets have no
// clocks, which is where the two old paths disagreed (periods and replies were ignored by one).
const orphan = structuredClone(demo.contracts[0]!);
orphan.id = 'orphan-contract';
orphan.customer = {
  ...orphan.customer,
  id: 'orphan',
  name: 'Orphan',
  jsmOrganizationIds: ['4'],
  emailDomains: [],
};
orphan.slaPolicyId = 'no-such-policy';
const world: AssignmentWorld = {
  settingsVersion: 1,
  settings: demo.settings,
  calendars: demo.calendars,
  contracts: [...demo.contracts, orphan],
  engineers: demo.settings.engineers,
  skillsByLabel: demo.settings.schedules.skillsByLabel,
};

const PRIORITY_NAMES: Record<Priority, string> = {
  highest: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  lowest: 'Lowest',
};
const MINUTE = 60_000;
/** Instants spread over months with and without month-end closes, holidays and weekends. */
const FIRST = Date.parse('2026-10-20T00:00:00Z');

const ticket = fc.record({
  organization: fc.constantFrom(null, '1', '2', '3', '4', '99'),
  priority: fc.constantFrom(...PRIORITIES),
  createdAt: fc.integer({ min: 0, max: 150 * 24 * 60 }).map((m) => FIRST + m * MINUTE),
  status: fc.constantFrom('Open', 'In Progress', 'Waiting for customer'),
  type: fc.constantFrom('Service request', 'Incident', 'Task'),
  comments: fc.array(
    fc.record({
      minutesAfter: fc.integer({ min: 0, max: 20_000 }),
      customer: fc.boolean(),
      public: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  /** How long after the last event the evaluation runs. */
  laterMinutes: fc.integer({ min: 0, max: 10_000 }),
});
type Ticket = typeof ticket extends fc.Arbitrary<infer T> ? T : never;

const iso = (ms: number) => new Date(ms).toISOString();

/** The issue's fields, as both Jira's REST API and its webhooks carry them. */
function fields(t: Ticket, comments: Ticket['comments']) {
  return {
    summary: 'Printer on fire',
    project: { key: 'SUP' },
    created: iso(t.createdAt),
    updated: iso(t.createdAt),
    statuscategorychangedate: iso(t.createdAt),
    priority: { name: PRIORITY_NAMES[t.priority] },
    status: { name: t.status, statusCategory: { key: 'indeterminate' } },
    issuetype: { name: t.type },
    customfield_10002: t.organization === null ? [] : [{ id: t.organization }],
    comment: {
      comments: comments.map((c) => ({
        author: { accountType: c.customer ? 'customer' : 'atlassian' },
        jsdPublic: c.public,
        created: iso(t.createdAt + c.minutesAfter * MINUTE),
      })),
    },
  };
}

/** The three readings of one random ticket at one instant. */
function readings(t: Ticket) {
  const comments = [...t.comments].sort((a, b) => a.minutesAfter - b.minutesAfter);
  const lastEventAt = t.createdAt + (comments.at(-1)?.minutesAfter ?? 0) * MINUTE;
  const now = new Date(lastEventAt + t.laterMinutes * MINUTE);

  // What the store holds after recording each webhook: the creation, then every comment.
  const issue = { id: '10001', key: 'SUP-1', fields: fields(t, comments) };
  const created = readIssueEvent(
    { timestamp: t.createdAt, issue: { ...issue, fields: fields(t, []) } },
    now,
  )!;
  const stored: SlaEvent[] = [...slaFactsOf('created', created)];
  let lastEvent = created;
  comments.forEach((c, i) => {
    const at = t.createdAt + c.minutesAfter * MINUTE;
    const payload = {
      timestamp: at,
      issue: { ...issue, fields: fields(t, comments.slice(0, i + 1)) },
      comment: {
        author: { accountType: c.customer ? 'customer' : 'atlassian' },
        jsdPublic: c.public,
        created: iso(at),
      },
    };
    lastEvent = readIssueEvent(payload, now)!;
    stored.push(...slaFactsOf('commented', lastEvent));
  });
  stored.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  // Tracking: the plan of the last event over the stored history.
  const tracked = planAssignment({
    world,
    snapshot: lastEvent.snapshot,
    history: withCreation([...stored], lastEvent.snapshot),
    loads: {},
    now,
  }).temperature.score;
  // The sweep and the glance: the issue as Jira's REST API returns it, with the store's history.
  const read = issueFromJira(issue, now)!;
  const swept = sweepReading(world, read, stored, now).score;
  const glance = glanceOf(world, read, stored, now).score;
  return { tracked, swept, glance };
}

describe('one evaluation of a ticket', () => {
  it('gives the glance, the tracked copy after an event and the sweep the same temperature', () => {
    fc.assert(
      fc.property(ticket, (t) => {
        const { tracked, swept, glance } = readings(t);
        expect(swept).toBe(glance);
        expect(tracked).toBe(glance);
      }),
      { numRuns: 300 },
    );
  });

  it('counts agent replies and special periods for a customer whose contract has no SLA policy', () => {
    // Created on the last business day of November 2026 (a month-end close on the customer's own
    // calendar), answered publicly two hours later.
    const t: Ticket = {
      organization: '4',
      priority: 'medium',
      createdAt: Date.parse('2026-11-30T07:00:00Z'),
      status: 'In Progress',
      type: 'Incident',
      comments: [{ minutesAfter: 120, customer: false, public: true }],
      laterMinutes: 60,
    };
    const { tracked, swept, glance } = readings(t);
    expect(tracked).toBe(glance);
    expect(swept).toBe(glance);
    const read = issueFromJira({ id: '1', key: 'SUP-1', fields: fields(t, t.comments) }, new Date())!;
    const factors = glanceOf(world, read, undefined, new Date(t.createdAt + 180 * MINUTE)).factors;
    expect(factors.find((f) => f.factor === 'silence')?.reason.en).toBe(
      'The customer has not heard from us for 1 hour',
    );
    expect(factors.find((f) => f.factor === 'specialPeriod')?.points).toBeGreaterThan(0);
  });
});
