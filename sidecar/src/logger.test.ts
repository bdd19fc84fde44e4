import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createLogger, redactSecrets } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination }) };
}

describe('createLogger', () => {
  it('redacts credentials at the top level and nested a few levels deep', () => {
    const { lines, log } = capture();
    log.info(
      {
        password: 'hunter2-northwind',
        req: { headers: { authorization: 'Basic c2VjcmV0', 'x-forge-oauth-system': 'forge-token-value' } },
        jira: { auth: { apiToken: 'jira-api-token-value' } },
        config: { webhookSecrets: ['northwind-current-secret-0001'], databaseUrl: 'postgres://u:pw@db/x' },
        issueKey: 'SUP-1',
      },
      'delivery',
    );
    const text = JSON.stringify(lines);
    for (const secret of [
      'hunter2',
      'c2VjcmV0',
      'forge-token-value',
      'jira-api-token-value',
      'northwind-current',
      'u:pw',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ issueKey: 'SUP-1', msg: 'delivery', password: '[redacted]' });
  });

  it('keeps the delivery or job a child logger belongs to on every line', () => {
    const { lines, log } = capture();
    log.child({ delivery: 'f3b0c7a2', jobId: 'job-1' }).info({ token: 'abc' }, 'accepted');
    expect(lines[0]).toMatchObject({ delivery: 'f3b0c7a2', jobId: 'job-1', token: '[redacted]' });
  });
});

describe('redactSecrets', () => {
  it('censors credential keys at any depth and case, inside arrays, and at the top of child bindings', () => {
    const { lines, log } = capture();
    log
      .child({ job: { name: 'temperature.sweep' }, apiToken: 'child-binding-token' })
      .info(
        { a: { b: { c: { d: { e: { Password: 'six-levels-down' } } } } }, list: [{ secret: 's3' }] },
        'x',
      );
    const text = JSON.stringify(lines);
    for (const secret of ['child-binding-token', 'six-levels-down', 's3"'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ job: { name: 'temperature.sweep' }, list: [{ secret: '[redacted]' }] });
  });

  it('never changes the caller’s object and returns it as is when it holds no secret', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ minLength: 1 }), (value, secret) => {
        const withSecret = { payload: value, nested: { apiToken: secret } };
        const before = JSON.stringify(withSecret);
        const clean = redactSecrets(withSecret) as typeof withSecret;
        expect(JSON.stringify(withSecret)).toBe(before);
        expect(clean.nested.apiToken).toBe('[redacted]');
        if (
          !/token|secret|password|authorization|cookie|signature|passphrase|databaseurl|connectionstring/i.test(
            JSON.stringify(value),
          )
        )
          expect(redactSecrets(value)).toBe(value);
      }),
    );
  });
});
