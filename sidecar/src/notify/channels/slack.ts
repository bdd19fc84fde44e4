// Slack: incoming webhooks (one URL per channel, named in configuration so the URL — a secret —
// never lands in the outbox) or a bot token with chat.postMessage to a channel id.
import { err, ok } from '@frontline/shared';
import { classifyAttempt, parseRetryAfter } from '../../outbound/index.js';
import type { FetchLike } from '../../outbound/index.js';
import { postJson } from '../http-call.js';
import type { Channel, OutboundMessage, SendFailure, SendResult } from '../types.js';

export const SLACK_DEFAULT_API_BASE_URL = 'https://slack.com/api';
/**
 * Web API error codes (answered with HTTP 200) worth another try, and whether Slack may have posted
 * before failing: rate limiting and a truncated request are refused up front; the server errors
 * are Slack's 5xx in disguise and, like them, leave the outcome unknown.
 */
const SLACK_RETRYABLE_ERRORS = new Map<string, { outcomeUnknown: boolean }>([
  ['ratelimited', { outcomeUnknown: false }],
  ['request_timeout', { outcomeUnknown: false }],
  ['internal_error', { outcomeUnknown: true }],
  ['fatal_error', { outcomeUnknown: true }],
  ['service_unavailable', { outcomeUnknown: true }],
]);

export interface SlackChannelOptions {
  /** Incoming webhooks by name; a message whose recipient is a name here goes to that webhook. */
  webhooks?: Record<string, string>;
  /** Bot token (`xoxb-…`) for chat.postMessage; the recipient is then a channel id. */
  botToken?: string;
  apiBaseUrl?: string;
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Clock for HTTP-date `Retry-After` values. */
  now?: () => Date;
}

/** Escapes the three characters Slack's mrkdwn treats as markup. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message as Slack mrkdwn: bold subject, body, link. */
export function slackText(message: OutboundMessage): string {
  const lines = [`*${slackEscape(message.subject)}*`, slackEscape(message.text)];
  if (message.link) lines.push(`<${message.link.url}|${slackEscape(message.link.label)}>`);
  return lines.join('\n');
}

/** Builds the Slack channel; needs at least one webhook or a bot token to be useful. */
export function createSlackChannel(opts: SlackChannelOptions): Channel {
  const fetchFn = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? (() => new Date());
  const apiBaseUrl = (opts.apiBaseUrl ?? SLACK_DEFAULT_API_BASE_URL).replace(/\/+$/, '');

  async function viaWebhook(name: string, url: string, text: string): Promise<SendResult> {
    const label = `slack webhook ${name}`;
    const answer = await postJson(fetchFn, url, { text }, { timeoutMs, label });
    if (!answer.ok) return answer;
    const { status, headers, body } = answer.value;
    if (status >= 200 && status < 300) return ok({});
    return err(httpFailure(label, status, String(body).slice(0, 200), headers.get('retry-after'), now()));
  }

  async function viaApi(channelId: string, text: string): Promise<SendResult> {
    const label = 'slack chat.postMessage';
    const answer = await postJson(
      fetchFn,
      `${apiBaseUrl}/chat.postMessage`,
      { channel: channelId, text, unfurl_links: false },
      { timeoutMs, label, headers: { authorization: `Bearer ${opts.botToken}` } },
    );
    if (!answer.ok) return answer;
    const { status, headers, body } = answer.value;
    const reply = (typeof body === 'object' && body !== null ? body : {}) as {
      ok?: boolean;
      ts?: string;
      error?: string;
    };
    if (status === 200 && reply.ok === true) return ok(reply.ts ? { providerRef: reply.ts } : {});
    const code = reply.error ?? String(status);
    if (status !== 200) return err(httpFailure(label, status, code, headers.get('retry-after'), now()));
    const retryable = SLACK_RETRYABLE_ERRORS.get(code);
    return err({
      kind: retryable ? 'retryable' : 'permanent',
      reason: `${label}: ${code}`,
      outcomeUnknown: retryable?.outcomeUnknown ?? false,
    });
  }

  return {
    kind: 'slack',
    send(recipient, message) {
      const text = slackText(message);
      const webhook = opts.webhooks?.[recipient];
      if (webhook !== undefined) return viaWebhook(recipient, webhook, text);
      if (opts.botToken !== undefined) return viaApi(recipient, text);
      return Promise.resolve(
        err({
          kind: 'permanent',
          reason: `slack: no webhook named "${recipient}" and no bot token configured`,
        }),
      );
    },
  };
}

function httpFailure(
  label: string,
  status: number,
  detail: string,
  retryAfter: string | null,
  now: Date,
): SendFailure {
  const reason = `${label}: ${status} ${detail}`;
  const { kind, outcomeUnknown } = classifyAttempt({ status });
  if (kind !== 'retryable') return { kind: 'permanent', reason, outcomeUnknown };
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  return retryAfterMs === undefined
    ? { kind: 'retryable', reason, outcomeUnknown }
    : { kind: 'retryable', reason, retryAfterMs, outcomeUnknown };
}
