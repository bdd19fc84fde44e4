// Small test doubles for notification tests: a log that keeps its lines, a settable clock and a
// scripted channel.
import type { Channel, ChannelKind, NotifyLogger, OutboundMessage, SendResult } from '../types.js';

export interface KeptLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

/** A logger that keeps every line for assertions. */
export function keptLog(): NotifyLogger & { lines: KeptLine[] } {
  const lines: KeptLine[] = [];
  return {
    lines,
    info: (obj, msg) => void lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void lines.push({ level: 'error', obj, msg }),
  };
}

/** A clock that stands still until moved. */
export function manualClock(start: string): {
  now: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
} {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => void (at += ms),
    set: (iso) => void (at = new Date(iso).getTime()),
  };
}

/** A channel that answers from a script (then succeeds) and records what it was asked to send. */
export function scriptedChannel(
  kind: ChannelKind,
  ...script: SendResult[]
): Channel & { sent: Array<{ recipient: string; message: OutboundMessage }> } {
  const sent: Array<{ recipient: string; message: OutboundMessage }> = [];
  return {
    kind,
    sent,
    send(recipient, message) {
      const next = script.shift() ?? { ok: true, value: { providerRef: `ref-${sent.length + 1}` } };
      if (next.ok) sent.push({ recipient, message });
      return Promise.resolve(next);
    },
  };
}

/** A ticket message as the tests send it. */
export function ticketMessage(key = 'SUP-42', overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    subject: `${key} needs an engineer`,
    text: 'Storage array NW-ARR-07 reports a failed disk\nCustomer: Nordlog Logistics\nPriority: High',
    issueKey: key,
    link: { url: `https://northwind.atlassian.net/browse/${key}`, label: `Open ${key}` },
    ...overrides,
  };
}
