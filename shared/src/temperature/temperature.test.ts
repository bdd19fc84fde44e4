import fc from 'fast-check';
import { PRIORITIES } from '../schemas/calendar.js';
import { parseWith } from '../schemas/errors.js';
import type { SlaEvent } from '../schemas/sla.js';
import { SLA_TARGETS } from '../schemas/sla.js';
import type { TemperatureInput, TemperaturePolicy } from '../schemas/temperature.js';
import { TemperaturePolicySchema } from '../schemas/temperature.js';
import { computeSlaClocks } from '../sla/index.js';
import {
  LOGISTICS,
  OFFICE_HOURS,
  STANDARD_POLICY,
  calendarOf,
  msk,
  mskIso,
  policyOf,
} from '../sla/test/fixtures.js';
import { DEFAULT_TEMPERATURE_POLICY, computeTemperature, temperatureInputFromSla } from './index.js';

const now = msk('2027-02-15T12:00');
const quiet: TemperatureInput = {
  sla: { target: 'resolution', fractionUsed: 0.82, breached: false },
  priority: 'medium',
  tier: 'gold',
  activePeriods: [],
  lastPublicUpdateAt: mskIso('2027-02-15T10:00'),
};
const factor = (t: ReturnType<typeof computeTemperature>, name: string) =>
  t.factors.find((f) => f.factor === name)!;

describe('computeTemperature with the default policy', () => {
  it('explains every factor in English and Russian', () => {
    const t = computeTemperature(quiet, DEFAULT_TEMPERATURE_POLICY, now);
    expect(t.factors.map((f) => f.factor)).toEqual([
      'slaUsed',
      'priority',
      'tier',
      'specialPeriod',
      'silence',
    ]);
    // The code and parameters travel to the screens; the words come from the locale catalogues.
    expect(factor(t, 'slaUsed').reason).toEqual({
      code: 'temperature.slaUsed',
      params: { target: 'resolution', percent: 82 },
      en: '82% of the resolution SLA used',
      ru: 'Использовано 82% времени SLA на решение',
    });
    expect(factor(t, 'silence').reason).toEqual({
      code: 'temperature.silenceHours',
      params: { hours: 2 },
      en: 'The customer has not heard from us for 2 hours',
      ru: 'Клиент не получал от нас новостей 2 часа',
    });
    // 50 × 0.82 = 41; medium 8; gold 10; no period; 2 h of silence on the 0→4 h: 0→5 ramp = 2.5 → 3.
    expect(t.factors.map((f) => f.points)).toEqual([41, 8, 10, 0, 3]);
    expect(t.score).toBe(62);
    expect(t.band).toBe('hot');
  });

  it('says when the SLA is breached and uses Russian plural forms', () => {
    const t = computeTemperature(
      {
        ...quiet,
        priority: 'low',
        tier: null,
        sla: { target: 'firstResponse', fractionUsed: 1.3, breached: true },
        lastPublicUpdateAt: mskIso('2027-02-14T11:00'),
      },
      DEFAULT_TEMPERATURE_POLICY,
      now,
    );
    expect(factor(t, 'slaUsed').reason.ru).toBe('SLA на первый ответ нарушен (использовано 130%)');
    expect(factor(t, 'silence').reason.ru).toBe('Клиент не получал от нас новостей 25 часов');
    const oneHour = computeTemperature(
      { ...quiet, lastPublicUpdateAt: mskIso('2027-02-15T10:59') },
      DEFAULT_TEMPERATURE_POLICY,
      now,
    );
    expect(factor(oneHour, 'silence').reason).toEqual({
      code: 'temperature.silenceHours',
      params: { hours: 1 },
      en: 'The customer has not heard from us for 1 hour',
      ru: 'Клиент не получал от нас новостей 1 час',
    });
    const minutes = computeTemperature(
      { ...quiet, lastPublicUpdateAt: mskIso('2027-02-15T11:39') },
      DEFAULT_TEMPERATURE_POLICY,
      now,
    );
    expect(factor(minutes, 'silence').reason.ru).toBe('Клиент не получал от нас новостей 21 минуту');
  });

  it('caps a critical ticket at 100 by trimming the last factors and says so', () => {
    const t = computeTemperature(
      {
        sla: { target: 'resolution', fractionUsed: 1.5, breached: true },
        priority: 'highest',
        tier: 'platinum',
        activePeriods: [{ name: 'month-end close', priority: 'highest', temperatureBoost: 30 }],
        lastPublicUpdateAt: mskIso('2027-02-10T12:00'),
      },
      DEFAULT_TEMPERATURE_POLICY,
      now,
    );
    // 70 + 25 = 95; tier 15 → only 5 fit; period and silence are trimmed to 0.
    expect(t.factors.map((f) => f.points)).toEqual([70, 25, 5, 0, 0]);
    expect(t.score).toBe(100);
    expect(t.band).toBe('critical');
    expect(factor(t, 'specialPeriod').reason.en).toBe(
      'Special period: month-end close (+30) (capped: the score cannot exceed 100)',
    );
    expect(factor(t, 'specialPeriod').reason).toMatchObject({
      code: 'temperature.period',
      note: 'temperature.capped',
      ru: 'Особый период: month-end close (+30) (урезано: оценка не выше 100)',
    });
    expect(factor(t, 'priority').reason.note).toBeUndefined();
  });

  it('keeps a ticket with no open clock, no tier and fresh news cold', () => {
    const t = computeTemperature(
      {
        sla: null,
        priority: 'low',
        tier: null,
        activePeriods: [],
        lastPublicUpdateAt: mskIso('2027-02-15T12:00'),
      },
      DEFAULT_TEMPERATURE_POLICY,
      now,
    );
    expect(t).toMatchObject({ score: 3, band: 'cold' });
    expect(factor(t, 'tier').reason.en).toBe('The customer has no tier');
  });

  it('heats up a medium logistics request when the month-end close begins', () => {
    const calendar = calendarOf(LOGISTICS);
    const history = [
      { type: 'created' as const, at: mskIso('2027-01-27T16:00'), priority: 'medium' as const },
    ];
    const at = (local: string) => {
      const report = computeSlaClocks(policyOf(STANDARD_POLICY), calendar, history, msk(local));
      if (!report.ok) throw new Error(report.error.message);
      return computeTemperature(
        temperatureInputFromSla(report.value, 'gold'),
        DEFAULT_TEMPERATURE_POLICY,
        msk(local),
      );
    };
    const wednesday = at('2027-01-27T17:00');
    const closingDay = at('2027-01-28T10:00');
    expect(closingDay.score).toBeGreaterThan(wednesday.score);
    expect(factor(closingDay, 'specialPeriod').reason.en).toContain('month-end close (+30)');
    expect(closingDay.band).toBe('critical');
  });
});

describe('temperatureInputFromSla after an answer', () => {
  // A preventive-maintenance request (long resolution target) in office hours. The first update
  // cycle ran from the 09:30 reply and went over its 4 h at 13:30; the agent answered at 15:00,
  // which starts a new update cycle. At 15:30 the update clock is the most urgent one again.
  const calendar = calendarOf(OFFICE_HOURS);
  const created = {
    type: 'created' as const,
    at: mskIso('2027-02-15T09:00'),
    priority: 'medium' as const,
    requestType: 'Preventive maintenance',
  };
  const reply = (local: string) => ({
    type: 'comment' as const,
    at: mskIso(local),
    author: 'agent' as const,
    public: true,
  });
  const reportAt = (history: SlaEvent[], local: string) => {
    const report = computeSlaClocks(policyOf(STANDARD_POLICY), calendar, history, msk(local));
    if (!report.ok) throw new Error(report.error.message);
    return report.value;
  };
  const answered = [created, reply('2027-02-15T09:30'), reply('2027-02-15T15:00')];
  const unanswered = [created, reply('2027-02-15T09:30')];

  it('reads the current update cycle, not a cycle missed before the answer', () => {
    const report = reportAt(answered, '2027-02-15T15:30');
    const update = report.clocks.find((c) => c.target === 'update')!;
    expect(update).toMatchObject({ cycle: 2, breached: true, cycleBreached: false, cycleBreachedAt: null });
    expect(temperatureInputFromSla(report, 'gold').sla).toEqual({
      target: 'update',
      fractionUsed: 30 / 240,
      breached: false,
    });
    const t = computeTemperature(
      temperatureInputFromSla(report, 'gold'),
      DEFAULT_TEMPERATURE_POLICY,
      msk('2027-02-15T15:30'),
    );
    expect(factor(t, 'slaUsed').reason.en).toBe('13% of the update SLA used');
  });

  it('keeps a ticket that was answered cooler than the same ticket left unanswered', () => {
    const temperatureOf = (history: SlaEvent[]) =>
      computeTemperature(
        temperatureInputFromSla(reportAt(history, '2027-02-15T15:30'), 'gold'),
        DEFAULT_TEMPERATURE_POLICY,
        msk('2027-02-15T15:30'),
      );
    const unansweredReport = reportAt(unanswered, '2027-02-15T15:30');
    expect(unansweredReport.clocks.find((c) => c.target === 'update')).toMatchObject({
      cycleBreached: true,
      cycleBreachedAt: mskIso('2027-02-15T13:30'),
    });
    expect(temperatureOf(answered).score).toBeLessThan(temperatureOf(unanswered).score);
    expect(factor(temperatureOf(unanswered), 'slaUsed').reason.en).toContain('breached');
  });
});

describe('TemperaturePolicySchema', () => {
  it('rejects falling bands, a falling silence curve and negative weights', () => {
    const result = parseWith(TemperaturePolicySchema, {
      ...DEFAULT_TEMPERATURE_POLICY,
      weights: { ...DEFAULT_TEMPERATURE_POLICY.weights, tier: -1 },
    });
    expect(result.ok ? [] : result.error.map((i) => i.path)).toEqual(['weights.tier']);
    const shape = parseWith(TemperaturePolicySchema, {
      ...DEFAULT_TEMPERATURE_POLICY,
      bands: { warm: 60, hot: 50, critical: 75 },
      silenceCurve: [
        { hours: 0, points: 10 },
        { hours: 0, points: 5 },
      ],
    });
    expect(shape.ok ? [] : shape.error.map((i) => i.path)).toEqual([
      'bands',
      'silenceCurve.1.hours',
      'silenceCurve.1.points',
    ]);
  });
});

describe('temperature properties', () => {
  const inputArb = fc.record({
    sla: fc.option(
      fc.record({
        target: fc.constantFrom(...SLA_TARGETS),
        fractionUsed: fc.double({ min: 0, max: 3, noNaN: true }),
        breached: fc.boolean(),
      }),
    ),
    priority: fc.constantFrom(...PRIORITIES),
    tier: fc.option(fc.constantFrom('platinum', 'gold', 'silver', 'bronze', 'unlisted')),
    activePeriods: fc.array(
      fc.record({
        name: fc.constantFrom('month-end close', 'freeze'),
        temperatureBoost: fc.integer({ min: -100, max: 100 }),
      }),
      { maxLength: 3 },
    ),
    lastPublicUpdateAt: fc
      .integer({ min: 0, max: 10 * 24 * 60 })
      .map((m) => new Date(now.getTime() - m * 60_000).toISOString()),
  });
  const policyArb: fc.Arbitrary<TemperaturePolicy> = fc
    .record({
      weights: fc.record({
        slaUsed: fc.double({ min: 0, max: 5, noNaN: true }),
        priority: fc.double({ min: 0, max: 5, noNaN: true }),
        tier: fc.double({ min: 0, max: 5, noNaN: true }),
        specialPeriod: fc.double({ min: 0, max: 5, noNaN: true }),
        silence: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
      tierPoints: fc.record({
        platinum: fc.integer({ min: -100, max: 100 }),
        gold: fc.integer({ min: -100, max: 100 }),
      }),
    })
    .map((p) => ({ ...DEFAULT_TEMPERATURE_POLICY, ...p }));

  it('scores are integers in 0–100 and the factors add up to the score', () => {
    fc.assert(
      fc.property(inputArb, policyArb, (input, policy) => {
        const t = computeTemperature(input, policy, now);
        expect(Number.isInteger(t.score)).toBe(true);
        expect(t.score).toBeGreaterThanOrEqual(0);
        expect(t.score).toBeLessThanOrEqual(100);
        expect(t.factors.reduce((sum, f) => sum + f.points, 0)).toBe(t.score);
        expect(t.factors.every((f) => Number.isInteger(f.points))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('more SLA used never makes a ticket colder', () => {
    fc.assert(
      fc.property(
        inputArb,
        policyArb,
        fc.constantFrom(...SLA_TARGETS),
        fc.boolean(),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (input, policy, target, breached, a, b) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const score = (fractionUsed: number) =>
            computeTemperature({ ...input, sla: { target, breached, fractionUsed } }, policy, now).score;
          expect(score(more)).toBeGreaterThanOrEqual(score(less));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a longer silence never makes a ticket colder', () => {
    fc.assert(
      fc.property(inputArb, policyArb, fc.nat(20_000), fc.nat(20_000), (input, policy, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const score = (minutes: number) =>
          computeTemperature(
            { ...input, lastPublicUpdateAt: new Date(now.getTime() - minutes * 60_000).toISOString() },
            policy,
            now,
          ).score;
        expect(score(long)).toBeGreaterThanOrEqual(score(short));
      }),
      { numRuns: 500 },
    );
  });
});
