import type { SlaEvent } from '../schemas/sla.js';
import { SlaHistorySchema, SlaPolicySchema } from '../schemas/sla.js';
import { parseWith } from '../schemas/errors.js';
import type { SlaReport } from './index.js';
import { computeSlaClocks, mostUrgentClock } from './index.js';
import {
  BANK_24X7,
  LOGISTICS,
  OFFICE_HOURS,
  STANDARD_POLICY,
  calendarOf,
  msk,
  mskIso,
  policyOf,
} from './test/fixtures.js';

const policy = policyOf(STANDARD_POLICY);
const office = calendarOf(OFFICE_HOURS);
const logistics = calendarOf(LOGISTICS);
const bank = calendarOf(BANK_24X7);

function report(calendar: typeof office, history: SlaEvent[], now: string): SlaReport {
  const result = computeSlaClocks(policy, calendar, history, msk(now));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
const clock = (r: SlaReport, target: string) => {
  const found = r.clocks.find((c) => c.target === target);
  if (!found) throw new Error(`no ${target} clock`);
  return found;
};

describe('month-end close at the logistics company', () => {
  // A medium request on Wednesday 27 January 2027, 16:00. Thursday 28 and Friday 29 are the last
  // two business days of January: the close, worked 09:00–24:00 at highest priority.
  const history: SlaEvent[] = [{ type: 'created', at: mskIso('2027-01-27T16:00'), priority: 'medium' }];

  it('warns on Wednesday that the request will be due at 11:00 on closing day, not 15:00', () => {
    const r = report(logistics, history, '2027-01-27T17:00');
    const resolution = clock(r, 'resolution');
    expect(r.effectivePriority).toBe('medium');
    expect(resolution.elapsedMinutes).toBe(60);
    expect(resolution.remainingMinutes).toBe(420);
    // 2 h used by Wednesday 18:00; on Thursday the target drops to 240 → 2 h left from 09:00.
    expect(resolution.dueAt).toBe(mskIso('2027-01-28T11:00'));
    // The office calendar, without the close, keeps medium: 6 h left on Thursday → 15:00.
    expect(clock(report(office, history, '2027-01-27T17:00'), 'resolution').dueAt).toBe(
      mskIso('2027-01-28T15:00'),
    );
  });

  it('counts the request at highest priority during the close and says why', () => {
    const r = report(logistics, history, '2027-01-28T12:00');
    const resolution = clock(r, 'resolution');
    expect(r.issuePriority).toBe('medium');
    expect(r.effectivePriority).toBe('highest');
    expect(r.raisedBy).toBe('month-end close');
    expect(r.activePeriods.map((p) => p.temperatureBoost)).toEqual([30]);
    expect(resolution.breached).toBe(true);
    expect(resolution.breachedAt).toBe(mskIso('2027-01-28T11:00'));
    expect(resolution.remainingMinutes).toBe(-60);
    expect(resolution.segments.map((s) => [s.state, s.priority, s.raisedBy])).toEqual([
      ['running', 'medium', null],
      ['running', 'highest', 'month-end close'],
    ]);
    expect(resolution.segments[1]!.from).toBe(mskIso('2027-01-28T00:00'));
  });

  it('answers a medium request raised by the close within 30 minutes, late in the evening', () => {
    const late: SlaEvent[] = [{ type: 'created', at: mskIso('2027-01-29T21:00'), priority: 'medium' }];
    const r = report(logistics, late, '2027-01-29T21:10');
    expect(clock(r, 'firstResponse').dueAt).toBe(mskIso('2027-01-29T21:30'));
  });
});

describe("the frozen-food manufacturer's database dies on a Friday", () => {
  const outage: SlaEvent[] = [
    { type: 'created', at: mskIso('2027-02-12T17:00'), priority: 'highest', status: 'Open' },
    { type: 'comment', at: mskIso('2027-02-12T17:10'), author: 'agent', public: true },
  ];

  it('is answered in time, and resolution is due Monday 12:00 on office hours', () => {
    const r = report(office, outage, '2027-02-12T17:20');
    expect(clock(r, 'firstResponse')).toMatchObject({ state: 'stopped', met: true, elapsedMinutes: 10 });
    // 1 h on Friday, 3 h on Monday.
    expect(clock(r, 'resolution').dueAt).toBe(mskIso('2027-02-15T12:00'));
    expect(clock(r, 'update')).toMatchObject({ state: 'running', elapsedMinutes: 10, cycle: 1 });
    expect(clock(r, 'update').dueAt).toBe(mskIso('2027-02-15T09:10'));
    expect(r.lastPublicUpdateAt).toBe(mskIso('2027-02-12T17:10'));
  });

  it('would be due the same evening for the bank, which is covered 24×7', () => {
    const r = report(bank, outage, '2027-02-12T17:20');
    expect(clock(r, 'resolution').dueAt).toBe(mskIso('2027-02-12T21:00'));
  });

  it('breaches the update target when nobody writes for an hour of business time', () => {
    const r = report(office, outage, '2027-02-15T10:00');
    const update = clock(r, 'update');
    expect(update.breached).toBe(true);
    expect(update.breachedAt).toBe(mskIso('2027-02-15T09:10'));
    expect(update.elapsedMinutes).toBe(50 + 60);
  });
});

describe('pause, resume, resolve and reopen', () => {
  const base: SlaEvent[] = [
    { type: 'created', at: mskIso('2027-02-15T10:00'), priority: 'medium', status: 'Open' },
    { type: 'status', at: mskIso('2027-02-15T11:00'), from: 'Open', to: 'Waiting for customer' },
    { type: 'comment', at: mskIso('2027-02-16T09:30'), author: 'customer', public: true },
    { type: 'status', at: mskIso('2027-02-16T10:00'), from: 'Waiting for customer', to: 'In Progress' },
  ];

  it('stops counting while waiting for the customer', () => {
    const r = report(office, base, '2027-02-16T12:00');
    const resolution = clock(r, 'resolution');
    expect(resolution.elapsedMinutes).toBe(60 + 120);
    expect(resolution.dueAt).toBe(mskIso('2027-02-16T17:00'));
    expect(resolution.segments.map((s) => s.state)).toEqual(['running', 'paused', 'running']);
    expect(resolution.segments[1]!.reason).toBe('paused while the status is "Waiting for customer"');
  });

  it('reports a paused clock without a due time', () => {
    const r = report(office, base, '2027-02-15T15:00');
    expect(clock(r, 'resolution')).toMatchObject({
      state: 'paused',
      paused: true,
      dueAt: null,
      elapsedMinutes: 60,
    });
  });

  it('resumes resolution with its used time after a reopen and starts a new update cycle', () => {
    const history: SlaEvent[] = [
      ...base,
      { type: 'comment', at: mskIso('2027-02-16T10:30'), author: 'agent', public: true },
      { type: 'resolved', at: mskIso('2027-02-16T11:00') },
      { type: 'reopened', at: mskIso('2027-02-16T15:00'), status: 'In Progress' },
    ];
    const resolved = report(office, history, '2027-02-16T14:00');
    expect(clock(resolved, 'resolution')).toMatchObject({ state: 'stopped', met: true, elapsedMinutes: 120 });
    expect(resolved.resolved).toBe(true);

    const reopened = report(office, history, '2027-02-16T16:00');
    expect(clock(reopened, 'resolution')).toMatchObject({ state: 'running', met: null, elapsedMinutes: 180 });
    expect(clock(reopened, 'firstResponse')).toMatchObject({ state: 'stopped', met: true });
    expect(clock(reopened, 'update')).toMatchObject({ state: 'running', cycle: 2, elapsedMinutes: 60 });
  });

  it('replays events given out of order exactly like sorted ones', () => {
    const shuffled = [base[3]!, base[1]!, base[0]!, base[2]!];
    expect(report(office, shuffled, '2027-02-16T12:00')).toEqual(report(office, base, '2027-02-16T12:00'));
  });

  it('treats a raised priority from the moment it is raised', () => {
    const raised: SlaEvent[] = [
      { type: 'created', at: mskIso('2027-02-15T10:00'), priority: 'low' },
      { type: 'priority', at: mskIso('2027-02-15T13:00'), from: 'low', to: 'high' },
    ];
    const r = report(office, raised, '2027-02-15T14:00');
    expect(clock(r, 'firstResponse')).toMatchObject({
      priority: 'high',
      targetMinutes: 60,
      elapsedMinutes: 240,
      breached: true,
    });
    expect(clock(r, 'firstResponse').breachedAt).toBe(mskIso('2027-02-15T13:00'));
  });
});

describe('policy rules', () => {
  it('applies request-type overrides', () => {
    const history: SlaEvent[] = [
      {
        type: 'created',
        at: mskIso('2027-02-15T10:00'),
        priority: 'high',
        requestType: 'Preventive maintenance',
      },
    ];
    expect(clock(report(office, history, '2027-02-15T11:00'), 'resolution').targetMinutes).toBe(2880);
    expect(clock(report(office, history, '2027-02-15T11:00'), 'firstResponse').targetMinutes).toBe(60);
  });

  it('fails with a typed error when the history has no creation', () => {
    const result = computeSlaClocks(
      policy,
      office,
      [{ type: 'resolved', at: mskIso('2027-02-15T10:00') }],
      msk('2027-02-15T11:00'),
    );
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'no-created-event' }) });
  });

  it('picks the open clock with the largest share used as the most urgent', () => {
    const r = report(
      office,
      [{ type: 'created', at: mskIso('2027-02-15T10:00'), priority: 'medium' }],
      '2027-02-15T12:00',
    );
    // firstResponse: 120 of 240; resolution: 120 of 480; update has not started.
    expect(mostUrgentClock(r)).toMatchObject({ target: 'firstResponse', fractionUsed: 0.5 });
  });

  it('validates policies and histories field by field', () => {
    const bad = parseWith(SlaPolicySchema, {
      ...STANDARD_POLICY,
      calendarId: '',
      targets: { resolution: { highest: 0, high: 1, medium: 1, low: 1 } },
    });
    expect(bad.ok ? [] : bad.error.map((i) => i.path)).toEqual([
      'calendarId',
      'targets.resolution.highest',
      'targets.resolution.lowest',
    ]);
    const history = parseWith(SlaHistorySchema, [
      { type: 'comment', at: 'yesterday', author: 'bot', public: true },
    ]);
    expect(history.ok ? [] : history.error.map((i) => i.path)).toEqual(['0.at', '0.author']);
  });
});
