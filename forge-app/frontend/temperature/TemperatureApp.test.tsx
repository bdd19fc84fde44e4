// The Temperature glance through UI Kit's reconciler, in English and Russian.
import { fakeSidecar } from '../../test/fakes';
import type { FakeSidecar } from '../../test/fakes';
import { temperatureAnswer } from '../../test/issue-view-fixtures';
import { openIssueView, type IssueViewOptions } from '../../test/issue-view-screen';

const { TemperatureApp } = await import('./TemperatureApp');

let sidecar: FakeSidecar;
beforeEach(() => {
  sidecar = fakeSidecar({});
});

const open = (locale = 'en-US', invoke?: IssueViewOptions['invoke'], context: Record<string, unknown> = {}) =>
  openIssueView(<TemperatureApp />, sidecar, { locale, invoke, context });

describe('Temperature glance', () => {
  it('shows a spinner while the sidecar computes', async () => {
    const ui = await open('en-US', () => new Promise(() => undefined));
    await ui.waitFor((u) => u.findAll('Spinner').length === 1);
    expect(ui.findAll('Spinner')[0]!.props.label).toBe('Working out the temperature');
  });

  it("shows the score, the band's lozenge and every factor's points and reason", async () => {
    const data = temperatureAnswer();
    sidecar.temperature = data;
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('What makes up the score'));
    expect(ui.findAll('Heading', String(data.score))).toHaveLength(1);
    const lozenge = ui.findAll('Lozenge')[0]!;
    expect(lozenge.props.appearance).toBe(
      data.band === 'cold' ? 'inprogress' : data.band === 'warm' ? 'moved' : 'removed',
    );
    for (const f of data.factors) expect(ui.text()).toContain(f.reason.en);
    expect(ui.findAll('Badge').map((b) => b.children[0]?.props.text)).toEqual(
      data.factors.map((f) => (f.points > 0 ? `+${f.points}` : String(f.points))),
    );
    expect(ui.text()).toContain('Month-end close');
  });

  it("speaks Russian to a Russian user: labels from the translations, reasons from the sidecar's ru text", async () => {
    const data = temperatureAnswer();
    sidecar.temperature = data;
    const ui = await open('ru-RU');
    await ui.waitFor((u) => u.text().includes('Из чего складывается оценка'));
    for (const f of data.factors) expect(ui.text()).toContain(f.reason.ru);
    expect(ui.text()).toContain('Израсходовано времени SLA');
    expect(ui.text()).not.toContain('What makes up the score');
  });

  it("tells when it was computed in the user's Jira time zone", async () => {
    sidecar.temperature = temperatureAnswer(); // computed at 07:00 UTC
    const moscow = await open('en-US', undefined, { timezone: 'Europe/Moscow' });
    await moscow.waitFor((u) => u.text().includes('Computed'));
    expect(moscow.text()).toMatch(/Computed Nov 30, 2026, 10:00\s?AM/);
    const utc = await open('en-US');
    await utc.waitFor((u) => u.text().includes('Computed'));
    expect(utc.text()).toMatch(/Computed Nov 30, 2026, 7:00\s?AM UTC/);
  });

  it('says the sidecar is unreachable, and Refresh asks again', async () => {
    sidecar.down = true;
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('Sidecar unreachable'));
    sidecar.down = false;
    sidecar.temperature = temperatureAnswer();
    await ui.press('Try again');
    await ui.waitFor((u) => u.text().includes('What makes up the score'));
    expect(sidecar.calls).toHaveLength(1);
  });
});
