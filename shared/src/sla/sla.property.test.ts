import fc from 'fast-check';
import { addBusinessMinutes, businessMinutesBetween } from '../calendar/index.js';
import { PRIORITIES } from '../schemas/calendar.js';
import type { SlaEvent } from '../schemas/sla.js';
import type { SlaReport } from './index.js';
import { computeSlaClocks } from './index.js';
import {
  BANK_24X7,
  LOGISTICS,
  OFFICE_HOURS,
  STANDARD_POLICY,
  calendarOf,
  policyOf,
} from './test/fixtures.js';

const MINUTE = 60_000;
const policy = policyOf(STANDARD_POLICY);
const calendars = {
  office: calendarOf(OFFICE_HOURS),
  logistics: calendarOf(LOGISTICS),
  bank: calendarOf(BANK_24X7),
};
const STATUSES = ['Open', 'In Progress', 'Waiting for customer', 'Escalated'];
// Late January 2027: weekdays, a weekend and the logistics month-end close.
const ORIGIN = Date.parse('2027-01-25T06:00:00Z');

type Draft =
  | { type: 'comment'; author: 'agent' | 'customer'; public: boolean }
  | { type: 'status'; to: string }
  | { type: 'priority'; to: (typeof PRIORITIES)[number] }
  | { type: 'resolved' }
  | { type: 'reopened' };

const draftArb: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({
    type: fc.constant('comment' as const),
    author: fc.constantFrom('agent' as const, 'customer' as const),
    public: fc.boolean(),
  }),
  fc.record({ type: fc.constant('status' as const), to: fc.constantFrom(...STATUSES) }),
  fc.record({ type: fc.constant('priority' as const), to: fc.constantFrom(...PRIORITIES) }),
  fc.constant({ type: 'resolved' as const }),
  fc.constant({ type: 'reopened' as const }),
);

const at = (minute: number) => new Date(ORIGIN + minute * MINUTE).toISOString();

/** A creation plus up to 10 later events at distinct minutes within 6 days. */
const historyArb = fc
  .record({
    priority: fc.constantFrom(...PRIORITIES),
    status: fc.constantFrom(...STATUSES),
    createdAt: fc.integer({ min: 0, max: 1440 }),
    drafts: fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 6 * 1440 }), draftArb), {
      maxLength: 10,
      selector: ([m]) => m,
    }),
  })
  .map(({ priority, status, createdAt, drafts }) => {
    const events: SlaEvent[] = [{ type: 'created', at: at(createdAt), priority, status }];
    for (const [offset, draft] of [...drafts].sort((a, b) => a[0] - b[0])) {
      const when = at(createdAt + offset);
      if (draft.type === 'status') events.push({ type: 'status', at: when, from: '', to: draft.to });
      else events.push({ ...draft, at: when });
    }
    return { events, createdAt };
  });

const calendarArb = fc.constantFrom(...(Object.keys(calendars) as Array<keyof typeof calendars>));
const nowArb = fc.integer({ min: 0, max: 8 * 1440 });

function replay(calendar: keyof typeof calendars, events: SlaEvent[], nowMinute: number): SlaReport {
  const result = computeSlaClocks(policy, calendars[calendar], events, new Date(ORIGIN + nowMinute * MINUTE));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The status the history leaves the issue in at `minute`. */
function statusAt(events: SlaEvent[], minute: number): string {
  let status = '';
  for (const event of events) {
    if (Date.parse(event.at) > ORIGIN + minute * MINUTE) break;
    if (event.type === 'created') status = event.status ?? '';
    if (event.type === 'status') status = event.to;
  }
  return status;
}

describe('SLA clock properties on random histories', () => {
  it('a running clock not yet breached is due exactly its remaining business minutes from now (no period ahead)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('office' as const, 'bank' as const),
        historyArb,
        nowArb,
        (calendar, { events }, now) => {
          const r = replay(calendar, events, now);
          for (const clock of r.clocks) {
            if (clock.state !== 'running' || clock.breached) continue;
            expect(clock.elapsedMinutes + clock.remainingMinutes).toBe(clock.targetMinutes);
            expect(businessMinutesBetween(calendars[calendar], new Date(r.now), new Date(clock.dueAt!))).toBe(
              clock.remainingMinutes,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a projected due time is when the clock really runs out, period priority raises included', () => {
    fc.assert(
      fc.property(calendarArb, historyArb, nowArb, (calendar, { events }, now) => {
        // Nothing else happens after `now`, so replaying later must follow the projection.
        const known = events.filter((e) => Date.parse(e.at) <= ORIGIN + now * MINUTE);
        fc.pre(known.length > 0 && known[0]!.type === 'created');
        const r = replay(calendar, known, now);
        for (const clock of r.clocks) {
          if (clock.state !== 'running' || clock.breached) continue;
          const due = new Date(clock.dueAt!);
          const atDue = computeSlaClocks(policy, calendars[calendar], known, due);
          const justAfter = computeSlaClocks(
            policy,
            calendars[calendar],
            known,
            addBusinessMinutes(calendars[calendar], due, 1),
          );
          if (!atDue.ok || !justAfter.ok) throw new Error('replay failed');
          const then = atDue.value.clocks.find((c) => c.target === clock.target)!;
          const later = justAfter.value.clocks.find((c) => c.target === clock.target)!;
          if (then.breached) expect(then.breachedAt).toBe(clock.dueAt);
          else expect(then.remainingMinutes).toBe(0);
          expect(later.breached).toBe(true);
          expect(later.breachedAt).toBe(clock.dueAt);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a pause never makes any clock use more time or breach when it did not', () => {
    fc.assert(
      fc.property(
        calendarArb,
        historyArb,
        nowArb,
        fc.integer({ min: 0, max: 6 * 1440 }),
        fc.integer({ min: 1, max: 3 * 1440 }),
        (calendar, { events, createdAt }, now, pauseOffset, pauseLength) => {
          const pauseFrom = createdAt + pauseOffset;
          const pauseTo = pauseFrom + pauseLength;
          // Keep timestamps distinct so the order of the original events is unambiguous.
          const taken = new Set(events.map((e) => e.at));
          fc.pre(!taken.has(at(pauseFrom)) && !taken.has(at(pauseTo)));
          const paused: SlaEvent[] = [
            ...events,
            { type: 'status', at: at(pauseFrom), from: '', to: 'Waiting for customer' },
            // Resume into whatever status the original history has by then.
            {
              type: 'status',
              at: at(pauseTo),
              from: 'Waiting for customer',
              to: statusAt(events, pauseTo) || 'Open',
            },
          ];
          const before = replay(calendar, events, now);
          const after = replay(calendar, paused, now);
          after.clocks.forEach((clock, i) => {
            const original = before.clocks[i]!;
            expect(clock.elapsedMinutes).toBeLessThanOrEqual(original.elapsedMinutes);
            if (clock.breached) expect(original.breached).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the order events are given in does not matter', () => {
    fc.assert(
      fc.property(
        calendarArb,
        historyArb,
        nowArb,
        fc.infiniteStream(fc.nat()),
        (calendar, { events }, now, keys) => {
          const shuffled = events
            .map((event) => ({ event, key: keys.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ event }) => event);
          expect(replay(calendar, shuffled, now)).toEqual(replay(calendar, events, now));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('resolution time only grows as time passes and never exceeds the business time since creation', () => {
    fc.assert(
      fc.property(calendarArb, historyArb, nowArb, nowArb, (calendar, { events }, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = replay(calendar, events, early).clocks.find((c) => c.target === 'resolution')!;
        const second = replay(calendar, events, late).clocks.find((c) => c.target === 'resolution')!;
        expect(first.elapsedMinutes).toBeLessThanOrEqual(second.elapsedMinutes);
        const sinceCreation = businessMinutesBetween(
          calendars[calendar],
          new Date(events[0]!.at),
          new Date(ORIGIN + late * MINUTE),
        );
        expect(second.elapsedMinutes).toBeLessThanOrEqual(Math.max(0, sinceCreation));
        if (second.breached)
          expect(Date.parse(second.breachedAt!)).toBeLessThanOrEqual(ORIGIN + Math.max(late, 0) * MINUTE);
      }),
      { numRuns: 200 },
    );
  });

  it('segments tile the time from creation to now without gaps and add up to the elapsed time of the last cycle', () => {
    fc.assert(
      fc.property(calendarArb, historyArb, nowArb, (calendar, { events }, now) => {
        const r = replay(calendar, events, now);
        for (const clock of r.clocks) {
          if (clock.segments.length === 0) continue;
          expect(clock.segments[0]!.from).toBe(new Date(events[0]!.at).toISOString());
          expect(clock.segments.at(-1)!.to).toBe(r.now);
          clock.segments.slice(1).forEach((s, i) => expect(s.from).toBe(clock.segments[i]!.to));
          const lastCycle = clock.segments.filter((s) => s.cycle === clock.cycle);
          expect(lastCycle.reduce((sum, s) => sum + s.businessMinutes, 0)).toBeCloseTo(
            clock.elapsedMinutes,
            9,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
