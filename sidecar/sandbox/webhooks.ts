// Admin webhooks as Jira Cloud sends them: the raw JSON body signed with the registration's secret
// (`X-Hub-Signature: sha256=<hex>`), one identifier per delivery that stays the same across retries,
// retries with backoff on 408/409/425/429/5xx and on connection failures.
import { createHmac, randomUUID } from 'node:crypto';
import {
  STAND_IN_WEBHOOK_EVENTS,
  type StandInWebhookEvent,
  type WebhookDeliveryAttempt,
  type WebhookRegistration,
  type WebhookTarget,
} from './types.js';

const RETRY_STATUSES = new Set([408, 409, 425, 429]);

/** Whether Jira would try a delivery again after this answer (0 = no answer at all). */
export const shouldRedeliver = (status: number): boolean =>
  status === 0 || status >= 500 || RETRY_STATUSES.has(status);

/** The signature header value for `body` under `secret`. */
export const signBody = (body: string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

interface Registration extends WebhookRegistration {
  secret: string;
}

export interface WebhookSenderOptions {
  base: () => string;
  maxAttempts: number;
  baseDelayMs: number;
  log: (line: string) => void;
}

export class WebhookSender {
  private readonly registrations: Registration[] = [];
  readonly attempts: WebhookDeliveryAttempt[] = [];
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = 1;

  constructor(private readonly opts: WebhookSenderOptions) {}

  register(target: WebhookTarget): WebhookRegistration {
    const id = this.nextId++;
    const registration: Registration = {
      id,
      self: `${this.opts.base()}/rest/webhooks/1.0/webhook/${id}`,
      name: target.name ?? `webhook ${id}`,
      url: target.url,
      events: target.events ?? STAND_IN_WEBHOOK_EVENTS,
      secret: target.secret,
    };
    this.registrations.push(registration);
    const { secret: _secret, ...visible } = registration;
    return visible;
  }

  list(): WebhookRegistration[] {
    return this.registrations.map(({ secret: _secret, ...visible }) => visible);
  }

  /** Sends `payload` to every registration subscribed to `event`. */
  send(event: StandInWebhookEvent, payload: Record<string, unknown>): void {
    if (this.closed) return;
    const body = JSON.stringify(payload);
    for (const r of this.registrations.filter((x) => x.events.includes(event))) {
      this.pending += 1;
      void this.deliver(r, event, body, randomUUID(), 1);
    }
  }

  private async deliver(
    r: Registration,
    event: StandInWebhookEvent,
    body: string,
    identifier: string,
    attempt: number,
  ): Promise<void> {
    let status = 0;
    try {
      const res = await fetch(r.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Hub-Signature': signBody(body, r.secret),
          'X-Atlassian-Webhook-Identifier': identifier,
          'X-Atlassian-Webhook-Flow': 'Primary',
          ...(attempt > 1 ? { 'X-Atlassian-Webhook-Retry': String(attempt - 1) } : {}),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    this.attempts.push({ identifier, event, url: r.url, attempt, status });
    this.opts.log(`webhook ${event} → ${r.url}: ${status === 0 ? 'no answer' : status} (attempt ${attempt})`);
    if (!this.closed && shouldRedeliver(status) && attempt < this.opts.maxAttempts) {
      const delay = this.opts.baseDelayMs * 2 ** (attempt - 1);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.deliver(r, event, body, identifier, attempt + 1);
      }, delay);
      this.timers.add(timer);
      return;
    }
    this.settle();
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.pending -= this.timers.size;
    this.timers.clear();
    if (this.pending <= 0) {
      this.pending = 0;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
