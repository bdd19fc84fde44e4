// The YouTrack app's workflow rules, simulated: each issue created, changed or commented is posted
// to the sidecar as Frontline's contract says (shared/src/schemas/youtrack-events.ts): JSON body,
// `X-Frontline-Signature: sha256=<hex HMAC>` and `X-Frontline-Delivery`, which stays the same when
// a failed delivery (no answer, 5xx, 429) is tried again.
import { createHmac, randomUUID } from 'node:crypto';
import { YOUTRACK_DELIVERY_HEADER, YOUTRACK_SIGNATURE_HEADER } from '@frontline/shared';
import type { YouTrackEventInput } from '@frontline/shared';
import type { FieldChange, YtComment, YtIssue, YtUser } from './state.js';

export interface EventTarget {
  url: string;
  secret: string;
}

export interface EventDelivery {
  deliveryId: string;
  type: string;
  issue: string;
  status: number;
  attempt: number;
}

const user = (u: YtUser) => ({
  login: u.login,
  fullName: u.fullName,
  ...(u.email ? { email: u.email } : {}),
});

/** A YouTrack value as the workflow's `issue.fields` exposes it: names and logins. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (typeof v.login === 'string') return { login: v.login, fullName: v.fullName };
  if (typeof v.name === 'string')
    return { name: v.name, ...(typeof v.isResolved === 'boolean' ? { isResolved: v.isResolved } : {}) };
  return value;
}

/** The event body for one change. */
export function eventBody(
  type: 'issue.created' | 'issue.updated' | 'issue.commented',
  issue: YtIssue,
  by: YtUser,
  extra: { changes?: FieldChange[]; comment?: YtComment },
  now: number,
): YouTrackEventInput {
  return {
    type,
    deliveryId: randomUUID(),
    timestamp: now,
    issue: {
      id: issue.id,
      idReadable: issue.idReadable,
      summary: issue.summary,
      created: issue.created,
      updated: issue.updated,
      resolved: issue.resolved,
      project: { id: issue.project.id, shortName: issue.project.shortName, name: issue.project.name },
      reporter: issue.reporter ? user(issue.reporter) : null,
      customFields: issue.customFields.map((f) => ({
        name: f.name,
        $type: f.$type,
        value:
          f.value === null
            ? null
            : { ...(plain(f.value) as object), $type: (f.value as { $type?: string }).$type },
      })),
    },
    ...(extra.changes
      ? {
          changes: extra.changes.map((c) => ({
            field: c.field,
            removed: plain(c.removed),
            added: plain(c.added),
          })),
        }
      : {}),
    ...(extra.comment
      ? {
          comment: {
            id: extra.comment.id,
            text: extra.comment.text,
            created: extra.comment.created,
            author: { login: extra.comment.author.login },
            visibility: extra.comment.visibility.$type === 'LimitedVisibility' ? 'restricted' : 'public',
          },
        }
      : {}),
    author: user(by),
  };
}

/** Signs and posts events, retrying failed deliveries a few times with the same delivery id. */
export class EventSender {
  readonly deliveries: EventDelivery[] = [];
  private target: EventTarget | undefined;
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly opts: { maxAttempts: number; baseDelayMs: number; log: (line: string) => void },
  ) {}

  pointAt(target: EventTarget | undefined): void {
    this.target = target;
  }

  send(body: YouTrackEventInput): void {
    const target = this.target;
    if (!target) return;
    const text = JSON.stringify(body);
    const run = this.deliver(target, body, text).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves when every delivery so far has ended. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(target: EventTarget, body: YouTrackEventInput, text: string): Promise<void> {
    const signature = `sha256=${createHmac('sha256', target.secret).update(text).digest('hex')}`;
    for (let attempt = 1; attempt <= this.opts.maxAttempts; attempt++) {
      let status = 0;
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            [YOUTRACK_SIGNATURE_HEADER]: signature,
            [YOUTRACK_DELIVERY_HEADER]: body.deliveryId,
          },
          body: text,
          signal: AbortSignal.timeout(10_000),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      }
      this.deliveries.push({
        deliveryId: body.deliveryId,
        type: body.type,
        issue: body.issue.idReadable,
        status,
        attempt,
      });
      this.opts.log(`youtrack event ${body.type} ${body.issue.idReadable} → ${status || 'no answer'}`);
      if (status !== 0 && status !== 429 && status < 500) return;
      await new Promise((r) => setTimeout(r, this.opts.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
