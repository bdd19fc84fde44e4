// The project page through UI Kit's reconciler, in English and Russian, over the one function the
// manifest gives it: both tabs' screens call their resolvers through it and reach the sidecar.
import { createAvailabilityClient } from '../../remote/availability-client';
import { createReportClient } from '../../remote/report-client';
import type { InvokeRemote } from '../../remote/sidecar-client';
import { projectPageResolvers } from '../../resolvers/project-page';
import { fakeSidecar, testDeps } from '../../test/fakes';
import { noJira } from '../../test/issue-view-fixtures';
import { resolverHarness } from '../../test/resolver-harness';
import { renderUi } from '../../test/ui-harness';

const { ProjectPageApp } = await import('./ProjectPageApp');
const { Translated } = await import('../i18n');

async function open(locale: string) {
  const paths: string[] = [];
  // The sidecar is down: each tab says so in its own words, which shows its call went all the way.
  const invokeRemote: InvokeRemote = async (_key, { path }) => {
    paths.push(path);
    return {
      ok: false,
      status: 503,
      text: async () => JSON.stringify({ error: { code: 'store_unavailable', message: 'Store down' } }),
    };
  };
  const clients = {
    availability: createAvailabilityClient(invokeRemote),
    report: createReportClient(invokeRemote),
  };
  const harness = resolverHarness(projectPageResolvers(clients), testDeps(noJira, fakeSidecar({})), {
    extension: { project: { key: 'SUP' } },
  });
  const ui = await renderUi(
    <Translated>
      <ProjectPageApp today="2026-11-30" />
    </Translated>,
    { invoke: (key, payload) => harness.call(key, payload), locale },
  );
  await ui.waitFor(
    () =>
      paths.some((p) => p.startsWith('/forge/api/availability/team')) &&
      paths.some((p) => p.startsWith('/forge/api/reports/service')),
  );
  return { ui, paths };
}

describe.each([
  ['en-US', ['Team week', 'Service report']],
  ['ru-RU', ['Неделя команды', 'Отчёт о сервисе']],
])('the project page in %s', (locale, tabs) => {
  it('shows Team week and the Service report as tabs, both served by the page function', async () => {
    const { ui, paths } = await open(locale);
    expect(ui.findAll('Tab').map((tab) => tab.children.map((c) => c.props.text).join(''))).toEqual(tabs);
    const called = ui.invocations.map((i) => i.functionKey);
    expect(called).toEqual(expect.arrayContaining(['teamWeek.load', 'report.load']));
    // No call was refused for want of a resolver: every one reached the sidecar.
    expect(paths.filter((p) => p.startsWith('/forge/api/reports/service')).length).toBeGreaterThan(0);
    expect(ui.text()).not.toMatch(/no resolver|not defined/i);
  });
});
