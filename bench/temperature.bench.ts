// How long a sweep spends scoring: 100,000 temperatures from varied inputs, and the whole path
// for 10,000 tickets (replay the SLA history, then score).
import {
  BusinessCalendarSchema,
  compileCalendar,
  computeSlaClocks,
  computeTemperature,
  DEFAULT_TEMPERATURE_POLICY,
  PRIORITIES,
  SLA_TARGETS,
  SlaPolicySchema,
  temperatureInputFromSla,
  type SlaEvent,
  type TemperatureInput,
} from '@frontline/shared';
import type { BenchSuite } from './lib.js';
import { timeMillis } from './lib.js';

const NOW = new Date('2027-01-28T10:00:00+03:00');
const TIERS = ['platinum', 'gold', 'silver', 'bronze', null];
const office: [string, string][] = [['09:00', '18:00']];

/** A deterministic spread of inputs: every priority, tier, target, breach state and silences up to a week. */
function inputs(count: number): TemperatureInput[] {
  return Array.from({ length: count }, (_, i) => ({
    sla:
      i % 11 === 0
        ? null
        : { target: SLA_TARGETS[i % 3]!, fractionUsed: (i % 150) / 100, breached: i % 150 >= 100 },
    priority: PRIORITIES[i % 5]!,
    tier: TIERS[i % 5]!,
    activePeriods:
      i % 7 === 0 ? [{ name: 'month-end close', priority: 'highest', temperatureBoost: 30 }] : [],
    lastPublicUpdateAt: new Date(NOW.getTime() - (i % 10_080) * 60_000).toISOString(),
  }));
}

/** User + system CPU milliseconds of this process since `before`. */
function cpuMillisSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const suite: BenchSuite = {
  name: 'temperature',
  async run() {
    const scored = inputs(100_000);
    let sink = 0;
    for (const input of scored.slice(0, 5000))
      sink += computeTemperature(input, DEFAULT_TEMPERATURE_POLICY, NOW).score;
    // CPU time next to wall time: on a busy machine the wall clock also counts other processes.
    const cpuBefore = process.cpuUsage();
    const scoring = await timeMillis(() => {
      for (const input of scored) sink += computeTemperature(input, DEFAULT_TEMPERATURE_POLICY, NOW).score;
    });
    const scoringCpu = cpuMillisSince(cpuBefore);

    const calendar = compileCalendar(
      BusinessCalendarSchema.parse({
        timeZone: 'Europe/Moscow',
        week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
        holidays: [{ from: '2027-01-01', to: '2027-01-08' }],
        periods: [
          {
            name: 'month-end close',
            lastBusinessDaysOfMonth: 2,
            hours: [['09:00', '24:00']],
            priority: 'highest',
            temperatureBoost: 30,
          },
        ],
      }),
    );
    const policy = SlaPolicySchema.parse({
      id: 'standard',
      name: 'Standard',
      calendarId: 'office',
      targets: {
        firstResponse: { highest: 30, high: 60, medium: 240, low: 480, lowest: 960 },
        update: { highest: 60, high: 120, medium: 240, low: 480, lowest: 960 },
        resolution: { highest: 240, high: 480, medium: 480, low: 1440, lowest: 2880 },
      },
      pauseStatuses: ['Waiting for customer'],
    });
    const histories: SlaEvent[][] = Array.from({ length: 10_000 }, (_, i) => {
      const created = NOW.getTime() - (60 + (i % 5000)) * 60_000;
      const at = (minutes: number) => new Date(created + minutes * 60_000).toISOString();
      return [
        { type: 'created', at: at(0), priority: PRIORITIES[i % 5]!, status: 'Open' },
        { type: 'comment', at: at(20 + (i % 40)), author: 'agent', public: true },
        { type: 'status', at: at(70), from: 'Open', to: 'Waiting for customer' },
        { type: 'comment', at: at(300), author: 'customer', public: true },
        { type: 'status', at: at(310), from: 'Waiting for customer', to: 'In Progress' },
      ];
    });
    const sweepCpuBefore = process.cpuUsage();
    const sweep = await timeMillis(() => {
      for (const history of histories) {
        const report = computeSlaClocks(policy, calendar, history, NOW);
        if (report.ok)
          sink += computeTemperature(
            temperatureInputFromSla(report.value, 'gold'),
            DEFAULT_TEMPERATURE_POLICY,
            NOW,
          ).score;
      }
    });
    const sweepCpu = cpuMillisSince(sweepCpuBefore);
    if (sink === -1) console.log(sink);

    return [
      { name: 'temperature: 100,000 scores', value: scoring, unit: 'ms', target: '< 1000 ms' },
      { name: 'temperature: 100,000 scores, CPU time', value: scoringCpu, unit: 'ms', target: '< 1000 ms' },
      { name: 'temperature: 10,000 tickets, SLA replay + score', value: sweep, unit: 'ms' },
      { name: 'temperature: 10,000 tickets, SLA replay + score, CPU time', value: sweepCpu, unit: 'ms' },
    ];
  },
};

export default suite;
