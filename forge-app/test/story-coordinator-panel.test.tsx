// Story: the coordinator's Suggested assignees panel. "Rank again now" asks the sidecar for a fresh
// ranking (the sidecar ranks on every request; see sidecar/test/story-coordinator.integration.test.ts
// for the ranking itself); an assigned ticket says it can be reassigned; after an assignment the
// panel says whose name Jira shows — the coordinator's, or the app's when the sidecar held no token
// of theirs — in English and Russian.
import { fakeSidecar } from './fakes';
import type { FakeSidecar } from './fakes';
import { suggestionsAnswer } from './issue-view-fixtures';
import { openIssueView } from './issue-view-screen';

const { SuggestionsApp } = await import('../frontend/suggestions/SuggestionsApp');

let sidecar: FakeSidecar;
beforeEach(() => {
  sidecar = fakeSidecar({});
  sidecar.suggestions = suggestionsAnswer();
});

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
});
