// Story: the coordinator's Suggested assignees panel. "Rank again now" asks the sidecar for a fresh
// ranking (the sidecar ranks on every request; see sidecar/test/story-coordinator.integration.test.ts
// for the ranking itself); an assigned ticket says it can be reassigned; after an assignment the
// panel says whose name Jira shows — the coordinator's, or the app's when the sidecar held no token
// of theirs — in English and Russian. At night the engineer on duty leads, marked "on duty", and the
// others who are merely off now are still offered, each marked with when they are back; the absent
// stay under "Left out" with their reason.
import { fakeSidecar } from './fakes';
import type { FakeSidecar } from './fakes';
import { suggestionsAnswer } from './issue-view-fixtures';
import { openIssueView } from './issue-view-screen';
import { textOf } from './ui-harness';

const { SuggestionsApp } = await import('../frontend/suggestions/SuggestionsApp');

let sidecar: FakeSidecar;
beforeEach(() => {
  sidecar = fakeSidecar({});
  sidecar.suggestions = suggestionsAnswer();
});

const back = { code: 'offNow', en: 'Off now — back at 09:00', ru: 'Сейчас не на смене — вернётся в 09:00' };
const load = (n: number) => ({ code: 'load', en: `Load ${n} of 10`, ru: `Нагрузка ${n} из 10` });

/** The sidecar's answer at 02:00: Dmitry on duty, Pavel and Alexei off until the morning, Olga sick. */
function nightAnswer() {
  return {
    issueKey: 'SUP-12',
    rankedAt: '2026-12-08T23:00:00.000Z',
    trigger: 'onDemand',
    assigneeAccountId: null,
    offHours: true,
    candidates: [
      {
        rank: 1,
        accountId: 'acc-dmitry',
        name: 'Dmitry Volkov',
        score: 2.4,
        load: 1,
        onDuty: true,
        reasons: [load(1), { code: 'onDuty', en: 'On duty until 09:00', ru: 'Дежурит до 09:00' }],
      },
      {
        rank: 2,
        accountId: 'acc-pavel',
        name: 'Pavel Morozov',
        score: 2.1,
        load: 2,
        onDuty: false,
        offUntil: '2026-12-09T06:00:00.000Z',
        reasons: [{ code: 'skill', en: 'Skills: Oracle 5/5', ru: 'Навыки: Oracle 5/5' }, load(2), back],
      },
      {
        rank: 3,
        accountId: 'acc-alexei',
        name: 'Alexei Smirnov',
        score: 1.2,
        load: 4,
        onDuty: false,
        offUntil: '2026-12-09T06:00:00.000Z',
        reasons: [load(4), back],
      },
    ],
    excluded: [
      {
        accountId: 'acc-olga',
        name: 'Olga Kuznetsova',
        reasons: [
          {
            code: 'absent',
            en: 'Off until Fri 09:00 (sick leave)',
            ru: 'Отсутствует до пт 09:00 (больничный)',
            until: '2026-12-11T06:00:00.000Z',
          },
        ],
      },
    ],
    candidatesTotal: 3,
    excludedTotal: 1,
  };
}

const rankings = () => sidecar.calls.filter((c) => c.endsWith('/suggestions')).length;

describe('Story: the coordinator works the Suggested assignees panel', () => {
  it('ranks again on request and says Jira shows the coordinator after her assignment', async () => {
    sidecar.actingAs = 'person';
    const ui = await openIssueView(<SuggestionsApp />, sidecar);
    await ui.waitFor((u) => u.findAll('Button', 'Rank again now').length === 1);
    expect(rankings()).toBe(1);
    await ui.press('Rank again now');
    await ui.waitFor(() => rankings() === 2);
    await ui.waitFor((u) => u.findAll('Button', 'Assign to Ivan Petrov').length === 1);
    await ui.press('Assign to Ivan Petrov');
    await ui.waitFor((u) => u.text().includes('Assigned to Ivan Petrov.'));
    expect(ui.text()).toContain("Jira's history shows you as the one who assigned it.");
    // Assigned now: the panel offers the others, to reassign.
    await ui.waitFor((u) => u.text().includes('Already assigned: pick someone else to reassign.'));
  });

  it('says so when it could only act as the app, in Russian', async () => {
    sidecar.actingAs = 'app';
    const ui = await openIssueView(<SuggestionsApp />, sidecar, { locale: 'ru-RU' });
    await ui.waitFor((u) => u.findAll('Button', 'Пересчитать сейчас').length === 1);
    const assign = ui.findAll('Button').find((b) => /Ivan Petrov|Иван/.test(JSON.stringify(b)))!;
    await ui.fire(assign, 'onClick', undefined);
    await ui.waitFor((u) => u.text().includes('назначившим указано приложение'));
    expect(ui.findAll('SectionMessage')[0]!.props.appearance).toBe('warning');
  });

  it('at night leads with the engineer on duty and marks the others with when they are back', async () => {
    sidecar.suggestions = nightAnswer();
    const ui = await openIssueView(<SuggestionsApp />, sidecar);
    await ui.waitFor((u) => u.findAll('Button', 'Assign to Alexei Smirnov').length === 1);
    expect(ui.findAll('Lozenge').map(textOf)).toEqual([
      'on duty',
      'Off now — back at 09:00',
      'Off now — back at 09:00',
    ]);
    const text = ui.text();
    expect(text.indexOf('1. Dmitry Volkov')).toBeLessThan(text.indexOf('2. Pavel Morozov'));
    // The mark says it once per engineer; it is not repeated among the reasons.
    expect(text.split('Off now — back at 09:00')).toHaveLength(3);
    expect(text).not.toContain('Nobody can take this issue right now');
    expect(ui.findAll('Button', 'Assign to Dmitry Volkov')[0]!.props.appearance).toBe('primary');
    expect(ui.findAll('Button', 'Assign to Pavel Morozov')[0]!.props.appearance).toBe('default');
    expect(text).toContain('Olga Kuznetsova: Off until Fri 09:00 (sick leave)');
  });

  it('says the same at night in Russian', async () => {
    sidecar.suggestions = nightAnswer();
    const ui = await openIssueView(<SuggestionsApp />, sidecar, { locale: 'ru-RU' });
    await ui.waitFor((u) => u.text().includes('Alexei Smirnov'));
    expect(ui.findAll('Lozenge').map(textOf)).toEqual([
      'дежурит',
      'Сейчас не на смене — вернётся в 09:00',
      'Сейчас не на смене — вернётся в 09:00',
    ]);
    expect(ui.text()).toContain('Olga Kuznetsova: Отсутствует до пт 09:00 (больничный)');
  });
});
