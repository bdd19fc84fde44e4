// The one ticket evaluation against the paths it replaced, measured in the same run:
// - 100,000 tickets replayed from their history and scored by `evaluateTicket`, against the old
//   replay and scoring (the SLA clocks and calendar as they were, kept in bench/baseline/) on
//   20,000 of the same tickets, scaled to 100,000;
// - the first 365-day due date of a calendar seen for the first time (a fresh object each call, so
//   every call compiles it), against the old compiled calendar doing the same.
// - a floor for the first: reading every instant of the same 100,000 histories and allocating a
//   result of the evaluation's shape (three clocks, five factors, the instants as ISO text), with
//   no calendar arithmetic at all: no evaluation can cost less than this on the same machine.
// CPU time is printed next to wall time: on a shared machine the wall clock also counts others.
import {
  addBusinessMinutes,
  BusinessCalendarSchema,
  businessMinutesBetween,
  compileCalendar,
  computeTemperature,
  DEFAULT_TEMPERATURE_POLICY,
  evaluateTicket,
  PRIORITIES,
  SlaPolicySchema,
  temperatureInputFromSla,
  type BusinessCalendar,
  type SlaEvent,
} from '@frontline/shared';
import * as oldCalendar from './baseline/calendar/index.js';
import { computeSlaClocks as oldComputeSlaClocks } from './baseline/sla/clocks.js';
import type { BenchResult, BenchSuite } from './lib.js';
import { percentile, timeMillis, timePerCallMicros, withRatio } from './lib.js';

const NOW = new Date('2027-01-28T10:00:00+03:00');
const MINUTE = 60_000;
const DAY = 86_400_000;
const office: [string, string][] = [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
];

const CALENDAR: BusinessCalendar = BusinessCalendarSchema.parse({
  timeZone: 'Europe/Moscow',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [
    { from: '2027-01-01', to: '2027-01-08' },
    '2027-02-23',
    '2027-03-08',
    '2027-05-03',
    '2027-05-10',
    '2027-06-14',
    '2027-11-04',
    '2027-12-31',
    { from: '2028-01-01', to: '2028-01-08' },
  ],
  workingDays: [{ date: '2027-02-20', hours: [['09:00', '18:00']] }],
  periods: [
    {
      name: 'month-end close',
      lastBusinessDaysOfMonth: 2,
      hours: [['09:00', '24:00']],
      priority: 'highest',
      temperatureBoost: 30,
    },
    { name: 'year-end freeze', from: '2027-12-24', to: '2027-12-30', hours: [['10:00', '16:00']] },
  ],
});

const POLICY = SlaPolicySchema.parse({
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

/** Varied histories: tickets from an hour to about three weeks old, answered, paused, resumed, reprioritised. */
function histories(count: number): SlaEvent[][] {
  return Array.from({ length: count }, (_, i) => {
    const created = NOW.getTime() - (60 + ((i * 37) % 30_000)) * MINUTE;
    const at = (minutes: number) =>
      new Date(Math.min(created + minutes * MINUTE, NOW.getTime())).toISOString();
    const history: SlaEvent[] = [
      { type: 'created', at: at(0), priority: PRIORITIES[i % 5]!, status: 'Open' },
      { type: 'comment', at: at(20 + (i % 40)), author: 'agent', public: true },
      { type: 'status', at: at(70), from: 'Open', to: 'Waiting for customer' },
      { type: 'comment', at: at(300), author: 'customer', public: true },
      { type: 'status', at: at(310), from: 'Waiting for customer', to: 'In Progress' },
    ];
    if (i % 3 === 0) history.push({ type: 'priority', at: at(400), from: PRIORITIES[i % 5]!, to: 'high' });
    if (i % 4 === 0) history.push({ type: 'comment', at: at(900), author: 'agent', public: true });
    return history;
  });
}

function cpuMillisSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function replayRows(): Promise<BenchResult[]> {
  const all = histories(100_000);
  const sample = all.slice(0, 20_000);
  const compiled = compileCalendar(CALENDAR);
  const oldCompiled = oldCalendar.compileCalendar({ ...CALENDAR });
  const settings = { slaPolicies: [POLICY], temperature: DEFAULT_TEMPERATURE_POLICY };
  const contract = { tier: 'gold', slaPolicyId: 'standard', calendarId: 'office' };
  const calendars = { office: compiled };
  const evaluate = (history: SlaEvent[]) => {
    const result = evaluateTicket({
      ticket: { priority: 'medium', createdAt: new Date(history[0]!.at) },
      history,
      contract,
      settings,
      calendars,
      now: NOW,
    });
    return result.ok ? result.value.temperature.score : -1;
  };
  const old = (history: SlaEvent[]) => {
    const report = oldComputeSlaClocks(POLICY, oldCompiled, history, NOW);
    return report.ok
      ? computeTemperature(temperatureInputFromSla(report.value, 'gold'), DEFAULT_TEMPERATURE_POLICY, NOW)
          .score
      : -1;
  };
  // Both must agree before their speed means anything.
  for (let i = 0; i < 2000; i += 7)
    if (evaluate(all[i]!) !== old(all[i]!))
      throw new Error(`ticket ${i}: the evaluation and the old path disagree`);
  /** What any evaluation must do at least: read each event's instant and build a result of the same shape. */
  const floor = (history: SlaEvent[]) => {
    let last = 0;
    for (const event of history) last = Math.max(last, Date.parse(event.at));
    const clocks = ['firstResponse', 'update', 'resolution'].map((target, i) => ({
      target,
      state: 'running',
      elapsedMinutes: i,
      dueAt: new Date(last + i).toISOString(),
      segments: [],
    }));
    const factors = ['slaUsed', 'priority', 'tier', 'specialPeriod', 'silence'].map((factor, i) => ({
      factor,
      points: i,
      reason: { en: `${factor} ${i}`, ru: `${factor} ${i}` },
    }));
    const result = { sla: { now: NOW.toISOString(), clocks }, temperature: { score: 1, factors } };
    return result.temperature.factors.length + result.sla.clocks.length;
  };
  let sink = 0;
  for (const history of sample.slice(0, 3000)) sink += evaluate(history) + old(history) + floor(history);

  const newCpu = process.cpuUsage();
  const newWall = await timeMillis(() => {
    for (const history of all) sink += evaluate(history);
  });
  const newCpuMs = cpuMillisSince(newCpu);
  const oldCpu = process.cpuUsage();
  const oldWall =
    (await timeMillis(() => {
      for (const history of sample) sink += old(history);
    })) * 5;
  const oldCpuMs = cpuMillisSince(oldCpu) * 5;
  const floorCpu = process.cpuUsage();
  const floorWall = await timeMillis(() => {
    for (const history of all) sink += floor(history);
  });
  const floorCpuMs = cpuMillisSince(floorCpu);
  if (sink === -1) console.log(sink);
  return [
    withRatio({
      name: 'evaluation: 100,000 tickets replayed and scored',
      value: newWall,
      unit: 'ms',
      baseline: oldWall,
      target: '< 1000 ms',
    }),
    withRatio({
      name: 'evaluation: 100,000 tickets replayed and scored, CPU time',
      value: newCpuMs,
      unit: 'ms',
      baseline: oldCpuMs,
      target: '< 1000 ms',
    }),
    // Baseline = the evaluation itself, so the ratio says how many times the floor it costs.
    withRatio({
      name: 'evaluation: floor, 100,000 histories read and results allocated (baseline: the evaluation)',
      value: floorWall,
      unit: 'ms',
      baseline: newWall,
    }),
    withRatio({
      name: 'evaluation: floor, CPU time (baseline: the evaluation)',
      value: floorCpuMs,
      unit: 'ms',
      baseline: newCpuMs,
    }),
  ];
}

/** Mean CPU microseconds per call of `fn` over `calls` calls. */
function cpuMicrosPerCall(fn: (i: number) => unknown, calls: number): number {
  let sink: unknown;
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) sink = fn(i);
  const micros = (cpuMillisSince(before) * 1000) / calls;
  if (sink === Symbol.for('never')) console.log(sink);
  return micros;
}

function coldRows(): BenchResult[] {
  const start = Date.parse('2027-01-11T06:30:00Z');
  const startOf = (i: number) => new Date(start + (i % 997) * 17 * MINUTE);
  const minutes = businessMinutesBetween(
    compileCalendar(CALENDAR),
    new Date(start),
    new Date(start + 365 * DAY),
  );
  for (let i = 0; i < 25; i++) {
    const fresh = addBusinessMinutes(
      compileCalendar({ ...CALENDAR }),
      startOf(i * 41),
      minutes,
    ).toISOString();
    const before = oldCalendar.addBusinessMinutes({ ...CALENDAR }, startOf(i * 41), minutes).toISOString();
    if (fresh !== before)
      throw new Error(`cold due date from ${startOf(i * 41).toISOString()}: ${fresh} vs ${before}`);
  }
  const opts = { samples: 60, batch: 5 };
  const freshCall = (i: number) => addBusinessMinutes(compileCalendar({ ...CALENDAR }), startOf(i), minutes);
  const beforeCall = (i: number) =>
    oldCalendar.addBusinessMinutes(oldCalendar.compileCalendar({ ...CALENDAR }), startOf(i), minutes);
  const fresh = timePerCallMicros(freshCall, opts);
  const before = timePerCallMicros(beforeCall, opts);
  // CPU time after the timed samples have warmed both paths up, over more calls, so that the
  // compiler's and collector's threads settle into the mean instead of dominating it.
  const freshCpu = cpuMicrosPerCall(freshCall, 3000);
  const beforeCpu = cpuMicrosPerCall(beforeCall, 600);
  return [
    withRatio({
      name: 'evaluation: first 365-day due date of a new calendar (p50)',
      value: percentile(fresh, 50),
      unit: 'µs/op',
      baseline: percentile(before, 50),
      target: '≤ 50 µs',
    }),
    withRatio({
      name: 'evaluation: first 365-day due date of a new calendar, CPU time (mean)',
      value: freshCpu,
      unit: 'µs/op',
      baseline: beforeCpu,
      target: '≤ 50 µs',
    }),
  ];
}

const suite: BenchSuite = {
  name: 'evaluation',
  async run() {
    return [...coldRows(), ...(await replayRows())];
  },
};

export default suite;
