// The vocabulary of outbound notifications: what a message is, where it goes, and how a send ends.
import type { Result } from '@frontline/shared';
import type { ChannelKind, OutboundMessage } from '../ports.js';

/** The channels Frontline can speak through; `as const` so names stay one list. */
export const CHANNEL_KINDS = ['email', 'telegram', 'slack'] as const satisfies readonly ChannelKind[];
export type { ChannelKind, OutboundMessage } from '../ports.js';

/** Why a send did not go through, and whether trying again can help. */
export interface SendFailure {
  kind: 'retryable' | 'permanent';
  /** A short, secret-free reason for logs and the failed-jobs list. */
  reason: string;
  /** The channel asked us to wait this long (Retry-After, Telegram `retry_after`). */
  retryAfterMs?: number;
  /**
   * The recipient may have the message although the send failed: the request went out and the
   * answer was a 5xx, never came or was cut off. Sending again could deliver it twice. False (or
   * absent) when nothing can have happened: a refused connection, 429/408, a 4xx that rejected it.
   */
  outcomeUnknown?: boolean;
}

/** What the channel gave back for a delivered message (Telegram message id, Slack ts, e-mail Message-ID). */
export interface SendReceipt {
  providerRef?: string;
}

export type SendResult = Result<SendReceipt, SendFailure>;

/** Context the outbox hands a channel with every send. */
export interface SendContext {
  outboxId: string;
  idempotencyKey: string;
}

/** One way out. Implementations never throw for delivery problems; they return a `SendFailure`. */
export interface Channel {
  readonly kind: ChannelKind;
  send(recipient: string, message: OutboundMessage, context: SendContext): Promise<SendResult>;
}

/** The log lines notifications write; a pino logger satisfies it. */
export interface NotifyLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
