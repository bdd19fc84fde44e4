// Notification metrics on the platform's prom-client registry: outcomes and send times through the
// worker's hooks, and outbox depth read from the table at scrape time.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Queryable } from '../store/db.js';
import { countUndelivered } from './outbox.js';
import type { OutboxHooks } from './worker.js';

/** Registers the notification metrics on `registry` and returns the hooks that feed them. */
export function registerNotifyMetrics(registry: Registry, db: Queryable): OutboxHooks {
  const registers = [registry];
  const outcomes = new Counter({
    name: 'frontline_notifications_total',
    help: 'Notification send outcomes by channel: sent, retry, failed, held (no channel), uncertain (interrupted mid-send or an unknown outcome: not resent automatically)',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const sendSeconds = new Histogram({
    name: 'frontline_notification_send_seconds',
    help: 'Time a channel took to accept a notification',
    labelNames: ['channel'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  new Gauge({
    name: 'frontline_outbox_messages',
    help: 'Notifications not yet delivered, by channel and status',
    labelNames: ['channel', 'status'] as const,
    registers,
    async collect() {
      const counts = await countUndelivered(db).catch(() => undefined);
      if (!counts) return;
      this.reset();
      for (const { channel, status, count } of counts) this.set({ channel, status }, count);
    },
  });
  return {
    onSent: ({ channel, durationMs }) => {
      outcomes.inc({ channel, outcome: 'sent' });
      sendSeconds.observe({ channel }, durationMs / 1000);
    },
    onRetry: ({ channel }) => outcomes.inc({ channel, outcome: 'retry' }),
    onFailed: ({ channel }) => outcomes.inc({ channel, outcome: 'failed' }),
    onHeld: ({ channel }) => outcomes.inc({ channel, outcome: 'held' }),
    onUncertain: ({ channel }) => outcomes.inc({ channel, outcome: 'uncertain' }),
  };
}

/** Pending and in-progress notifications per channel, keyed like queues (`notify-email`), for the queue-depth gauge. */
export async function outboxQueueDepth(db: Queryable): Promise<Record<string, number>> {
  const depth: Record<string, number> = {};
  for (const { channel, status, count } of await countUndelivered(db)) {
    if (status === 'pending' || status === 'sending')
      depth[`notify-${channel}`] = (depth[`notify-${channel}`] ?? 0) + count;
  }
  return depth;
}
