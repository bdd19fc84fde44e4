import { createHash, createHmac } from 'node:crypto';
import { approvalPage, messagePage, PAGE_CSP } from './page.js';
import { createRateLimiter } from './rate-limit.js';
import { createLinkSigner, recipientHash } from './tokens.js';

const KEY = 'a-deployment-secret-of-at-least-32-chars';
const now = new Date('2027-01-12T08:00:00Z');
const inAWeek = new Date('2027-01-19T08:00:00Z');

describe('signed links', () => {
  const signer = createLinkSigner(KEY);
  const token = signer.sign({
    purpose: 'approval',
    subject: 'req-1',
    recipient: 'IT@Frost.example',
    expiresAt: inAWeek,
  });

  it('verifies its own token and carries purpose, subject and the recipient hash only', () => {
    const got = signer.verify(token, now);
    expect(got).toEqual({
      ok: true,
      claims: {
        v: 1,
        p: 'approval',
        s: 'req-1',
        r: recipientHash('it@frost.example'),
        e: inAWeek.getTime() / 1000,
      },
    });
    expect(token).not.toContain('frost');
    expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toContain('@');
  });

  it('refuses a token with a changed claim, another key, or garbage as forged', () => {
    const [body, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, s: 'req-2' })).toString('base64url');
    expect(signer.verify(`${tampered}.${mac}`, now)).toEqual({ ok: false, problem: 'forged' });
    expect(createLinkSigner(`${KEY}-other`).verify(token, now)).toEqual({ ok: false, problem: 'forged' });
    for (const bad of ['', 'abc', `${body}.`, `${body}.${mac}x`, `${body}.${mac}.x`, 'a'.repeat(600)])
      expect(signer.verify(bad, now)).toEqual({ ok: false, problem: 'forged' });
  });

  it('says expired once the time is up', () => {
    expect(signer.verify(token, inAWeek)).toMatchObject({
      ok: false,
      problem: 'expired',
      claims: { s: 'req-1' },
    });
  });

  it('derives its key for this purpose: a plain HMAC with the raw secret does not verify', () => {
    const body = token.split('.')[0]!;
    const raw = createHmac('sha256', KEY).update(body).digest('base64url');
    expect(signer.verify(`${body}.${raw}`, now)).toEqual({ ok: false, problem: 'forged' });
  });
});

describe('the page', () => {
  it('escapes what it shows and allows only its own stylesheet', () => {
    const html = approvalPage({
      token: 't"><script>',
      language: 'en',
      register: 'formal',
      issueKey: 'SUP-7',
      summary: '<img src=x onerror=alert(1)>',
      estimate: { hours: 16 },
      reason: { en: 'Not covered & paid', ru: 'Не входит' },
      contractNumber: 'FF-2027/1',
      zone: ['Database <servers>'],
    });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('16 hours');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(css, 'utf8').digest('base64');
    expect(PAGE_CSP).toContain(`'sha256-${hash}'`);
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('labels every control', () => {
    const html = approvalPage({
      token: 't',
      language: 'ru',
      register: 'informal',
      issueKey: 'SUP-7',
      summary: 'Миграция',
      estimate: { hours: 16, cost: '64 000 ₽' },
      reason: { en: 'x', ru: 'Не входит в договор' },
      contractNumber: 'N',
      zone: [],
    });
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<label class="block" for="comment">');
    expect(html).toContain('id="comment"');
    expect(html).toContain('16 часов');
    expect(messagePage('ru', 'formal', 'problem', 'problem.used')).toContain('role="alert"');
  });
});

describe('rate limit', () => {
  it('counts per key within the window and forgets after it', () => {
    const limiter = createRateLimiter({ limit: (k) => (k.startsWith('token:') ? 2 : 3), windowMs: 1_000 });
    expect(limiter.allow(['token:a', 'addr:1'], 0)).toBe(true);
    expect(limiter.allow(['token:a', 'addr:1'], 10)).toBe(true);
    expect(limiter.allow(['token:a', 'addr:1'], 20)).toBe(false);
    expect(limiter.allow(['token:b', 'addr:1'], 30)).toBe(false);
    expect(limiter.allow(['token:a', 'addr:1'], 1_100)).toBe(true);
  });
});
