// The customer side's calls to the sidecar over Forge Remote: the issue's approval requests (the
// Contract panel lists, sends and records them) and the ratings figures for the Service report.
import type { Result } from '@frontline/shared';
import { SIDECAR_REMOTE } from './sidecar-client.js';
import type { InvokeRemote, RemoteError } from './sidecar-client.js';

const issuePath = (issueKey: string) => `/forge/api/issues/${encodeURIComponent(issueKey)}/approvals`;

export const customerPaths = {
  approvals: issuePath,
  record: (issueKey: string) => `${issuePath(issueKey)}/record`,
  ratings: '/forge/api/customer/ratings',
} as const;

export function createCustomerClient(invokeRemote: InvokeRemote) {
  async function call(
    path: string,
    method: 'GET' | 'POST',
    body?: unknown,
  ): Promise<Result<unknown, RemoteError>> {
    try {
      const res = await invokeRemote(SIDECAR_REMOTE, {
        path,
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // a proxy's error page stays text
      }
      if (res.ok) return { ok: true, value: parsed };
      const error = (parsed as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
      const message =
        typeof error?.message === 'string' ? error.message : `The sidecar answered HTTP ${res.status}`;
      return { ok: false, error: { status: res.status, message, details: error?.details } };
    } catch (error) {
      return { ok: false, error: { status: 0, message: `The sidecar is unreachable: ${String(error)}` } };
    }
  }
  return {
    approvals: (issueKey: string) => call(customerPaths.approvals(issueKey), 'GET'),
    requestApproval: (issueKey: string, body: unknown) =>
      call(customerPaths.approvals(issueKey), 'POST', body),
    recordApproval: (issueKey: string, body: unknown) => call(customerPaths.record(issueKey), 'POST', body),
    ratings: (params: Record<string, string>) => {
      const query = new URLSearchParams(params).toString();
      return call(query ? `${customerPaths.ratings}?${query}` : customerPaths.ratings, 'GET');
    },
  };
}

export type CustomerClient = ReturnType<typeof createCustomerClient>;
