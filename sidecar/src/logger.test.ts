import { Writable } from 'node:stream';
import { createLogger, redactionPaths } from './logger.js';

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

describe('redactionPaths', () => {
  it('quotes keys that are not identifiers and repeats each key under wildcards', () => {
    expect(redactionPaths(['x-hub-signature'], 2)).toEqual([
      '["x-hub-signature"]',
      '*["x-hub-signature"]',
      '*.*["x-hub-signature"]',
    ]);
    expect(redactionPaths(['token'], 1)).toEqual(['token', '*.token']);
  });
});
