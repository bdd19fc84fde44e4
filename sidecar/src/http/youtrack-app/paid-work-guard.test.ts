// The app's paid-work guard rule (youtrack-app/paid-work-guard.js) as YouTrack runs it, its http calls
// recorded: which changes it asks about, that its question is signed as the sidecar checks it, and
// that only the sidecar's explicit refusal stops a change.
import { checkSignedRequest } from './signature.js';
import { fakeEntities, fakeIssue, loadAppScript, recordingHttp, user } from './testing.js';
import type { FakeIssueInput, LoadedRule, SentRequest } from './testing.js';

const SECRET = 'hw-desk-shared-secret-0123456789';
const SETTINGS = { sidecarUrl: 'https://frontline.example.com/', sidecarSecret: SECRET };
const alexei = user('alexei', 'Alexei Smirnov');

class ChangeRefused extends Error {}
const workflow = {
  check(condition: boolean, message: string) {
    if (!condition) throw new ChangeRefused(message);
  },
};

function loadGuard(answer?: Parameters<typeof recordingHttp>[0]) {
  const recorder = recordingHttp(answer);
  const warnings: string[] = [];
  const { rule } = loadAppScript<{ rule: LoadedRule }>('paid-work-guard.js', {
    entities: fakeEntities,
    http: recorder.http,
    workflow,
    console: { warn: (text: string) => warnings.push(text), log: () => undefined },
  });
  return { rule, sent: recorder.sent, warnings };
}

function hwq7(overrides: Partial<FakeIssueInput> = {}) {
  return fakeIssue({
    id: 'HWQ-7',
    summary: 'Replace the UPS batteries',
    created: Date.UTC(2026, 11, 1, 7),
    project: { key: 'HWQ', name: 'Hardware queue', fields: ['State'] },
    fields: { State: { name: 'In Progress', isResolved: false } },
    changed: { State: { name: 'Open', isResolved: false } },
    ...overrides,
  });
}

const ctx = (issue: ReturnType<typeof hwq7>, settings: Record<string, unknown> = SETTINGS) => ({
  issue,
  currentUser: alexei,
  settings,
});

describe('paid-work-guard.js', () => {
  it('asks only about a reported issue’s State moving to an unresolved state', () => {
    const { rule } = loadGuard();
    expect(rule.guard(ctx(hwq7()))).toBe(true);
    expect(rule.guard(ctx(hwq7({ changed: { Priority: { name: 'Major' } } })))).toBe(false);
    expect(rule.guard(ctx(hwq7({ becomesReported: true })))).toBe(false);
    expect(rule.guard(ctx(hwq7({ isReported: false })))).toBe(false);
    expect(rule.guard(ctx(hwq7({ fields: { State: { name: 'Fixed', isResolved: true } } })))).toBe(false);
  });

  it('asks with a request the sidecar accepts, for this issue’s check and the new state', () => {
    const { rule, sent } = loadGuard(() => ({ code: 200, response: '{"allowed":true}' }));
    rule.action(ctx(hwq7()));
    expect(sent).toHaveLength(1);
    const request: SentRequest = sent[0]!;
    expect([request.url, request.method, request.path]).toEqual([
      'https://frontline.example.com',
      'POST',
      '/youtrack/api/issues/HWQ-7/approval/check',
    ]);
    expect(JSON.parse(request.body)).toEqual({ state: 'In Progress' });
    const checked = checkSignedRequest({
      secrets: [SECRET],
      method: request.method,
      path: request.path,
      timestamp: request.headers['X-Frontline-Timestamp'],
      signature: request.headers['X-Frontline-Signature'],
      body: Buffer.from(request.body),
      now: new Date(),
    });
    expect(checked).toEqual({ ok: true });
  });

  it('refuses the change with the sidecar’s message when it says no', () => {
    const message = 'HWQ-7 is paid work…\nHWQ-7 — платная работа…';
    const { rule } = loadGuard(() => ({
      code: 200,
      response: JSON.stringify({ allowed: false, refusal: 'approvalAwaiting', message }),
    }));
    expect(() => rule.action(ctx(hwq7()))).toThrow(new ChangeRefused(message));
  });

  it('lets the change through, and logs why, when the sidecar cannot answer or is not set up', () => {
    for (const reply of [
      { exception: new Error('connect ECONNREFUSED') },
      { code: 503, response: '{"error":{"code":"youtrack_app_not_configured","message":"not set"}}' },
      { code: 200, response: 'not json' },
    ]) {
      const { rule, warnings } = loadGuard(() => reply);
      expect(() => rule.action(ctx(hwq7()))).not.toThrow();
      expect(warnings).toEqual([expect.stringMatching(/^Frontline: HWQ-7 moved to In Progress without/)]);
    }
    const { rule, sent, warnings } = loadGuard();
    expect(() => rule.action(ctx(hwq7(), { sidecarSecret: SECRET }))).not.toThrow();
    expect(sent).toHaveLength(0);
    expect(warnings).toEqual([expect.stringContaining('Set the sidecar URL')]);
    expect(warnings.join('\n')).not.toContain(SECRET);
  });
});
