import fc from 'fast-check';
import { compileCalendar, isWorkingTime } from '../calendar/index.js';
import { AssignmentPolicySchema } from '../schemas/assignment.js';
import { BusinessCalendarSchema, PRIORITIES } from '../schemas/calendar.js';
import { DutyRotaSchema, type Absence, type Engineer } from '../schemas/engineers.js';
import { DEMO_CALENDAR_ID, demoDutyRota, demoMoscowCalendar } from './demo-engineers.js';
import { DEFAULT_TEMPERATURE_POLICY } from '../temperature/index.js';
import { absenceAt } from './absence.js';
import { loadRuleOf, ticketLoadWeight } from './load.js';
import { rankEngineers, type RankEngineersInput } from './rank.js';

const calendars = { [DEMO_CALENDAR_ID]: compileCalendar(BusinessCalendarSchema.parse(demoMoscowCalendar)) };
const policy = AssignmentPolicySchema.parse({
  project: 'SUP',
  mode: 'suggest',
  deskCalendar: DEMO_CALENDAR_ID,
});
const SKILLS = ['storage arrays', 'x86 servers', 'PostgreSQL', 'Oracle', '1C', 'integration bus'] as const;
const TEAMS = ['SUP', 'HW', 'DB'] as const;
const WEEK_START = Date.parse('2026-11-01T00:00:00+03:00');
const WEEK_END = Date.parse('2026-11-10T00:00:00+03:00');
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07'] as const;

const absenceArb: fc.Arbitrary<Absence> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...DAYS),
      fc.integer({ min: 0, max: 2 }),
      fc.constantFrom('dayOff', 'trip', 'sick' as const),
    )
    .map(([from, extra, kind]) => ({
      kind,
      from,
      to: DAYS[Math.min(DAYS.indexOf(from) + extra, DAYS.length - 1)]!,
    })),
  fc
    .tuple(fc.integer({ min: WEEK_START, max: WEEK_END }), fc.integer({ min: 1, max: 48 }))
    .map(([from, hours]) => ({
      kind: 'training' as const,
      from: new Date(from).toISOString(),
      to: new Date(from + hours * 3_600_000).toISOString(),
    })),
);

const engineerArb = (accountId: string): fc.Arbitrary<Engineer> =>
  fc.record({
    accountId: fc.constant(accountId),
    name: fc.constant(`Engineer ${accountId}`),
    timeZone: fc.constantFrom('Europe/Moscow', 'Asia/Yekaterinburg'),
    calendar: fc.constantFrom(DEMO_CALENDAR_ID, DEMO_CALENDAR_ID, DEMO_CALENDAR_ID, 'unknown-calendar'),
    skills: fc
      .subarray([...SKILLS])
      .chain((names) =>
        fc.tuple(...names.map((skill) => fc.integer({ min: 1, max: 5 }).map((level) => ({ skill, level })))),
      ),
    maxLoad: fc.integer({ min: 1, max: 20 }),
    absences: fc.array(absenceArb, { maxLength: 2 }),
    teams: fc.subarray([...TEAMS], { minLength: 1 }),
    languages: fc.subarray(['ru', 'en']),
  });

/** A whole ranking input over a team of up to 12 engineers with unique accountIds. */
const inputArb: fc.Arbitrary<RankEngineersInput> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc.record({
      engineers: fc.tuple(...ids.map(engineerArb)),
      loads: fc
        .tuple(...ids.map(() => fc.integer({ min: 0, max: 40 }).map((n) => n / 2)))
        .map((loads) => Object.fromEntries(ids.map((id, i) => [id, loads[i]!]))),
      ticket: fc.record({
        requiredSkills: fc
          .subarray([...SKILLS], { maxLength: 2 })
          .chain((names) =>
            fc.tuple(
              ...names.map((skill) =>
                fc
                  .option(fc.integer({ min: 1, max: 5 }), { nil: undefined })
                  .map((minLevel) => ({ skill, minLevel })),
              ),
            ),
          ),
        project: fc.constantFrom(...TEAMS),
        priority: fc.constantFrom(...PRIORITIES),
        temperature: fc.integer({ min: 0, max: 100 }),
        language: fc.constantFrom('ru', 'en'),
      }),
      now: fc.integer({ min: WEEK_START, max: WEEK_END }).map((t) => new Date(t)),
      dutyRota: fc.constantFrom(DutyRotaSchema.parse(demoDutyRota), null),
      policy: fc.constant(policy),
      calendars: fc.constant(calendars),
    }),
  );

const ids = (list: readonly { accountId: string }[]) => list.map((e) => e.accountId);

describe('rankEngineers properties', () => {
  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = JSON.stringify(input);
        const first = rankEngineers(input);
        expect(rankEngineers(input)).toEqual(first);
        expect(JSON.stringify(input)).toBe(before);
      }),
    );
  });

  it('does not depend on the order engineers are listed in', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), (input, keys) => {
        const shuffled = input.engineers
          .map((engineer, i) => ({ engineer, key: keys[i]!, i }))
          .sort((a, b) => a.key - b.key || b.i - a.i)
          .map((x) => x.engineer);
        expect(rankEngineers({ ...input, engineers: shuffled })).toEqual(rankEngineers(input));
      }),
    );
  });

  it('places every engineer exactly once: ranked or excluded with at least one reason', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { ranked, excluded } = rankEngineers(input);
        const rankedIds = new Set(ids(ranked));
        expect(excluded.every((e) => !rankedIds.has(e.accountId) && e.reasons.length > 0)).toBe(true);
        expect([...ids(ranked), ...ids(excluded)].sort()).toEqual(ids(input.engineers).sort());
      }),
    );
  });

  it('ranks only engineers who pass every filter, those who can start now first, then best score first', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { ranked, offHours } = rankEngineers(input);
        const tier = (r: (typeof ranked)[number]) =>
          r.offUntil !== undefined ? 2 : r.onDuty && offHours ? 0 : 1;
        // The weight the ticket adds once assigned: its temperature band's (default bands), else its priority's.
        const weight = ticketLoadWeight(input.ticket, loadRuleOf(input.policy, DEFAULT_TEMPERATURE_POLICY));
        for (const [i, r] of ranked.entries()) {
          const engineer = input.engineers.find((e) => e.accountId === r.accountId)!;
          expect(engineer.teams).toContain(input.ticket.project);
          expect(r.load + weight).toBeLessThanOrEqual(engineer.maxLoad);
          for (const need of input.ticket.requiredSkills) {
            const level = engineer.skills.find((s) => s.skill === need.skill)?.level ?? 0;
            expect(level).toBeGreaterThanOrEqual(need.minLevel ?? 1);
          }
          if (i === 0) continue;
          const before = ranked[i - 1]!;
          expect(tier(r)).toBeGreaterThanOrEqual(tier(before));
          if (tier(r) === tier(before)) expect(r.score).toBeLessThanOrEqual(before.score);
        }
      }),
    );
  });

  it('suggests an engineer who is off now only while off shift and not on duty, back when no absence holds them', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { ranked } = rankEngineers(input);
        for (const r of ranked) {
          const engineer = input.engineers.find((e) => e.accountId === r.accountId)!;
          const calendar = input.calendars[engineer.calendar]!;
          if (r.offUntil === undefined) {
            expect(r.onDuty || isWorkingTime(calendar, input.now)).toBe(true);
            continue;
          }
          const back = new Date(r.offUntil);
          expect(r.onDuty).toBe(false);
          expect(isWorkingTime(calendar, input.now)).toBe(false);
          expect(back.getTime()).toBeGreaterThan(input.now.getTime());
          expect(isWorkingTime(calendar, back)).toBe(true);
          expect(absenceAt(engineer.absences, engineer.timeZone, back)).toBeNull();
          expect(r.reasons.filter((x) => x.code === 'offNow')).toEqual([
            expect.objectContaining({ params: { until: r.offUntil } }),
          ]);
        }
      }),
    );
  });

  it('never moves an engineer up when their load rises', () => {
    // Business hours, any team, no skill demands: most engineers are eligible, so order matters.
    const crowdedArb = fc.tuple(inputArb, fc.integer({ min: 0, max: 8 * 60 })).map(([input, minutes]) => ({
      ...input,
      now: new Date(Date.parse('2026-11-05T09:30:00+03:00') + minutes * 60_000),
      ticket: { ...input.ticket, requiredSkills: [] },
      policy: { ...input.policy, requireTeam: false },
    }));
    fc.assert(
      fc.property(crowdedArb, fc.nat(), fc.integer({ min: 1, max: 20 }), (input, pick, extra) => {
        const who = input.engineers[pick % input.engineers.length]!.accountId;
        const before = rankEngineers(input);
        const after = rankEngineers({
          ...input,
          loads: { ...input.loads, [who]: (input.loads[who] ?? 0) + extra / 2 },
        });
        const was = ids(before.ranked).indexOf(who);
        const is = ids(after.ranked).indexOf(who);
        if (was < 0) expect(is).toBe(-1);
        else if (is >= 0) expect(is).toBeGreaterThanOrEqual(was);
      }),
    );
  });
});
