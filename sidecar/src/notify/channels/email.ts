// E-mail over SMTP. The only importer of nodemailer.
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { err, ok } from '@frontline/shared';
import { describeNetworkError } from '../../outbound/index.js';
import type { Channel, OutboundMessage, SendContext, SendFailure } from '../types.js';

export interface EmailChannelOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  pass?: string;
  /** The From header, e.g. `"Northwind Service desk" <desk@northwind.example>`. */
  from: string;
  /** Bounds connecting, the greeting and every silence on the socket. */
  timeoutMs?: number;
  /** For loopback test servers with a self-signed certificate. */
  allowSelfSignedTls?: boolean;
}

const RETRYABLE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'ECONNREFUSED',
]);

/**
 * A Message-ID derived from the idempotency key: if a message is ever sent twice (a person retries
 * an uncertain one), both copies carry the same id and mail clients show one.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'frontline.invalid';
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${digest}.notify@${domain}>`;
}

/** The plain-text body: the message, then the link on its own line. */
export function emailText(message: OutboundMessage): string {
  return message.link
    ? `${message.text}\n\n${message.link.label}: ${message.link.url}\n`
    : `${message.text}\n`;
}

/**
 * SMTP answer codes: 4xx is "try later", 5xx is "never" (SMTP's own scale, not HTTP's). Without an
 * answer, the outbound toolkit reads the error like any other network failure: connection trouble
 * (nodemailer's codes, or a system code such as ECONNRESET under them) is worth a retry, other
 * nodemailer codes (EAUTH, ECONFIG, EENVELOPE) are our configuration and permanent. E-mail may be
 * sent again even when the first try may have arrived: the Message-ID makes both copies one.
 */
export function classifySmtpError(error: unknown): SendFailure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; message?: string };
  const reason =
    `smtp: ${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''} ${(e.message ?? '').slice(0, 200)}`.trim();
  if (typeof e.responseCode === 'number') {
    return { kind: e.responseCode >= 400 && e.responseCode < 500 ? 'retryable' : 'permanent', reason };
  }
  if (e.code === undefined || RETRYABLE_CODES.has(e.code)) return { kind: 'retryable', reason };
  const network = describeNetworkError((error as { cause?: unknown }).cause);
  return { kind: network.code !== undefined ? 'retryable' : 'permanent', reason };
}

/** Builds the e-mail channel; `close()` ends the SMTP transport. */
export function createEmailChannel(opts: EmailChannelOptions): Channel & { close(): void } {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? false,
    ...(opts.user !== undefined ? { auth: { user: opts.user, pass: opts.pass ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(opts.allowSelfSignedTls ? { tls: { rejectUnauthorized: false } } : {}),
  });

  return {
    kind: 'email',
    async send(to: string, message: OutboundMessage, context: SendContext) {
      const messageId = messageIdFor(context.idempotencyKey, opts.from);
      try {
        await transport.sendMail({
          from: opts.from,
          to,
          subject: message.subject,
          text: emailText(message),
          messageId,
          headers: {
            'X-Frontline-Outbox-Id': context.outboxId,
            ...(message.issueKey ? { 'X-Frontline-Issue': message.issueKey } : {}),
            // Notifications are machine-sent: ask auto-responders not to answer them.
            'Auto-Submitted': 'auto-generated',
          },
        });
        return ok({ providerRef: messageId });
      } catch (error) {
        return err(classifySmtpError(error));
      }
    },
    close: () => transport.close(),
  };
}
