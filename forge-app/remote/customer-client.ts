// The customer side's calls to the sidecar over Forge Remote: the issue's approval requests (the
// Contract panel lists, sends and records them) and the ratings figures for the Service report.
import { callSidecar, queryOf } from './call.js';
import type { InvokeRemote } from './call.js';

const issuePath = (issueKey: string) => `/forge/api/issues/${encodeURIComponent(issueKey)}/approvals`;

export const customerPaths = {
  approvals: issuePath,
  record: (issueKey: string) => `${issuePath(issueKey)}/record`,
  ratings: '/forge/api/customer/ratings',
} as const;

export function createCustomerClient(invokeRemote: InvokeRemote) {
  const call = (path: string, method: 'GET' | 'POST', body?: unknown) =>
    callSidecar<unknown>(invokeRemote, { path, method, body });
  return {
    approvals: (issueKey: string) => call(customerPaths.approvals(issueKey), 'GET'),
    requestApproval: (issueKey: string, body: unknown) =>
      call(customerPaths.approvals(issueKey), 'POST', body),
    recordApproval: (issueKey: string, body: unknown) => call(customerPaths.record(issueKey), 'POST', body),
    ratings: (params: Record<string, string>) => call(`${customerPaths.ratings}${queryOf(params)}`, 'GET'),
  };
}

export type CustomerClient = ReturnType<typeof createCustomerClient>;
