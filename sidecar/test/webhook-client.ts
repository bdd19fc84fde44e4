// Sends Jira-shaped webhooks the way Jira does: signed raw body, delivery identifier header.
import { randomUUID } from 'node:crypto';
import { signBody } from '../src/intake/signature.js';

export const TEST_SECRETS = ['northwind-current-secret-0001', 'northwind-previous-secret-0002'];

/** A `jira:issue_created` body for a Northwind SUP ticket. */
export function issueCreated(key: string, timestamp = 1_790_000_000_000): Record<string, unknown> {
  return {
    timestamp,
    webhookEvent: 'jira:issue_created',
    issue_event_type_name: 'issue_created',
    user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Anna Petrova' },
    issue: {
      id: String(10_000 + Number(key.split('-')[1] ?? 0)),
      key,
      fields: {
        summary: 'Month-end close: VAT ledger does not match the sales book',
        project: { key: 'SUP' },
      },
    },
  };
}

export interface Delivery {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs `body` to `/webhooks/jira`, signed with `secret` unless `signature` overrides it. */
export async function deliver(
  baseUrl: string,
  body: unknown,
  opts: { secret?: string; identifier?: string | null; signature?: string | null; contentType?: string } = {},
): Promise<Delivery> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json' };
  const identifier = opts.identifier === undefined ? randomUUID() : opts.identifier;
  if (identifier !== null) headers['x-atlassian-webhook-identifier'] = identifier;
  const signature =
    opts.signature === undefined ? signBody(raw, opts.secret ?? TEST_SECRETS[0]!) : opts.signature;
  if (signature !== null) headers['x-hub-signature'] = signature;
  const res = await fetch(`${baseUrl}/webhooks/jira`, { method: 'POST', headers, body: raw });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
