import fc from 'fast-check';
import { createSecretBox } from './secret-box.js';

const KEY = 'northwind-service-test-key-0001';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(KEY);

  it('opens what it sealed, for any text and context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (plain, context) => {
        const opened = box.open(box.seal(plain, context), context);
        expect(opened).toEqual({ ok: true, value: plain });
      }),
      { numRuns: 200 },
    );
  });

  it('never stores the plaintext and uses a fresh nonce each time', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.secret-app-token-for-SUP';
    const a = box.seal(token, 'ctx');
    const b = box.seal(token, 'ctx');
    expect(a).not.toContain('secret-app-token');
    expect(a).not.toBe(b);
  });

  it('rejects any single altered character of a sealed value', () => {
    const sealed = box.seal('x-forge-oauth-system token', 'installation-1:system');
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...'ABCxyz019-_'), (at, ch) => {
        fc.pre(sealed[at] !== ch && sealed[at] !== '.');
        const tampered = sealed.slice(0, at) + ch + sealed.slice(at + 1);
        expect(box.open(tampered, 'installation-1:system').ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('does not open under another context or another key', () => {
    const sealed = box.seal('token', 'installation-1:system');
    expect(box.open(sealed, 'installation-2:system')).toEqual({ ok: false, error: 'authentication_failed' });
    expect(createSecretBox('another-deployment-key-0002').open(sealed, 'installation-1:system')).toEqual({
      ok: false,
      error: 'authentication_failed',
    });
  });

  it('names malformed and foreign formats', () => {
    expect(box.open('not sealed', 'c')).toEqual({ ok: false, error: 'malformed' });
    expect(box.open('v9.a.b.c', 'c')).toEqual({ ok: false, error: 'unsupported_version' });
  });

  it('refuses a key too short to be a secret', () => {
    expect(() => createSecretBox('short')).toThrow(/FRONTLINE_SECRET_KEY/);
  });
});
