import { compileCalendar } from '../calendar/index.js';
import { translate } from '../i18n/index.js';
import { AssignmentPolicySchema, type AssignmentPolicy } from '../schemas/assignment.js';
import { BusinessCalendarSchema } from '../schemas/calendar.js';
import { DutyRotaSchema, EngineersSchema, type Engineer } from '../schemas/engineers.js';
import { decideAssignment } from './decide.js';
import {
  DEMO_ACCOUNTS as A,
  DEMO_CALENDAR_ID,
  demoDutyRota,
  demoEngineers,
  demoMoscowCalendar,
  demoSupPolicy,
} from './demo-engineers.js';
import { onDutyAt } from './duty.js';
import { DEFAULT_TEMPERATURE_POLICY } from '../temperature/index.js';
import { loadRuleOf, weightedLoads } from './load.js';
import { rankEngineers, type RankEngineersInput, type TicketToAssign } from './rank.js';

const engineers = EngineersSchema.parse(demoEngineers);
const rota = DutyRotaSchema.parse(demoDutyRota);
const calendars = { [DEMO_CALENDAR_ID]: compileCalendar(BusinessCalendarSchema.parse(demoMoscowCalendar)) };
const suggestOnly = AssignmentPolicySchema.parse({
  project: 'SUP',
  mode: 'suggest',
  deskCalendar: DEMO_CALENDAR_ID,
});
const autoAtNight = AssignmentPolicySchema.parse(demoSupPolicy);

const allDay: [string, string][] = [['00:00', '24:00']];
const allDayCalendar = {
  timeZone: 'Europe/Moscow',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

/** A Moscow wall-clock time in the demo week (UTC+3 all year). */
const msk = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`);

const ticket = (over: Partial<TicketToAssign> = {}): TicketToAssign => ({
  requiredSkills: [],
  project: 'SUP',
  priority: 'medium',
  ...over,
});

const rank = (over: Partial<RankEngineersInput> & Pick<RankEngineersInput, 'ticket' | 'now'>) =>
  rankEngineers({ engineers, loads: {}, dutyRota: rota, policy: suggestOnly, calendars, ...over });

const reasonsOf = (ranking: ReturnType<typeof rankEngineers>, accountId: string) =>
  ranking.excluded.find((e) => e.accountId === accountId)?.reasons;

describe('rankEngineers in the demo week', () => {
  it('Tuesday 11:00, failed disk in a storage array: Alexei is away, Irina takes it', () => {
    const ranking = rank({
      now: msk('2026-11-03', '11:00'),
      ticket: ticket({ requiredSkills: [{ skill: 'Storage arrays', minLevel: 3 }], priority: 'high' }),
    });
    expect(ranking.ranked.map((r) => r.name)).toEqual(['Irina Sokolova']);
    expect(reasonsOf(ranking, A.alexei)).toEqual([
      {
        code: 'absent',
        params: { kind: 'trip', note: 'Severny Bank data centre, Kazan' },
        // Back on Friday: Wednesday is a holiday, and the trip ends on Thursday.
        en: 'Off until Fri 09:00 (business trip: Severny Bank data centre, Kazan)',
        ru: 'Отсутствует до пт 09:00 (командировка: Severny Bank data centre, Kazan)',
        until: '2026-11-06T06:00:00.000Z',
      },
    ]);
    expect(reasonsOf(ranking, A.olga)).toEqual([
      {
        code: 'missingSkill',
        params: { skill: 'Storage arrays', level: 0, needs: 3 },
        en: 'No Storage arrays skill',
        ru: 'Нет навыка Storage arrays',
      },
    ]);
    expect(ranking.offHours).toBe(false);
  });

  it('Tuesday 23:30, PostgreSQL down at the frozen-food plant: only the duty engineer is on shift', () => {
    const ranking = rank({
      now: msk('2026-11-03', '23:30'),
      ticket: ticket({ requiredSkills: [{ skill: 'PostgreSQL' }], priority: 'highest', language: 'ru' }),
    });
    expect(ranking.offHours).toBe(true);
    // Pavel is on duty; Olga, off now, is still suggested after him.
    expect(ranking.ranked.map((r) => r.accountId)).toEqual([A.pavel, A.olga]);
    expect(ranking.ranked[0]!.onDuty).toBe(true);
    expect(ranking.ranked[0]!.offUntil).toBeUndefined();
    expect(ranking.ranked[0]!.reasons).toEqual([
      {
        code: 'skill',
        params: { skills: 'PostgreSQL 3/5' },
        en: 'Skills: PostgreSQL 3/5',
        ru: 'Навыки: PostgreSQL 3/5',
      },
      { code: 'load', params: { load: 0, maxLoad: 10 }, en: 'Load 0 of 10', ru: 'Нагрузка 0 из 10' },
      {
        code: 'onDuty',
        params: { until: '2026-11-04T06:00:00.000Z' },
        en: 'On duty until Wed 09:00',
        ru: 'Дежурит до ср 09:00',
      },
      {
        code: 'language',
        params: { language: 'ru' },
        en: "Speaks the customer's language (ru)",
        ru: 'Говорит на языке клиента (ru)',
      },
    ]);
    // Wednesday is a holiday, so Olga is back on Thursday morning.
    const olga = ranking.ranked[1]!;
    expect(olga.onDuty).toBe(false);
    expect(olga.offUntil).toBe('2026-11-05T06:00:00.000Z');
    expect(olga.reasons).toContainEqual({
      code: 'offNow',
      params: { until: '2026-11-05T06:00:00.000Z' },
      en: 'Off now — back at Thu 09:00',
      ru: 'Сейчас не на смене — вернётся в чт 09:00',
    });
    expect(reasonsOf(ranking, A.olga)).toBeUndefined();
  });

  it('Wednesday (holiday) 11:00: the explicit holiday shift replaces the weekly pattern', () => {
    const ranking = rank({
      now: msk('2026-11-04', '11:00'),
      ticket: ticket({ requiredSkills: [{ skill: 'postgresql', minLevel: 3 }] }),
    });
    expect(ranking.ranked.map((r) => r.accountId)).toEqual([A.olga, A.pavel]);
    expect(ranking.ranked[0]!.reasons).toContainEqual({
      code: 'onDuty',
      params: { until: '2026-11-05T06:00:00.000Z' },
      en: 'On duty until Thu 09:00',
      ru: 'Дежурит до чт 09:00',
    });
    expect(ranking.ranked[1]!.offUntil).toBe('2026-11-05T06:00:00.000Z');
  });

  it('Friday 10:00: Olga has a day off and is back on the transferred working Saturday', () => {
    const ranking = rank({
      now: msk('2026-11-06', '10:00'),
      ticket: ticket({ requiredSkills: [{ skill: 'Oracle' }] }),
    });
    expect(reasonsOf(ranking, A.olga)).toEqual([
      {
        code: 'absent',
        params: { kind: 'dayOff' },
        en: 'Off until Sat 09:00 (day off)',
        ru: 'Отсутствует до сб 09:00 (выходной)',
        until: '2026-11-07T06:00:00.000Z',
      },
    ]);
    expect(ranking.ranked.map((r) => r.accountId)).toEqual([A.pavel]);
  });

  it('Monday 11:00: Pavel is in training until 14:00 the same day', () => {
    const ranking = rank({
      now: msk('2026-11-02', '11:00'),
      ticket: ticket({ requiredSkills: [{ skill: 'Oracle' }] }),
    });
    expect(reasonsOf(ranking, A.pavel)).toEqual([
      {
        code: 'absent',
        params: { kind: 'training', note: 'Oracle 23ai' },
        en: 'Off until 14:00 (training: Oracle 23ai)',
        ru: 'Отсутствует до 14:00 (обучение: Oracle 23ai)',
        until: '2026-11-02T11:00:00.000Z',
      },
    ]);
  });

  it('names every reason that applies, a load limit and skill levels included', () => {
    const ranking = rank({
      now: msk('2026-11-06', '10:00'),
      loads: { [A.sergey]: 3.5, [A.dmitry]: 9 },
      ticket: ticket({ requiredSkills: [{ skill: 'integration bus', minLevel: 4 }], priority: 'high' }),
    });
    expect(reasonsOf(ranking, A.sergey)).toEqual([
      {
        code: 'overMaxLoad',
        params: { load: 3.5, weight: 2, maxLoad: 4 },
        en: 'Load 3.5 + 2 for this ticket exceeds 4',
        ru: 'Нагрузка 3,5 + 2 за эту заявку больше предела 4',
      },
      {
        code: 'missingSkill',
        params: { skill: 'integration bus', level: 3, needs: 4 },
        en: 'integration bus level 3, needs 4',
        ru: 'integration bus: уровень 3, нужен 4',
      },
    ]);
    expect(reasonsOf(ranking, A.dmitry)?.map((r) => r.code)).toEqual(['overMaxLoad']);
    expect(ranking.ranked).toEqual([]);
  });

  it('shares one frozen reason between engineers, so editing one cannot change the others', () => {
    const ranking = rank({
      now: msk('2026-11-02', '12:00'),
      ticket: ticket({ project: 'HW', requiredSkills: [{ skill: 'x86 servers' }] }),
    });
    const notInTeam = ranking.excluded
      .map((e) => e.reasons.find((r) => r.code === 'notInTeam'))
      .filter((r) => r !== undefined);
    expect(notInTeam.length).toBeGreaterThan(1);
    expect(() => {
      notInTeam[0]!.en = 'Edited for one engineer';
    }).toThrow(TypeError);
    expect(notInTeam.map((r) => r.en)).toEqual(notInTeam.map(() => 'Not in the HW team'));
  });

  it('words an absence someone entered, with its note, from the catalogues in both languages', () => {
    const sick: Engineer = {
      ...engineers[3]!,
      absences: [
        { kind: 'sick', from: '2026-11-05', to: '2026-11-05', enteredBy: 'Elena Morozova', note: 'flu' },
      ],
    };
    const ranking = rank({ now: msk('2026-11-05', '12:00'), engineers: [sick], ticket: ticket() });
    const [reason] = ranking.excluded[0]!.reasons;
    expect(reason).toEqual({
      code: 'absent',
      params: { kind: 'sick', enteredBy: 'Elena Morozova', note: 'flu' },
      en: 'Off until Fri 09:00: sick leave (entered by Elena Morozova): flu',
      ru: 'Отсутствует до пт 09:00: больничный (внесено: Elena Morozova): flu',
      until: '2026-11-06T06:00:00.000Z',
    });
  });

  it('gives each reason a code and parameters a screen can word again from the catalogues', () => {
    const ranking = rank({
      now: msk('2026-11-06', '10:00'),
      loads: { [A.sergey]: 3.5 },
      ticket: ticket({ requiredSkills: [{ skill: 'integration bus', minLevel: 4 }], priority: 'high' }),
    });
    for (const reason of reasonsOf(ranking, A.sergey)!) {
      const message = { code: `assignment.exclusion.${reason.code}` as const, params: reason.params };
      expect([translate('en', message), translate('ru', message)]).toEqual([reason.en, reason.ru]);
    }
    expect(reasonsOf(ranking, A.sergey)!.map((r) => r.code)).toEqual(['overMaxLoad', 'missingSkill']);
  });

  it('keeps engineers outside the project team out', () => {
    const ranking = rank({
      now: msk('2026-11-02', '12:00'),
      ticket: ticket({ project: 'HW', requiredSkills: [{ skill: 'x86 servers' }] }),
    });
    expect(ranking.ranked.map((r) => r.accountId)).toEqual([A.irina, A.alexei]);
    expect(reasonsOf(ranking, A.olga)?.[0]).toEqual({
      code: 'notInTeam',
      params: { team: 'HW' },
      en: 'Not in the HW team',
      ru: 'Не входит в команду HW',
    });
  });

  it('puts expertise first on a hot ticket and spare capacity first on a cool one', () => {
    const now = msk('2026-11-05', '12:00');
    const loads = { [A.olga]: 7, [A.pavel]: 0 };
    const needs = [{ skill: 'PostgreSQL' }];
    const cool = rank({ now, loads, ticket: ticket({ requiredSkills: needs, temperature: 20 }) });
    const hot = rank({ now, loads, ticket: ticket({ requiredSkills: needs, temperature: 90 }) });
    expect(cool.ranked.map((r) => r.accountId)).toEqual([A.pavel, A.olga]);
    expect(hot.ranked.map((r) => r.accountId)).toEqual([A.olga, A.pavel]);
  });

  it('breaks ties by lower load, then by accountId', () => {
    const twin = (accountId: string): Engineer => ({
      ...engineers[3]!,
      accountId,
      name: accountId,
      maxLoad: 100,
    });
    const input = {
      now: msk('2026-11-05', '12:00'),
      engineers: [twin('c'), twin('a'), twin('b')],
      ticket: ticket(),
    };
    // A load of 0.001 moves the score by less than its rounding, so only the tie-break separates them.
    expect(rank({ ...input, loads: { a: 0.001 } }).ranked.map((r) => r.accountId)).toEqual(['b', 'c', 'a']);
    expect(rank(input).ranked.map((r) => r.accountId)).toEqual(['a', 'b', 'c']);
  });

  it('treats an engineer whose calendar is missing as off shift, and says why', () => {
    const lost: Engineer = { ...engineers[3]!, calendar: 'spb-2x2' };
    const ranking = rank({ now: msk('2026-11-05', '12:00'), engineers: [lost], ticket: ticket() });
    expect(ranking.excluded[0]!.reasons).toEqual([
      {
        code: 'offShift',
        params: { hours: 'unknown', calendar: 'spb-2x2' },
        en: 'Working hours unknown: no calendar "spb-2x2"',
        ru: 'Рабочее время неизвестно: нет календаря «spb-2x2»',
      },
    ]);
  });
});

describe('rankEngineers at night: the team is still suggested', () => {
  const night = msk('2026-11-03', '23:30');
  const offNowOf = (ranking: ReturnType<typeof rankEngineers>) =>
    ranking.ranked.filter((r) => r.offUntil !== undefined).map((r) => r.accountId);

  it('puts the engineer on duty first and the others after, each with when they are back', () => {
    const ranking = rank({ now: night, ticket: ticket() });
    expect(ranking.ranked[0]).toMatchObject({ accountId: A.pavel, onDuty: true });
    expect(offNowOf(ranking).sort()).toEqual([A.dmitry, A.irina, A.olga, A.sergey].sort());
    for (const r of ranking.ranked.slice(1)) {
      expect(r.onDuty).toBe(false);
      expect(r.offUntil).toBe('2026-11-05T06:00:00.000Z');
      expect(r.reasons.filter((x) => x.code === 'offNow')).toHaveLength(1);
    }
  });

  it('keeps the absent out with their reason, even when they would be off anyway', () => {
    const ranking = rank({ now: night, ticket: ticket() });
    expect(ranking.ranked.map((r) => r.accountId)).not.toContain(A.alexei);
    expect(reasonsOf(ranking, A.alexei)?.map((r) => r.code)).toEqual(['absent', 'offShift']);
  });

  it('ranks those off now by competence, then by spare capacity', () => {
    const t = ticket({ requiredSkills: [{ skill: 'integration bus' }] });
    // Pavel, on duty, lacks the skill; Dmitry (level 4) and Sergey (level 3) are off now.
    const byCompetence = rank({ now: night, ticket: t });
    expect(byCompetence.ranked.map((r) => r.accountId)).toEqual([A.dmitry, A.sergey]);
    expect(reasonsOf(byCompetence, A.pavel)?.map((r) => r.code)).toEqual(['missingSkill']);
    const byLoad = rank({ now: night, ticket: t, loads: { [A.dmitry]: 8 } });
    expect(byLoad.ranked.map((r) => r.accountId)).toEqual([A.sergey, A.dmitry]);
  });

  it('leads with the engineer on duty even when duty adds nothing to the score', () => {
    const noDutyWeight = { ...suggestOnly, scoreWeights: { ...suggestOnly.scoreWeights, duty: 0 } };
    const t = ticket({ requiredSkills: [{ skill: 'PostgreSQL' }] });
    const ranking = rank({ now: night, ticket: t, policy: noDutyWeight });
    // Olga knows PostgreSQL better (5 to Pavel's 3) but is off until Thursday.
    expect(ranking.ranked.map((r) => r.accountId)).toEqual([A.pavel, A.olga]);
    expect(ranking.ranked[1]!.score).toBeGreaterThan(ranking.ranked[0]!.score);
  });

  it('says when someone is really back: after a day off that starts with their next morning', () => {
    // Thursday night: Olga's next working morning is her day off, so she is back on the working Saturday.
    const ranking = rank({
      now: msk('2026-11-05', '23:30'),
      ticket: ticket({ requiredSkills: [{ skill: 'Oracle' }] }),
    });
    const olga = ranking.ranked.find((r) => r.accountId === A.olga)!;
    expect(olga.offUntil).toBe('2026-11-07T06:00:00.000Z');
    expect(olga.reasons.find((r) => r.code === 'offNow')).toMatchObject({
      en: 'Off now — back at Sat 09:00',
      ru: 'Сейчас не на смене — вернётся в сб 09:00',
    });
  });

  it('words the reason from the catalogues, so a screen can word it again', () => {
    const ranking = rank({ now: night, ticket: ticket() });
    const reason = ranking.ranked[1]!.reasons.find((r) => r.code === 'offNow')!;
    const when = { en: 'Thu 09:00', ru: 'чт 09:00' };
    for (const language of ['en', 'ru'] as const)
      expect(
        translate(language, { code: 'assignment.reason.offNow', params: { when: when[language] } }),
      ).toBe(reason[language]);
  });
});

describe('onDutyAt', () => {
  it('follows night slots across midnight and the weekend', () => {
    expect([...onDutyAt(rota, msk('2026-11-03', '08:59')).keys()]).toEqual([A.irina]);
    expect([...onDutyAt(rota, msk('2026-11-03', '09:00')).keys()]).toEqual([]);
    expect([...onDutyAt(rota, msk('2026-11-07', '03:00')).keys()]).toEqual([A.pavel]);
    expect([...onDutyAt(rota, msk('2026-11-09', '08:00')).keys()]).toEqual([A.dmitry]);
    expect(onDutyAt(rota, msk('2026-11-06', '19:00')).get(A.irina)).toEqual(msk('2026-11-07', '00:00'));
  });

  it('joins back-to-back slots of one engineer: Dmitry from Sunday to Monday 09:00', () => {
    expect(onDutyAt(rota, msk('2026-11-08', '12:00'))).toEqual(
      new Map([[A.dmitry, msk('2026-11-09', '09:00')]]),
    );
    expect(onDutyAt(rota, msk('2026-11-07', '12:00'))).toEqual(
      new Map([[A.pavel, msk('2026-11-08', '00:00')]]),
    );
  });
});

describe('decideAssignment', () => {
  const policy: AssignmentPolicy = autoAtNight;

  it('assigns the duty engineer at night under the off-hours rule, with the comment template', () => {
    const t = ticket({ requiredSkills: [{ skill: 'PostgreSQL' }], priority: 'highest' });
    const ranking = rank({ now: msk('2026-11-03', '23:30'), ticket: t, policy });
    expect(decideAssignment(policy, t, ranking)).toEqual({
      action: 'assign',
      accountId: A.pavel,
      rule: 0,
      commentTemplate: 'status-update',
    });
  });

  it('never auto-assigns an engineer who is off now: with nobody working, the top rule suggests', () => {
    const always = AssignmentPolicySchema.parse({
      project: 'SUP',
      mode: 'auto',
      deskCalendar: DEMO_CALENDAR_ID,
      autoRules: [{ when: 'always', priorities: [], assign: 'top' }],
    });
    const t = ticket({ requiredSkills: [{ skill: 'integration bus' }], priority: 'high' });
    const ranking = rank({ now: msk('2026-11-03', '23:30'), ticket: t, policy: always });
    expect(ranking.ranked.length).toBeGreaterThan(0);
    expect(decideAssignment(always, t, ranking)).toEqual({
      action: 'suggest',
      why: 'Rule 1 matched, but nobody suitable is available',
    });
    // The engineer on duty is working now, so the top rule takes them even when others outscore them.
    const any = ticket({ priority: 'high' });
    expect(
      decideAssignment(always, any, rank({ now: msk('2026-11-03', '23:30'), ticket: any, policy: always })),
    ).toMatchObject({
      action: 'assign',
      accountId: A.pavel,
    });
  });

  it('keeps the top rule on the best score among those working now, though the engineer on duty is listed first', () => {
    const top = AssignmentPolicySchema.parse({
      project: 'SUP',
      mode: 'auto',
      deskCalendar: DEMO_CALENDAR_ID,
      scoreWeights: { skill: 3, headroom: 2, duty: 0, language: 1 },
      autoRules: [{ when: 'offHours', priorities: [], assign: 'top' }],
    });
    // Olga works round the clock this week; Pavel is on duty.
    const roundTheClock = {
      ...calendars,
      '24x7': compileCalendar(BusinessCalendarSchema.parse(allDayCalendar)),
    };
    const team = engineers.map((e) => (e.accountId === A.olga ? { ...e, calendar: '24x7' } : e));
    const t = ticket({ requiredSkills: [{ skill: 'PostgreSQL' }], priority: 'high' });
    const ranking = rank({
      now: msk('2026-11-03', '23:30'),
      ticket: t,
      policy: top,
      engineers: team,
      calendars: roundTheClock,
    });
    expect(ranking.ranked.map((r) => r.accountId)).toEqual([A.pavel, A.olga]);
    expect(ranking.ranked[1]!.offUntil).toBeUndefined();
    expect(decideAssignment(top, t, ranking)).toMatchObject({ action: 'assign', accountId: A.olga });
  });

  it('only suggests by day, for low priorities, and when nobody on duty fits', () => {
    const t = ticket({ requiredSkills: [{ skill: 'PostgreSQL' }], priority: 'highest' });
    const day = rank({ now: msk('2026-11-05', '12:00'), ticket: t, policy });
    expect(decideAssignment(policy, t, day).action).toBe('suggest');
    const low = ticket({ requiredSkills: [{ skill: 'PostgreSQL' }], priority: 'low' });
    expect(
      decideAssignment(policy, low, rank({ now: msk('2026-11-03', '23:30'), ticket: low, policy })).action,
    ).toBe('suggest');
    const oneC = ticket({ requiredSkills: [{ skill: '1C', minLevel: 5 }], priority: 'high' });
    expect(
      decideAssignment(policy, oneC, rank({ now: msk('2026-11-03', '23:30'), ticket: oneC, policy })),
    ).toEqual({
      action: 'suggest',
      why: 'Rule 1 matched, but nobody suitable is available',
    });
  });
});

describe('weightedLoads', () => {
  it('adds the policy weight of every open ticket to its assignee', () => {
    const loads = weightedLoads(
      [
        { assigneeAccountId: A.olga, priority: 'highest' },
        { assigneeAccountId: A.olga, priority: 'low' },
        { assigneeAccountId: A.pavel, priority: 'medium' },
        { assigneeAccountId: null, priority: 'highest' },
      ],
      suggestOnly.loadWeights,
    );
    expect(loads).toEqual({ [A.olga]: 3.5, [A.pavel]: 1 });
  });

  it('weighs a ticket by its temperature band when its temperature is known, else by its priority', () => {
    // Default bands: warm from 25, hot from 50, critical from 75; band weights 0.5 / 1 / 2 / 3.
    const rule = loadRuleOf(suggestOnly, DEFAULT_TEMPERATURE_POLICY);
    const loads = weightedLoads(
      [
        // A low-priority ticket that has grown critical weighs like a critical one.
        { assigneeAccountId: A.olga, priority: 'low', temperature: 80 },
        // A highest-priority ticket that is still cold weighs little.
        { assigneeAccountId: A.olga, priority: 'highest', temperature: 10 },
        { assigneeAccountId: A.pavel, priority: 'medium', temperature: 50 },
        // Unknown temperature: the priority's weight.
        { assigneeAccountId: A.pavel, priority: 'high', temperature: null },
        { assigneeAccountId: A.pavel, priority: 'low' },
      ],
      rule,
    );
    expect(loads).toEqual({ [A.olga]: 3 + 0.5, [A.pavel]: 2 + 2 + 0.5 });
  });

  it('weighs by priority only when the policy turns temperature weights off', () => {
    const byPriority = AssignmentPolicySchema.parse({
      project: 'SUP',
      mode: 'suggest',
      deskCalendar: 'moscow-5x2',
      loadWeightsByTemperature: null,
    });
    const loads = weightedLoads(
      [{ assigneeAccountId: A.olga, priority: 'low', temperature: 95 }],
      loadRuleOf(byPriority, DEFAULT_TEMPERATURE_POLICY),
    );
    expect(loads).toEqual({ [A.olga]: 0.5 });
  });
});
