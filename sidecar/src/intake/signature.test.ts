import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { bodyHash, signBody, verifySignature } from './signature.js';

const secret = fc.string({ minLength: 16, maxLength: 40 });
const body = fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes));

describe('verifySignature', () => {
  it('accepts a body signed with any one of the configured secrets (rotation)', () => {
    fc.assert(
      fc.property(body, fc.array(secret, { minLength: 1, maxLength: 4 }), fc.nat(), (raw, secrets, pick) => {
        const signer = secrets[pick % secrets.length]!;
        return verifySignature(raw, signBody(raw, signer), secrets);
      }),
    );
  });

  it('rejects a signature made with a secret that is not configured', () => {
    fc.assert(
      fc.property(body, fc.array(secret, { maxLength: 4 }), secret, (raw, secrets, other) => {
        fc.pre(!secrets.includes(other));
        return !verifySignature(raw, signBody(raw, other), secrets);
      }),
    );
  });

  it('rejects a body changed after signing', () => {
    fc.assert(
      fc.property(body, secret, fc.nat(), fc.integer({ min: 1, max: 255 }), (raw, key, at, flip) => {
        fc.pre(raw.length > 0);
        const tampered = Buffer.from(raw);
        const i = at % tampered.length;
        tampered[i] = tampered[i]! ^ flip;
        return !verifySignature(tampered, signBody(raw, key), [key]);
      }),
    );
  });

  it('matches an independently computed HMAC and accepts upper-case hex', () => {
    const raw = Buffer.from('{"webhookEvent":"jira:issue_created"}');
    const hex = createHmac('sha256', 'northwind-current-secret-0001').update(raw).digest('hex');
    expect(verifySignature(raw, `sha256=${hex}`, ['northwind-current-secret-0001'])).toBe(true);
    expect(verifySignature(raw, `sha256=${hex.toUpperCase()}`, ['northwind-current-secret-0001'])).toBe(true);
  });

  it.each([undefined, '', 'sha256=', 'sha1=abc', 'sha256=zz', `sha256=${'0'.repeat(63)}`])(
    'rejects the malformed header %j without throwing',
    (header) => {
      expect(verifySignature(Buffer.from('{}'), header, ['northwind-current-secret-0001'])).toBe(false);
    },
  );

  it('rejects everything when no secret is configured', () => {
    const raw = Buffer.from('{}');
    expect(verifySignature(raw, signBody(raw, 'northwind-current-secret-0001'), [])).toBe(false);
  });
});

describe('bodyHash', () => {
  it('is the same for equal bodies and differs for different ones', () => {
    fc.assert(fc.property(body, body, (a, b) => (bodyHash(a) === bodyHash(b)) === a.equals(b)));
  });
});
