// Suggested assignees through UI Kit's reconciler: the ranking, one-click assignment and the refresh.
import { bilingual } from '@frontline/shared';
import { fakeSidecar, testDeps } from '../../test/fakes';
import type { FakeSidecar } from '../../test/fakes';
import { noJira, suggestionsAnswer } from '../../test/issue-view-fixtures';
import { issueContext, resolverHarness } from '../../test/resolver-harness';
import { issueViewResolvers } from '../../resolvers/issue-views';
import { openIssueView, type IssueViewOptions } from '../../test/issue-view-screen';
import { textOf } from '../../test/ui-harness';

const { SuggestionsApp } = await import('./SuggestionsApp');

let sidecar: FakeSidecar;
beforeEach(() => {
  sidecar = fakeSidecar({});
});

const open = (locale = 'en-US', invoke?: IssueViewOptions['invoke']) =>
  openIssueView(<SuggestionsApp />, sidecar, { locale, invoke });

describe('Suggested assignees', () => {
  it('shows a spinner while loading', async () => {
    const ui = await open('en-US', () => new Promise(() => undefined));
    await ui.waitFor((u) => u.findAll('Spinner').length === 1);
    expect(ui.findAll('Spinner')[0]!.props.label).toBe('Loading suggested assignees');
  });

  it('lists candidates best first with their reasons, and who is left out and why', async () => {
    const data = suggestionsAnswer();
    sidecar.suggestions = data;
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('Left out'));
    const text = ui.text();
    expect(text.indexOf('1. Anna Volkova')).toBeLessThan(text.indexOf('2. Ivan Petrov'));
    for (const r of data.candidates.flatMap((c) => c.reasons)) expect(text).toContain(r.en);
    expect(text).toContain('Oleg Smirnov: Business trip until Wed 09:00');
    expect(text).toContain('Showing 1 of 3.');
    expect(ui.findAll('Lozenge', 'on duty')).toHaveLength(1);
    expect(ui.findAll('Button', 'Assign to Anna Volkova')[0]!.props.appearance).toBe('primary');
  });

  it('assigns with one click, then fetches the ranking again and marks the new assignee', async () => {
    sidecar.suggestions = suggestionsAnswer();
    const ui = await open();
    await ui.waitFor((u) => u.findAll('Button', 'Assign to Ivan Petrov').length === 1);
    await ui.press('Assign to Ivan Petrov');
    await ui.waitFor(
      (u) => u.text().includes('Assigned to Ivan Petrov.') && u.findAll('Lozenge', 'assignee').length === 1,
    );
    expect(sidecar.assigned.map((a) => a.accountId)).toEqual(['acc-ivan']);
    expect(sidecar.calls.filter((c) => c.endsWith('/suggestions'))).toHaveLength(2);
    // Ivan now has the "assignee" mark instead of a button; Anna can still be chosen.
    expect(ui.findAll('Button', 'Assign to Ivan Petrov')).toHaveLength(0);
    expect(ui.findAll('Button', 'Assign to Anna Volkova')).toHaveLength(1);
  });

  it("shows the sidecar's refusal and keeps the list", async () => {
    sidecar.suggestions = suggestionsAnswer();
    sidecar.onAssign = () => ({
      status: 409,
      body: { code: 'assignment_refused', message: 'Anna Volkova is over her maximum load' },
    });
    const ui = await open();
    await ui.waitFor((u) => u.findAll('Button', 'Assign to Anna Volkova').length === 1);
    await ui.press('Assign to Anna Volkova');
    await ui.waitFor((u) => u.findAll('SectionMessage', 'Not assigned to Anna Volkova').length === 1);
    const error = ui.findAll('SectionMessage', 'Not assigned to Anna Volkova')[0]!;
    expect(error.props.appearance).toBe('error');
    expect(textOf(error)).toContain('Anna Volkova is over her maximum load');
    expect(ui.findAll('Button', 'Assign to Anna Volkova')).toHaveLength(1);
    expect(sidecar.calls.filter((c) => c.endsWith('/suggestions'))).toHaveLength(1);
  });

  it.each([
    [
      'en-US',
      'Assign to Anna Volkova',
      'Not assigned to Anna Volkova',
      'The tracker refused the assignment: Anna Volkova cannot be assigned in SUP',
    ],
    [
      'ru-RU',
      'Назначить: Anna Volkova',
      'Не назначено: Anna Volkova',
      'Трекер отказал в назначении: Anna Volkova cannot be assigned in SUP',
    ],
  ])('in %s, words the reason of a refusal in the user’s language', async (locale, button, title, reason) => {
    sidecar.suggestions = suggestionsAnswer();
    const worded = bilingual({
      code: 'assignment.trackerRefused',
      params: { detail: 'Anna Volkova cannot be assigned in SUP' },
    });
    // What the sidecar answers when Jira refuses: English words as the message, both languages in details.
    sidecar.onAssign = () => ({
      status: 502,
      body: { code: 'assignment_refused', message: worded.en, details: { reason: worded } },
    });
    const ui = await open(locale);
    await ui.waitFor((u) => u.findAll('Button', button).length === 1);
    await ui.press(button);
    await ui.waitFor((u) => u.findAll('SectionMessage', title).length === 1);
    const error = ui.findAll('SectionMessage', title)[0]!;
    expect(error.props.appearance).toBe('error');
    expect(textOf(error)).toBe(`${title} ${reason}`);
    expect(ui.findAll('Button', button)).toHaveLength(1);
  });

  it('a second click while the first assignment runs sends nothing more', async () => {
    sidecar.suggestions = suggestionsAnswer();
    let release: () => void = () => undefined;
    const harness = resolverHarness(
      issueViewResolvers,
      testDeps(noJira, sidecar),
      issueContext({ id: '1', key: 'SUP-12' }),
    );
    const ui = await open('en-US', async (key, payload) => {
      if (key === 'suggestions.assign') await new Promise<void>((r) => (release = r));
      return harness.call(key, payload);
    });
    await ui.waitFor((u) => u.findAll('Button', 'Assign to Anna Volkova').length === 1);
    const button = ui.findAll('Button', 'Assign to Anna Volkova')[0]!;
    await ui.fire(button, 'onClick', undefined);
    await ui.fire(button, 'onClick', undefined);
    expect(ui.text()).toContain('Assigning to Anna Volkova…');
    release();
    await ui.waitFor((u) => u.text().includes('Assigned to Anna Volkova.'));
    expect(sidecar.assigned).toHaveLength(1);
  });

  it('says when the issue has not been ranked yet', async () => {
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('No suggestions yet'));
  });

  it('in Russian: labels translated, reasons in Russian', async () => {
    sidecar.suggestions = suggestionsAnswer();
    const ui = await open('ru-RU');
    await ui.waitFor((u) => u.text().includes('Исключены'));
    expect(ui.text()).toContain('1С: уровень 5 из 5');
    expect(ui.text()).toContain('В командировке до ср 09:00');
    expect(ui.findAll('Button', 'Назначить: Anna Volkova')).toHaveLength(1);
  });

  it('says the sidecar is unreachable', async () => {
    sidecar.down = true;
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('Sidecar unreachable'));
  });
});
