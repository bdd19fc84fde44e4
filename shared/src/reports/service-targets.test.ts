// The service report measures a ticket's start of work and a parts order's delivery against the
// ticket's contract's own targets, and against the desk's defaults where the contract names none.
import { compileCalendar } from '../calendar/index.js';
import { BusinessCalendarSchema } from '../schemas/calendar.js';
import type { ServiceTargets } from '../schemas/contract.js';
import {
  DEFAULT_PARTS_DELIVERY_DAYS,
  DEFAULT_WORK_START_TARGETS,
  effectiveServiceTargets,
  ticketLifecycle,
  workStartTarget,
} from './lifecycle.js';
import type { TicketLifecycleInput } from './lifecycle.js';
import { partsDelivery } from './parts.js';

const moscow = compileCalendar(
  BusinessCalendarSchema.parse({
    timeZone: 'Europe/Moscow',
    week: {
      mon: [['09:00', '18:00']],
      tue: [['09:00', '18:00']],
      wed: [['09:00', '18:00']],
      thu: [['09:00', '18:00']],
      fri: [['09:00', '18:00']],
    },
  }),
);

/** The bank's terms: work on a high ticket starts within 3 business hours, parts arrive in 5 business days. */
const BANK: ServiceTargets = {
  workStartBusinessHours: { high: 3, highest: 0.5 },
  partsDeliveryBusinessDays: 5,
};

function ticket(targets: ServiceTargets | undefined, priority: TicketLifecycleInput['priority'] = 'high') {
  // Assigned Monday 10:00 Moscow, work started 12:30 the same day: 150 business minutes.
  const createdAt = new Date('2026-11-30T06:30:00Z');
  return ticketLifecycle({
    issueKey: 'SUP-7',
    project: 'SUP',
    team: 'SUP',
    customerId: 'severny-bank',
    customerName: 'Severny Bank',
    contractId: 'NW-2026-031',
    engineerId: 'alexei',
    priority,
    requestType: 'Hardware failure',
    createdAt,
    history: [{ type: 'created', at: createdAt.toISOString(), priority }],
    resolved: false,
    firstAssignedAt: new Date('2026-11-30T07:00:00Z'),
    workStartedAt: new Date('2026-11-30T09:30:00Z'),
    clocks: [],
    calendar: moscow,
    targets,
  });
}

describe('work-start target', () => {
  it('is the contract’s business hours for the ticket’s priority, in minutes', () => {
    const l = ticket(BANK);
    expect(l.workStartMinutes).toBe(150);
    expect(l.workStartTargetMinutes).toBe(180);
    expect(l.workStartTargetSource).toBe('contract');
    // The same start misses the desk's default of 120 minutes for a high ticket.
    expect(DEFAULT_WORK_START_TARGETS.high).toBeLessThan(150);
  });

  it('is the default where the contract is silent on the priority, or there are no terms', () => {
    expect(ticket(BANK, 'medium')).toMatchObject({
      workStartTargetMinutes: DEFAULT_WORK_START_TARGETS.medium,
      workStartTargetSource: 'default',
    });
    expect(ticket(undefined)).toMatchObject({
      workStartTargetMinutes: DEFAULT_WORK_START_TARGETS.high,
      workStartTargetSource: 'default',
    });
    expect(ticket({ partsDeliveryBusinessDays: 3 }).workStartTargetSource).toBe('default');
  });

  it('rounds fractions of an hour to whole minutes, never below one', () => {
    expect(workStartTarget('highest', BANK)).toEqual({ minutes: 30, source: 'contract' });
    expect(workStartTarget('low', { workStartBusinessHours: { low: 1.2345 } }).minutes).toBe(74);
    expect(workStartTarget('low', { workStartBusinessHours: { low: 0.001 } }).minutes).toBe(1);
  });
});

describe('parts delivery target', () => {
  // Ordered Friday 2026-11-27 13:00 Moscow; delivered Thursday 2026-12-03 11:00 Moscow.
  const orderedAt = new Date('2026-11-27T10:00:00Z');
  const deliveredAt = new Date('2026-12-03T08:00:00Z');

  it('is the contract’s business days in its calendar: on time against five days', () => {
    // Mon–Fri are the five business days after the order's Friday: due Friday 18:00 Moscow.
    expect(partsDelivery(moscow, orderedAt, deliveredAt, BANK)).toEqual({
      dueAt: new Date('2026-12-04T15:00:00Z'),
      businessDays: 5,
      source: 'contract',
      onTime: true,
    });
  });

  it('is the default two business days without a contract term: the same delivery is late', () => {
    expect(partsDelivery(moscow, orderedAt, deliveredAt, { workStartBusinessHours: { high: 3 } })).toEqual({
      dueAt: new Date('2026-12-01T15:00:00Z'),
      businessDays: DEFAULT_PARTS_DELIVERY_DAYS,
      source: 'default',
      onTime: false,
    });
  });

  it('is undecided while the part has not arrived, and counts whole days without a calendar', () => {
    expect(partsDelivery(undefined, orderedAt, null, { partsDeliveryBusinessDays: 1 })).toEqual({
      dueAt: new Date('2026-11-28T10:00:00Z'),
      businessDays: 1,
      source: 'contract',
      onTime: null,
    });
  });

  it('reaches the longest target a contract may hold, a working year, within the calendar', () => {
    const due = partsDelivery(moscow, orderedAt, null, { partsDeliveryBusinessDays: 250 }).dueAt;
    // 250 weekdays after Friday 2026-11-27 (this calendar has no holidays) is Friday 2027-11-12.
    expect(due.toISOString()).toBe('2027-11-12T15:00:00.000Z');
  });
});

describe('a contract’s targets as a whole', () => {
  it('lists every priority and the parts delivery, the defaults filling what the contract leaves out', () => {
    expect(effectiveServiceTargets({ workStartBusinessHours: { high: 3 } })).toEqual({
      workStart: {
        highest: { minutes: DEFAULT_WORK_START_TARGETS.highest, source: 'default' },
        high: { minutes: 180, source: 'contract' },
        medium: { minutes: DEFAULT_WORK_START_TARGETS.medium, source: 'default' },
        low: { minutes: DEFAULT_WORK_START_TARGETS.low, source: 'default' },
        lowest: { minutes: DEFAULT_WORK_START_TARGETS.lowest, source: 'default' },
      },
      partsDelivery: { businessDays: DEFAULT_PARTS_DELIVERY_DAYS, source: 'default' },
    });
  });
});
