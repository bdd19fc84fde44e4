// Digest and reminder content for fixed instants: the Moscow desk around the 4 November holiday
// and the 7 November working Saturday, and a Berlin service manager across the end of summer time.
import fc from 'fast-check';
import {
  AssignmentPolicySchema,
  DEFAULT_TEMPERATURE_POLICY,
  compileCalendars,
  demoMoscowCalendar,
  BusinessCalendarSchema,
} from '@frontline/shared';
import type { AssignmentPolicy, CalendarLike } from '@frontline/shared';
import { buildDigest, digestDue, markOf } from './digest.js';
import type { ScheduledTicket } from './digest.js';
import { DEFAULT_SCHEDULE_OPTIONS } from './options.js';
import { dueReminders } from './reminders.js';
import { renderDigest, renderReminder } from './wording.js';

const SERGEY = 'sm-sergey';
const ANNA = 'sm-anna-berlin';
const bands = DEFAULT_TEMPERATURE_POLICY.bands;
const options = DEFAULT_SCHEDULE_OPTIONS;

const berlinCalendar = BusinessCalendarSchema.parse({
  timeZone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '18:00']],
    sat: [],
    sun: [],
  },
});
const calendars: Record<string, CalendarLike> = compileCalendars({
  'moscow-5x2': BusinessCalendarSchema.parse(demoMoscowCalendar),
  'berlin-5x2': berlinCalendar,
});
const policies: AssignmentPolicy[] = [
  AssignmentPolicySchema.parse({
    project: 'SUP',
    mode: 'suggest',
    deskCalendar: 'moscow-5x2',
    unassignedThresholdHours: 8,
  }),
  AssignmentPolicySchema.parse({
    project: 'EU',
    mode: 'suggest',
    deskCalendar: 'berlin-5x2',
    unassignedThresholdHours: 1,
  }),
];

const msk = (local: string) => new Date(`${local}+03:00`);

function ticket(over: Partial<ScheduledTicket> & Pick<ScheduledTicket, 'key'>): ScheduledTicket {
  return {
    summary: `Summary of ${over.key}`,
    project: 'SUP',
    priority: 'medium',
    status: 'Open',
    statusSince: msk('2026-11-02T09:00:00'),
    assigneeId: null,
    requestType: 'Incident',
    labels: [],
    customerId: 'translogistic',
    customerName: 'TransLogistic',
    serviceManagerId: SERGEY,
    routedTeam: null,
    temperature: 30,
    createdAt: msk('2026-11-02T09:00:00'),
    unassignedSince: msk('2026-11-02T09:00:00'),
    lastPublicUpdateAt: msk('2026-11-02T09:00:00'),
    ...over,
  };
}

const digestAt = (now: Date, tickets: ScheduledTicket[], managerId = SERGEY, zone = 'Europe/Moscow') =>
  buildDigest({ managerId, managerTimeZone: zone, tickets, now, policies, calendars, options, bands });

describe('morning digest', () => {
  it('does not count the 4 November holiday towards the unassigned threshold', () => {
    // Tue 17:00 → Thu 09:30: 60 + 0 (holiday) + 30 business minutes, under 8 h.
    const since = msk('2026-11-03T17:00:00');
    const waiting = ticket({ key: 'SUP-1', unassignedSince: since, createdAt: since });
    expect(digestAt(msk('2026-11-05T09:30:00'), [waiting])).toBeNull();
    // Fri 09:30: Tue 1 h + Thu 9 h + Fri 0.5 h.
    const friday = digestAt(msk('2026-11-06T09:30:00'), [waiting]);
    expect(friday?.groups[0]?.entries[0]).toMatchObject({ key: 'SUP-1', unassignedBusinessHours: 10 });
    expect(friday?.localDate).toBe('2026-11-06');
  });

  it('counts the working Saturday of 7 November as business time', () => {
    const since = msk('2026-11-06T17:00:00');
    const waiting = ticket({ key: 'SUP-2', unassignedSince: since, createdAt: since });
    // Fri 1 h + Sat 9 h + Mon 0.5 h.
    const monday = digestAt(msk('2026-11-09T09:30:00'), [waiting]);
    expect(monday?.groups[0]?.entries[0]?.unassignedBusinessHours).toBe(10);
    // A normal weekend a week later adds nothing: Fri 1 h + Mon 0.5 h stays under 8 h.
    const later = ticket({
      key: 'SUP-3',
      unassignedSince: msk('2026-11-13T17:00:00'),
      createdAt: msk('2026-11-13T17:00:00'),
    });
    expect(digestAt(msk('2026-11-16T09:30:00'), [later])).toBeNull();
  });

  it('groups by customer, marks real emergencies apart from scheduled maintenance, hottest first', () => {
    const now = msk('2026-11-10T09:05:00');
    const digest = digestAt(now, [
      ticket({ key: 'SUP-10', temperature: 40 }),
      ticket({ key: 'SUP-11', temperature: 85, priority: 'high' }),
      ticket({ key: 'SUP-12', priority: 'highest', labels: ['Maintenance'], temperature: 60 }),
      ticket({
        key: 'SUP-13',
        customerId: 'severny-bank',
        customerName: 'Severny Bank',
        priority: 'highest',
        temperature: 70,
      }),
      ticket({ key: 'SUP-14', assigneeId: 'someone' }),
      ticket({ key: 'SUP-15', serviceManagerId: 'another-manager' }),
    ])!;
    expect(digest.total).toBe(4);
    expect(digest.critical).toBe(2);
    expect(digest.groups.map((g) => g.customerName)).toEqual(['TransLogistic', 'Severny Bank']);
    expect(digest.groups[0]!.entries.map((e) => [e.key, e.mark])).toEqual([
      ['SUP-11', 'critical'],
      ['SUP-12', 'maintenance'],
      ['SUP-10', 'normal'],
    ]);
    const en = renderDigest(digest, 'en');
    expect(en.subject).toBe('Morning digest: 4 tickets without an engineer (2 critical)');
    expect(en.text.split('\n')[1]).toMatch(/^🔴 SUP-11 · 85° · \d+ business hours? — Summary of SUP-11$/);
    const ru = renderDigest(digest, 'ru');
    expect(ru.subject).toBe('Утренняя сводка: 4 заявки без инженера (критичных: 2)');
    expect(ru.text.split('\n')[1]).toMatch(/^🔴 SUP-11 · 85° · \d+ рабоч(ий час|их часа|их часов) — /);
    expect(ru.text).toContain('🛠 SUP-12');
  });

  it('is due at 09:00 in the manager’s own zone on both sides of the end of summer time', () => {
    // Berlin: CEST (UTC+2) until 25 October 2026, CET (UTC+1) after.
    expect(digestDue('Europe/Berlin', '09:00', new Date('2026-10-24T07:00:00Z'), 180)).toMatchObject({
      due: true,
      localDate: '2026-10-24',
    });
    expect(digestDue('Europe/Berlin', '09:00', new Date('2026-10-26T07:30:00Z'), 180).due).toBe(false);
    expect(digestDue('Europe/Berlin', '09:00', new Date('2026-10-26T08:00:00Z'), 180)).toMatchObject({
      due: true,
      at: new Date('2026-10-26T08:00:00Z'),
    });
    expect(digestDue('Europe/Berlin', '09:00', new Date('2026-10-26T11:00:00Z'), 180).due).toBe(false);
  });

  it('counts Berlin business hours across the clock change', () => {
    // Fri 23 Oct 17:00 CEST → Mon 26 Oct 10:00 CET: 1 h + 1 h, though 66 wall-clock hours passed.
    const since = new Date('2026-10-23T15:00:00Z');
    const eu = ticket({
      key: 'EU-1',
      project: 'EU',
      serviceManagerId: ANNA,
      unassignedSince: since,
      createdAt: since,
    });
    const digest = buildDigest({
      managerId: ANNA,
      managerTimeZone: 'Europe/Berlin',
      tickets: [eu],
      now: new Date('2026-10-26T09:00:00Z'),
      policies,
      calendars,
      options,
      bands,
    });
    expect(digest?.groups[0]?.entries[0]?.unassignedBusinessHours).toBe(2);
    expect(digest?.localDate).toBe('2026-10-26');
  });

  it('property: only the manager’s unassigned tickets, each once, hottest first; nothing listed means no digest', () => {
    const now = msk('2026-11-12T12:00:00');
    const arb = fc.array(
      fc.record({
        hoursAgo: fc.integer({ min: 0, max: 24 * 14 }),
        assigned: fc.boolean(),
        mine: fc.boolean(),
        temperature: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const tickets = specs.map((s, i) => {
          const since = new Date(now.getTime() - s.hoursAgo * 3_600_000);
          return ticket({
            key: `SUP-${i + 1}`,
            unassignedSince: since,
            createdAt: since,
            assigneeId: s.assigned ? 'x' : null,
            serviceManagerId: s.mine ? SERGEY : 'other',
            temperature: s.temperature,
          });
        });
        const digest = digestAt(now, tickets);
        const listed = digest?.groups.flatMap((g) => g.entries) ?? [];
        expect(new Set(listed.map((e) => e.key)).size).toBe(listed.length);
        for (const t of tickets) {
          const inDigest = listed.some((e) => e.key === t.key);
          if (t.assigneeId !== null || t.serviceManagerId !== SERGEY) expect(inDigest).toBe(false);
        }
        // Hottest first inside each group.
        for (const g of digest?.groups ?? [])
          for (let i = 1; i < g.entries.length; i += 1)
            expect(g.entries[i - 1]!.temperature).toBeGreaterThanOrEqual(g.entries[i]!.temperature);
        // An empty digest is no digest.
        if (listed.length === 0) expect(digest).toBeNull();
      }),
    );
  });
});

describe('reminders', () => {
  const replied = (since: Date, over: Partial<ScheduledTicket> = {}) =>
    ticket({
      key: 'SUP-20',
      status: 'Waiting for support',
      statusSince: since,
      assigneeId: 'eng-olga',
      unassignedSince: null,
      ...over,
    });
  const at = (now: Date, tickets: ScheduledTicket[]) =>
    dueReminders({ tickets, now, policies, calendars, options, bands });

  it('reminds the assignee after 2 business hours of "customer replied", then the service manager after 4', () => {
    const since = msk('2026-11-05T16:00:00');
    expect(at(msk('2026-11-05T17:30:00'), [replied(since)])).toEqual([]);
    const friday10 = at(msk('2026-11-06T10:00:00'), [replied(since)]);
    expect(friday10.map((r) => [r.kind, r.to])).toEqual([
      ['customerReplied', { kind: 'assignee', accountId: 'eng-olga' }],
    ]);
    expect(friday10[0]!.businessHours).toBe(3);
    const friday12 = at(msk('2026-11-06T12:00:00'), [replied(since)]);
    expect(friday12.map((r) => r.kind)).toEqual(['customerReplied', 'customerRepliedEscalated']);
    // The same situation gives the same keys on every tick, so the outbox sends each once.
    expect(at(msk('2026-11-06T12:05:00'), [replied(since)]).map((r) => r.idempotencyKey)).toEqual(
      friday12.map((r) => r.idempotencyKey),
    );
  });

  it('does not count the holiday, and stays quiet outside business hours but not on the working Saturday', () => {
    const since = msk('2026-11-03T17:00:00');
    // Tue 1 h + Wed holiday + Thu 1 h = 2 h: the assignee only (without the holiday it would be 11 h).
    expect(at(msk('2026-11-05T10:00:00'), [replied(since)]).map((r) => r.kind)).toEqual(['customerReplied']);
    expect(at(msk('2026-11-04T12:00:00'), [replied(since)])).toEqual([]);
    expect(at(msk('2026-11-14T12:00:00'), [replied(msk('2026-11-13T09:00:00'))])).toEqual([]);
    expect(at(msk('2026-11-07T12:00:00'), [replied(msk('2026-11-06T09:00:00'))]).length).toBe(2);
  });

  it('asks the assignee of a critical ticket for a customer update after 2 silent business hours, not for maintenance', () => {
    const critical = ticket({
      key: 'SUP-30',
      priority: 'highest',
      assigneeId: 'eng-irina',
      lastPublicUpdateAt: msk('2026-11-10T09:00:00'),
    });
    const planned = { ...critical, key: 'SUP-31', labels: ['preventive'] };
    expect(at(msk('2026-11-10T10:30:00'), [critical, planned])).toEqual([]);
    const due = at(msk('2026-11-10T11:00:00'), [critical, planned]);
    expect(due.map((r) => [r.kind, r.issueKey, r.event])).toEqual([
      ['silentCritical', 'SUP-30', 'statusUpdateDue'],
    ]);
    const en = renderReminder(
      due[0]!,
      { summary: critical.summary, url: 'https://jira.example/browse/SUP-30' },
      'en',
    );
    expect(en.subject).toBe('SUP-30: no update to the customer for 2 business hours');
    const ru = renderReminder(due[0]!, { summary: critical.summary, url: 'u' }, 'ru');
    expect(ru.subject).toBe('SUP-30: клиент без новостей 2 рабочих часа');
    expect(en.link?.url).toBe('https://jira.example/browse/SUP-30');
  });

  it('tells the team a ticket was routed to it, with one key per ticket and team', () => {
    const routed = ticket({ key: 'HW-5', project: 'SUP', routedTeam: 'HW' });
    const due = at(msk('2026-11-10T11:00:00'), [routed]);
    expect(due).toEqual([
      {
        kind: 'routedToTeam',
        issueKey: 'HW-5',
        event: 'issueRouted',
        to: { kind: 'team', team: 'HW' },
        idempotencyKey: 'routed:HW-5:HW',
      },
    ]);
    expect(renderReminder(due[0]!, { summary: 'PSU', url: 'u' }, 'ru').subject).toBe('HW-5 передана: HW');
  });

  it('marks by request type or label before priority', () => {
    expect(
      markOf(
        { requestType: 'Scheduled maintenance', labels: [], priority: 'highest', temperature: 99 },
        options,
        bands,
      ),
    ).toBe('maintenance');
    expect(
      markOf(
        { requestType: 'Incident', labels: [], priority: 'low', temperature: bands.critical },
        options,
        bands,
      ),
    ).toBe('critical');
    expect(
      markOf({ requestType: 'Incident', labels: [], priority: 'high', temperature: 10 }, options, bands),
    ).toBe('normal');
  });
});
