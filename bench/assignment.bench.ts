// Ranking one ticket against 1,000 engineers, in µs (target: under 2,000 µs = 2 ms). The measured path ranks the
// whole team in one call with calendars compiled once (`compileCalendars`). The baseline is the
// naive way to get the same answer: calendars re-read from the settings for each ticket (fresh
// objects, so compiled again) and each engineer judged on their own, one `rankEngineers` call per
// engineer, then the results merged and sorted — nothing is shared between engineers.
import {
  AssignmentPolicySchema,
  BusinessCalendarSchema,
  compileCalendars,
  DEMO_CALENDAR_ID,
  demoMoscowCalendar,
  DutyRotaSchema,
  rankEngineers,
  type BusinessCalendar,
  type Engineer,
  type RankEngineersInput,
  type TicketToAssign,
} from '@frontline/shared';
import { percentile, timePerCallMicros, withRatio, type BenchSuite } from './lib.js';

const ENGINEERS = 1000;
const SKILLS = ['storage arrays', 'x86 servers', 'PostgreSQL', 'Oracle', '1C', 'integration bus'];
const TEAMS = ['SUP', 'HW', 'DB', 'PARTS'];

/** A small deterministic generator, so every run ranks the same world. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Five calendars the engineers share: the desk's plus shifted and weekend variants. */
function calendarSettings(): Record<string, BusinessCalendar> {
  const desk = BusinessCalendarSchema.parse(demoMoscowCalendar);
  const shifted = (from: string, to: string) => ({
    ...desk,
    week: {
      ...desk.week,
      mon: [[from, to]],
      tue: [[from, to]],
      wed: [[from, to]],
      thu: [[from, to]],
      fri: [[from, to]],
    },
  });
  return {
    [DEMO_CALENDAR_ID]: desk,
    early: BusinessCalendarSchema.parse(shifted('07:00', '16:00')),
    late: BusinessCalendarSchema.parse(shifted('12:00', '21:00')),
    nights: BusinessCalendarSchema.parse(shifted('21:00', '07:00')),
    ural: BusinessCalendarSchema.parse({ ...desk, timeZone: 'Asia/Yekaterinburg' }),
  };
}

function engineers(random: () => number, calendarIds: string[]): Engineer[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: ENGINEERS }, (_, i) => {
    const skills = SKILLS.filter(() => random() < 0.4).map((skill) => ({
      skill,
      level: 1 + Math.floor(random() * 5),
    }));
    const day = 2 + Math.floor(random() * 6);
    const absences =
      random() < 0.2
        ? [
            {
              kind: pick(['dayOff', 'trip', 'training', 'sick'] as const),
              from: `2026-11-0${day}`,
              to: `2026-11-0${Math.min(day + 1, 8)}`,
            },
          ]
        : [];
    return {
      accountId: `712020:bench-${String(i).padStart(4, '0')}`,
      name: `Engineer ${i}`,
      timeZone: 'Europe/Moscow',
      calendar: pick(calendarIds),
      skills,
      maxLoad: 6 + Math.floor(random() * 10),
      absences,
      teams: TEAMS.filter(() => random() < 0.6).concat('SUP'),
      languages: random() < 0.3 ? ['ru', 'en'] : ['ru'],
    };
  });
}

const suite: BenchSuite = {
  name: 'assignment',
  async run() {
    const random = lcg(20261102);
    const settings = calendarSettings();
    const team = engineers(random, Object.keys(settings));
    const loads = Object.fromEntries(team.map((e) => [e.accountId, Math.floor(random() * 12)]));
    const policy = AssignmentPolicySchema.parse({
      project: 'SUP',
      mode: 'suggest',
      deskCalendar: DEMO_CALENDAR_ID,
    });
    // Nights and weekends: the first seven engineers take one night each.
    const dutyRota = DutyRotaSchema.parse({
      timeZone: 'Europe/Moscow',
      weekly: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day, i) => ({
        accountId: team[i]!.accountId,
        day,
        from: '18:00',
        to: '09:00',
      })),
    });
    const tickets: TicketToAssign[] = [
      {
        requiredSkills: [{ skill: 'PostgreSQL', minLevel: 3 }],
        project: 'SUP',
        priority: 'highest',
        temperature: 85,
      },
      { requiredSkills: [{ skill: 'storage arrays' }], project: 'SUP', priority: 'high', language: 'en' },
      { requiredSkills: [], project: 'SUP', priority: 'medium' },
    ];
    // Instants spread over the demo week, day and night, so both filters and the duty rota work.
    const instants = Array.from(
      { length: 64 },
      (_, i) => new Date(Date.parse('2026-11-02T00:00:00+03:00') + i * 7_919_000),
    );
    const input = (i: number, calendars: RankEngineersInput['calendars']): RankEngineersInput => ({
      engineers: team,
      ticket: tickets[i % tickets.length]!,
      loads,
      dutyRota,
      now: instants[i % instants.length]!,
      policy,
      calendars,
    });

    const compiled = compileCalendars(settings);
    const eligible = instants.map((_, i) => rankEngineers(input(i, compiled)).ranked.length);
    const meanEligible = Math.round(eligible.reduce((a, b) => a + b, 0) / eligible.length);
    const fast = timePerCallMicros((i) => rankEngineers(input(i, compiled)), { samples: 60, batch: 5 });
    const oneByOne = (i: number) => {
      const whole = input(i, structuredClone(settings));
      const parts = whole.engineers.map((engineer) => rankEngineers({ ...whole, engineers: [engineer] }));
      return {
        ranked: parts.flatMap((p) => p.ranked).sort((a, b) => b.score - a.score || a.load - b.load),
        excluded: parts.flatMap((p) => p.excluded),
      };
    };
    const naive = timePerCallMicros(oneByOne, {
      samples: 20,
      batch: 2,
    });
    // Wall time suffers when other processes share the cores; CPU time per call is the steadier figure.
    const cpuPerCall = (rank: (i: number) => unknown, calls: number) => {
      const before = process.cpuUsage();
      for (let i = 0; i < calls; i++) rank(i);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / calls;
    };
    const cpuFast = cpuPerCall((i) => rankEngineers(input(i, compiled)), 300);
    const cpuNaive = cpuPerCall(oneByOne, 40);
    console.error(`assignment: ${ENGINEERS} engineers, ${meanEligible} eligible on average across the week`);
    return [
      withRatio({
        name: `rank 1 ticket × ${ENGINEERS} engineers (p50)`,
        value: percentile(fast, 50),
        unit: 'µs',
        baseline: percentile(naive, 50),
        target: '< 2,000 µs',
      }),
      withRatio({
        name: `rank 1 ticket × ${ENGINEERS} engineers (p95)`,
        value: percentile(fast, 95),
        unit: 'µs',
        baseline: percentile(naive, 95),
        target: '< 2,000 µs',
      }),
      withRatio({
        name: `rank 1 ticket × ${ENGINEERS} engineers (CPU time)`,
        value: cpuFast,
        unit: 'µs',
        baseline: cpuNaive,
        target: '< 2,000 µs',
      }),
    ];
  },
};

export default suite;
