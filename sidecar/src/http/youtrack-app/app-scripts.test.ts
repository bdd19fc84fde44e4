// The YouTrack app's workflow rules and signing, run as YouTrack runs them (CommonJS, the platform's
// modules handed in): what each rule sends, and that the sidecar accepts the signatures it makes.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { YouTrackEventSchema } from '@frontline/shared';
import { verifySignature } from '../../intake/signature.js';
import { checkSignedRequest } from './signature.js';
import {
  comment,
  fakeEntities,
  fakeIssue,
  loadAppScript,
  recordingHttp,
  user,
  type FakeIssueInput,
  type LoadedRule,
  type SentRequest,
} from './testing.js';

const SECRET = 'hw-desk-shared-secret-0123456789';
const SETTINGS = { sidecarUrl: 'https://frontline.example.com/', sidecarSecret: SECRET };
const CREATED = Date.UTC(2026, 10, 24, 7, 0);
const olga = user('olga.sokolova', 'Ольга Соколова', 'olga@northwind.example');
const anna = user('anna.customer', 'Anna Berg', 'anna@translogistic.example');

const HW_FIELDS = ['Priority', 'Type', 'State', 'Assignee', 'Customer'];

function hw15(overrides: Partial<FakeIssueInput> = {}) {
  return fakeIssue({
    id: 'HW-15',
    summary: 'Warehouse scanner does not boot',
    created: CREATED,
    updated: CREATED + 60_000,
    project: { key: 'HW', name: 'Hardware', fields: HW_FIELDS },
    reporter: anna,
    fields: {
      Priority: { name: 'Critical' },
      Type: { name: 'Incident' },
      State: { name: 'Open', isResolved: false },
      Assignee: null,
      Customer: { name: 'TransLogistic' },
    },
    ...overrides,
  });
}

function loadRule(file: string) {
  const recorder = recordingHttp();
  const warnings: string[] = [];
  const { rule } = loadAppScript<{ rule: LoadedRule }>(file, {
    entities: fakeEntities,
    http: recorder.http,
    console: { warn: (text: string) => warnings.push(text), log: () => undefined },
  });
  return { rule, sent: recorder.sent, warnings };
}

/** What the sidecar's intake would make of a delivery: signature checked, body parsed by the contract. */
function asIntake(request: SentRequest) {
  expect(request.method).toBe('POST');
  expect(request.url).toBe('https://frontline.example.com');
  expect(request.path).toBe('/webhooks/youtrack');
  expect(request.headers['Content-Type']).toBe('application/json');
  expect(verifySignature(Buffer.from(request.body), request.headers['X-Frontline-Signature'], [SECRET])).toBe(
    true,
  );
  const event = YouTrackEventSchema.parse(JSON.parse(request.body));
  expect(request.headers['X-Frontline-Delivery']).toBe(event.deliveryId);
  return event;
}

describe('HMAC-SHA256 in the app', () => {
  const { hmacSha256Hex, sha256Hex } = loadAppScript<{
    hmacSha256Hex(secret: string, message: string): string;
    sha256Hex(text: string): string;
  }>('hmac-sha256.js');

  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node’s crypto for any secret and message, Cyrillic and emoji included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        (secret, message) => {
          const expected = createHmac('sha256', secret).update(message, 'utf8').digest('hex');
          expect(hmacSha256Hex(secret, message)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
    const long = 'к'.repeat(100); // a key longer than the block is hashed first
    expect(hmacSha256Hex(long, 'Заявка HW-15 🔥')).toBe(
      createHmac('sha256', long).update('Заявка HW-15 🔥').digest('hex'),
    );
  });
});

describe('issue-created.js', () => {
  it('sends a reported issue once, signed, in the events contract', () => {
    const { rule, sent } = loadRule('issue-created.js');
    const issue = hw15({ becomesReported: true });
    const ctx = { issue, currentUser: anna, settings: SETTINGS };
    expect(rule.guard(ctx)).toBe(true);
    rule.action(ctx);
    expect(sent).toHaveLength(1);
    const event = asIntake(sent[0]!);
    expect(event).toMatchObject({
      type: 'issue.created',
      issue: {
        idReadable: 'HW-15',
        summary: 'Warehouse scanner does not boot',
        created: CREATED,
        resolved: null,
        project: { shortName: 'HW', name: 'Hardware' },
        reporter: { login: 'anna.customer', email: 'anna@translogistic.example' },
      },
      author: { login: 'anna.customer' },
    });
    expect(event.issue.customFields).toEqual([
      {
        name: 'Priority',
        $type: 'SingleEnumIssueCustomField',
        value: { name: 'Critical', $type: 'EnumBundleElement' },
      },
      {
        name: 'Type',
        $type: 'SingleEnumIssueCustomField',
        value: { name: 'Incident', $type: 'EnumBundleElement' },
      },
      {
        name: 'State',
        $type: 'StateIssueCustomField',
        value: { name: 'Open', isResolved: false, $type: 'StateBundleElement' },
      },
      { name: 'Assignee', $type: 'SingleUserIssueCustomField', value: null },
      {
        name: 'Customer',
        $type: 'SingleEnumIssueCustomField',
        value: { name: 'TransLogistic', $type: 'EnumBundleElement' },
      },
    ]);
  });

  it('stays quiet for an issue that was already reported (a draft saved, an edit)', () => {
    const { rule } = loadRule('issue-created.js');
    expect(
      rule.guard({ issue: hw15({ becomesReported: false }), currentUser: olga, settings: SETTINGS }),
    ).toBe(false);
  });

  it('sends only the fields the project has, and a customer field named in the settings', () => {
    const { rule, sent } = loadRule('issue-created.js');
    const issue = hw15({
      becomesReported: true,
      project: { key: 'HW', name: 'Hardware', fields: ['Priority', 'Client'] },
      fields: { Priority: { name: 'Major' }, Client: 'Vostok Retail' },
    });
    rule.action({ issue, currentUser: anna, settings: { ...SETTINGS, customerField: 'Client' } });
    expect(asIntake(sent[0]!).issue.customFields).toEqual([
      {
        name: 'Priority',
        $type: 'SingleEnumIssueCustomField',
        value: { name: 'Major', $type: 'EnumBundleElement' },
      },
      { name: 'Client', $type: 'SimpleIssueCustomField', value: 'Vostok Retail' },
    ]);
  });

  it('does not send without a sidecar URL and secret, and says so without the secret', () => {
    const { rule, sent, warnings } = loadRule('issue-created.js');
    rule.action({
      issue: hw15({ becomesReported: true }),
      currentUser: anna,
      settings: { sidecarSecret: SECRET },
    });
    rule.action({
      issue: hw15({ becomesReported: true }),
      currentUser: anna,
      settings: { sidecarUrl: 'https://frontline.example.com', sidecarSecret: 'short' },
    });
    expect(sent).toHaveLength(0);
    expect(warnings).toEqual([
      expect.stringContaining('Set the sidecar URL'),
      expect.stringContaining('Set the shared secret'),
    ]);
    expect(warnings.join('\n')).not.toContain(SECRET);
  });

  it('never fails the user’s change when the sidecar refuses or cannot be reached', () => {
    const warnings: string[] = [];
    for (const reply of [
      { code: 401, response: '{"error":{"code":"signature_invalid","message":"no match"}}' },
      { exception: new Error('connect ECONNREFUSED') },
    ]) {
      const { rule } = loadAppScript<{ rule: LoadedRule }>('issue-created.js', {
        entities: fakeEntities,
        http: recordingHttp(() => reply).http,
        console: { warn: (text: string) => warnings.push(text), log: () => undefined },
      });
      expect(() =>
        rule.action({ issue: hw15({ becomesReported: true }), currentUser: anna, settings: SETTINGS }),
      ).not.toThrow();
    }
    expect(warnings).toEqual([
      expect.stringContaining('(401 signature_invalid)'),
      expect.stringContaining('(0 sidecar_unreachable)'),
    ]);
  });
});

describe('issue-updated.js', () => {
  it('sends what changed among the fields the desk reads, old and new', () => {
    const { rule, sent } = loadRule('issue-updated.js');
    const issue = hw15({
      fields: {
        Priority: { name: 'Critical' },
        Type: { name: 'Incident' },
        State: { name: 'In Progress', isResolved: false },
        Assignee: olga,
        Customer: { name: 'TransLogistic' },
      },
      changed: { Priority: { name: 'Major' }, Assignee: null, summary: 'Scanner broken' },
    });
    const ctx = { issue, currentUser: olga, settings: SETTINGS };
    expect(rule.guard(ctx)).toBe(true);
    rule.action(ctx);
    const event = asIntake(sent[0]!);
    expect(event.type).toBe('issue.updated');
    expect(event.author).toEqual({ login: 'olga.sokolova', fullName: 'Ольга Соколова' });
    expect(event.changes).toEqual([
      {
        field: 'Priority',
        removed: { name: 'Major', $type: 'EnumBundleElement' },
        added: { name: 'Critical', $type: 'EnumBundleElement' },
      },
      {
        field: 'Assignee',
        removed: null,
        added: { login: 'olga.sokolova', fullName: 'Ольга Соколова', $type: 'User' },
      },
      { field: 'summary', removed: 'Scanner broken', added: 'Warehouse scanner does not boot' },
    ]);
  });

  it('reports a move to another project with the old project’s short name', () => {
    const { rule, sent } = loadRule('issue-updated.js');
    const issue = hw15({
      id: 'NET-7',
      project: { key: 'NET', name: 'Network', fields: HW_FIELDS },
      changed: { project: { key: 'HW' } },
    });
    rule.action({ issue, currentUser: olga, settings: SETTINGS });
    expect(asIntake(sent[0]!).changes).toEqual([{ field: 'project', removed: 'HW', added: 'NET' }]);
  });

  it('stays quiet when nothing the desk reads changed, and for a newly reported issue', () => {
    const { rule } = loadRule('issue-updated.js');
    expect(
      rule.guard({
        issue: hw15({ changed: { description: 'more details' } }),
        currentUser: olga,
        settings: SETTINGS,
      }),
    ).toBe(false);
    expect(
      rule.guard({
        issue: hw15({ becomesReported: true, changed: { Priority: null } }),
        currentUser: olga,
        settings: SETTINGS,
      }),
    ).toBe(false);
  });
});

describe('issue-commented.js', () => {
  it('sends one event per added comment, public or restricted, each with its own delivery id', () => {
    const { rule, sent } = loadRule('issue-commented.js');
    const issue = hw15({
      comments: [comment('earlier', CREATED + 1_000, anna)],
      addedComments: [
        comment('Photo of the error attached', CREATED + 120_000, anna),
        comment('Checked the logs: power board', CREATED + 121_000, olga, ['Hardware engineers']),
      ],
    });
    const ctx = { issue, currentUser: olga, settings: SETTINGS };
    expect(rule.guard(ctx)).toBe(true);
    rule.action(ctx);
    const events = sent.map(asIntake);
    expect(
      events.map((e) => [e.type, e.comment?.author.login, e.comment?.visibility, e.comment?.text]),
    ).toEqual([
      ['issue.commented', 'anna.customer', 'public', 'Photo of the error attached'],
      ['issue.commented', 'olga.sokolova', 'restricted', 'Checked the logs: power board'],
    ]);
    expect(new Set(events.map((e) => e.deliveryId)).size).toBe(2);
    expect(events[0]!.author.login).toBe('anna.customer');
  });

  it('stays quiet when no comment was added', () => {
    const { rule } = loadRule('issue-commented.js');
    expect(
      rule.guard({
        issue: hw15({ comments: [comment('old', CREATED, anna)] }),
        currentUser: olga,
        settings: SETTINGS,
      }),
    ).toBe(false);
  });
});

describe('the backend handler’s signed calls', () => {
  const { appRequest } = loadAppScript<{
    appRequest(input: {
      secret: string;
      method: 'GET' | 'POST';
      path: string;
      body?: unknown;
      now: number;
    }): {
      headers: { name: string; value: string }[];
      body: string;
    };
  }>('frontline-sidecar.js', { http: recordingHttp().http });
  const headerOf = (r: { headers: { name: string; value: string }[] }, name: string) =>
    r.headers.find((h) => h.name === name)?.value;

  it('are accepted by the sidecar’s check, and only for the route, time and body they were made for', () => {
    const now = Date.UTC(2026, 10, 24, 9, 30);
    const path = '/youtrack/api/issues/HW-15/assign';
    const signed = appRequest({ secret: SECRET, method: 'POST', path, body: { accountId: 'acc-olga' }, now });
    const check = (over: { path?: string; body?: string; at?: number; secrets?: string[] }) =>
      checkSignedRequest({
        secrets: over.secrets ?? ['an-older-secret-0000000000', SECRET],
        method: 'POST',
        path: over.path ?? path,
        timestamp: headerOf(signed, 'X-Frontline-Timestamp'),
        signature: headerOf(signed, 'X-Frontline-Signature'),
        body: Buffer.from(over.body ?? signed.body),
        now: new Date(over.at ?? now + 60_000),
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ path: '/youtrack/api/issues/HW-16/assign' })).toMatchObject({
      ok: false,
      code: 'signature_invalid',
    });
    expect(check({ body: '{"accountId":"acc-mallory"}' })).toMatchObject({
      ok: false,
      code: 'signature_invalid',
    });
    expect(check({ at: now + 5 * 60_000 + 1 })).toMatchObject({
      ok: false,
      code: 'timestamp_outside_window',
    });
    expect(check({ secrets: ['someone-elses-secret-000000'] })).toMatchObject({
      ok: false,
      code: 'signature_invalid',
    });
  });
});
