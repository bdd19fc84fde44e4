// Opens one of the issue-view screens (Temperature, Customer contract, Suggested assignees) for
// SUP-12, in the user's language, with its resolver calls answered by the real issue-view resolvers
// over a fake sidecar — or by `invoke`, to hold a screen in its loading or failing state.
import type { ReactElement } from 'react';
import { issueViewResolvers } from '../resolvers/issue-views';
import { testDeps, type FakeSidecar } from './fakes';
import { noJira } from './issue-view-fixtures';
import { issueContext, resolverHarness } from './resolver-harness';
import { renderUi, type UiOptions } from './ui-harness';

export interface IssueViewOptions {
  locale?: string;
  invoke?: UiOptions['invoke'];
  context?: Record<string, unknown>;
}

/** Renders `screen` inside the translations provider, as Jira would show it on SUP-12. */
export async function openIssueView(screen: ReactElement, sidecar: FakeSidecar, opts: IssueViewOptions = {}) {
  // Loaded only now: @forge/bridge reads the test bridge when it loads, and ui-harness installs it first.
  const { Translated } = await import('../frontend/i18n');
  const harness = resolverHarness(
    issueViewResolvers,
    testDeps(noJira, sidecar),
    issueContext({ id: '1', key: 'SUP-12' }),
  );
  return renderUi(<Translated>{screen}</Translated>, {
    invoke: opts.invoke ?? ((key, payload) => harness.call(key, payload)),
    locale: opts.locale ?? 'en-US',
    ...(opts.context ? { context: opts.context } : {}),
  });
}
