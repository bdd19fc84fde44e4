import fc from 'fast-check';
import { startSlackReceiver } from '../testing/slack-receiver.js';
import type { SlackReceiver } from '../testing/slack-receiver.js';
import { ticketMessage } from '../testing/fakes.js';
import { createSlackChannel, slackEscape, slackText } from './slack.js';

const context = { outboxId: 'ob-1', idempotencyKey: 'k-1' };
let slack: SlackReceiver;

beforeEach(async () => {
  slack = await startSlackReceiver();
});
afterEach(() => slack.close());

describe('Slack channel against a loopback receiver', () => {
  it('posts to the incoming webhook named by the recipient', async () => {
    const channel = createSlackChannel({ webhooks: { 'hw-team': slack.webhookUrl('hw-team') } });
    expect(await channel.send('hw-team', ticketMessage('HW-3'), context)).toEqual({ ok: true, value: {} });
    expect(slack.posts).toEqual([expect.objectContaining({ via: 'webhook', target: 'hw-team' })]);
    expect(slack.posts[0]?.text).toBe(
      '*HW-3 needs an engineer*\nStorage array NW-ARR-07 reports a failed disk\nCustomer: Nordlog Logistics\nPriority: High\n<https://northwind.atlassian.net/browse/HW-3|Open HW-3>',
    );
  });

  it('posts with a bot token to a channel id and keeps the ts', async () => {
    const channel = createSlackChannel({ botToken: 'xoxb-test-token', apiBaseUrl: slack.apiBaseUrl });
    const result = await channel.send('C0DBTEAM', ticketMessage('DB-17'), context);
    expect(result).toEqual({ ok: true, value: { providerRef: '1700000000.000100' } });
    expect(slack.posts[0]).toMatchObject({ via: 'api', target: 'C0DBTEAM' });
  });

  it('honours Retry-After on a 429 from a webhook and from the Web API', async () => {
    slack.script(
      { status: 429, body: 'rate_limited', retryAfter: '3' },
      { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter: '30' },
    );
    const hook = createSlackChannel({ webhooks: { sup: slack.webhookUrl('sup') } });
    expect(await hook.send('sup', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'retryable', retryAfterMs: 3_000 },
    });
    const api = createSlackChannel({ botToken: 'xoxb-test-token', apiBaseUrl: slack.apiBaseUrl });
    expect(await api.send('C1', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'retryable', retryAfterMs: 30_000 },
    });
  });

  it('treats a missing channel as permanent and a 503 as retryable', async () => {
    slack.script({ status: 404, body: 'channel_not_found' }, { status: 503, body: 'service unavailable' });
    const channel = createSlackChannel({ webhooks: { sup: slack.webhookUrl('sup') } });
    expect(await channel.send('sup', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'permanent', reason: 'slack webhook sup: 404 channel_not_found' },
    });
    expect(await channel.send('sup', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'retryable' },
    });
  });

  it('says when Slack may have posted although the call failed', async () => {
    slack.script(
      { status: 503, body: 'service unavailable' },
      { status: 429, body: 'rate_limited', retryAfter: '1' },
      { status: 408, body: 'request timeout' },
      { status: 200, body: { ok: false, error: 'internal_error' } },
      { status: 200, body: { ok: false, error: 'ratelimited' } },
      'hang',
    );
    const hook = createSlackChannel({ webhooks: { sup: slack.webhookUrl('sup') }, timeoutMs: 250 });
    const api = createSlackChannel({ botToken: 'xoxb-test-token', apiBaseUrl: slack.apiBaseUrl });
    const unknown = async (channel: typeof hook, recipient: string) => {
      const result = await channel.send(recipient, ticketMessage(), context);
      return result.ok ? 'sent' : result.error.outcomeUnknown === true;
    };
    expect(await unknown(hook, 'sup')).toBe(true); // 503
    expect(await unknown(hook, 'sup')).toBe(false); // 429: refused before posting
    expect(await unknown(hook, 'sup')).toBe(false); // 408: refused before posting
    expect(await unknown(api, 'C1')).toBe(true); // internal_error: may have posted
    expect(await unknown(api, 'C1')).toBe(false); // ratelimited
    expect(await unknown(hook, 'sup')).toBe(true); // no answer after the request went out
    await slack.close();
    expect(await unknown(hook, 'sup')).toBe(false); // refused connection: nothing went out
  });

  it('reports an API error such as invalid_auth as permanent', async () => {
    const channel = createSlackChannel({ botToken: 'xoxb-wrong', apiBaseUrl: slack.apiBaseUrl });
    expect(await channel.send('C1', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'permanent', reason: 'slack chat.postMessage: invalid_auth' },
    });
  });

  it('refuses a recipient it has no webhook for when there is no bot token', async () => {
    const channel = createSlackChannel({ webhooks: {} });
    expect(await channel.send('parts', ticketMessage(), context)).toMatchObject({
      ok: false,
      error: { kind: 'permanent' },
    });
    expect(slack.attempts).toBe(0);
  });

  it('times out on a hung receiver', async () => {
    slack.script('hang');
    const channel = createSlackChannel({ webhooks: { sup: slack.webhookUrl('sup') }, timeoutMs: 250 });
    const started = Date.now();
    const result = await channel.send('sup', ticketMessage(), context);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'retryable', reason: 'slack webhook sup: no answer within 250 ms' },
    });
  });
});

describe('Slack text', () => {
  it('escapes markup so a summary cannot forge a link or a mention', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = slackEscape(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(text);
      }),
    );
  });

  it('keeps the only real link the one Frontline adds', () => {
    const text = slackText(ticketMessage('SUP-1', { text: 'see <https://evil.example|here> & <!channel>' }));
    expect(text.match(/<[^>]*>/g)).toEqual(['<https://northwind.atlassian.net/browse/SUP-1|Open SUP-1>']);
  });
});
