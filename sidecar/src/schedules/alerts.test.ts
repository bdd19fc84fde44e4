// Alerts for fixed instants, over the demo world's calendars and SLA policies: Severny Bank's 24×7
// clocks against the Moscow desk (closed on the weekend), the share that makes a clock "at risk",
// the breach, the duty page and the contract's status-update cadence.
import { compileCalendars, DEMO_SETTINGS, evaluateTicket, SettingsDocumentSchema } from '@frontline/shared';
import type { Contract, Priority, SlaEvent } from '@frontline/shared';
import type { TrackedIssue } from '../assignment/tracked-issues.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { dueAlerts } from './alerts.js';
import type { Alert } from './alerts.js';

const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
const calendars = compileCalendars(settings.calendars);
const bankContract = DEMO_CONTRACTS.find((c) => c.customer.id === 'severny-bank')!;
const withCadence: Contract = {
  ...bankContract,
  communication: { ...bankContract.communication, statusUpdates: { everyBusinessHours: { high: 4 } } },
};
const msk = (local: string) => new Date(`${local}+03:00`);
const MINUTE = 60_000;

function issue(createdAt: Date, priority: Priority, assigneeId: string | null = null): TrackedIssue {
  return {
    key: 'SUP-1',
    project: 'SUP',
    summary: 'Card processing cluster lost a node',
    priority,
    status: 'Open',
    statusSince: createdAt,
    resolved: false,
    assigneeId,
    requestType: null,
    labels: [],
    customerId: 'severny-bank',
    customerName: 'Severny Bank',
    contractId: bankContract.id,
    serviceManagerId: bankContract.serviceManager.accountId,
    routedTeam: null,
    temperature: 50,
    createdAt,
    unassignedSince: assigneeId ? null : createdAt,
    lastPublicUpdateAt: createdAt,
  };
}

function alertsAt(
  now: Date,
  t: TrackedIssue,
  opts: { contract?: Contract; history?: SlaEvent[] } = {},
): Alert[] {
  const contract = opts.contract ?? bankContract;
  const history: SlaEvent[] = opts.history ?? [
    { type: 'created', at: t.createdAt.toISOString(), priority: t.priority },
  ];
  const evaluated = evaluateTicket({
    ticket: { priority: t.priority, createdAt: t.createdAt },
    history,
    contract,
    settings,
    calendars,
    now,
  });
  if (!evaluated.ok) throw new Error('evaluation failed');
  return dueAlerts({
    tickets: [
      {
        issue: t,
        evaluation: evaluated.value,
        contract,
        deskCalendar: calendars['moscow-5x2'],
        contractCalendar: calendars[contract.calendarId],
      },
    ],
    now,
    atRiskShare: 0.75,
  });
}

const kinds = (alerts: Alert[]) => alerts.map((a) => `${a.kind}:${a.clock?.target ?? ''}`).sort();

describe('alerts', () => {
  // Wednesday 11:00 in Moscow: the desk is open. Highest on the bank's policy: 15 minutes to respond.
  const opened = msk('2026-11-25T11:00:00');
  const critical = issue(opened, 'highest');

  it('says nothing while a clock is under the at-risk share', () => {
    expect(kinds(alertsAt(new Date(opened.getTime() + 11 * MINUTE), critical))).toEqual([]);
  });

  it('raises "at risk" once the share is used, keyed by ticket, clock, cycle and share', () => {
    const alerts = alertsAt(new Date(opened.getTime() + 12 * MINUTE), critical);
    expect(kinds(alerts)).toEqual(['slaAtRisk:firstResponse']);
    expect(alerts[0]!.idempotencyKey).toBe('sla-at-risk:SUP-1:firstResponse:1:0.75');
    expect(alerts[0]!.clock!.remainingMinutes).toBe(3);
  });

  it('raises "breached" instead of "at risk" once the target is passed', () => {
    const alerts = alertsAt(new Date(opened.getTime() + 16 * MINUTE), critical);
    expect(kinds(alerts)).toEqual(['slaBreached:firstResponse']);
    expect(alerts[0]!.idempotencyKey).toBe('sla-breached:SUP-1:firstResponse:1');
  });

  it('pages the duty engineer when the desk is closed and the first response falls due before it opens', () => {
    // Saturday 03:00: the Moscow desk opens on Monday; the bank's high ticket is due in 30 minutes.
    const night = msk('2026-11-28T03:00:00');
    const alerts = alertsAt(new Date(night.getTime() + MINUTE), issue(night, 'high'));
    const page = alerts.find((a) => a.kind === 'dutyPage')!;
    expect(page.idempotencyKey).toBe('duty-page:SUP-1');
    expect(page.clock!.remainingMinutes).toBe(29);
    expect(page.deskOpensAt!.getTime()).toBeGreaterThan(night.getTime() + 2 * 86_400_000);
  });

  it('pages nobody while the desk is open', () => {
    const alerts = alertsAt(new Date(opened.getTime() + MINUTE), issue(opened, 'high'));
    expect(alerts.some((a) => a.kind === 'dutyPage')).toBe(false);
  });

  it('reminds about a status update after the contract’s cadence in its calendar, once per silence', () => {
    const assigned = issue(opened, 'high', 'acc-olga');
    const at = (minutes: number) =>
      alertsAt(new Date(opened.getTime() + minutes * MINUTE), assigned, { contract: withCadence });
    expect(at(239).some((a) => a.kind === 'statusUpdateDue')).toBe(false);
    const due = at(240).find((a) => a.kind === 'statusUpdateDue')!;
    expect(due.idempotencyKey).toBe(`status-update:SUP-1:${opened.toISOString()}`);
    expect(due.silentHours).toBe(4);
    // The next checkpoint is the cadence again, counted from now in the bank's 24×7 calendar.
    expect(due.checkpoint!.getTime()).toBe(opened.getTime() + 480 * MINUTE);

    // A public reply starts a new silence: the next reminder has a key of its own.
    const replied = new Date(opened.getTime() + 60 * MINUTE);
    const later = alertsAt(new Date(opened.getTime() + 300 * MINUTE), assigned, {
      contract: withCadence,
      history: [
        { type: 'created', at: opened.toISOString(), priority: 'high' },
        { type: 'comment', at: replied.toISOString(), author: 'agent', public: true },
      ],
    });
    expect(later.find((a) => a.kind === 'statusUpdateDue')!.idempotencyKey).toBe(
      `status-update:SUP-1:${replied.toISOString()}`,
    );
  });

  it('has no status-update reminder where the contract sets no cadence', () => {
    const assigned = issue(opened, 'high', 'acc-olga');
    const alerts = alertsAt(new Date(opened.getTime() + 600 * MINUTE), assigned);
    expect(alerts.some((a) => a.kind === 'statusUpdateDue')).toBe(false);
  });
});
