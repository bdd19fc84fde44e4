// Composition root of the Forge functions: the real Jira, KVS and sidecar seams wired into each
// resolver group. src/index.ts re-exports these under the handler names in manifest.yml.
import { asApp, asUser, invokeRemote } from '@forge/api';
import { createAppJira } from './jira/app-jira.js';
import { createCustomerClient } from './remote/customer-client.js';
import { approvalResolvers } from './resolvers/approvals.js';
import { paidWorkValidator as validatePaidWork } from './validators/paid-work.js';
import { createJiraClient } from './jira/jira-client.js';
import { createSidecarClient } from './remote/sidecar-client.js';
import type { InvokeRemote } from './remote/sidecar-client.js';
import { createAvailabilityClient } from './remote/availability-client.js';
import { availabilityResolvers } from './resolvers/availability.js';
import { issueViewResolvers } from './resolvers/issue-views.js';
import { replyResolvers } from './resolvers/reply.js';
import { projectPageResolvers } from './resolvers/project-page.js';
import { reportResolvers } from './resolvers/report.js';
import { createReportClient } from './remote/report-client.js';
import type { ResolverDeps } from './resolvers/resolver-kit.js';
import { toForgeHandler } from './resolvers/resolver-kit.js';
import { routeResolvers } from './resolvers/route.js';
import { settingsResolvers } from './resolvers/settings.js';
import { join } from 'node:path';
import { spellersFrom } from './spelling.js';
import { createKvsStore } from './storage/kvs-store.js';

const deps: ResolverDeps = {
  jira: createJiraClient({ asUser: () => asUser() }),
  store: createKvsStore(),
  sidecar: createSidecarClient(invokeRemote as InvokeRemote),
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const routeResolver = toForgeHandler(routeResolvers(deps));
// The bundle is CommonJS: the dictionaries sit in `dictionaries/` next to it.
export const replyResolver = toForgeHandler(
  replyResolvers(deps, spellersFrom(join(__dirname, 'dictionaries'))),
);
export const settingsResolver = toForgeHandler(settingsResolvers(deps));
// One function serves the Temperature glance, the Contract panel and Suggested assignees.
export const issueViewResolver = toForgeHandler({
  ...issueViewResolvers(deps),
  ...approvalResolvers({ ...deps, customer: createCustomerClient(invokeRemote as InvokeRemote) }),
});
// The workflow validator runs without a person's consent: Jira as the app.
export const paidWorkValidator = validatePaidWork({
  jira: createAppJira({ asApp: () => asApp() }),
  contractPanel: (issueKey) => deps.sidecar.getContractPanel(issueKey),
});
// My availability's function.
export const availabilityResolver = toForgeHandler(
  availabilityResolvers(createAvailabilityClient(invokeRemote as InvokeRemote))(deps),
);
// The service report page and its dashboard gadget.
export const reportResolver = toForgeHandler(
  reportResolvers(createReportClient(invokeRemote as InvokeRemote)),
);
// The project page: Team week and the project's Service report, one function for both tabs.
export const projectPageResolver = toForgeHandler(
  projectPageResolvers({
    availability: createAvailabilityClient(invokeRemote as InvokeRemote),
    report: createReportClient(invokeRemote as InvokeRemote),
  })(deps),
);
